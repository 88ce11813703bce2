/**
 * Child of bench/loaders.bench.ts under Vitest's module runner (bench/loaders/vitest.config.ts, not part
 * of `npm test`): the memory module and the baselines are imported as a user's test imports them, so
 * the runner transforms them and every import between modules becomes a read on a module object.
 */
import { test } from 'vitest';
import * as memory from '../../src/memory/index.ts';
import * as baselines from '../baselines.ts';
import { measureLoops, reportToParent } from './measureLoops.ts';

test('hot loops under the module runner', () => {
  reportToParent(measureLoops(memory, baselines));
});
