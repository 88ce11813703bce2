/**
 * framepool's memory module: Zig-style allocators for zero-garbage JavaScript games. No
 * dependencies, no DOM and no Node APIs: it runs in browsers, workers and Node.
 *
 * - {@link FixedBufferAllocator}: the frame arena, a bump allocator reset every tick.
 * - {@link ArenaAllocator}: a bump allocator that grows in chunks up to a reservation.
 * - {@link Allocator}: what code that needs temporary memory takes, so its caller chooses.
 * - {@link TypedList}: a growable list of numbers in an allocator (Zig's `ArrayList`).
 * - {@link TextWriter}: text as UTF-8 bytes in an allocator, no strings (Zig's `bufPrint`).
 * - {@link failingAllocator}, {@link checkAllAllocationFailures}: out-of-memory on purpose, in tests.
 * - {@link MemoryPool}: fixed-size records in struct-of-arrays typed arrays with generation-checked handles.
 * - {@link SnapshotRing}: the last N snapshots of a game's pools and buffers, for rewind and replays.
 *
 * @module framepool
 */
export type { AllocationRecord, DebugReport } from './AllocationLog.ts';
export { type Allocator, VIEW_BYTES, type ViewArray, type ViewType } from './Allocator.ts';
export { ArenaAllocator, type ArenaAllocatorOptions, type ResetMode } from './ArenaAllocator.ts';
export { BumpAllocator } from './BumpAllocator.ts';
export { type BumpAllocatorOptions, MAX_ALIGNMENT, MAX_ARENA_BYTES, POISON_BYTE } from './bumpOptions.ts';
export { describeValue } from './checks.ts';
export { NotOwnerError, OutOfMemoryError, StaleHandleError } from './errors.ts';
export {
  type AllocationFailureReport,
  type AllocationFailureRun,
  type CheckAllocationFailuresOptions,
  checkAllAllocationFailures,
  FailingAllocator,
  type FailingAllocatorOptions,
  failingAllocator,
} from './FailingAllocator.ts';
export { FixedBufferAllocator, type FixedBufferAllocatorOptions } from './FixedBufferAllocator.ts';
export {
  createFieldArrays,
  type FieldArray,
  type FieldArrays,
  type FieldSchema,
  type FieldType,
  MAX_FIELD_BYTES,
} from './fields.ts';
export type { PoolLeak } from './HandleLog.ts';
export { MemoryPool } from './MemoryPool.ts';
export { HANDLE_LIMIT, PackedPool } from './PackedPool.ts';
export {
  MAX_POOL_BYTES,
  MAX_POOL_CAPACITY,
  type MemoryPoolOptions,
  type PoolFigures,
} from './poolOptions.ts';
export type { SharedPoolDescription } from './SharedPool.ts';
export type { SharedAllocatorDescription } from './SharedState.ts';
export { SNAPSHOT_HEADER_BYTES, type Snapshottable } from './Snapshot.ts';
export {
  MAX_RING_BYTES,
  MAX_RING_SNAPSHOTS,
  SnapshotRing,
  type SnapshotRingOptions,
} from './SnapshotRing.ts';
export { decodeUtf8, MAX_DECIMALS, TextWriter } from './TextWriter.ts';
export { TypedList } from './TypedList.ts';
