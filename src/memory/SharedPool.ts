/**
 * What lets two threads see one pool: every state array of a `shared: true` pool lives in a
 * `SharedArrayBuffer`, and a description made by `share()` names them all, so `MemoryPool.attach` in
 * another thread builds views of the same memory. The ownership protocol is the allocators' (see
 * `SharedState`): one owner allocates and frees, every other view reads.
 */
import { describeValue, requireObject } from './checks.ts';
import type { FieldSchema } from './fields.ts';
import { type PoolLayout, resolvePoolOptions } from './poolOptions.ts';
import { SHARED_STATE_BYTES } from './SharedState.ts';

/** Bytes of a pool's counts (end, holes, slots used, capacity) and the figures a shared owner publishes. */
export const POOL_COUNTS_BYTES = 48;

/**
 * A plain, structured-cloneable description of a shared pool: post it to a worker and call
 * `MemoryPool.attach` there. Made by `MemoryPool.share()`.
 */
export interface SharedPoolDescription {
  /** What it describes. */
  readonly kind: 'MemoryPool';
  /** The ownership header (the allocators' kind). */
  readonly state: SharedArrayBuffer;
  /** Whether attaching takes over ownership (see `share({ owner: true })`). */
  readonly owner: boolean;
  /** The pool's counts and published figures. */
  readonly counts: SharedArrayBuffer;
  /** The per-slot buffers: bookkeeping, then the fields in schema order, then the raw slots. */
  readonly buffers: readonly SharedArrayBuffer[];
  /** The record layout. */
  readonly fields: FieldSchema;
  /** Bytes per raw slot. */
  readonly slotBytes: number;
  /** Whether the pool grows (its buffers are growable). */
  readonly growable: boolean;
  /** The most slots it will have. */
  readonly maxCapacity: number;
  /** The generation its ids start at. */
  readonly generationBase: number;
}

/**
 * Checks that `description` is what `MemoryPool.share()` makes, and returns the layout it describes
 * (its capacity read from the buffers as they are now). The buffers themselves are checked as the
 * attached pool takes them.
 * @throws TypeError naming `description` or the field that is wrong.
 */
export function requirePoolDescription(description: unknown): PoolLayout<FieldSchema> {
  requireObject('description', description);
  if (description.kind !== 'MemoryPool') {
    throw new TypeError(
      `description must describe a shared MemoryPool (made by share()), got kind ${describeValue(description.kind)}`,
    );
  }
  const { state, counts, buffers, owner, generationBase } = description;
  if (!(state instanceof SharedArrayBuffer) || state.byteLength !== SHARED_STATE_BYTES) {
    throw new TypeError(`description.state must be the ${SHARED_STATE_BYTES}-byte header made by share()`);
  }
  if (!(counts instanceof SharedArrayBuffer) || counts.byteLength !== POOL_COUNTS_BYTES) {
    throw new TypeError(`description.counts must be the pool's ${POOL_COUNTS_BYTES}-byte SharedArrayBuffer`);
  }
  if (typeof owner !== 'boolean') {
    throw new TypeError(`description.owner must be true or false, got ${describeValue(owner)}`);
  }
  if (!(typeof generationBase === 'number' && Number.isInteger(generationBase) && generationBase >= 0)) {
    throw new TypeError(
      `description.generationBase must be a whole number, got ${describeValue(generationBase)}`,
    );
  }
  if (!Array.isArray(buffers) || !(buffers[0] instanceof SharedArrayBuffer)) {
    throw new TypeError(
      `description.buffers must be the pool's SharedArrayBuffers, got ${describeValue(buffers)}`,
    );
  }
  try {
    // The first buffer holds a generation (4 bytes) per slot: its length is the pool's capacity now.
    return resolvePoolOptions({
      capacity: buffers[0].byteLength / 4,
      fields: description.fields as FieldSchema,
      slotBytes: description.slotBytes as number,
      growable: description.growable as boolean,
      maxCapacity: description.maxCapacity as number,
      shared: true,
    });
  } catch (error) {
    throw new TypeError(`description does not describe a pool: ${(error as Error).message}`);
  }
}
