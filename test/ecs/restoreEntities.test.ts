/**
 * After a pool's `restore`, `restorePooledEntities` makes bitecs agree with it again: the entities
 * the records name exist with their records and their ids, the others are gone; with the entity index
 * saved by `saveEntityIds`, bitecs hands out the same ids afterwards as the saved world did, also after
 * the world made ids past the saved highest (a property test against the saved world itself).
 */
import { addEntity, createWorld, entityExists, getAllEntities, query, removeEntity } from 'bitecs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attachPooledComponent,
  createPooledComponent,
  restorePooledEntities,
  saveEntityIds,
  slotOf,
  spawnPooled,
} from '../../src/ecs/index.ts';

const FIELDS = { hp: 'i32' } as const;

function world() {
  const ecs = createWorld();
  const component = createPooledComponent('things', { capacity: 64, fields: FIELDS, maxEntities: 65 });
  attachPooledComponent(ecs, component);
  return { ecs, component };
}

/** Spawns `n`, removes every third, and gives each survivor hp = its id × 10. */
function play(w: ReturnType<typeof world>, n: number): number[] {
  const made: number[] = [];
  for (let i = 0; i < n; i++) made.push(spawnPooled(w.ecs, w.component));
  for (const eid of made.filter((_, i) => i % 3 === 0)) removeEntity(w.ecs, eid);
  const alive = made.filter((_, i) => i % 3 !== 0);
  for (const eid of alive) w.component.fields.hp[slotOf(w.component, eid)] = eid * 10;
  return alive;
}

describe('restorePooledEntities', () => {
  it('rebuilds the saved entities with their records and ids in a fresh world, and the same ids come next', () => {
    const saved = world();
    const alive = play(saved, 20);
    const snapshot = new Uint8Array(saved.component.pool.snapshotBytes);
    saved.component.pool.snapshot(snapshot);
    const ids = new Int32Array(80);
    const written = saveEntityIds(saved.ecs, ids);
    // 13 live, 20 made, then every id made.
    expect(ids.subarray(0, 2)).toEqual(new Int32Array([13, 20]));
    expect(written).toBe(22);
    expect([...ids.subarray(2, 15)].sort((a, b) => a - b)).toEqual(alive);

    const fresh = world();
    fresh.component.pool.restore(snapshot);
    restorePooledEntities(fresh.ecs, fresh.component, ids);
    expect([...query(fresh.ecs, [fresh.component])].sort((a, b) => a - b)).toEqual(alive);
    for (const eid of alive) expect(fresh.component.fields.hp[slotOf(fresh.component, eid)]).toBe(eid * 10);
    // The ids recycled next are the saved world's, in its order.
    const next = (w: ReturnType<typeof world>) =>
      Array.from({ length: 9 }, () => spawnPooled(w.ecs, w.component));
    expect(next(fresh)).toEqual(next(saved));
  });

  it('into a world that went on: entities the pool no longer names are removed, the rest rebound', () => {
    const w = world();
    play(w, 10);
    const snapshot = new Uint8Array(w.component.pool.snapshotBytes);
    w.component.pool.snapshot(snapshot);
    const ids = new Int32Array(80);
    saveEntityIds(w.ecs, ids);
    const before = [...query(w.ecs, [w.component])].sort((a, b) => a - b);
    const later = play(w, 8);
    w.component.pool.restore(snapshot);
    restorePooledEntities(w.ecs, w.component, ids);
    expect([...query(w.ecs, [w.component])].sort((a, b) => a - b)).toEqual(before);
    for (const eid of later) if (!before.includes(eid)) expect(entityExists(w.ecs, eid)).toBe(false);
    expect(w.component.pool.live).toBe(before.length);
  });

  it('a bare entity live in the saved index is live again, one made since is gone', () => {
    const w = world();
    play(w, 6);
    const bare = addEntity(w.ecs);
    const snapshot = new Uint8Array(w.component.pool.snapshotBytes);
    w.component.pool.snapshot(snapshot);
    const ids = new Int32Array(80);
    saveEntityIds(w.ecs, ids);
    const before = [...getAllEntities(w.ecs)].sort((a, b) => a - b);
    removeEntity(w.ecs, bare);
    const since = addEntity(w.ecs);
    play(w, 30);
    w.component.pool.restore(snapshot);
    restorePooledEntities(w.ecs, w.component, ids);
    expect([...getAllEntities(w.ecs)].sort((a, b) => a - b)).toEqual(before);
    expect(entityExists(w.ecs, bare)).toBe(true);
    expect(since === bare || !entityExists(w.ecs, since)).toBe(true);
    expect(w.component.pool.live).toBe(before.length - 1);
  });

  it("property: after any play, a restore into a world that played on (or a fresh one) gives the saved world's next ids", () => {
    // 0: spawn; 1..: remove the n-th live entity.
    const steps = fc.array(fc.nat(40), { maxLength: 80 });
    fc.assert(
      fc.property(steps, steps, fc.boolean(), (before, after, fresh) => {
        /** Plays `ops`; returns the ids spawned. */
        const apply = (w: ReturnType<typeof world>, ops: number[]) => {
          const made: number[] = [];
          for (const op of ops) {
            const live = [...query(w.ecs, [w.component])].sort((a, b) => a - b);
            if (op === 0 || live.length === 0) made.push(spawnPooled(w.ecs, w.component));
            else removeEntity(w.ecs, live[op % live.length]);
          }
          return made;
        };
        const saved = world();
        apply(saved, before);
        const snapshot = new Uint8Array(saved.component.pool.snapshotBytes);
        saved.component.pool.snapshot(snapshot);
        const ids = new Int32Array(80);
        saveEntityIds(saved.ecs, ids);
        const target = fresh ? world() : saved;
        if (!fresh) apply(saved, after);
        const model = world();
        apply(model, before);
        target.component.pool.restore(snapshot);
        restorePooledEntities(target.ecs, target.component, ids);
        const entitiesOf = (w: ReturnType<typeof world>) => [...getAllEntities(w.ecs)].sort((a, b) => a - b);
        expect(entitiesOf(target)).toEqual(entitiesOf(model));
        for (const eid of entitiesOf(model)) {
          expect(target.component.entities[slotOf(target.component, eid)]).toBe(eid);
        }
        // From here both play the same steps and make the same ids.
        const next = [0, 0, 0, 2, 0, 1, 0, 0];
        expect(apply(target, next)).toEqual(apply(model, next));
        expect(entitiesOf(target)).toEqual(entitiesOf(model));
        expect(target.component.pool.live).toBe(model.component.pool.live);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a component attached elsewhere, one indexed by entity, and a short ids buffer', () => {
    const w = world();
    const other = createWorld();
    expect(() => restorePooledEntities(other, w.component)).toThrow(/not attached to this world/);
    const byEntity = createPooledComponent('byEntity', {
      capacity: 4,
      fields: FIELDS,
      maxEntities: 5,
      indexBy: 'entity',
    });
    attachPooledComponent(other, byEntity);
    expect(() => restorePooledEntities(other, byEntity)).toThrow(RangeError);
    addEntity(w.ecs);
    removeEntity(w.ecs, 1);
    expect(() => saveEntityIds(w.ecs, new Int32Array(2))).toThrow(
      new RangeError('into must be an Int32Array with room for 3 numbers from 0'),
    );
    expect(() => saveEntityIds(w.ecs, new Int32Array(8), -1)).toThrow(RangeError);
  });
});
