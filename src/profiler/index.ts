/**
 * framepool's frame-allocation profiler: where each tick's memory goes, and how large each buffer
 * should be. Depends on the memory module only (no ECS, renderer, DOM or Node APIs), so it runs in
 * browsers, workers and Node, and any game can attach it to its own arena and pools.
 *
 * - Record: {@link TickProfiler} (ring buffers of typed arrays, no garbage per tick); with a
 *   {@link HeapReader} and a {@link GcSource} also each system's JS-heap garbage and the collections.
 * - Report: {@link summarize} → {@link formatReport}; {@link adviseSizing} for buffer sizes,
 *   {@link adviseGarbage} for turning garbage into arena budgets.
 * - Export: {@link toTraceJson} (Perfetto / Chrome performance panel), {@link toCsv},
 *   {@link toJsonReport}, {@link toHtmlReport}.
 * - Count collections in a page: {@link GcCanary}.
 * - In Node, `framepool/profiler/node` adds the heap reader, the collection observer, allocation sites
 *   and the `framepool profile` command.
 * - Describe: {@link TICK_SERIES}, {@link POOL_SERIES}, {@link SYSTEM_SERIES}, {@link TAG_SERIES}, the
 *   tables every per-tick series, column, metric and trace track is built from.
 *
 * Every function and constructor checks its arguments where they come in and throws a TypeError (wrong
 * type) or RangeError (out of range) whose message names the argument, before it changes anything.
 *
 * @example
 * const profiler = new TickProfiler({ arena, pools: { particles }, systems: ['spawn', 'move'] });
 * // per tick: arena.reset(); profiler.beginTick(); beginSystem/endSystem per system; profiler.endTick(n);
 * const snapshot = profiler.snapshot();
 * console.log(formatReport(summarize(snapshot)));
 * @module framepool/profiler
 */

export type { ArenaLike } from './ArenaTracker.ts';
export { BYTE_UNITS, byteDecimals, byteDivisor, byteUnit, formatBytes } from './byteUnits.ts';
export { GC_KIND, type GcSource } from './CollectionTracker.ts';
export { type Clock, defaultClock } from './clock.ts';
export { type TickColumn, tickColumns } from './columns.ts';
export { csvField, toCsv } from './csv.ts';
export { type ProfilerStateCode, ProfilerStateError } from './errors.ts';
export {
  type FormatReportOptions,
  formatCount,
  formatMs,
  formatPercent,
  formatReport,
  formatSampling,
  formatSizing,
} from './formatReport.ts';
export type { HeapReader } from './GarbageTracker.ts';
export { GcCanary, type GcCanaryOptions } from './GcCanary.ts';
export {
  adviseGarbage,
  DEFAULT_MIN_GARBAGE,
  type GarbageAdvice,
  type GarbageAdviceOptions,
  type SystemGarbage,
} from './garbageAdvice.ts';
export { DEFAULT_DT, type GcSummary } from './gcSummary.ts';
export { type HtmlReportOptions, toHtmlReport } from './htmlReport.ts';
export {
  type AllocationSite,
  type JsonReport,
  type JsonReportOptions,
  type JsonSystem,
  type SamplingFigures,
  toJsonReport,
} from './jsonReport.ts';
export { DEFAULT_WINDOW, type TickProfilerOptions } from './options.ts';
export type { PoolLike } from './PoolTracker.ts';
export { percentile, percentileOfSorted, type SeriesStats, seriesStats } from './percentile.ts';
export {
  MAX_RING_CAPACITY,
  type ReadonlyRing,
  type RingArray,
  type RingArrayType,
  RingBuffer,
} from './RingBuffer.ts';
export {
  type ColumnUnit,
  POOL_SERIES,
  type PoolSeries,
  type SeriesArrays,
  type SeriesDescriptor,
  type SeriesRings,
  type SeriesTable,
  SYSTEM_SERIES,
  type SystemSeries,
  TAG_SERIES,
  type TagSeries,
  TICK_SERIES,
  type TickSeries,
  type TraceUse,
} from './seriesTables.ts';
export {
  adviseSizing,
  type BufferKind,
  type BufferUsage,
  bufferUsages,
  DEFAULT_HEADROOM,
  DEFAULT_NEAR_LIMIT,
  type LifetimeFigures,
  niceSize,
  type SizingAdvice,
  type SizingOptions,
  type SizingStatus,
} from './sizing.ts';
export type {
  ProfileSnapshot,
  SnapshotArena,
  SnapshotGc,
  SnapshotPool,
  SnapshotSystem,
  SnapshotTag,
  SnapshotTicks,
} from './snapshot.ts';
export {
  type MetricSummary,
  type ProfileReport,
  type Spike,
  type SpikeSystem,
  type SummarizeOptions,
  type SystemSummary,
  summarize,
} from './summarize.ts';
export { TickProfiler } from './TickProfiler.ts';
export { type Align, formatTable, type TextColumn } from './textTable.ts';
export {
  TRACE_PID,
  TRACE_TID,
  type TraceEvent,
  type TraceFile,
  type TraceOptions,
  toTraceEvents,
  toTraceJson,
} from './traceEvents.ts';
