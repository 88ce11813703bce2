/**
 * Errors thrown by the memory module. Every throw leaves the allocator or pool exactly as it was
 * before the call (only `failureCount` counts the attempt), so a caller may catch and go on.
 */

import { describeValue } from './checks.ts';

/**
 * A request did not fit: the frame arena has too few bytes left, or a pool has no free slot and may
 * not grow. `requested`, `available` and `capacity` are in `unit` (bytes for the arena, slots for a pool).
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
    /** `'bytes'` for a FixedBufferAllocator, `'slots'` for a MemoryPool. */
    readonly unit: 'bytes' | 'slots' = 'bytes',
  ) {
    super(`out of memory: requested ${requested} ${unit}, ${available} of ${capacity} ${unit} available`);
  }
}

/**
 * A pool handle is not live in this pool: it was freed already (double free), its slot was reused
 * since (stale generation), it belongs to another pool, or it is not a handle at all.
 */
export class StaleHandleError extends Error {
  override readonly name = 'StaleHandleError';

  constructor(
    /** The rejected handle, as passed. */
    readonly handle: number,
  ) {
    super(
      `stale handle: ${describeValue(handle)} is not live in this pool (freed, reused, foreign or not a handle)`,
    );
  }
}
