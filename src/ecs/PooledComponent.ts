import {
  $internal,
  addComponent,
  addEntity,
  hasComponent,
  observe,
  onAdd,
  onRemove,
  removeEntity,
  type World,
} from 'bitecs';
import { describeValue, type FieldSchema, MemoryPool, StaleHandleError } from '../memory/index.ts';

/**
 * A bitecs component whose store is a MemoryPool: its data lives in the pool's struct-of-arrays
 * fields, indexed by slot, and `handles[eid]` maps each entity to its generation-checked pool handle.
 * Adding the component takes a slot and removing it (or the entity) frees the slot, through bitecs
 * observers, so the pool's live count is always the component's entity count.
 *
 * Stores are indexed through handles rather than by entity id so that a pool's budget is its own
 * (bullets cannot use up the enemies' memory) and so that a stale entity id is caught by the
 * generation check instead of reading another entity's data. An add refused because the pool is full
 * counts in `pool.failureCount`, as every refused allocation does.
 */
export interface PooledComponent<S extends FieldSchema = FieldSchema> {
  /** Name shown in the overlay and in profiles. */
  readonly name: string;
  /** The component's storage. */
  readonly pool: MemoryPool<S>;
  /** Pool handle of each entity id, -1 where the entity lacks the component (or got no slot). */
  readonly handles: Int32Array;
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

/** Largest `maxEntities`: `handles` then takes at most 64 MiB. */
export const MAX_ENTITIES = 2 ** 24;

/** Where a component is attached, and the slot taken for the add in progress (-1 for none). */
interface Attachment {
  readonly world: World;
  pending: number;
}

const attachments = new WeakMap<PooledComponent, Attachment>();

/**
 * Creates a pooled component; {@link attachPooledComponent} connects it to a world.
 * @throws TypeError for a name that is not a non-empty string; RangeError naming a bad capacity, field type or
 *   `maxEntities` (a whole number from 1 to {@link MAX_ENTITIES}).
 */
export function createPooledComponent<S extends FieldSchema>(
  name: string,
  options: PooledComponentOptions<S>,
): PooledComponent<S> {
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`name must be a non-empty string, got ${describeValue(name)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { maxEntities, fields } = options;
  if (typeof fields !== 'object' || fields === null) {
    throw new TypeError(`fields must be an object of field name to type, got ${describeValue(fields)}`);
  }
  if (
    !(
      typeof maxEntities === 'number' &&
      Number.isInteger(maxEntities) &&
      maxEntities >= 1 &&
      maxEntities <= MAX_ENTITIES
    )
  ) {
    throw new RangeError(
      `maxEntities must be a whole number from 1 to ${MAX_ENTITIES}, got ${describeValue(maxEntities)}`,
    );
  }
  const pool = new MemoryPool({ capacity: options.capacity, fields });
  return { name, pool, handles: new Int32Array(maxEntities).fill(-1) };
}

/**
 * Makes `component` allocate a pool slot when bitecs adds it to an entity and free the slot when
 * bitecs removes it (also inside `removeEntity`, while the data is still readable).
 *
 * Add the component through {@link tryAddPooled} or {@link spawnPooled}, which take the slot before
 * bitecs adds the component. An observer cannot refuse an add that bitecs has already made, so a raw
 * `addComponent` on a full pool (or for an id beyond `maxEntities`) leaves the entity with the
 * component but no record: `handles[eid]` stays -1 (so {@link slotOf} throws StaleHandleError rather
 * than reading another record), and removing the entity later works. A full pool counts the refusal
 * in its `failureCount`; an id beyond `maxEntities` asks the pool for nothing, so nothing is counted.
 * @returns a function that detaches the observers.
 * @throws Error when `component` is already attached (to this world or another): a second attachment
 *   would take two slots per entity.
 */
export function attachPooledComponent(world: World, component: PooledComponent): () => void {
  requireWorld(world);
  requireComponent(component);
  if (attachments.has(component)) {
    throw new Error(`component ${component.name} is already attached to a world; detach it first`);
  }
  const { pool, handles } = component;
  const attachment: Attachment = { world, pending: -1 };
  const stopAdd = observe(world, onAdd(component), (eid: number) => {
    const handle =
      attachment.pending !== -1 ? attachment.pending : eid < handles.length ? pool.tryAlloc() : -1;
    attachment.pending = -1;
    if (handle !== -1) handles[eid] = handle;
  });
  const stopRemove = observe(world, onRemove(component), (eid: number) => {
    if (eid >= handles.length || handles[eid] === -1) return;
    pool.free(handles[eid]);
    handles[eid] = -1;
  });
  attachments.set(component, attachment);
  return () => {
    stopAdd();
    stopRemove();
    if (attachments.get(component) === attachment) attachments.delete(component);
  };
}

/**
 * Adds `component` to `eid` if its pool has a free slot; otherwise returns false, leaving the entity
 * unchanged (the pool counts the refusal). Running out is a game event, not a crash. An entity that
 * already has the component keeps its slot (true, nothing counted), even when the pool is full.
 * @throws RangeError for an id beyond `maxEntities`; Error when the component is not attached to
 *   `world`. Nothing changes then.
 */
export function tryAddPooled(world: World, eid: number, component: PooledComponent): boolean {
  const attachment = requireAttachment(world, component);
  requireEntityId(component, eid);
  if (hasComponent(world, eid, component)) return true;
  const handle = component.pool.tryAlloc();
  if (handle === -1) return false;
  addWithSlot(world, eid, component, attachment, handle);
  return true;
}

/**
 * Creates an entity with `component` and returns its id, or -1 when the pool is full (the pool counts
 * the refusal, and no entity is made). Read the new record's slot with {@link slotOf}.
 * @throws like {@link tryAddPooled}, leaving no entity and no slot behind.
 */
export function spawnPooled(world: World, component: PooledComponent): number {
  const attachment = requireAttachment(world, component);
  // The slot first: a full pool then costs no bitecs entity (each allocates).
  const handle = component.pool.tryAlloc();
  if (handle === -1) return -1;
  const eid = addEntity(world);
  try {
    requireEntityId(component, eid);
  } catch (error) {
    component.pool.free(handle);
    removeEntity(world, eid);
    throw error;
  }
  try {
    addWithSlot(world, eid, component, attachment, handle);
  } catch (error) {
    removeEntity(world, eid);
    throw error;
  }
  return eid;
}

function requireAttachment(world: World, component: PooledComponent): Attachment {
  requireWorld(world);
  requireComponent(component);
  const attachment = attachments.get(component);
  if (attachment === undefined || attachment.world !== world) {
    throw new Error(`component ${component.name} is not attached to this world: call attachPooledComponent`);
  }
  return attachment;
}

function requireEntityId(component: PooledComponent, eid: number): void {
  if (!(typeof eid === 'number' && eid >= 0 && eid < component.handles.length && Number.isInteger(eid))) {
    throw new RangeError(
      `eid must be an entity id below maxEntities (${component.handles.length}) of ${component.name}, got ${describeValue(eid)}`,
    );
  }
}

/** bitecs adds the component, and the add observer takes `handle` as the entity's slot. */
function addWithSlot(
  world: World,
  eid: number,
  component: PooledComponent,
  attachment: Attachment,
  handle: number,
): void {
  attachment.pending = handle;
  try {
    addComponent(world, eid, component);
  } finally {
    // Not taken by the observer (bitecs threw first): give the slot back.
    if (attachment.pending !== -1) {
      component.pool.free(attachment.pending);
      attachment.pending = -1;
    }
  }
}

/**
 * The pool slot holding `eid`'s record: the index into `component.pool.fields`.
 * @throws StaleHandleError when `eid` does not have the component (removed, never added, or out of range).
 */
export function slotOf(component: PooledComponent, eid: number): number {
  const handles = typeof component === 'object' && component !== null ? component.handles : undefined;
  if (!(handles instanceof Int32Array)) requireComponent(component);
  const handle = typeof eid === 'number' && eid >= 0 && eid < handles!.length ? handles![eid] : -1;
  if (handle === -1) throw new StaleHandleError(handle);
  return component.pool.slotOf(handle);
}

/** Throws a TypeError naming `world` unless it is a bitecs world (made by `createWorld`). */
function requireWorld(world: World): void {
  if (!(typeof world === 'object' && world !== null && $internal in world)) {
    throw new TypeError(`world must be a bitecs world made by createWorld, got ${describeValue(world)}`);
  }
}

/** Throws a TypeError naming `component` unless it is a component made by {@link createPooledComponent}. */
function requireComponent(component: PooledComponent): void {
  if (
    !(
      typeof component === 'object' &&
      component !== null &&
      component.pool instanceof MemoryPool &&
      component.handles instanceof Int32Array
    )
  ) {
    throw new TypeError(
      `component must be a pooled component made by createPooledComponent, got ${describeValue(component)}`,
    );
  }
}
