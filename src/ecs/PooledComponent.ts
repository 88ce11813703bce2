import {
  $internal,
  addComponent,
  addEntity,
  entityExists,
  observe,
  onAdd,
  onRemove,
  removeEntity,
  type World,
} from 'bitecs';
import {
  createFieldArrays,
  describeValue,
  type FieldArrays,
  type FieldSchema,
  MemoryPool,
  StaleHandleError,
} from '../memory/index.ts';

/**
 * What a pooled component's `fields` are indexed by:
 * - `'slot'`: the records live in the pool, packed (slots 0 .. pool.live - 1) and indexed by slot, so
 *   a system that touches this one component walks the pool with a plain loop; a record's slot is
 *   valid until the next removal of the component from any entity.
 * - `'entity'`: the records live in arrays indexed by entity id, `maxEntities` long, like bitecs's
 *   own stores, so a system that joins several components through a query reads `fields.x[eid]`
 *   at bitecs's cost; the pool keeps the budget and liveness.
 */
export type IndexBy = 'slot' | 'entity';

/**
 * A bitecs component with a budget: a MemoryPool holds one record per entity that has it, and
 * `handles[eid]` maps each entity to its generation-checked pool handle. Adding the component takes a
 * record and removing it (or the entity) frees it, through bitecs observers, so the pool's live count
 * is always the component's entity count.
 *
 * Every component has its own budget (bullets cannot use up the enemies' memory), an add refused
 * because the pool is full counts in `pool.failureCount`, and {@link slotOf} catches a stale entity id
 * with the generation check instead of reading another entity's data. Systems read `fields` directly
 * (see {@link IndexBy}); `entities` lists the entity of every live record, so a system can walk the
 * pool instead of a query.
 */
export interface PooledComponent<S extends FieldSchema = FieldSchema, I extends IndexBy = 'slot'> {
  /** Name shown in the overlay and in profiles. */
  readonly name: string;
  /** What `fields` are indexed by. */
  readonly indexBy: I;
  /** The budget and liveness; with `indexBy: 'slot'` also the records (`pool.fields` is `fields`). */
  readonly pool: MemoryPool<I extends 'slot' ? S : NoFields>;
  /** The component's data, one typed array per field, indexed as `indexBy` says. */
  readonly fields: FieldArrays<S>;
  /** Pool handle of each entity id, -1 where the entity lacks the component (or got no slot). */
  readonly handles: Int32Array;
  /**
   * The entity whose record is in each pool slot: `entities[s]` for s from 0 to `pool.live - 1`. It
   * moves with the records, so read `pool.live` first, as for the fields.
   */
  readonly entities: Int32Array;
}

/** The record layout of a pool that only counts (`indexBy: 'entity'` keeps the fields elsewhere). */
export type NoFields = Record<never, never>;

/** A pooled component of any layout and indexing. */
export type AnyPooledComponent = PooledComponent<FieldSchema, IndexBy>;

/** Options for {@link createPooledComponent}. */
export interface PooledComponentOptions<S extends FieldSchema, I extends IndexBy = 'slot'> {
  /** Slot budget: the most entities that can have the component at once. */
  capacity: number;
  /** Record layout, e.g. `{ x: 'f32', y: 'f32' }`. */
  fields: S;
  /** Entity ids run below this bound (bitecs recycles ids, so live entities + 1 is enough). */
  maxEntities: number;
  /** What `fields` are indexed by; default `'slot'`. */
  indexBy?: I;
  /** Keep the pool in SharedArrayBuffers (`MemoryPool`'s `shared: true`), so workers can attach to it. */
  shared?: boolean;
}

/** Largest `maxEntities`: `handles` then takes at most 64 MiB. */
export const MAX_ENTITIES = 2 ** 24;

/** Where a component is attached, and the slot taken for the add in progress (-1 for none). */
export interface Attachment {
  readonly world: World;
  pending: number;
}

/**
 * The key of a component's attachment, kept on the component itself: every add reads it, and a
 * property read costs less than the WeakMap lookup it replaces (which was a tenth of an add's
 * overhead over bitecs's own).
 */
const ATTACHMENT = Symbol('framepool attachment');

/** A pooled component as this module sees it: with its attachment, null while detached. */
type Attachable = AnyPooledComponent & { [ATTACHMENT]: Attachment | null };

/**
 * Creates a pooled component; {@link attachPooledComponent} connects it to a world.
 * @throws TypeError for a name that is not a non-empty string; RangeError naming a bad capacity, field type,
 *   `maxEntities` (a whole number from 1 to {@link MAX_ENTITIES}) or `indexBy` (`'slot'` or `'entity'`).
 */
export function createPooledComponent<S extends FieldSchema, I extends IndexBy = 'slot'>(
  name: string,
  options: PooledComponentOptions<S, I>,
): PooledComponent<S, I> {
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`name must be a non-empty string, got ${describeValue(name)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { maxEntities, fields, indexBy = 'slot' } = options;
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
  if (indexBy !== 'slot' && indexBy !== 'entity') {
    throw new RangeError(`indexBy must be 'slot' or 'entity', got ${describeValue(indexBy)}`);
  }
  // Each record's raw slot holds its entity id (`entities`), so the id moves with the record.
  const bySlot = indexBy === 'slot';
  const pool = new MemoryPool({
    capacity: options.capacity,
    fields: bySlot ? fields : undefined,
    slotBytes: 4,
    shared: options.shared === true,
  });
  const component: PooledComponent<S, I> & { [ATTACHMENT]: Attachment | null } = {
    name,
    indexBy: indexBy as I,
    pool: pool as PooledComponent<S, I>['pool'],
    fields: bySlot ? (pool.fields as FieldArrays<S>) : createFieldArrays(fields, maxEntities),
    handles: new Int32Array(maxEntities).fill(-1),
    entities: pool.i32,
    [ATTACHMENT]: null,
  };
  return component;
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
export function attachPooledComponent(world: World, component: AnyPooledComponent): () => void {
  requireWorld(world);
  requireComponent(component);
  const attachable = component as Attachable;
  if (attachable[ATTACHMENT] !== null) {
    throw new Error(`component ${component.name} is already attached to a world; detach it first`);
  }
  const { pool, handles } = component;
  const attachment: Attachment = { world, pending: -1 };
  const stopAdd = observe(world, onAdd(component), (eid: number) => {
    const handle =
      attachment.pending !== -1 ? attachment.pending : eid < handles.length ? pool.tryAlloc() : -1;
    attachment.pending = -1;
    if (handle !== -1) bind(component, eid, handle);
  });
  const stopRemove = observe(world, onRemove(component), (eid: number) => {
    if (eid >= handles.length || handles[eid] === -1) return;
    pool.free(handles[eid]);
    handles[eid] = -1;
  });
  attachable[ATTACHMENT] = attachment;
  return () => {
    stopAdd();
    stopRemove();
    if (attachable[ATTACHMENT] === attachment) attachable[ATTACHMENT] = null;
  };
}

/**
 * Adds `component` to `eid` if its pool has a free slot; otherwise returns false, leaving the entity
 * unchanged (the pool counts the refusal). Running out is a game event, not a crash. An entity that
 * already has the component with its record keeps it (true, nothing counted), even when the pool is
 * full; one that has the component without a record (added by a raw `addComponent` the pool could not
 * serve) gets one now if the pool has room. Returns whether the entity has its record afterwards.
 * @throws RangeError for an id beyond `maxEntities`; Error when the component is not attached to
 *   `world`. Nothing changes then.
 */
export function tryAddPooled(world: World, eid: number, component: AnyPooledComponent): boolean {
  const attachment = requireAttachment(world, component);
  requireEntityId(component, eid);
  // The handle says it, with no bitecs lookup: this runs on every add.
  if (component.handles[eid] !== -1) return true;
  if (!entityExists(world, eid)) {
    throw new RangeError(`eid must be a live entity of the world, got ${eid} (removed or never made)`);
  }
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
export function spawnPooled(world: World, component: AnyPooledComponent): number {
  const attachment = requireAttachment(world, component);
  const pool = component.pool;
  // A full pool refuses (and counts it) before bitecs makes an entity: each one allocates.
  if (pool.available === 0 && !pool.growable) return pool.tryAlloc();
  const eid = addEntity(world);
  try {
    requireEntityId(component, eid);
  } catch (error) {
    removeEntity(world, eid);
    throw error;
  }
  const handle = pool.tryAlloc();
  if (handle === -1) {
    removeEntity(world, eid);
    return -1;
  }
  try {
    addWithSlot(world, eid, component, attachment, handle);
  } catch (error) {
    removeEntity(world, eid);
    throw error;
  }
  return eid;
}

/**
 * The component's attachment to `world`. The world was checked when the component was attached, so
 * an attachment to this very world needs no other check; anything else gets the error that names it.
 */
export function requireAttachment(world: World, component: AnyPooledComponent): Attachment {
  const attachment =
    typeof component === 'object' && component !== null ? (component as Attachable)[ATTACHMENT] : undefined;
  if (attachment !== undefined && attachment !== null && attachment.world === world) return attachment;
  requireWorld(world);
  requireComponent(component);
  throw new Error(`component ${component.name} is not attached to this world: call attachPooledComponent`);
}

function requireEntityId(component: AnyPooledComponent, eid: number): void {
  if (!(typeof eid === 'number' && eid >= 0 && eid < component.handles.length && Number.isInteger(eid))) {
    throw new RangeError(
      `eid must be an entity id below maxEntities (${component.handles.length}) of ${component.name}, got ${describeValue(eid)}`,
    );
  }
}

/**
 * bitecs adds the component, and the add observer takes `handle` as the entity's record. When bitecs
 * does not add it because the entity has it already (without a record), the entity takes the record
 * here; when bitecs throws, the record goes back to the pool.
 */
export function addWithSlot(
  world: World,
  eid: number,
  component: AnyPooledComponent,
  attachment: Attachment,
  handle: number,
): void {
  attachment.pending = handle;
  let returned = false;
  try {
    addComponent(world, eid, component);
    returned = true;
  } finally {
    if (attachment.pending !== -1) {
      if (returned) bind(component, eid, attachment.pending);
      else component.pool.free(attachment.pending);
      attachment.pending = -1;
    }
  }
}

/** Gives `eid` the record of `handle`: the entity's handle, and the entity of the record's slot. */
export function bind(component: AnyPooledComponent, eid: number, handle: number): void {
  component.handles[eid] = handle;
  component.entities[component.pool.slotOf(handle)] = eid;
}

/**
 * Where `eid`'s record is in `component.fields`, checked: the pool slot (valid until the next removal
 * of the component) with `indexBy: 'slot'`, the entity id itself with `indexBy: 'entity'`. This is the
 * accessor that catches a stale entity id; indexing `fields` directly does not check.
 * @throws StaleHandleError when `eid` does not have the component (removed, never added, or out of range).
 */
export function slotOf(component: AnyPooledComponent, eid: number): number {
  const handles = typeof component === 'object' && component !== null ? component.handles : undefined;
  if (!(handles instanceof Int32Array)) requireComponent(component);
  const handle = typeof eid === 'number' && eid >= 0 && eid < handles!.length ? handles![eid] : -1;
  if (handle === -1) throw new StaleHandleError(handle);
  const slot = component.pool.slotOf(handle);
  return component.indexBy === 'slot' ? slot : eid;
}

/** Throws a TypeError naming `world` unless it is a bitecs world (made by `createWorld`). */
export function requireWorld(world: World): void {
  if (!(typeof world === 'object' && world !== null && $internal in world)) {
    throw new TypeError(`world must be a bitecs world made by createWorld, got ${describeValue(world)}`);
  }
}

/** Throws a TypeError naming `component` unless it is a component made by {@link createPooledComponent}. */
function requireComponent(component: AnyPooledComponent): void {
  if (
    !(
      typeof component === 'object' &&
      component !== null &&
      ATTACHMENT in component &&
      component.pool instanceof MemoryPool &&
      component.handles instanceof Int32Array
    )
  ) {
    throw new TypeError(
      `component must be a pooled component made by createPooledComponent, got ${describeValue(component)}`,
    );
  }
}
