/**
 * framepool's memory module: Zig-style allocators for zero-garbage JavaScript games. No
 * dependencies, no DOM and no Node APIs: it runs in browsers, workers and Node.
 *
 * - {@link FixedBufferAllocator}: the frame arena, a bump allocator reset every tick.
 * - {@link MemoryPool}: fixed-size records in struct-of-arrays typed arrays with generation-checked handles.
 *
 * @module framepool
 */
export { describeValue } from './checks.ts';
export { OutOfMemoryError, StaleHandleError } from './errors.ts';
export {
  FixedBufferAllocator,
  type FixedBufferAllocatorOptions,
  MAX_ALIGNMENT,
  MAX_ARENA_BYTES,
  POISON_BYTE,
} from './FixedBufferAllocator.ts';
export {
  createFieldArrays,
  type FieldArray,
  type FieldArrays,
  type FieldSchema,
  type FieldType,
} from './fields.ts';
export {
  HANDLE_LIMIT,
  MAX_POOL_BYTES,
  MAX_POOL_CAPACITY,
  MemoryPool,
  type MemoryPoolOptions,
  type PoolFigures,
} from './MemoryPool.ts';
