import { AllocationLog, type AllocationRecord, warnReport } from './AllocationLog.ts';
import type { Allocator } from './Allocator.ts';
import { type BumpAllocatorOptions, MAX_ALIGNMENT, MAX_ARENA_BYTES, POISON_BYTE } from './bumpOptions.ts';
import { describeValue, isCount, requireCount, requireFlag, requirePowerOfTwo } from './checks.ts';
import { NotOwnerError, OutOfMemoryError } from './errors.ts';
import { ReleaseLog } from './ReleaseLog.ts';
import { type SharedAllocatorDescription, type SharedShape, SharedState } from './SharedState.ts';
import { bumpSnapshotBytes, readBumpSnapshot, type Snapshottable, writeBumpSnapshot } from './Snapshot.ts';

/** `mode` bits. Any bit set sends every allocation through the slow path. */
const DEBUG = 1;
const SHARED = 2;
const READER = 4;

/**
 * The bump allocator both arenas are: a `used` offset over one buffer, moved forward by allocation
 * and back by `free` (of the last allocation only), `rollback` and `reset`. Allocations are byte
 * offsets into the whole-buffer views made once, so the hot path creates no objects.
 * `FixedBufferAllocator` has a fixed buffer; `ArenaAllocator` commits more of a reserved one as it
 * fills. Both implement {@link Allocator}.
 *
 * Debug mode and shared memory cost a release build nothing on `alloc`: they set `fastEnd` to -1, so
 * the one bounds check the fast path makes anyway sends every allocation to the slow path.
 */
export abstract class BumpAllocator implements Allocator, Snapshottable {
  /** The memory every offset points into. */
  declare readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Whole-buffer byte view; index it with byte offsets. */
  declare readonly u8: Uint8Array;
  /** Whole-buffer view; index it with `allocI32` results (or byte offset >> 2). */
  declare readonly i32: Int32Array;
  /** Whole-buffer view; index it with `allocU32` results (or byte offset >> 2). */
  declare readonly u32: Uint32Array;
  /** Whole-buffer view; index it with `allocF32` results (or byte offset >> 2). */
  declare readonly f32: Float32Array;
  /** Whole-buffer view; index it with `allocF64` results (or byte offset >> 3). */
  declare readonly f64: Float64Array;
  /** Whether released bytes are overwritten with {@link POISON_BYTE}. */
  declare readonly poison: boolean;
  /** The most bytes this allocator can ever hand out. */
  abstract readonly maxBytes: number;

  /** Bytes in use: the end of the last allocation (Zig's `end_index`). */
  used = 0;
  /** Peak of `used` since construction or {@link resetHighWater}. */
  highWater = 0;
  /** Successful allocations since construction (monotonic, like a pool's: diff it to measure a span). */
  allocCount = 0;
  /** Allocations refused because they did not fit, since construction (monotonic). */
  failureCount = 0;
  /** Rises on every reset and on every release of bytes; see {@link Allocator}. */
  epoch = 0;

  /** Allocations ending at or below this take the fast path; -1 sends every one to the slow path. */
  protected fastEnd = 0;
  private mode = 0;
  private readonly releases = new ReleaseLog();
  private log: AllocationLog | null = null;
  private state: SharedState | null = null;

  /** `tracking`: views follow a resizable buffer's length (made without one). */
  protected constructor(
    buffer: ArrayBuffer | SharedArrayBuffer,
    options: BumpAllocatorOptions,
    tracking: boolean,
  ) {
    const { poison, debug, onReport } = options;
    requireFlag('poison', poison);
    requireFlag('debug', debug);
    if (onReport !== undefined && typeof onReport !== 'function') {
      throw new TypeError(`onReport must be a function, got ${describeValue(onReport)}`);
    }
    const words = tracking ? undefined : buffer.byteLength >>> 2;
    this.buffer = buffer;
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer, 0, words);
    this.u32 = new Uint32Array(buffer, 0, words);
    this.f32 = new Float32Array(buffer, 0, words);
    this.f64 = new Float64Array(buffer, 0, tracking ? undefined : buffer.byteLength >>> 3);
    this.poison = poison === true;
    this.fastEnd = buffer.byteLength;
    if (debug === true) {
      this.log = new AllocationLog(onReport ?? warnReport);
      this.setMode(DEBUG);
    }
  }

  /** Bytes that can be handed out now: the buffer's length (an arena's committed bytes). */
  get capacity(): number {
    return this.buffer.byteLength;
  }

  /** Bytes still free after `used`, within {@link capacity}. */
  get available(): number {
    return this.capacity - this.used;
  }

  /** Whether debug mode records allocations and reports misuse. */
  get debug(): boolean {
    return this.log !== null;
  }

  /** False only for a view of shared memory that is not its owner (it may read, not allocate). */
  get owner(): boolean {
    return (this.mode & READER) === 0;
  }

  /**
   * Allocates `byteLength` bytes at a multiple of `alignment` and returns the byte offset.
   * @throws OutOfMemoryError when it does not fit (only `failureCount` changes).
   * @throws RangeError for a bad `byteLength` or `alignment` (nothing changes).
   */
  alloc(byteLength: number, alignment = 8): number {
    return this.mustFit(this.tryAlloc(byteLength, alignment), byteLength, alignment);
  }

  /**
   * Like {@link alloc}, but returns -1 when the request does not fit, for hot paths that treat
   * running out as an event rather than an error. Bad arguments still throw.
   */
  tryAlloc(byteLength: number, alignment = 8): number {
    // Valid calls' arguments checked inline: an imported helper is not inlined under Vitest's module
    // runner (a getter call on a module object: alloc ran 5x slower). The rest, valid sizes of 2^31 and
    // more included, get the full checks; `typeof` first, so a BigInt gets the RangeError naming it.
    if (
      !(typeof byteLength === 'number' && (byteLength | 0) === byteLength && byteLength >= 0) ||
      !(
        typeof alignment === 'number' &&
        (alignment | 0) === alignment &&
        alignment > 0 &&
        (alignment & (alignment - 1)) === 0
      )
    ) {
      requireCount('byteLength', byteLength);
      requirePowerOfTwo('alignment', alignment, MAX_ALIGNMENT);
    }
    const mask = alignment - 1;
    const offset = (this.used + mask) & ~mask;
    const end = offset + byteLength;
    if (end > this.fastEnd) return this.advance(offset, end, false) ? offset : this.refuse();
    this.used = end;
    if (end > this.highWater) this.highWater = end;
    this.allocCount++;
    return offset;
  }

  /** Allocates `count` float32s; returns the element index into {@link f32}. Throws like {@link alloc}. */
  allocF32(count: number): number {
    return this.mustFit(this.tryAllocF32(count), count * 4, 4);
  }
  /** Allocates `count` float64s; returns the element index into {@link f64}. Throws like {@link alloc}. */
  allocF64(count: number): number {
    return this.mustFit(this.tryAllocF64(count), count * 8, 8);
  }
  /** Allocates `count` int32s; returns the element index into {@link i32}. Throws like {@link alloc}. */
  allocI32(count: number): number {
    return this.mustFit(this.tryAllocI32(count), count * 4, 4);
  }
  /** Allocates `count` uint32s; returns the element index into {@link u32}. Throws like {@link alloc}. */
  allocU32(count: number): number {
    return this.mustFit(this.tryAllocU32(count), count * 4, 4);
  }
  /** Allocates `count` bytes; returns the index into {@link u8}. Throws like {@link alloc}. */
  allocU8(count: number): number {
    return this.mustFit(this.tryAllocU8(count), count, 1);
  }

  /** {@link allocF32} that returns -1 when it does not fit. */
  tryAllocF32(count: number): number {
    return this.tryElements(count, 2);
  }
  /** {@link allocF64} that returns -1 when it does not fit. */
  tryAllocF64(count: number): number {
    return this.tryElements(count, 3);
  }
  /** {@link allocI32} that returns -1 when it does not fit. */
  tryAllocI32(count: number): number {
    return this.tryElements(count, 2);
  }
  /** {@link allocU32} that returns -1 when it does not fit. */
  tryAllocU32(count: number): number {
    return this.tryElements(count, 2);
  }
  /** {@link allocU8} that returns -1 when it does not fit. */
  tryAllocU8(count: number): number {
    return this.tryElements(count, 0);
  }

  /**
   * Zig's resize: the last allocation grows (if it fits) or shrinks in place; any other allocation
   * may shrink (true, nothing reclaimed) but not grow (false). The region must lie within `used`.
   * @returns whether the allocation now has `newByteLength` bytes at `offset`.
   * @throws RangeError for bad numbers or a region outside the allocated bytes (nothing changes).
   */
  resize(offset: number, oldByteLength: number, newByteLength: number): boolean {
    this.requireAllocated(offset, oldByteLength, 'oldByteLength');
    requireCount('newByteLength', newByteLength);
    if (offset + oldByteLength !== this.used) return newByteLength <= oldByteLength;
    const end = offset + newByteLength;
    if (newByteLength <= oldByteLength) {
      this.release(end, 'resize');
      return true;
    }
    if (end > this.fastEnd) return this.advance(offset, end, true);
    this.used = end;
    if (end > this.highWater) this.highWater = end;
    return true;
  }

  /**
   * Frees an allocation: rewinds `used` if it is the last one. Any other free gives nothing back (a
   * bump allocator frees everything at {@link reset}): a LIFO violation, silent unless in debug mode.
   * @throws RangeError for bad numbers or a region outside the allocated bytes (nothing changes).
   */
  free(offset: number, byteLength: number): void {
    this.requireAllocated(offset, byteLength, 'byteLength');
    if (offset + byteLength === this.used) this.release(offset, 'free');
    else if (this.mode !== 0) {
      this.requireOwner('free');
      if (this.log !== null) this.log.outOfOrderFree(offset, byteLength, this.used);
    }
  }

  /** True when `[offset, offset + byteLength)` ends exactly at `used`, so it can grow or be rewound. */
  isLastAllocation(offset: number, byteLength: number): boolean {
    return isCount(offset) && isCount(byteLength) && offset + byteLength === this.used;
  }

  /** True when `offset` is a byte offset inside this allocator's buffer (Zig's `ownsPtr`). */
  owns(offset: number): boolean {
    return isCount(offset) && offset < this.capacity;
  }

  /** A savepoint for {@link rollback}: the current `used`. */
  mark(): number {
    return this.used;
  }

  /**
   * Frees everything allocated since `mark` (LIFO scopes inside a tick).
   * @throws RangeError when `mark` is not a count or lies above `used` (nothing changes).
   */
  rollback(mark: number): void {
    requireCount('mark', mark);
    if (mark > this.used) {
      throw new RangeError(
        `mark ${mark} lies above used (${this.used}); marks must be rolled back in LIFO order`,
      );
    }
    this.release(mark, 'rollback');
  }

  /** Frees everything: the next allocation of a given size returns the same offset the first one did. */
  reset(): void {
    if (this.mode !== 0) this.releaseChecked(0, 'reset', true);
    else this.drop(0, true);
  }

  /** Starts a new peak measurement from the current `used`. */
  resetHighWater(): void {
    this.highWater = this.used;
    if (this.state !== null) this.state.publish(this);
  }

  /** Whether, since `epoch`, a release gave back bytes below `end`; see {@link Allocator.releasedBelow}. */
  releasedBelow(end: number, epoch: number): boolean {
    return this.releases.releasedBelow(end, epoch, this.epoch);
  }

  /** Debug mode: the allocations made since the last reset that are still live, oldest first (a copy). */
  allocations(): AllocationRecord[] {
    return this.log === null ? [] : this.log.list();
  }

  /** The bytes a {@link snapshot} takes now: a header and the bytes in use. */
  get snapshotBytes(): number {
    return bumpSnapshotBytes(this.used);
  }
  /** Writes `used`, its peak, counters and bytes in use from `offset`: see {@link Snapshottable.snapshot}. */
  snapshot(into: Uint8Array, offset = 0): number {
    return writeBumpSnapshot(this, into, offset);
  }
  /**
   * Reads back a snapshot of either arena, checked whole first: like a reset it gives everything back
   * (poisoned if asked; a new epoch, so lists holding blocks start empty; debug records go), then takes
   * its bytes and figures, committing what they need. Throws as {@link Snapshottable.restore} does, a
   * RangeError naming `from` when its bytes do not fit here, NotOwnerError on a reader.
   */
  restore(from: Uint8Array, offset = 0): void {
    if (this.mode !== 0) this.requireOwner('restore');
    const { bytes, ...figures } = readBumpSnapshot(from, offset, this.maxBytes);
    if (!this.commit(figures.used)) throw new RangeError(`from needs ${figures.used} bytes, not committed`);
    this.reset();
    this.u8.set(bytes);
    Object.assign(this, figures);
    if (this.state !== null) this.state.publish(this);
  }

  /**
   * Describes this allocator for another thread, in a structured-cloneable object for the class's
   * `attach` there. Its memory must be shared (a `SharedArrayBuffer` source or `shared: true`). With
   * `owner: true` the view that attaches becomes the one that allocates, and this one only reads.
   * Sharing routes every allocation through the slow path, which also publishes the figures.
   * @throws TypeError when the memory is not shared; NotOwnerError when a reader asks to give ownership.
   */
  share(options: { owner?: boolean } = {}): SharedAllocatorDescription {
    requireFlag('owner', options.owner);
    if (this.state === null) {
      this.state = SharedState.create(this.buffer);
      this.setMode(SHARED);
    }
    const owner = options.owner === true;
    if (this.owner) this.state.publish(this);
    if (owner) {
      this.state.handOver();
      this.becomeReader();
    }
    return this.state.describe(this.buffer as SharedArrayBuffer, owner, this.poison, this.shape());
  }

  /** The class and limits a description carries. */
  protected abstract shape(): SharedShape;

  /**
   * Makes bytes up to `end` usable, committing more memory if the allocator can; false when it cannot.
   * In a release build it is reached only when `end` passes `fastEnd`.
   */
  protected abstract commit(end: number): boolean;

  /** Joins a shared allocator as a reader or, with `owner`, as the owner it was handed to. */
  protected joinShared(description: SharedAllocatorDescription): void {
    this.state = SharedState.join(description);
    this.setMode(SHARED);
    if (description.owner) {
      this.state.read(this);
      this.releases.forget(this.epoch);
    } else {
      this.becomeReader();
    }
  }

  /** Re-reads the fast path's bound after the buffer's length changed (a release build only). */
  protected updateFastEnd(): void {
    if (this.mode === 0) this.fastEnd = this.capacity;
  }

  private newEpoch(end: number): void {
    this.epoch++;
    this.releases.record(this.epoch, end);
  }

  /** Moves `used` down to `end` (at most `used`). Debug mode and sharing cost one branch here. */
  private release(end: number, operation: string): void {
    if (this.mode !== 0) this.releaseChecked(end, operation, false);
    else this.drop(end, false);
  }

  /** Gives back everything from `end` up, poisoned if asked; a `reset` starts an epoch even when nothing was in use. */
  private drop(end: number, reset: boolean): void {
    if (end < this.used) {
      if (this.poison) this.u8.fill(POISON_BYTE, end, this.used);
      this.used = end;
      this.newEpoch(end);
    } else if (reset) {
      this.newEpoch(end);
    }
  }

  /** {@link release} in debug mode or shared memory: owner check, debug records, publishing. */
  private releaseChecked(end: number, operation: string, reset: boolean): void {
    this.requireOwner(operation);
    this.drop(end, reset);
    if (this.log !== null) {
      if (reset) this.log.clear();
      else this.log.released(end);
    }
    if (this.state !== null) this.state.publish(this);
  }

  /**
   * The slow path of an allocation, or of growing the last one in place (`grow`): owner check,
   * commit, debug record, publishing.
   */
  private advance(offset: number, end: number, grow: boolean): boolean {
    if (this.mode !== 0) this.requireOwner(grow ? 'resize' : 'alloc');
    if (!this.commit(end)) return false;
    this.used = end;
    if (end > this.highWater) this.highWater = end;
    if (!grow) this.allocCount++;
    if (this.log !== null) this.log.allocated(offset, end - offset, grow);
    if (this.state !== null) this.state.publish(this);
    return true;
  }

  /** Counts a refused allocation and returns -1. */
  private refuse(): number {
    this.failureCount++;
    if (this.state !== null) this.state.publish(this);
    return -1;
  }

  private tryElements(count: number, shift: number): number {
    // Checked inline first, as in tryAlloc: the typed allocations are hot paths too.
    if (!(typeof count === 'number' && (count | 0) === count && count >= 0)) requireCount('count', count);
    // A count this large cannot fit, and count << shift could pass 2^53 and fail as a bad byteLength.
    if (count > MAX_ARENA_BYTES) {
      if (this.mode !== 0) this.requireOwner('alloc');
      return this.refuse();
    }
    const offset = this.tryAlloc(count * (1 << shift), 1 << shift);
    return offset === -1 ? -1 : offset >>> shift;
  }

  /** Passes an offset through, or throws the OutOfMemoryError for -1, stating the bytes free at `alignment`. */
  private mustFit(result: number, byteLength: number, alignment: number): number {
    if (result === -1) {
      const mask = alignment - 1;
      const free = Math.max(0, this.maxBytes - ((this.used + mask) & ~mask));
      throw new OutOfMemoryError(byteLength, free, this.maxBytes);
    }
    return result;
  }

  /** Throws a RangeError naming `offset` and the length (called `lengthName`) unless both lie within `used`. */
  private requireAllocated(offset: number, byteLength: number, lengthName: string): void {
    requireCount('offset', offset);
    requireCount(lengthName, byteLength);
    if (offset + byteLength > this.used) {
      throw new RangeError(
        `offset ${offset} and ${lengthName} ${byteLength} name [${offset}, ${offset + byteLength}), which is not allocated: only [0, ${this.used}) is in use`,
      );
    }
  }

  private requireOwner(operation: string): void {
    if ((this.mode & READER) !== 0) throw new NotOwnerError(operation);
  }

  private becomeReader(): void {
    this.setMode(READER);
    this.state!.mirrorInto(this);
    this.releases.forget(this.epoch);
  }

  private setMode(bit: number): void {
    this.mode |= bit;
    this.fastEnd = -1;
  }
}
