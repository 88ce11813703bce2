import { $internal, addComponent, addEntity, hasComponent, removeEntity } from 'bitecs';
import type { GameWorld } from './GameWorld.ts';

/*
 * bitecs keeps no typed arrays of its own worth snapshotting, but which ids it hands out next depends
 * on its entity index: `dense` lists every id ever made, the live ones first, then the free ones in the
 * order `addEntity` takes them back (the last freed first). An enemy's id is stored in the enemy pool
 * (the component's `entities`, and `handles` by id), so a rewound world must make the same ids as the
 * original did, or its bytes drift from the first enemy spawned after the rewind. The index is copied
 * into an Int32Array at every snapshot (`aliveCount`, `maxId`, then `dense`) and put back on restore.
 */

/** Where the live count, the highest id and the dense ids sit in an index copy. */
const ALIVE = 0;
const MAX_ID = 1;
const DENSE = 2;

/** The fields of bitecs 0.4's entity index that decide which ids come next (its `EntityIndex` type is not exported). */
interface EntityIndex {
  aliveCount: number;
  dense: number[];
  sparse: number[];
  maxId: number;
}

/** The entity index of a world's bitecs side (bitecs exports `$internal` for exactly such tools). */
function entityIndexOf(world: GameWorld): EntityIndex {
  return (world.ecs as { [$internal]: { entityIndex: EntityIndex } })[$internal].entityIndex;
}

/**
 * A buffer for copies of `world`'s entity index. Every bitecs entity of the pooled world is an enemy
 * and `spawnPooled` refuses before bitecs makes one past the pool's capacity, so ids never pass it.
 */
export function createIndexCopy(world: GameWorld): Int32Array {
  return new Int32Array(DENSE + world.enemies.pool.capacity);
}

/**
 * Copies `world`'s entity index into `copy` (from {@link createIndexCopy}). No garbage: it reads a
 * plain array of small integers into a typed array.
 * @throws RangeError naming `copy` when the index has more ids than it has room for (nothing written).
 */
export function copyEntityIndex(world: GameWorld, copy: Int32Array): void {
  const index = entityIndexOf(world);
  const dense = index.dense;
  if (DENSE + dense.length > copy.length) {
    throw new RangeError(
      `copy has room for ${copy.length - DENSE} entity ids, the world has ${dense.length}`,
    );
  }
  copy[ALIVE] = index.aliveCount;
  copy[MAX_ID] = index.maxId;
  for (let i = 0; i < dense.length; i++) copy[DENSE + i] = dense[i];
}

/**
 * Makes `world`'s bitecs side what `copy` says: the ids live then are live, each with the enemy
 * component, every other id is dead, and the index is the very one copied, so `addEntity` hands out
 * the same ids in the same order. Only the ids whose life differs are touched, through bitecs's own
 * calls, so its component sets, masks and observers stay consistent; the enemy pool's observers run
 * meanwhile and change the pool and `handles`, so the caller restores those afterwards (see
 * `WorldState.restored`). Allocates (bitecs makes a `Set` per entity): it runs on a rewind, not in
 * steady play.
 */
export function rebuildEntities(world: GameWorld, copy: Int32Array): void {
  const { ecs, enemies } = world;
  const index = entityIndexOf(world);
  const alive = copy[ALIVE];
  const maxId = copy[MAX_ID];
  const wanted = new Uint8Array(Math.max(maxId, index.maxId) + 1);
  for (let i = 0; i < alive; i++) wanted[copy[DENSE + i]] = 1;
  // Ids that must be made: those not made yet, then the free ones wanted, laid at the front of the
  // free ids (where `addEntity` takes them from: their order among free ids is rewritten below anyway).
  while (index.maxId < maxId) addEntity(ecs);
  for (let id = 1; id < wanted.length; id++) {
    if (wanted[id] === 1 && !isAlive(index, id)) {
      const from = index.sparse[id];
      const to = index.aliveCount;
      const other = index.dense[to];
      index.dense[to] = id;
      index.sparse[id] = to;
      index.dense[from] = other;
      index.sparse[other] = from;
      addEntity(ecs);
    }
  }
  for (let id = wanted.length - 1; id >= 1; id--) {
    if (wanted[id] === 0 && isAlive(index, id)) removeEntity(ecs, id);
  }
  for (let i = 0; i < alive; i++) {
    const eid = copy[DENSE + i];
    if (!hasComponent(ecs, eid, enemies)) addComponent(ecs, eid, enemies);
  }
  // The same ids, in the copy's exact order (live ids too, for a byte-exact copy), and no higher id.
  const { dense, sparse } = index;
  dense.length = maxId;
  sparse.length = Math.min(sparse.length, maxId + 1);
  for (let i = 0; i < maxId; i++) {
    dense[i] = copy[DENSE + i];
    sparse[dense[i]] = i;
  }
  index.maxId = maxId;
  index.aliveCount = alive;
}

/** Whether `id` is live in `index` (bitecs's own test, without versions: the world has none). */
function isAlive(index: EntityIndex, id: number): boolean {
  const at = index.sparse[id];
  return at !== undefined && at < index.aliveCount && index.dense[at] === id;
}
