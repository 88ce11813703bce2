import { argumentError, requireArray, requireShape } from './checks.ts';
import type { GarbageAdvice } from './garbageAdvice.ts';
import type { SizingAdvice } from './sizing.ts';
import type { ProfileReport } from './summarize.ts';

/**
 * Where a system allocates, from the sampling heap profiler: a function (an allocation in a function
 * the JIT inlined counts for the function it was inlined into) and the garbage it made per tick.
 */
export interface AllocationSite {
  /** The function's name; '(anonymous)' when it has none. */
  readonly functionName: string;
  /** The script's URL (`file:///…/game.ts`), '' for code without one. */
  readonly url: string;
  /** The line the function starts on, 1-based, in the source file when a source map says where. */
  readonly line: number;
  /** Estimated JS-heap bytes allocated there per sampled tick. */
  readonly bytesPerTick: number;
}

/** How the allocation sites were sampled, as the report states it. */
export interface SamplingFigures {
  /** Mean bytes between two samples of the sampling heap profiler. */
  readonly intervalBytes: number;
  /** Ticks run while sampling (the sites' bytes per tick are over these). */
  readonly ticks: number;
  /**
   * Measured cost: the median block's tick time while sampling over the median block's between, minus
   * 1 (0.3 = +30 %);
   * NaN (null in JSON) when there were too few ticks to sample every other block.
   */
  readonly overhead: number;
}

/** One system in a {@link JsonReport}. */
export interface JsonSystem {
  /** The system's name. */
  readonly name: string;
  /** Median time per tick, ms. */
  readonly msP50: number;
  /** 99th-percentile time per tick, ms. */
  readonly msP99: number;
  /** Mean JS-heap bytes allocated per tick, over the ticks whose figure counts (null: not measured). */
  readonly garbageBytesPerTick: number | null;
  /** 99th percentile of the same, bytes (null: not measured). */
  readonly garbageBytesP99: number | null;
  /** Ticks whose garbage figure counts (the rest had a collection inside and were dropped). */
  readonly garbageTicks: number;
  /** Collections that began inside it (null without a collection source). */
  readonly collections: number | null;
  /** Mean frame-arena bytes it left allocated per tick. */
  readonly arenaBytesPerTick: number;
  /** Its top allocation sites, most bytes first; empty unless sites were sampled. */
  readonly sites: readonly AllocationSite[];
}

/**
 * The profile as data for other tools (what `framepool profile --json` writes). These names are a
 * contract: `ticks`, `gc.count`, `gc.pauseMs`, and per system `name`, `msP50`, `msP99`,
 * `garbageBytesPerTick`, `garbageBytesP99`, `arenaBytesPerTick` and `sites` (`functionName`, `url`,
 * `line`, `bytesPerTick`). Figures not measured are null.
 */
export interface JsonReport {
  /** Ticks profiled (recorded in the window). */
  readonly ticks: number;
  /** Seconds of game time per tick. */
  readonly dt: number;
  /** The collector over the recording, gaps between ticks included. */
  readonly gc: {
    readonly count: number | null;
    readonly minor: number | null;
    readonly major: number | null;
    readonly pauseMs: number | null;
    /** Collections per minute of game time. */
    readonly perMinute: number | null;
    /** Pause ms per minute of game time. */
    readonly pauseMsPerMinute: number | null;
    /** Ticks with a collection inside. */
    readonly ticksMarked: number | null;
  };
  /** Every system, in registration order. */
  readonly systems: readonly JsonSystem[];
  /** Garbage turned into frame-arena budgets, most garbage first. */
  readonly garbageAdvice: readonly GarbageAdvice[];
  /** Sizing advice for the arena and pools, when the game has them. */
  readonly sizing: readonly SizingAdvice[];
  /** How the sites were sampled; null without sampling. */
  readonly sampling: SamplingFigures | null;
}

/** Options for {@link toJsonReport}. */
export interface JsonReportOptions {
  /** Each system's allocation sites, by system id (missing: none sampled). */
  readonly sites?: readonly (readonly AllocationSite[])[];
  /** How they were sampled. */
  readonly sampling?: SamplingFigures;
}

/**
 * The report as plain data (`JSON.stringify` it): the names other tools read, figures that were not
 * measured as null (NaN has no JSON form).
 * @throws TypeError naming the argument or field of the wrong type.
 * @example
 * writeFileSync('profile.json', JSON.stringify(toJsonReport(summarize(profiler.snapshot())), null, 2));
 */
export function toJsonReport(report: ProfileReport, options: JsonReportOptions = {}): JsonReport {
  requireShape('report', report, {
    recordedTicks: 'number',
    dt: 'number',
    systems: 'array',
    gc: 'object',
    sizing: 'array',
    garbageAdvice: 'array',
  });
  requireShape('options', options, { sites: 'array?', sampling: 'object?' }, '');
  const sites = options.sites ?? [];
  sites.forEach((list, id) => {
    requireArray(`sites[${id}]`, list);
    list.forEach((site, i) => {
      requireShape(`sites[${id}][${i}]`, site, {
        functionName: 'string',
        url: 'string',
        line: 'number',
        bytesPerTick: 'number',
      });
    });
  });
  if (sites.length > report.systems.length) {
    throw argumentError('sites', `at most one list per system (${report.systems.length})`, sites, false);
  }
  const gc = report.gc;
  return {
    ticks: report.recordedTicks,
    dt: report.dt,
    gc: {
      count: orNull(gc.collections),
      minor: orNull(gc.minor),
      major: orNull(gc.major),
      pauseMs: orNull(gc.pauseMs),
      perMinute: orNull(gc.perMinute),
      pauseMsPerMinute: orNull(gc.pauseMsPerMinute),
      ticksMarked: orNull(gc.ticksMarked),
    },
    systems: report.systems.map(
      (system, id): JsonSystem => ({
        name: system.name,
        msP50: system.ms.p50,
        msP99: system.ms.p99,
        garbageBytesPerTick: orNull(system.garbage.mean),
        garbageBytesP99: orNull(system.garbage.p99),
        garbageTicks: system.garbage.count,
        collections: orNull(system.collections),
        arenaBytesPerTick: system.bytes.mean,
        sites: sites[id] ?? [],
      }),
    ),
    garbageAdvice: report.garbageAdvice,
    sizing: report.sizing,
    sampling: options.sampling ?? null,
  };
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
