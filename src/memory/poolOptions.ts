/**
 * What a {@link MemoryPool} is made from: its options, its limits and the check that turns options
 * into a layout, written apart from the pool so that the pool's file holds its behaviour.
 */
import { requireCount, requireFlag, requireOptions } from './checks.ts';
import { type FieldSchema, requireSchema } from './fields.ts';
import { requireSharedMemory } from './SharedState.ts';

/** Options for {@link MemoryPool}. */
export interface MemoryPoolOptions<S extends FieldSchema> {
  /** Number of slots to start with. */
  capacity: number;
  /** Struct-of-arrays layout; `pool.fields[name]` is a typed array indexed by slot. */
  fields?: S;
  /** Bytes per slot of raw storage, addressed with `offsetOf(handle)` into `u8`/`i32`/`u32`/`f32`/`f64`. */
  slotBytes?: number;
  /** Grow (doubling) up to `maxCapacity` instead of failing when full. Default false: a fixed budget. */
  growable?: boolean;
  /** Upper bound for growth. Default 2^20. Validated always, but used only when `growable` (a fixed pool keeps `capacity`). */
  maxCapacity?: number;
  /**
   * Debug mode, after Zig's DebugAllocator: record where every live handle was allocated
   * ({@link MemoryPool.leaks}), name where a stale handle was allocated and freed in its
   * StaleHandleError, and poison what a freed record leaves behind (NaN in float fields, 0xAA bytes
   * elsewhere). It allocates; off (the default) it costs one branch per alloc and free.
   */
  debug?: boolean;
  /**
   * Fault injection, Zig's `fail_index`: allocation number `failAt` (counting from 0 since the pool
   * was made) and every later one fail as a full pool's do. Default `Infinity`: none fails.
   */
  failAt?: number;
  /**
   * Keep every state array in `SharedArrayBuffer`s (growable ones when `growable`), so that
   * {@link MemoryPool.share} can hand the pool to another thread. Default false.
   */
  shared?: boolean;
}

/**
 * The figures of a pool that overlays, profilers and reports show: a {@link MemoryPool} has them, and
 * so can a stand-in (a game's arrays, or a plain object filled in per frame).
 */
export interface PoolFigures {
  /** Records alive now. */
  live: number;
  /** The budget: the most records there can be now. */
  capacity: number;
  /** The most records alive at once so far. */
  highWater: number;
  /** Allocations refused because the budget was used up (monotonic). */
  failureCount: number;
}

/** Largest number of slots a pool may have; handles then keep at least 8 generation bits. */
export const MAX_POOL_CAPACITY = 2 ** 22;
/** The most bytes of raw slots a pool may have (`slotBytes` × its largest capacity): 1 GiB. */
export const MAX_POOL_BYTES = 2 ** 30;
const DEFAULT_GROWABLE_MAX = 2 ** 20;

/** A pool's options, checked, with every default filled in. */
export interface PoolLayout<S extends FieldSchema> {
  readonly capacity: number;
  readonly maxCapacity: number;
  readonly growable: boolean;
  readonly fields: S | undefined;
  readonly slotBytes: number;
  readonly debug: boolean;
  readonly failAt: number;
  readonly shared: boolean;
}

/**
 * Checks `options` and fills in the defaults.
 * @throws TypeError or RangeError naming the first bad option.
 */
export function resolvePoolOptions<S extends FieldSchema>(options: MemoryPoolOptions<S>): PoolLayout<S> {
  requireOptions(options);
  const { capacity, fields, slotBytes = 0, growable = false, debug, shared } = options;
  requireFlag('growable', growable);
  requireCount('capacity', capacity);
  if (capacity < 1 || capacity > MAX_POOL_CAPACITY) {
    throw new RangeError(`capacity must be from 1 to ${MAX_POOL_CAPACITY}, got ${capacity}`);
  }
  const maxCapacity =
    options.maxCapacity === undefined
      ? growable
        ? Math.max(capacity, DEFAULT_GROWABLE_MAX)
        : capacity
      : options.maxCapacity;
  requireCount('maxCapacity', maxCapacity);
  if (maxCapacity < capacity || maxCapacity > MAX_POOL_CAPACITY) {
    throw new RangeError(
      `maxCapacity must be from capacity (${capacity}) to ${MAX_POOL_CAPACITY}, got ${maxCapacity}`,
    );
  }
  requireCount('slotBytes', slotBytes);
  // One buffer holds every raw slot: keep it within what the arena may have, a sane bound of memory.
  if (slotBytes * (growable ? maxCapacity : capacity) > MAX_POOL_BYTES) {
    throw new RangeError(
      `slotBytes × ${growable ? 'maxCapacity' : 'capacity'} must be at most ${MAX_POOL_BYTES} bytes, got slotBytes ${slotBytes}`,
    );
  }
  if (fields !== undefined) requireSchema(fields);
  requireFlag('debug', debug);
  const failAt = options.failAt === undefined ? Number.POSITIVE_INFINITY : options.failAt;
  requireFailAt(failAt);
  requireFlag('shared', shared);
  if (shared === true) requireSharedMemory('shared');
  return {
    capacity,
    maxCapacity: growable ? maxCapacity : capacity,
    growable,
    fields,
    slotBytes,
    debug: debug === true,
    failAt,
    shared: shared === true,
  };
}

/** Throws a RangeError naming `failAt` unless it is a whole number from 0 on, or `Infinity`. */
export function requireFailAt(failAt: number): void {
  if (failAt !== Number.POSITIVE_INFINITY) requireCount('failAt', failAt);
}

/** The text a pool's snapshots record of its layout: fields, raw bytes and the most slots. */
export function layoutText(layout: PoolLayout<FieldSchema>): string {
  const fields = layout.fields ?? {};
  const names = Object.keys(fields).map((name) => `${name}:${fields[name]}`);
  return `${names.join(',')}|${layout.slotBytes}|${layout.maxCapacity}`;
}
