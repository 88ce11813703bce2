/**
 * The per-tick series the profiler records, one table per group (the tick with its arena, each pool,
 * each system, each tag), after pixi.js's `particleData`: the rings, the live and snapshot types, the
 * CSV columns, the report's metrics and the trace are all built from these tables.
 *
 * To add a series: one entry in its group's table, and the line of recording code that computes its
 * value into the group's values (`values[base + SLOT.key] = …`): in `TickProfiler.endTick` for the
 * tick, in `ArenaTracker.record`, `PoolTracker.record`, `GarbageTracker` (heap bytes) or
 * `SystemTracker.end` for a system's sum. A value nothing writes records 0 (NaN for a system's offset
 * and end), so the series still line up. NaN is a figure that was not measured or was dropped (a
 * collection ran inside it): every report leaves it out, never counts it as 0.
 */
import type { ReadonlyRing, RingArray, RingArrayType } from './RingBuffer.ts';

/** What a column's numbers count. */
export type ColumnUnit = 'tick' | 'ms' | 'bytes' | 'count' | 'slots' | 'entities';

/**
 * Where a series appears in the Chrome trace of `toTraceEvents`. A pool's tracks carry its name:
 * track `pool` of pool `bullets` is `pool bullets`.
 */
export type TraceUse =
  /** An arg of the group's complete event (the tick's, or the system's), named `name`. */
  | { readonly kind: 'arg'; readonly name: string }
  /** Series `name` of counter track `track`, sampled at each tick's start. */
  | { readonly kind: 'counter'; readonly track: string; readonly name: string }
  /** An instant `<track> ran out` at the end of a tick where the value is above 0, with it as arg `name`. */
  | { readonly kind: 'ran-out'; readonly track: string; readonly name: string };

/**
 * One per-tick series of a group: everything the profiler, the CSV, the report and the trace need to
 * know about it. The series' key (its property name in the profiler's and the snapshot's objects) is
 * its key in the group's table.
 */
export interface SeriesDescriptor {
  /** What the numbers count; `ms` columns are written with 3 decimals. */
  readonly unit: ColumnUnit;
  /**
   * CSV column: the whole key in the tick group, the part after `pool.<name>.`, `system.<name>.` or
   * `tag.<name>.` in the others. Null for a series that is no column (a system's offset, which only
   * places it in the trace).
   */
  readonly column: string | null;
  /** Marks the time axis (tick number, start time): a column, not a metric the report summarizes. */
  readonly axis?: true;
  /** Where the trace shows it; empty when it does not. */
  readonly trace: readonly TraceUse[];
  /** What a value is, in one line for CSV docs and the report; `{name}` stands for the pool's, system's or tag's name. */
  readonly doc: string;
  /** The ring's typed array: Float64Array, or Float32Array for small counts (24 bits are exact). */
  readonly array: RingArrayType<RingArray>;
}

/** A group's series by key, in column order. */
export type SeriesTable = Readonly<Record<string, SeriesDescriptor>>;

/** The profiler's live view of a group: one ring per series, the table's keys as property names. */
export type SeriesRings<T extends SeriesTable> = { readonly [K in keyof T]: ReadonlyRing };

/** A snapshot's copy of a group: one array per series, oldest tick first. */
export type SeriesArrays<T extends SeriesTable> = { readonly [K in keyof T]: Float64Array };

const arg = (name: string): TraceUse => ({ kind: 'arg', name });
const counter = (track: string, name: string): TraceUse => ({ kind: 'counter', track, name });
const ranOut = (track: string, name: string): TraceUse => ({ kind: 'ran-out', track, name });

/** The series of the whole tick: its number and time, the entity count, and the frame arena. */
export const TICK_SERIES = {
  /** Tick number: 0 for the first tick recorded since the profiler was made or cleared. */
  tick: {
    unit: 'tick',
    column: 'tick',
    axis: true,
    trace: [arg('tick')],
    doc: 'tick number since the profiler was made or cleared',
    array: Float64Array,
  },
  /** Clock reading at `beginTick`, in ms. */
  startMs: {
    unit: 'ms',
    column: 'start_ms',
    axis: true,
    trace: [],
    doc: 'clock at beginTick',
    array: Float64Array,
  },
  /** `endTick` minus `beginTick`, in ms. */
  tickMs: {
    unit: 'ms',
    column: 'tick_ms',
    trace: [],
    doc: 'time from beginTick to endTick',
    array: Float64Array,
  },
  /** The entity count passed to `endTick`. */
  entities: {
    unit: 'entities',
    column: 'entities',
    trace: [arg('entities')],
    doc: 'entity count passed to endTick',
    array: Float64Array,
  },
  /** Arena `used` at `endTick`, in bytes. */
  arenaUsed: {
    unit: 'bytes',
    column: 'arena.used',
    trace: [counter('arena', 'used')],
    doc: 'arena bytes in use at endTick',
    array: Float64Array,
  },
  /** Highest arena `used` between `beginTick` and `endTick`, in bytes. */
  arenaPeak: {
    unit: 'bytes',
    column: 'arena.peak',
    trace: [arg('arenaPeak'), counter('arena', 'peak')],
    doc: 'highest arena use within the tick',
    array: Float64Array,
  },
  /** Successful arena allocations during the tick. */
  arenaAllocations: {
    unit: 'count',
    column: 'arena.allocs',
    trace: [],
    doc: 'arena allocations in the tick',
    array: Float64Array,
  },
  /** Refused arena allocations during the tick. */
  arenaFailures: {
    unit: 'count',
    column: 'arena.failures',
    trace: [ranOut('arena', 'failures')],
    doc: 'arena allocations refused in the tick',
    array: Float64Array,
  },
  /**
   * JS-heap bytes the tick's systems allocated: the sum of their `garbage`. NaN without a heap reader,
   * or when a collection spoiled a system's figure.
   */
  garbage: {
    unit: 'bytes',
    column: 'heap.garbage',
    trace: [arg('garbage')],
    doc: "JS-heap bytes the tick's systems allocated (empty: not measured, or a collection spoiled one)",
    array: Float64Array,
  },
  /**
   * Garbage collections (minor or major) that started inside the tick: a tick with one is marked, and
   * its garbage figures dropped. NaN without a collection source.
   */
  collections: {
    unit: 'count',
    column: 'gc.collections',
    trace: [arg('collections')],
    doc: 'garbage collections that started inside the tick',
    array: Float64Array,
  },
  /** Collector pauses inside the tick (collections, marking steps, weak callbacks), in ms; NaN without a source. */
  pauseMs: {
    unit: 'ms',
    column: 'gc.pause_ms',
    trace: [arg('pauseMs')],
    doc: 'garbage-collector pause inside the tick',
    array: Float64Array,
  },
} as const satisfies SeriesTable;

/** The series of each watched pool. */
export const POOL_SERIES = {
  /** Live slots at `endTick`. */
  live: {
    unit: 'slots',
    column: 'live',
    trace: [counter('pool', 'live')],
    doc: 'live slots of pool {name} at endTick',
    array: Float64Array,
  },
  /** Highest live count during the tick. */
  peak: {
    unit: 'slots',
    column: 'peak',
    trace: [counter('pool', 'peak')],
    doc: 'highest live count of pool {name} within the tick',
    array: Float64Array,
  },
  /** Allocations during the tick. */
  allocations: {
    unit: 'count',
    column: 'allocs',
    trace: [],
    doc: 'allocations from pool {name} in the tick',
    array: Float64Array,
  },
  /** Frees during the tick (a pool `reset` counts every live slot). */
  frees: {
    unit: 'count',
    column: 'frees',
    trace: [],
    doc: 'frees to pool {name} in the tick',
    array: Float64Array,
  },
  /** Refused allocations during the tick. */
  failures: {
    unit: 'count',
    column: 'failures',
    trace: [ranOut('pool', 'failures')],
    doc: 'allocations refused by pool {name} in the tick',
    array: Float64Array,
  },
} as const satisfies SeriesTable;

/** The series of each registered system: 0 (offset and end NaN) in ticks where it did not run. */
export const SYSTEM_SERIES = {
  /** Its first `beginSystem` in the tick minus `beginTick`, in ms; NaN when it did not run. */
  offsetMs: {
    unit: 'ms',
    column: null,
    trace: [],
    doc: 'first begin of system {name} after the tick began',
    array: Float64Array,
  },
  /**
   * Its last `endSystem` in the tick minus `beginTick`, in ms; NaN when it did not run. With the offset
   * it bounds every run of the system, which is how a collection is matched to the systems it hit.
   */
  untilMs: {
    unit: 'ms',
    column: null,
    trace: [],
    doc: 'last end of system {name} after the tick began',
    array: Float64Array,
  },
  /** Time between `beginSystem` and `endSystem`, summed over its runs in the tick, in ms. */
  ms: { unit: 'ms', column: 'ms', trace: [], doc: 'time inside system {name}', array: Float64Array },
  /** Arena `used` after minus before, summed over its runs: bytes it left allocated. */
  bytes: {
    unit: 'bytes',
    column: 'bytes',
    trace: [arg('bytes')],
    doc: 'arena bytes system {name} left allocated',
    array: Float64Array,
  },
  /** Highest arena `used` inside a run minus `used` at that run's begin: its transient need. */
  peakBytes: {
    unit: 'bytes',
    column: 'peak_bytes',
    trace: [arg('peakBytes')],
    doc: 'arena peak inside system {name} above its start',
    array: Float64Array,
  },
  /** Successful arena allocations inside its runs. */
  allocations: {
    unit: 'count',
    column: 'allocs',
    trace: [arg('allocations')],
    doc: 'arena allocations inside system {name}',
    array: Float64Array,
  },
  /** Refused arena allocations inside its runs. */
  failures: {
    unit: 'count',
    column: 'failures',
    trace: [],
    doc: 'arena allocations refused inside system {name}',
    array: Float64Array,
  },
  /** How often it ran in the tick. */
  calls: {
    unit: 'count',
    column: 'calls',
    trace: [arg('calls')],
    doc: 'runs of system {name} in the tick',
    array: Float32Array,
  },
  /**
   * JS-heap bytes allocated inside its runs, the profiler's own reads subtracted: its garbage. NaN
   * without a heap reader, or when a collection ran between its first begin and last end (dropped,
   * never guessed).
   */
  garbage: {
    unit: 'bytes',
    column: 'garbage',
    trace: [arg('garbage')],
    doc: 'JS-heap bytes allocated inside system {name} (empty: not measured, or a collection ran inside)',
    array: Float64Array,
  },
  /** Collections that started between its first begin and last end in the tick; NaN without a source. */
  collections: {
    unit: 'count',
    column: 'collections',
    trace: [],
    doc: 'garbage collections that started inside system {name}',
    array: Float32Array,
  },
} as const satisfies SeriesTable;

/** The series of each call-site tag: 0 while tagging is off. */
export const TAG_SERIES = {
  /** Sum of the bytes passed to `tag` during the tick. */
  bytes: {
    unit: 'bytes',
    column: 'bytes',
    trace: [],
    doc: 'bytes tagged {name} in the tick',
    array: Float64Array,
  },
  /** Number of `tag` calls during the tick. */
  count: {
    unit: 'count',
    column: 'count',
    trace: [],
    doc: 'calls tagged {name} in the tick',
    array: Float64Array,
  },
} as const satisfies SeriesTable;

/** Per-tick series of the whole tick; see {@link TICK_SERIES} for what each holds. */
export type TickSeries = SeriesRings<typeof TICK_SERIES>;

/** Per-tick series of one pool; see {@link POOL_SERIES} for what each holds. */
export interface PoolSeries extends SeriesRings<typeof POOL_SERIES> {
  /** Attach name. */
  readonly name: string;
}

/** Per-tick series of one system; see {@link SYSTEM_SERIES} for what each holds. */
export interface SystemSeries extends SeriesRings<typeof SYSTEM_SERIES> {
  /** Registered name. */
  readonly name: string;
}

/** Per-tick series of one call-site tag; see {@link TAG_SERIES} for what each holds. */
export interface TagSeries extends SeriesRings<typeof TAG_SERIES> {
  /** Registered name. */
  readonly name: string;
}

/** A descriptor's one-line doc for the pool, system or tag `name`. */
export function describeSeries(descriptor: SeriesDescriptor, name: string): string {
  return descriptor.doc.replace('{name}', () => name);
}
