/** The five suites of the peer benchmark, in its order. */
import { ADD_REMOVE } from './addRemove.ts';
import { ENTITY_CYCLE } from './entityCycle.ts';
import { FRAG_ITER } from './fragIter.ts';
import { PACKED_5 } from './packed5.ts';
import { SIMPLE_ITER } from './simpleIter.ts';
import type { EcsSuite } from './suite.ts';

export const SUITES: readonly EcsSuite[] = [PACKED_5, SIMPLE_ITER, FRAG_ITER, ENTITY_CYCLE, ADD_REMOVE];
