/**
 * What the bump allocators are made with: their limits and the options both arenas take, written apart
 * from the allocator so that its file holds its behaviour.
 */
import type { DebugReport } from './AllocationLog.ts';

/** Largest buffer in bytes: offsets and aligned sums then stay small integers (below 2^31). */
export const MAX_ARENA_BYTES = 2 ** 30;
/** Largest alignment `alloc` accepts. */
export const MAX_ALIGNMENT = 2 ** 30;
/** Byte written over released memory when `poison` is on, so stale reads stand out (Zig's 0xAA). */
export const POISON_BYTE = 0xaa;

/** Options every bump allocator takes. */
export interface BumpAllocatorOptions {
  /** Fill released bytes with 0xAA on `reset`, `rollback`, `free` and shrinking `resize`. Default false. */
  poison?: boolean;
  /**
   * Debug mode, after Zig's DebugAllocator: record where every allocation since the last reset was
   * made (`allocations()`) and report frees that give nothing back. It allocates;
   * off (the default) it costs nothing on `alloc` and one branch on a release.
   */
  debug?: boolean;
  /** Where debug mode sends its reports. Default: `console.warn`. */
  onReport?: (report: DebugReport) => void;
}
