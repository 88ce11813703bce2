import {
  describeValue,
  isCount,
  requireCount,
  requireFlag,
  requireOptions,
  requirePowerOfTwo,
} from './checks.ts';
import { OutOfMemoryError } from './errors.ts';

/** Largest capacity in bytes: offsets and aligned sums then stay small integers (below 2^31). */
export const MAX_ARENA_BYTES = 2 ** 30;
/** Largest alignment `alloc` accepts. */
export const MAX_ALIGNMENT = 2 ** 30;
/** Byte written over released memory when `poison` is on, so stale reads stand out (Zig's 0xAA). */
export const POISON_BYTE = 0xaa;

/** Options for {@link FixedBufferAllocator}. */
export interface FixedBufferAllocatorOptions {
  /** Fill released bytes with 0xAA on `reset`, `rollback`, `free` and shrinking `resize`. Default false. */
  poison?: boolean;
}

/**
 * A bump allocator over one fixed buffer, after Zig's `std.heap.FixedBufferAllocator`: the frame
 * arena of a game, reset at the start of every tick. Its whole state is `used` (Zig's `end_index`)
 * over `buffer`; allocation moves `used` forward and returns a byte offset into the whole-buffer
 * views (`u8`, `i32`, `u32`, `f32`, `f64`) that were created once, so the hot path creates no objects.
 *
 * An offset is valid until the next `reset` (or a `rollback`/`free` below it); after that the same
 * bytes are handed out again.
 *
 * @example
 * const arena = new FixedBufferAllocator(64 * 1024);
 * arena.reset(); // start of tick
 * const xs = arena.allocF32(count); // element index into arena.f32
 * for (let i = 0; i < count; i++) arena.f32[xs + i] = i;
 */
export class FixedBufferAllocator {
  /** The memory every offset points into. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Size of `buffer` in bytes. */
  readonly capacity: number;
  /** Whole-buffer byte view; index it with byte offsets. */
  readonly u8: Uint8Array;
  /** Whole-buffer view; index it with `allocI32` results (or byte offset >> 2). */
  readonly i32: Int32Array;
  /** Whole-buffer view; index it with `allocU32` results (or byte offset >> 2). */
  readonly u32: Uint32Array;
  /** Whole-buffer view; index it with `allocF32` results (or byte offset >> 2). */
  readonly f32: Float32Array;
  /** Whole-buffer view; index it with `allocF64` results (or byte offset >> 3). */
  readonly f64: Float64Array;
  /** Whether released bytes are overwritten with {@link POISON_BYTE}. */
  readonly poison: boolean;

  /** Bytes in use: the end of the last allocation (Zig's `end_index`). */
  used = 0;
  /** Peak of `used` since construction or {@link resetHighWater}. */
  highWater = 0;
  /** Successful allocations since construction (monotonic, like a pool's: diff it to measure a span). */
  allocCount = 0;
  /** Allocations refused because they did not fit, since construction (monotonic). */
  failureCount = 0;

  /**
   * @param source a capacity in bytes (a new ArrayBuffer is made), or an existing fixed-length
   *   `ArrayBuffer` or `SharedArrayBuffer` to allocate from (up to {@link MAX_ARENA_BYTES}).
   */
  constructor(source: number | ArrayBuffer | SharedArrayBuffer, options: FixedBufferAllocatorOptions = {}) {
    requireOptions(options);
    requireFlag('poison', options.poison);
    let buffer: ArrayBuffer | SharedArrayBuffer;
    if (typeof source === 'number') {
      requireCount('source', source);
      if (source > MAX_ARENA_BYTES) {
        throw new RangeError(`source must be at most ${MAX_ARENA_BYTES} bytes, got ${source}`);
      }
      buffer = new ArrayBuffer(source);
    } else if (isBuffer(source)) {
      if (source.byteLength > MAX_ARENA_BYTES) {
        throw new RangeError(`source must be at most ${MAX_ARENA_BYTES} bytes, got ${source.byteLength}`);
      }
      if (('resizable' in source && source.resizable) || ('growable' in source && source.growable)) {
        throw new RangeError('source must be a fixed-length buffer, got a resizable one');
      }
      buffer = source;
    } else {
      throw new TypeError(
        `source must be a byte capacity, an ArrayBuffer or a SharedArrayBuffer, got ${describeValue(source)}`,
      );
    }
    this.buffer = buffer;
    this.capacity = buffer.byteLength;
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer, 0, this.capacity >>> 2);
    this.u32 = new Uint32Array(buffer, 0, this.capacity >>> 2);
    this.f32 = new Float32Array(buffer, 0, this.capacity >>> 2);
    this.f64 = new Float64Array(buffer, 0, this.capacity >>> 3);
    this.poison = options.poison === true;
  }

  /** Bytes still free after `used`. */
  get available(): number {
    return this.capacity - this.used;
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
   * running out as an event rather than an error. Bad arguments still throw a RangeError.
   */
  tryAlloc(byteLength: number, alignment = 8): number {
    // Fast path for what valid calls pass: a small non-negative size and a small power-of-two alignment,
    // checked inline. A call to an imported helper here is not inlined under Vitest's module runner (it
    // becomes a getter call on a module object) and made alloc 5x slower there. Anything else,
    // including valid sizes of 2^31 and more, goes through the full checks: the accepted inputs are
    // those of requireCount and requirePowerOfTwo. `typeof` comes first so that a BigInt or a Symbol
    // gets the RangeError naming it rather than a TypeError from `| 0`: with and without it, the alloc
    // loop of bench/loaders.bench.ts ran equally fast in all three loaders.
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
    if (end > this.capacity) {
      this.failureCount++;
      return -1;
    }
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
      this.release(end);
      return true;
    }
    if (end > this.capacity) return false;
    this.used = end;
    if (end > this.highWater) this.highWater = end;
    return true;
  }

  /**
   * Frees an allocation: rewinds `used` if it is the last one, otherwise does nothing (a bump
   * allocator frees everything at {@link reset}).
   * @throws RangeError for bad numbers or a region outside the allocated bytes (nothing changes).
   */
  free(offset: number, byteLength: number): void {
    this.requireAllocated(offset, byteLength, 'byteLength');
    if (offset + byteLength === this.used) this.release(offset);
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
    this.release(mark);
  }

  /** Frees everything: the next allocation of a given size returns the same offset the first one did. */
  reset(): void {
    this.release(0);
  }

  /** Starts a new peak measurement from the current `used`. */
  resetHighWater(): void {
    this.highWater = this.used;
  }

  private tryElements(count: number, shift: number): number {
    // Checked inline first, as in tryAlloc: the typed allocations are hot paths too.
    if (!(typeof count === 'number' && (count | 0) === count && count >= 0)) requireCount('count', count);
    // A count this large cannot fit, and count << shift could pass 2^53 and fail as a bad byteLength.
    if (count > this.capacity) {
      this.failureCount++;
      return -1;
    }
    const offset = this.tryAlloc(count * (1 << shift), 1 << shift);
    return offset === -1 ? -1 : offset >>> shift;
  }

  /** Passes an offset through, or throws the OutOfMemoryError for -1, stating the bytes free at `alignment`. */
  private mustFit(result: number, byteLength: number, alignment: number): number {
    if (result === -1) {
      const mask = alignment - 1;
      const free = Math.max(0, this.capacity - ((this.used + mask) & ~mask));
      throw new OutOfMemoryError(byteLength, free, this.capacity);
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

  /** Moves `used` down to `end`, poisoning the released bytes when asked to. */
  private release(end: number): void {
    if (this.poison && end < this.used) this.u8.fill(POISON_BYTE, end, this.used);
    this.used = end;
  }
}

function isBuffer(value: unknown): value is ArrayBuffer | SharedArrayBuffer {
  return (
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}
