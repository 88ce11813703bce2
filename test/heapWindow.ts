/** Garbage checks shared by the 'gc' project's tests (run with --expose-gc). */
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** What one window of work did to the heap: the collections in it and the bytes it grew. */
export interface HeapWindow {
  /** The kind (`gcType`) of every collection that ran inside the window. */
  collections: string[];
  /** Heap bytes in use after minus before, less what reading the figures allocates itself. */
  grown: number;
}

/** Runs `work` after a full collection and reports the collections it caused and the heap it grew. */
export function heapWindow(work: () => void): HeapWindow {
  globalThis.gc?.();
  // A read pair of the heap's figures allocates a little itself: measure it, and subtract it.
  const empty0 = getHeapStatistics().used_heap_size;
  const empty1 = getHeapStatistics().used_heap_size;
  const profiler = new GCProfiler();
  profiler.start();
  const before = getHeapStatistics().used_heap_size;
  work();
  const after = getHeapStatistics().used_heap_size;
  return {
    collections: profiler.stop().statistics.map((s) => s.gcType),
    grown: after - before - (empty1 - empty0),
  };
}
