/**
 * Errors thrown by the memory module. Every throw leaves the allocator or pool exactly as it was
 * before the call (only `failureCount` counts the attempt), so a caller may catch and go on.
 */

import { describeValue } from './checks.ts';

/**
 * A request did not fit: an allocator has too few bytes left (an arena past its `maxBytes`, an
 * allocation failed on purpose by a `failingAllocator`), or a pool has no free slot and may not grow. `requested`, `available` and `capacity` are in `unit` (bytes for the arena, slots for a pool).
 *
 * @example
 * try { arena.alloc(1 << 20); } catch (e) { if (e instanceof OutOfMemoryError) console.warn(e.requested); }
 */
export class OutOfMemoryError extends Error {
  override readonly name = 'OutOfMemoryError';

  constructor(
    /** Size that was asked for. */
    readonly requested: number,
    /** What was free when the request failed (for the arena: from the first offset at the requested alignment). */
    readonly available: number,
    /** Total size of the allocator or pool. */
    readonly capacity: number,
    /** `'bytes'` for an allocator (an arena, a list, a text writer), `'slots'` for a MemoryPool. */
    readonly unit: 'bytes' | 'slots' = 'bytes',
  ) {
    super(`out of memory: requested ${requested} ${unit}, ${available} of ${capacity} ${unit} available`);
  }
}

/**
 * A pool handle is not live in this pool: it was freed already (double free), its slot was reused
 * since (stale generation), it belongs to another pool, or it is not a handle at all. In a pool's
 * debug mode it also says where the handle was allocated and where it was freed, when the pool still
 * knows (until the handle's id is freed again).
 */
export class StaleHandleError extends Error {
  override readonly name = 'StaleHandleError';

  constructor(
    /** The rejected handle, as passed. */
    readonly handle: number,
    /** Debug mode: where the handle was allocated, or empty. */
    readonly allocatedAt = '',
    /** Debug mode: where it was (first) freed, or empty. */
    readonly freedAt = '',
  ) {
    super(
      `stale handle: ${describeValue(handle)} is not live in this pool (freed, reused, foreign or not a handle)` +
        (freedAt === '' ? '' : `\nallocated at:\n${allocatedAt}\nfreed at:\n${freedAt}`),
    );
  }
}

/**
 * A view of shared memory that is not its owner tried to allocate, free, roll back, reset, restore or
 * pack. Shared allocators and pools follow a single-writer rule: one owner changes the state, any
 * thread reads the bytes, the records and the figures (see `share()` and `attach()`).
 */
export class NotOwnerError extends Error {
  override readonly name = 'NotOwnerError';

  constructor(
    /** What was attempted, e.g. `'alloc'`. */
    readonly operation: string,
  ) {
    super(
      `${operation} refused: this view of shared memory is not its owner; only the owner allocates and frees, other threads read`,
    );
  }
}
