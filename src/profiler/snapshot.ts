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

/** Per-tick series of a {@link ProfileSnapshot}, oldest first. */
export interface SnapshotTicks {
  /** Tick number: 0 for the first tick recorded since the profiler was made or cleared. */
  readonly tick: Float64Array;
  /** Clock reading at `beginTick`, in ms. */
  readonly startMs: Float64Array;
  /** `endTick` minus `beginTick`, in ms. */
  readonly tickMs: Float64Array;
  /** The entity count passed to `endTick`. */
  readonly entities: Float64Array;
  /** Arena `used` at `endTick`, in bytes. */
  readonly arenaUsed: Float64Array;
  /** Highest arena `used` between `beginTick` and `endTick`, in bytes. */
  readonly arenaPeak: Float64Array;
  /** Successful arena allocations during the tick. */
  readonly arenaAllocations: Float64Array;
  /** Refused arena allocations during the tick. */
  readonly arenaFailures: Float64Array;
}

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
  /** Per-tick series, oldest first. */
  readonly series: {
    /** Live slots at `endTick`. */
    readonly live: Float64Array;
    /** Highest live count during the tick. */
    readonly peak: Float64Array;
    /** Allocations during the tick. */
    readonly allocations: Float64Array;
    /** Frees during the tick (a pool `reset` counts every live slot). */
    readonly frees: Float64Array;
    /** Refused allocations during the tick. */
    readonly failures: Float64Array;
  };
}

/** A system in a {@link ProfileSnapshot}; all series are 0 (offset NaN) in ticks where it did not run. */
export interface SnapshotSystem {
  /** The registered name. */
  readonly name: string;
  /** Per-tick series, oldest first. */
  readonly series: {
    /** Its first `beginSystem` in the tick minus `beginTick`, in ms; NaN when it did not run. */
    readonly offsetMs: Float64Array;
    /** Time between `beginSystem` and `endSystem`, summed over its runs in the tick, in ms. */
    readonly ms: Float64Array;
    /** Arena `used` after minus before, summed over its runs: bytes it left allocated. */
    readonly bytes: Float64Array;
    /** Highest arena `used` inside a run minus `used` at that run's begin: its transient need. */
    readonly peakBytes: Float64Array;
    /** Successful arena allocations inside its runs. */
    readonly allocations: Float64Array;
    /** Refused arena allocations inside its runs. */
    readonly failures: Float64Array;
    /** How often it ran in the tick. */
    readonly calls: Float64Array;
  };
}

/** A call-site tag in a {@link ProfileSnapshot}; series are 0 when tagging was off. */
export interface SnapshotTag {
  /** The registered name. */
  readonly name: string;
  /** Per-tick series, oldest first. */
  readonly series: {
    /** Sum of the bytes passed to `tag` during the tick. */
    readonly bytes: Float64Array;
    /** Number of `tag` calls during the tick. */
    readonly count: Float64Array;
  };
}
