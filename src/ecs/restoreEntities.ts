/**
 * Saving and restoring which entities bitecs has and which ids it hands out next, for a pooled
 * component whose pool was restored: the entity half of a rewind or of a world moved between threads.
 */
import { $internal, addEntity, hasComponent, removeEntity, type World } from 'bitecs';
import {
  type AnyPooledComponent,
  addWithSlot,
  bind,
  requireAttachment,
  requireWorld,
} from './PooledComponent.ts';

/** bitecs 0.4's entity index, as `createEntityIndex` documents it: ids alive first in `dense`, then the ids to recycle, the next first. */
interface EntityIndex {
  aliveCount: number;
  dense: number[];
  sparse: number[];
  maxId: number;
}

function entityIndexOf(world: World): EntityIndex {
  return (world as unknown as { [$internal]: { entityIndex: EntityIndex } })[$internal].entityIndex;
}

/** Where the live count, the highest id and the ids sit in what {@link saveEntityIds} writes. */
const ALIVE = 0;
const MAX_ID = 1;
const IDS = 2;

/**
 * Writes `world`'s entity index into `into` from `at`: how many ids are live, the highest id made so
 * far, then every id made in bitecs's order (the live ones, then those to recycle, the next first):
 * at most 2 plus every id made, so 2 + the most entities alive at once when ids are only recycled. No
 * garbage: a rewind can copy it every tick.
 * @returns how many numbers it wrote.
 * @throws RangeError naming `into` when it has too little room from `at` (nothing written).
 */
export function saveEntityIds(world: World, into: Int32Array, at = 0): number {
  requireWorld(world);
  const index = entityIndexOf(world);
  const dense = index.dense;
  if (
    !(into instanceof Int32Array && Number.isInteger(at) && at >= 0 && at + IDS + dense.length <= into.length)
  ) {
    throw new RangeError(`into must be an Int32Array with room for ${IDS + dense.length} numbers from ${at}`);
  }
  into[at + ALIVE] = index.aliveCount;
  into[at + MAX_ID] = index.maxId;
  for (let i = 0; i < dense.length; i++) into[at + IDS + i] = dense[i];
  return IDS + dense.length;
}

/**
 * Makes bitecs agree with the component's pool again after `pool.restore` brought back an earlier
 * state (a rewind, or a world handed from one thread to another): every entity the pool no longer
 * names is removed (its old record is not freed: the restore already decided the pool), every entity
 * a record names exists again, with that record, and keeps its id. With `ids` (written by
 * {@link saveEntityIds} with the pool's snapshot) bitecs's entity index becomes the saved one: the ids
 * live then are live (those no record names as bare entities, for the caller's other components),
 * every other id is removed, ids made since are forgotten, and bitecs hands out the same ids from then
 * on as the world saved would have. Only the ids whose life differs are touched, through bitecs's own
 * calls, so its queries and observers stay consistent. Allocates (bitecs makes a `Set` per entity): a
 * restore is not steady play. Only `indexBy: 'slot'` pools name their entities; worlds with bitecs's
 * entity versioning are not covered (pooled components take plain ids).
 * @throws Error when the component is not attached to `world`; RangeError when it is indexed by entity.
 */
export function restorePooledEntities(
  world: World,
  component: AnyPooledComponent,
  ids?: Int32Array,
  at = 0,
): void {
  const attachment = requireAttachment(world, component);
  if (component.indexBy !== 'slot') {
    throw new RangeError(`component ${component.name} is indexed by entity: its pool names no entities`);
  }
  const { pool, handles, entities } = component;
  const index = entityIndexOf(world);
  const live = pool.live;
  const savedMax = ids === undefined ? 0 : ids[at + MAX_ID];
  let needMax = savedMax;
  for (let s = 0; s < live; s++) needMax = Math.max(needMax, entities[s]);
  // 1: a record names it; 2: live in the saved index only; 0: neither (removed if it had a record, or with `ids`).
  const wanted = new Uint8Array(Math.max(handles.length, index.maxId + 1, needMax + 1));
  for (let s = 0; s < live; s++) wanted[entities[s]] = 1;
  if (ids !== undefined) {
    for (let i = 0; i < ids[at + ALIVE]; i++) wanted[ids[at + IDS + i]] ||= 2;
  }
  for (let eid = 0; eid < handles.length; eid++) {
    if (handles[eid] === -1) continue;
    // -1 first, so the remove observer leaves the restored pool alone.
    handles[eid] = -1;
    if (wanted[eid] === 0) removeEntity(world, eid);
  }
  // Ids not made yet are made (the unwanted ones removed below); each wanted free id is laid where
  // `addEntity` takes the next one from.
  const madeBefore = index.maxId;
  while (index.maxId < needMax) addEntity(world);
  for (let id = 1; id < wanted.length; id++) {
    if (wanted[id] === 0 || isAlive(index, id)) continue;
    const from = index.sparse[id];
    const to = index.aliveCount;
    const other = index.dense[to];
    index.dense[to] = id;
    index.sparse[id] = to;
    index.dense[from] = other;
    index.sparse[other] = from;
    addEntity(world);
  }
  for (let id = wanted.length - 1; id >= 1; id--) {
    if (wanted[id] === 0 && (ids !== undefined || id > madeBefore)) removeEntity(world, id);
  }
  for (let s = 0; s < live; s++) {
    const eid = entities[s];
    const handle = pool.handleAt(s);
    if (hasComponent(world, eid, component)) bind(component, eid, handle);
    else addWithSlot(world, eid, component, attachment, handle);
  }
  if (ids !== undefined) writeIndex(index, ids, at);
}

/** Makes `index` the very one {@link saveEntityIds} wrote (the same ids live, in its order, and no higher id). */
function writeIndex(index: EntityIndex, ids: Int32Array, at: number): void {
  const maxId = ids[at + MAX_ID];
  const { dense, sparse } = index;
  dense.length = maxId;
  sparse.length = Math.min(sparse.length, maxId + 1);
  for (let i = 0; i < maxId; i++) {
    dense[i] = ids[at + IDS + i];
    sparse[dense[i]] = i;
  }
  index.maxId = maxId;
  index.aliveCount = ids[at + ALIVE];
}

/** Whether `id` is live in `index` (bitecs's own test, without versions). */
function isAlive(index: EntityIndex, id: number): boolean {
  const at = index.sparse[id];
  return at !== undefined && at < index.aliveCount && index.dense[at] === id;
}
