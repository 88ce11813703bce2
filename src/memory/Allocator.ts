/**
 * The allocator interface, after Zig's `std.mem.Allocator`: code that needs temporary memory takes an
 * {@link Allocator}, and its caller chooses which one (a fixed frame arena, a growing arena, a
 * failing wrapper in a test).
 */

/** The names of an allocator's whole-buffer views, which are also the element types of a `TypedList`. */
export type ViewType = 'u8' | 'i32' | 'u32' | 'f32' | 'f64';

/** The typed array of each view. */
export type ViewArray<T extends ViewType> = {
  u8: Uint8Array;
  i32: Int32Array;
  u32: Uint32Array;
  f32: Float32Array;
  f64: Float64Array;
}[T];

/** Bytes per element of each view type, and the alignment of its allocations. */
export const VIEW_BYTES: Readonly<Record<ViewType, number>> = { u8: 1, i32: 4, u32: 4, f32: 4, f64: 8 };

/**
 * Memory handed out as offsets into whole-buffer views, with LIFO release: what
 * `FixedBufferAllocator`, `ArenaAllocator` and `failingAllocator` have in common. Offsets are
 * numbers, so allocating creates no objects; every offset is valid until a `rollback`, `free` or
 * `reset` gives its bytes back.
 *
 * The {@link epoch} lets a holder of memory notice that it may have lost it: it rises on every `reset`
 * and whenever a `rollback`, `free` or shrinking `resize` gives bytes back, and
 * {@link releasedBelow} says whether those releases reached a given block.
 *
 * @example
 * // Temporary memory from whichever allocator the caller passes.
 * function sumOfSquares(scratch: Allocator, values: Float32Array): number {
 *   const mark = scratch.mark();
 *   const squares = scratch.allocF32(values.length);
 *   for (let i = 0; i < values.length; i++) scratch.f32[squares + i] = values[i] * values[i];
 *   let sum = 0;
 *   for (let i = 0; i < values.length; i++) sum += scratch.f32[squares + i];
 *   scratch.rollback(mark);
 *   return sum;
 * }
 */
export interface Allocator {
  /** The memory every offset points into. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
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
  /** Bytes that can be handed out now (an arena's committed bytes). */
  readonly capacity: number;
  /** Bytes in use: the end of the last allocation. */
  readonly used: number;
  /** Bytes still free after `used`, within `capacity`. */
  readonly available: number;
  /** Peak of `used` since construction or `resetHighWater` (writable: a profiler borrows it inside a tick). */
  highWater: number;
  /** Successful allocations since construction (monotonic). */
  readonly allocCount: number;
  /** Allocations refused since construction (monotonic). */
  readonly failureCount: number;
  /** Rises on every reset and on every release of bytes (see {@link Allocator}); never falls. */
  readonly epoch: number;

  /** Allocates `byteLength` bytes at a multiple of `alignment`; returns the byte offset. Throws `OutOfMemoryError`. */
  alloc(byteLength: number, alignment?: number): number;
  /** {@link alloc} that returns -1 when the request does not fit. */
  tryAlloc(byteLength: number, alignment?: number): number;
  /** Allocates `count` float32s; returns the index into `f32`. */
  allocF32(count: number): number;
  /** Allocates `count` float64s; returns the index into `f64`. */
  allocF64(count: number): number;
  /** Allocates `count` int32s; returns the index into `i32`. */
  allocI32(count: number): number;
  /** Allocates `count` uint32s; returns the index into `u32`. */
  allocU32(count: number): number;
  /** Allocates `count` bytes; returns the index into `u8`. */
  allocU8(count: number): number;
  /** {@link allocF32} that returns -1 when it does not fit. */
  tryAllocF32(count: number): number;
  /** {@link allocF64} that returns -1 when it does not fit. */
  tryAllocF64(count: number): number;
  /** {@link allocI32} that returns -1 when it does not fit. */
  tryAllocI32(count: number): number;
  /** {@link allocU32} that returns -1 when it does not fit. */
  tryAllocU32(count: number): number;
  /** {@link allocU8} that returns -1 when it does not fit. */
  tryAllocU8(count: number): number;
  /** Zig's resize: the last allocation grows (if it fits) or shrinks in place; others may only shrink. */
  resize(offset: number, oldByteLength: number, newByteLength: number): boolean;
  /** Gives back the last allocation; any other free gives nothing back (a LIFO violation). */
  free(offset: number, byteLength: number): void;
  /** True when `[offset, offset + byteLength)` ends exactly at `used`. */
  isLastAllocation(offset: number, byteLength: number): boolean;
  /** True when `offset` lies inside the memory. */
  owns(offset: number): boolean;
  /** A savepoint for {@link rollback}: the current `used`. */
  mark(): number;
  /** Frees everything allocated since `mark`. */
  rollback(mark: number): void;
  /** Frees everything. */
  reset(): void;
  /** Starts a new peak measurement from the current `used`. */
  resetHighWater(): void;
  /**
   * Whether, since `epoch` (a value this allocator's {@link epoch} had), a release gave back bytes
   * below `end`: a block ending at `end` that was held at `epoch` may then belong to someone else.
   */
  releasedBelow(end: number, epoch: number): boolean;
}
