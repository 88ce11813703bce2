/**
 * Property tests of pooled components: random spawns, adds, removals, commits and walks that remove,
 * against the invariant that the pool holds exactly the component's entities, in both indexings.
 */
import {
  addEntity,
  commitRemovals,
  getAllEntities,
  hasComponent,
  registerQuery,
  removeComponent,
  removeEntity,
  type World,
} from 'bitecs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnyPooledComponent,
  type IndexBy,
  slotOf,
  spawnPooled,
  tryAddPooled,
} from '../../src/ecs/index.ts';
import { setupIndexed } from './helpers.ts';

type Op =
  | { op: 'spawn' }
  | { op: 'entity' }
  | { op: 'add' | 'removeComponent' | 'removeEntity'; pick: number }
  | { op: 'walk'; mask: number }
  | { op: 'commit' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ op: 'spawn' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'entity' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'commit' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('walk' as const), mask: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom('add' as const, 'removeComponent' as const, 'removeEntity' as const),
      pick: fc.nat(),
    }),
  },
);

/**
 * Walks the component's pool backwards, as a system that touches it alone does, removing the entity
 * of every record whose `hp` has bit `hp % 31` of `mask` set; returns the entities visited.
 */
function walkRemoving(ecs: World, things: AnyPooledComponent, mask: number): number[] {
  const visited: number[] = [];
  const { pool, entities, fields } = things;
  for (let s = pool.live - 1; s >= 0; s--) {
    const eid = entities[s];
    visited.push(eid);
    const row = things.indexBy === 'slot' ? s : eid;
    if ((mask >>> (fields.hp[row] % 31)) & 1) removeEntity(ecs, eid);
  }
  return visited;
}

describe.each<IndexBy>(['slot', 'entity'])(
  'invariants under random adds and removals (property), indexBy %s',
  (indexBy) => {
    it('live = entities with the component = query length; each has its own record, which walks find once', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 6 }), fc.array(opArb, { maxLength: 60 }), (capacity, ops) => {
          const { ecs, things } = setupIndexed(indexBy, capacity, 64);
          const q = registerQuery(ecs, [things]);
          let refusals = 0;
          // Each holder's record carries a tag (in hp) written when it got the component.
          const tags = new Map<number, number>();
          let nextTag = 1;
          const tag = (eid: number) => {
            if (tags.has(eid) || !hasComponent(ecs, eid, things)) return;
            things.fields.hp[slotOf(things, eid)] = nextTag;
            tags.set(eid, nextTag++);
          };
          for (const op of ops) {
            const alive = getAllEntities(ecs);
            const target = 'pick' in op && alive.length > 0 ? alive[op.pick % alive.length] : -1;
            const full = things.pool.available === 0;
            if (op.op === 'spawn') {
              const had = alive.length;
              const eid = spawnPooled(ecs, things);
              expect(eid === -1).toBe(full);
              expect(getAllEntities(ecs).length).toBe(full ? had : had + 1);
              if (full) refusals++;
              else tag(eid);
            } else if (op.op === 'entity') addEntity(ecs);
            else if (op.op === 'commit') commitRemovals(ecs);
            else if (op.op === 'walk') {
              const holders = getAllEntities(ecs).filter((eid) => hasComponent(ecs, eid, things));
              const visited = walkRemoving(ecs, things, op.mask);
              expect(visited.length).toBe(holders.length);
              expect(new Set(visited)).toEqual(new Set(holders));
            } else if (target !== -1 && op.op === 'add') {
              const lacks = !hasComponent(ecs, target, things);
              expect(tryAddPooled(ecs, target, things)).toBe(!(full && lacks));
              if (full && lacks) refusals++;
              else tag(target);
            } else if (target !== -1 && op.op === 'removeComponent') removeComponent(ecs, target, things);
            else if (target !== -1) removeEntity(ecs, target);
            for (const eid of [...tags.keys()]) if (!hasComponent(ecs, eid, things)) tags.delete(eid);

            const holders = getAllEntities(ecs).filter((eid) => hasComponent(ecs, eid, things));
            expect(things.pool.live).toBe(holders.length);
            const slots = holders.map((eid) => slotOf(things, eid));
            expect(new Set(slots).size).toBe(holders.length);
            // Each record is the entity's own, wherever packing moved it, and the pool names it back.
            expect(slots.map((slot) => things.fields.hp[slot])).toEqual(holders.map((eid) => tags.get(eid)));
            expect(holders.map((eid) => things.entities[things.pool.slotOf(things.handles[eid])])).toEqual(
              holders,
            );
            if (indexBy === 'entity') expect(slots).toEqual(holders);
            const strays = Array.from(things.handles.keys()).filter(
              (eid) => things.handles[eid] !== -1 && !holders.includes(eid),
            );
            expect(strays).toEqual([]);
            expect(things.pool.failureCount).toBe(refusals);
            if (op.op === 'commit')
              expect([...q.dense].sort((a, b) => a - b)).toEqual(holders.sort((a, b) => a - b));
          }
        }),
        { numRuns: 1000 },
      );
    }, 30_000);
  },
);
