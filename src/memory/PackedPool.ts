import { describeValue, isCount } from './checks.ts';
import { OutOfMemoryError, type StaleHandleError } from './errors.ts';
import type { FieldArrays, FieldSchema } from './fields.ts';
import { PoolStorage } from './PoolStorage.ts';
import type { PoolLayout } from './poolOptions.ts';
import { POOL_COUNTS_BYTES } from './SharedPool.ts';

/** Pools made so far: each pool starts its generations at its own even value, so that a handle from
 * another pool of the same shape does not match a live slot here (best effort: generations may meet). */
let poolSerial = 0;

/**
 * Every handle is below this bound, so it stays a small integer (Smi) in V8. Defined here, beside
 * `isAlive`, which reads it per call: an imported binding is a getter call under Vitest's module runner.
 */
export const HANDLE_LIMIT = 2 ** 30;

/**
 * Indices into a pool's `counts`: the end of the used slots, the holes below it, the slots ever used,
 * the capacity. A `const enum` so that the compilers write the numbers into the hot paths: read from a
 * module-level `const`, each index is a load in Node 20's V8, and alloc + free measured 1.3x slower.
 */
// biome-ignore lint/suspicious/noConstEnum: inlined by esbuild and tsc within this file, which is the point; other files read it as an object, off the hot paths.
export const enum Count {
  End = 0,
  Holes = 1,
  Touched = 2,
  Slots = 3,
}

/** The buffers a pool is attached over: its counts and its per-slot buffers, as `share()` describes them. */
export interface PoolBuffers {
  readonly counts: SharedArrayBuffer;
  readonly buffers: readonly SharedArrayBuffer[];
  readonly generationBase: number;
}

/**
 * Records packed into slots behind generation-checked handles: the part of a {@link MemoryPool} that
 * every alloc, free, lookup and walk runs through, kept apart from debug mode, fault injection,
 * sharing and snapshots, which reach it only through `mode` (0 in a release build: one branch per
 * alloc and free) and the checked paths a subclass gives.
 *
 * The live records are packed: reading {@link live} guarantees they fill slots 0 .. live - 1, so a
 * system visits them with a plain loop over the field arrays, no call and no check per record. A free
 * leaves a hole in its slot, which the next `alloc` fills (the most recently freed slot first); the
 * next read of `live` moves the last records into the holes that remain. A slot is therefore valid
 * until the next `free`: keep handles, and ask `slotOf` again after freeing. To free records while
 * walking them, walk backwards (a hole then only ever opens behind the walk), or read `live` once
 * before the loop and free only the record being visited (nothing moves until `live` is read again).
 *
 * A handle names the record's id, which stays with the record for its life, while its slot may
 * change. The state is a few typed arrays (per id: a generation, odd while live, and its slot; per
 * slot: the id there; a stack of freed ids; and in `counts`, the end of the used slots, the number of
 * holes, the slots ever used and the capacity), so it can be copied or shared like the fields.
 */
export abstract class PackedPool<S extends FieldSchema = FieldSchema> {
  // Fields assigned in the constructor are `declare`d: with ES2022 class fields a bare `x: T;` is
  // first defined as undefined, which widens V8's field type to "any" and puts a map check in front of
  // every `counts`/`generation` access (free + alloc measured 1.45x slower than a hand-written free
  // list; 0.9x with `declare`). Fields with an initializer below are defined before the constructor body runs.
  /** Struct-of-arrays storage, one typed array per schema field, `capacity` long, indexed by slot. */
  declare readonly fields: FieldArrays<S>;
  /** Bytes per raw slot (0 when the pool has only `fields`). */
  declare readonly slotBytes: number;
  /** Whole-pool views of the raw slots; index with `offsetOf(handle)` (shifted for wider types). */
  declare readonly u8: Uint8Array;
  /** @see u8 */
  declare readonly i32: Int32Array;
  /** @see u8 */
  declare readonly u32: Uint32Array;
  /** @see u8 */
  declare readonly f32: Float32Array;
  /** @see u8 */
  declare readonly f64: Float64Array;
  /** Whether the pool grows when full. */
  declare readonly growable: boolean;
  /** The most slots the pool will ever have. */
  declare readonly maxCapacity: number;

  // The counters are plain fields, not a typed array: a Float64Array increment made free + alloc 17%
  // slower. A shared pool's owner publishes them from its checked paths instead.
  /** Peak of `live` since construction or `resetHighWater()`. */
  highWater = 0;
  /** Successful allocations since construction (monotonic; diff it to measure a span). */
  allocCount = 0;
  /** Frees since construction (monotonic). */
  freeCount = 0;
  /** Allocations refused because the pool was full, or failed on purpose (monotonic). */
  failureCount = 0;

  declare protected slots: number;
  declare protected readonly storage: PoolStorage<S>;
  /** Per id: odd while its record is live, even while free; masked to `generationMask`. */
  declare protected readonly generation: Uint32Array;
  /** Per id: the slot of its record (for a free id, the slot it waits in). */
  declare protected readonly slotById: Int32Array;
  /** Per slot: the id whose record is there; from `Count.End` on, the free ids, next to be used first. */
  declare protected readonly idBySlot: Int32Array;
  /** The ids freed since the last packing, most recent on top: their slots, below `Count.End`, are holes. */
  declare protected readonly holes: Int32Array;
  /** `Count.End`, `Count.Holes`, `Count.Touched` (slots from here on were never used: as new) and `Count.Slots`. */
  declare protected readonly counts: Int32Array;
  /** Where a shared pool's owner publishes its counters, in the buffer of `counts`. */
  declare protected readonly published: Float64Array;
  declare protected readonly indexBits: number;
  declare protected readonly indexMask: number;
  declare protected readonly generationMask: number;
  /** Even generation every id starts at, distinct per pool. */
  declare protected readonly generationBase: number;
  /** The checked options the pool was made from. */
  declare protected readonly layout: PoolLayout<S>;
  /** Debug mode, fault injection, sharing: 0 in a release build, so alloc and free pay one branch. */
  declare protected mode: number;

  /**
   * Builds the pool `layout` describes, over new buffers or, for `attach`, over `given` ones.
   * @throws TypeError naming `description.buffers[i]` when a given buffer does not fit.
   */
  protected constructor(layout: PoolLayout<S>, given?: PoolBuffers) {
    const { capacity, maxCapacity } = layout;
    this.layout = layout;
    this.growable = layout.growable;
    this.maxCapacity = maxCapacity;
    this.slots = capacity;
    this.slotBytes = layout.slotBytes;
    this.indexBits = Math.max(1, Math.ceil(Math.log2(maxCapacity)));
    this.indexMask = (1 << this.indexBits) - 1;
    this.generationMask = (HANDLE_LIMIT >>> this.indexBits) - 1;
    this.generationBase =
      given?.generationBase ?? (Math.imul(poolSerial++, 0x9e3779b1) << 1) & this.generationMask;

    const shape = {
      slots: capacity,
      maxSlots: maxCapacity,
      growable: layout.growable,
      shared: layout.shared,
    };
    const storage = new PoolStorage(shape, layout.fields, layout.slotBytes, given?.buffers);
    this.storage = storage;
    this.fields = storage.fields;
    this.u8 = storage.u8;
    this.i32 = storage.i32;
    this.u32 = storage.u32;
    this.f32 = storage.f32;
    this.f64 = storage.f64;
    this.generation = storage.generation;
    this.slotById = storage.slotById;
    this.idBySlot = storage.idBySlot;
    this.holes = storage.holes;
    const counts =
      given?.counts ??
      (layout.shared ? new SharedArrayBuffer(POOL_COUNTS_BYTES) : new ArrayBuffer(POOL_COUNTS_BYTES));
    this.counts = new Int32Array(counts, 0, 4);
    this.published = new Float64Array(counts, 16, 4);
    this.mode = 0;
    if (given === undefined) {
      this.generation.fill(this.generationBase);
      this.addFreeIds(0, capacity);
      this.counts[Count.Slots] = capacity;
    }
  }

  /** Number of slots the pool has now. */
  get capacity(): number {
    return this.slots;
  }
  /**
   * Records alive now; reading it packs them into slots 0 .. live - 1 (moving the last records into
   * the holes left by frees since the last read), so it is the bound of a loop over the fields. On a
   * reader of a shared pool with holes it throws NotOwnerError: only the owner packs.
   */
  get live(): number {
    if (this.counts[Count.Holes] !== 0) this.pack();
    return this.counts[Count.End];
  }
  /** Free slots without growing. */
  get available(): number {
    return this.slots - this.liveCount();
  }
  /** `live / capacity`, from 0 to 1. */
  get occupancy(): number {
    return this.liveCount() / this.slots;
  }
  /**
   * Takes a free slot (the most recently freed one first, then the first unused one) and returns the
   * new record's handle: a non-negative integer below 2^30 that encodes its id and generation.
   * @throws OutOfMemoryError when the pool is full and cannot grow, or `failAt` says so (only
   *   `failureCount` changes); NotOwnerError on a reader of a shared pool.
   */
  alloc(): number {
    const handle = this.tryAlloc();
    if (handle === -1) throw new OutOfMemoryError(1, this.available, this.slots, 'slots');
    return handle;
  }

  /** Like {@link alloc}, but returns -1 when the pool is full and cannot grow. */
  tryAlloc(): number {
    if (this.mode !== 0) return this.tryAllocChecked();
    return this.take();
  }

  /**
   * Returns the handle's record to the pool; the handle and every copy of it are dead from now on.
   * Its slot becomes a hole that the next `alloc` fills or the next read of `live` closes, so other
   * records keep their slots until then.
   * @throws StaleHandleError when `handle` is not live here (double free, stale, foreign, garbage);
   *   nothing changes. NotOwnerError on a reader of a shared pool.
   */
  free(handle: number): void {
    if (!this.isAlive(handle)) throw this.stale(handle);
    if (this.mode !== 0) this.freeChecked(handle);
    else this.release(handle);
  }

  /** True when `handle` was returned by this pool's `alloc` and has not been freed (or reset) since. */
  isAlive(handle: number): boolean {
    // `typeof` first: a BigInt would pass the comparisons and throw a TypeError at `| 0`.
    if (!(typeof handle === 'number' && handle >= 0 && handle < HANDLE_LIMIT && (handle | 0) === handle)) {
      return false;
    }
    const id = handle & this.indexMask;
    const generation = this.generation[id];
    return id < this.slots && (generation & 1) === 1 && generation === handle >>> this.indexBits;
  }

  /**
   * The slot of a live handle's record: the index into `fields`, valid until the next `free`.
   * @throws StaleHandleError when `handle` is not live.
   */
  slotOf(handle: number): number {
    if (!this.isAlive(handle)) throw this.stale(handle);
    return this.slotById[handle & this.indexMask];
  }

  /**
   * The byte offset of a live handle's raw slot in `u8` (divide by 4 or 8 for the wider views).
   * @throws StaleHandleError when `handle` is not live.
   */
  offsetOf(handle: number): number {
    return this.slotOf(handle) * this.slotBytes;
  }

  /** The handle of the record in `slot`, or -1 if the slot is free (a hole) or out of range. */
  handleAt(slot: number): number {
    // Inline, like isAlive: a call to isCount (another module) is not inlined under Vitest's module
    // runner, and forEachLive calls this once per live slot.
    if (!(typeof slot === 'number' && slot >= 0 && slot < this.counts[Count.End] && (slot | 0) === slot))
      return -1;
    const id = this.idBySlot[slot];
    const generation = this.generation[id];
    return (generation & 1) === 1 ? (generation << this.indexBits) | id : -1;
  }

  /**
   * The first live slot after `slot`, or -1. It skips holes and never packs, so the record being
   * visited may be freed; a loop over `0 .. live - 1` is faster.
   * @example
   * for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) pool.fields.x[s] += 1;
   */
  nextLive(slot: number): number {
    // Checked inline first (see handleAt): this runs once per live slot visited.
    if (!(typeof slot === 'number' && slot >= -1 && (slot | 0) === slot) && !isCount(slot)) {
      throw new RangeError(`slot must be -1 or a non-negative whole number, got ${describeValue(slot)}`);
    }
    const generation = this.generation;
    const idBySlot = this.idBySlot;
    for (let s = slot + 1, end = this.counts[Count.End]; s < end; s++) {
      if ((generation[idBySlot[s]] & 1) === 1) return s;
    }
    return -1;
  }

  /**
   * Calls `visit(slot, handle)` for every live record in slot order; `visit` may free the record it
   * is given. Pass a function made once to stay garbage-free.
   */
  forEachLive(visit: (slot: number, handle: number) => void): void {
    for (let s = this.nextLive(-1); s !== -1; s = this.nextLive(s)) visit(s, this.handleAt(s));
  }

  /** Records alive now, without packing. */
  protected liveCount(): number {
    return this.counts[Count.End] - this.counts[Count.Holes];
  }

  /** The allocation itself, once any check is done. */
  protected take(): number {
    const counts = this.counts;
    const holes = counts[Count.Holes];
    const end = counts[Count.End];
    let id: number;
    if (holes !== 0) {
      // The record goes back where the freed id's record was: no slot to look up.
      id = this.holes[holes - 1];
      counts[Count.Holes] = holes - 1;
    } else {
      // Past the slots ever used the cold path counts one more, growing the pool when it is full.
      if (end === counts[Count.Touched] && !this.extend(end)) {
        this.failureCount++;
        return -1;
      }
      id = this.idBySlot[end];
      counts[Count.End] = end + 1;
    }
    const generation = (this.generation[id] + 1) & this.generationMask;
    this.generation[id] = generation;
    // One more than before, whether a hole was filled or the end moved.
    const live = end - holes + 1;
    if (live > this.highWater) this.highWater = live;
    this.allocCount++;
    return (generation << this.indexBits) | id;
  }

  /** Marks the live `handle` free, leaving its slot a hole. */
  protected release(handle: number): void {
    const id = handle & this.indexMask;
    this.generation[id] = (this.generation[id] + 1) & this.generationMask;
    const counts = this.counts;
    const holes = counts[Count.Holes];
    this.holes[holes] = id;
    counts[Count.Holes] = holes + 1;
    this.freeCount++;
  }

  /** {@link tryAlloc} when `mode` is set: checks, then {@link take}. */
  protected abstract tryAllocChecked(): number;
  /** {@link free} of a live handle when `mode` is set: checks, then {@link release}. */
  protected abstract freeChecked(handle: number): void;
  /** The error for a use of `handle`, which is not live here. */
  protected abstract stale(handle: number): StaleHandleError;
  /** Before packing when `mode` is set: checks it may; returns whether to poison the slots vacated. */
  protected abstract packing(): boolean;

  /**
   * Closes the holes: each takes the last live record (ids and records move together), so the live
   * records fill 0 .. live - 1 and the free ids follow them. Debug mode poisons the slots vacated.
   */
  protected pack(): void {
    const poison = this.mode !== 0 && this.packing();
    const { counts, generation, idBySlot, slotById, holes, storage } = this;
    let end = counts[Count.End];
    for (let h = counts[Count.Holes] - 1; h >= 0; h--) {
      // Free records at the end are dropped rather than moved (their holes are still to come, and skipped).
      while (end > 0 && (generation[idBySlot[end - 1]] & 1) === 0) end--;
      const freed = holes[h];
      const hole = slotById[freed];
      if (hole >= end) continue;
      const last = end - 1;
      const moved = idBySlot[last];
      idBySlot[hole] = moved;
      slotById[moved] = hole;
      idBySlot[last] = freed;
      slotById[freed] = last;
      storage.move(last, hole);
      if (poison) storage.poison(last);
      end = last;
    }
    counts[Count.End] = end;
    counts[Count.Holes] = 0;
  }

  /** Counts slot `end` as used from now on, first growing the pool when it is full; false when it cannot. */
  private extend(end: number): boolean {
    if (end === this.slots && !this.grow()) return false;
    this.counts[Count.Touched] = end + 1;
    return true;
  }

  /** Doubles capacity (up to `maxCapacity`) in place; typed arrays callers hold see the new length. */
  private grow(): boolean {
    if (!this.growable || this.slots >= this.maxCapacity) return false;
    const from = this.slots;
    const to = Math.min(from * 2, this.maxCapacity);
    this.storage.resize(to);
    this.slots = to;
    this.counts[Count.Slots] = to;
    this.generation.fill(this.generationBase, from, to);
    this.addFreeIds(from, to);
    return true;
  }

  /** New ids [from, to), each waiting in the slot of its number. */
  protected addFreeIds(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.idBySlot[i] = i;
      this.slotById[i] = i;
    }
  }
}
