import { requireArray, requireNumberList, requireShape } from './checks.ts';
import {
  POOL_SERIES,
  type SeriesArrays,
  type SeriesTable,
  SYSTEM_SERIES,
  TAG_SERIES,
  TICK_SERIES,
} from './seriesTables.ts';

/**
 * A copy of everything a profiler recorded, as plain data: what reports, exporters and the CLI
 * consume. Taking one allocates (it copies the window), so take it when reporting, not per tick.
 * Every per-tick array holds the recorded window oldest first and has `ticks.tick.length` elements.
 */
export interface ProfileSnapshot {
  /** Ticks the window holds at most. */
  readonly window: number;
  /** Ticks recorded since the profiler was made or cleared (may exceed the window). */
  readonly totalTicks: number;
  /** The arena: its size and what was seen over all `totalTicks`, not only the window. */
  readonly arena: SnapshotArena;
  /** Per-tick values of the whole tick (columns `tick` … `arena.failures` of the CSV). */
  readonly ticks: SnapshotTicks;
  /** One entry per attached pool, in attach order. */
  readonly pools: readonly SnapshotPool[];
  /** One entry per registered system, indexed by system id. */
  readonly systems: readonly SnapshotSystem[];
  /** One entry per registered tag, indexed by tag id. */
  readonly tags: readonly SnapshotTag[];
  /** The collector over all `totalTicks`, gaps between ticks included; NaN without a collection source. */
  readonly gc: SnapshotGc;
}

/**
 * Collector pauses that began while the profiler recorded (from its first tick to its last, gaps
 * between ticks included) in a {@link ProfileSnapshot}. All NaN without a collection source.
 */
export interface SnapshotGc {
  /** Collections, minor and major. */
  readonly collections: number;
  /** Minor collections (of the young generation). */
  readonly minor: number;
  /** Major collections (of the whole heap). */
  readonly major: number;
  /** Pause time of every collection and collector step, in ms. */
  readonly pauseMs: number;
}

/** The frame arena in a {@link ProfileSnapshot}. */
export interface SnapshotArena {
  /** Capacity in bytes. */
  readonly capacity: number;
  /** Highest in-tick peak of `used` over all recorded ticks, in bytes. */
  readonly peak: number;
  /** Tick number where `peak` was first reached (-1 before any tick). */
  readonly peakTick: number;
  /** Allocations refused over all recorded ticks. */
  readonly failures: number;
}

/** Per-tick series of a {@link ProfileSnapshot}, oldest first; see {@link TICK_SERIES} for each. */
export type SnapshotTicks = SeriesArrays<typeof TICK_SERIES>;

/** A pool in a {@link ProfileSnapshot}: its size, lifetime figures and per-tick series. */
export interface SnapshotPool {
  /** The name it was attached under. */
  readonly name: string;
  /** Slots at snapshot time. */
  readonly capacity: number;
  /** Slots when the profiler attached (less than `capacity` if a growable pool grew). */
  readonly initialCapacity: number;
  /** The most slots the pool may ever have (`capacity` for a fixed pool). */
  readonly maxCapacity: number;
  /** Highest live count over all recorded ticks. */
  readonly peak: number;
  /** Tick number where `peak` was first reached (-1 before any tick). */
  readonly peakTick: number;
  /** Allocations refused over all recorded ticks. */
  readonly failures: number;
  /** Per-tick series, oldest first; see {@link POOL_SERIES} for each. */
  readonly series: SeriesArrays<typeof POOL_SERIES>;
}

/** A system in a {@link ProfileSnapshot}; all series are 0 (offset NaN) in ticks where it did not run. */
export interface SnapshotSystem {
  /** The registered name. */
  readonly name: string;
  /** Per-tick series, oldest first; see {@link SYSTEM_SERIES} for each. */
  readonly series: SeriesArrays<typeof SYSTEM_SERIES>;
}

/** A call-site tag in a {@link ProfileSnapshot}; series are 0 when tagging was off. */
export interface SnapshotTag {
  /** The registered name. */
  readonly name: string;
  /** Per-tick series, oldest first; see {@link TAG_SERIES} for each. */
  readonly series: SeriesArrays<typeof TAG_SERIES>;
}

/**
 * Throws a TypeError naming the part (`snapshot.ticks.tickMs`, `snapshot.pools[1].name` …) unless
 * `snapshot` has the shape of a {@link ProfileSnapshot}: every series of the tables an array (or typed
 * array) of the same length. What the report and export functions check before they read one; the
 * numbers themselves are not checked.
 */
export function requireSnapshot(snapshot: ProfileSnapshot, name = 'snapshot'): void {
  requireShape(name, snapshot, {
    window: 'number',
    totalTicks: 'number',
    arena: 'object',
    ticks: 'object',
    gc: 'object',
  });
  requireShape(`${name}.gc`, snapshot.gc, {
    collections: 'number',
    minor: 'number',
    major: 'number',
    pauseMs: 'number',
  });
  requireShape(`${name}.arena`, snapshot.arena, {
    capacity: 'number',
    peak: 'number',
    peakTick: 'number',
    failures: 'number',
  });
  requireNumberList(`${name}.ticks.tick`, snapshot.ticks.tick);
  const length = snapshot.ticks.tick.length;
  requireSeries(`${name}.ticks`, TICK_SERIES, snapshot.ticks, length);
  const groups = [
    ['pools', POOL_SERIES],
    ['systems', SYSTEM_SERIES],
    ['tags', TAG_SERIES],
  ] as const;
  for (const [group, table] of groups) {
    const entries: readonly { name: string; series: object }[] = snapshot[group];
    requireArray(`${name}.${group}`, entries);
    entries.forEach((entry, i) => {
      requireShape(`${name}.${group}[${i}]`, entry, { name: 'string', series: 'object' });
      requireSeries(`${name}.${group}[${i}].series`, table, entry.series, length);
    });
  }
  snapshot.pools.forEach((pool, i) => {
    requireShape(`${name}.pools[${i}]`, pool, {
      capacity: 'number',
      initialCapacity: 'number',
      maxCapacity: 'number',
      peak: 'number',
      peakTick: 'number',
      failures: 'number',
    });
  });
}

function requireSeries(name: string, table: SeriesTable, series: object, length: number): void {
  for (const key of Object.keys(table)) {
    const values = (series as Record<string, unknown>)[key];
    requireNumberList(`${name}.${key}`, values);
    if (values.length !== length) {
      throw new RangeError(
        `${name}.${key} must have ${length} values like every series, got ${values.length}`,
      );
    }
  }
}
