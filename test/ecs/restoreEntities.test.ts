/**
 * After a pool's `restore`, `restorePooledEntities` makes bitecs agree with it again: the entities
 * the records name exist with their records and their ids, the others are gone; with the ids saved by
 * `saveEntityIds`, bitecs hands out the same ids afterwards as the saved world did.
 */
import { addEntity, createWorld, entityExists, query, removeEntity } from 'bitecs';
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
    expect(ids.subarray(0, 2)).toEqual(new Int32Array([20, 7]));
    expect(written).toBe(9);

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
