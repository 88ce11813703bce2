import {
  addComponent,
  addEntity,
  hasComponent,
  observe,
  onAdd,
  onRemove,
  removeEntity,
  type World,
} from 'bitecs';
import { type FieldSchema, MemoryPool, StaleHandleError } from '../memory/index.ts';

/**
 * A bitecs component whose store is a MemoryPool: its data lives in the pool's struct-of-arrays
 * fields, indexed by slot, and `handles[eid]` maps each entity to its generation-checked pool handle.
 * Adding the component takes a slot and removing it (or the entity) frees the slot, through bitecs
 * observers, so the pool's live count is always the component's entity count.
 *
 * Stores are indexed through handles rather than by entity id so that a pool's budget is its own
 * (bullets cannot use up the enemies' memory) and so that a stale entity id is caught by the
 * generation check instead of reading another entity's data.
 */
export interface PooledComponent<S extends FieldSchema = FieldSchema> {
  /** Name shown in the overlay and in profiles. */
  readonly name: string;
  /** The component's storage. */
  readonly pool: MemoryPool<S>;
  /** Pool handle of each entity id, -1 where the entity lacks the component. */
  readonly handles: Int32Array;
  /** Adds refused because the pool was full (see {@link tryAddPooled}). */
  dropped: number;
}

/** Options for {@link createPooledComponent}. */
export interface PooledComponentOptions<S extends FieldSchema> {
  /** Slot budget: the most entities that can have the component at once. */
  capacity: number;
  /** Record layout, e.g. `{ x: 'f32', y: 'f32' }`. */
  fields: S;
  /** Entity ids run below this bound (bitecs recycles ids, so live entities + 1 is enough). */
  maxEntities: number;
}

/** Creates a pooled component; {@link attachPooledComponent} connects it to a world. */
export function createPooledComponent<S extends FieldSchema>(
  name: string,
  options: PooledComponentOptions<S>,
): PooledComponent<S> {
  const pool = new MemoryPool({ capacity: options.capacity, fields: options.fields });
  if (!(Number.isInteger(options.maxEntities) && options.maxEntities > 0)) {
    throw new RangeError(`maxEntities must be a positive whole number, got ${options.maxEntities}`);
  }
  return { name, pool, handles: new Int32Array(options.maxEntities).fill(-1), dropped: 0 };
}

/**
 * Makes `component` allocate a pool slot when bitecs adds it to an entity and free the slot when
 * bitecs removes it (also inside `removeEntity`, while the data is still readable).
 *
 * Add the component through {@link tryAddPooled} or {@link spawnPooled}, which check the budget
 * first. An observer cannot refuse an add that bitecs has already made, so a raw `addComponent` on a
 * full pool (or for an id beyond `maxEntities`) leaves the entity with the component but no record:
 * it counts a drop, `handles[eid]` stays -1 (so {@link slotOf} throws StaleHandleError rather than
 * reading another record), and removing the entity later still works.
 * @returns a function that detaches the observers.
 */
export function attachPooledComponent(world: World, component: PooledComponent): () => void {
  const { pool, handles } = component;
  const stopAdd = observe(world, onAdd(component), (eid: number) => {
    const handle = eid < handles.length ? pool.tryAlloc() : -1;
    if (handle === -1) component.dropped++;
    else handles[eid] = handle;
  });
  const stopRemove = observe(world, onRemove(component), (eid: number) => {
    if (eid >= handles.length || handles[eid] === -1) return;
    pool.free(handles[eid]);
    handles[eid] = -1;
  });
  return () => {
    stopAdd();
    stopRemove();
  };
}

/**
 * Adds `component` to `eid` if its pool has a free slot; otherwise counts a drop and returns false,
 * leaving the entity unchanged. Running out is a game event, not a crash. An entity that already has
 * the component keeps its slot (true, no drop), even when the pool is full.
 */
export function tryAddPooled(world: World, eid: number, component: PooledComponent): boolean {
  if (component.pool.available === 0 && !hasComponent(world, eid, component)) {
    component.dropped++;
    return false;
  }
  if (eid >= component.handles.length) {
    throw new RangeError(
      `entity ${eid} is beyond maxEntities (${component.handles.length}) of ${component.name}`,
    );
  }
  addComponent(world, eid, component);
  return true;
}

/**
 * Creates an entity with `component` and returns its id, or -1 (a counted drop, and no entity made)
 * when the pool is full. Read the new record's slot with {@link slotOf}.
 */
export function spawnPooled(world: World, component: PooledComponent): number {
  if (component.pool.available === 0) {
    component.dropped++;
    return -1;
  }
  const eid = addEntity(world);
  try {
    tryAddPooled(world, eid, component);
  } catch (error) {
    // Nothing half-made survives a throw (an id beyond maxEntities).
    removeEntity(world, eid);
    throw error;
  }
  return eid;
}

/**
 * The pool slot holding `eid`'s record: the index into `component.pool.fields`.
 * @throws StaleHandleError when `eid` does not have the component (removed, never added, or out of range).
 */
export function slotOf(component: PooledComponent, eid: number): number {
  const handle = eid >= 0 && eid < component.handles.length ? component.handles[eid] : -1;
  if (handle === -1) throw new StaleHandleError(handle);
  return component.pool.slotOf(handle);
}
