import { argumentError, requireCount } from './checks.ts';
import { metricColumns } from './columns.ts';
import { adviseGarbage, type GarbageAdvice, type GarbageAdviceOptions } from './garbageAdvice.ts';
import { DEFAULT_DT, type GcSummary, summarizeGc } from './gcSummary.ts';
import { percentileOfSorted, type SeriesStats, seriesStats } from './percentile.ts';
import type { ColumnUnit } from './seriesTables.ts';
import {
  adviseSizing,
  bufferUsages,
  requireSizingOptions,
  type SizingAdvice,
  type SizingOptions,
} from './sizing.ts';
import { type ProfileSnapshot, requireSnapshot } from './snapshot.ts';

/** Statistics of one per-tick column over the recorded window. */
export interface MetricSummary extends SeriesStats {
  /** Column key, as in the CSV (see `tickColumns`). */
  readonly key: string;
  /** What the numbers count. */
  readonly unit: ColumnUnit;
  /** What the column holds. */
  readonly description: string;
}

/** One system over the window; ticks where it did not run count as 0. */
export interface SystemSummary {
  /** System id. */
  readonly id: number;
  /** Registered name. */
  readonly name: string;
  /** Ticks of the window in which it ran. */
  readonly ticksRun: number;
  /** Time per tick, ms. */
  readonly ms: SeriesStats;
  /** Arena bytes left allocated per tick. */
  readonly bytes: SeriesStats;
  /** Arena peak above its start per tick, bytes. */
  readonly peakBytes: SeriesStats;
  /** Arena allocations per tick. */
  readonly allocations: SeriesStats;
  /** Its share of the arena bytes left allocated over the window: Σ its bytes / Σ `arena.used` (0 to 1). */
  readonly arenaShare: number;
  /**
   * JS-heap bytes it allocated per tick, over the ticks whose figure counts (`count` of them: not
   * those a collection spoiled; none without a heap reader).
   */
  readonly garbage: SeriesStats;
  /** Collections that began inside it over the window (NaN without a collection source). */
  readonly collections: number;
}

/** A system's figures in one tick, as listed under a spike. */
export interface SpikeSystem {
  /** Registered name. */
  readonly name: string;
  /** Time inside it, ms. */
  readonly ms: number;
  /** Arena bytes it left allocated. */
  readonly bytes: number;
  /** Arena peak inside it above its start, bytes. */
  readonly peakBytes: number;
}

/** A tick above the p99 of tick time or of arena peak. */
export interface Spike {
  /** Tick number. */
  readonly tick: number;
  /** Which threshold it crossed: 'time' (tick_ms), 'arena' (arena.peak), or both. */
  readonly reasons: readonly ('time' | 'arena')[];
  /** Its duration, ms. */
  readonly tickMs: number;
  /** Its arena peak, bytes. */
  readonly arenaPeak: number;
  /** The systems that took longest in it, longest first. */
  readonly topByTime: readonly SpikeSystem[];
  /** The systems with the highest arena peak in it, highest first (only those that used the arena). */
  readonly topByBytes: readonly SpikeSystem[];
}

/** Everything {@link summarize} derives from a snapshot: what the table, the CLI and the overlay show. */
export interface ProfileReport {
  /** Ticks in the window. */
  readonly recordedTicks: number;
  /** Ticks since the profiler was made or cleared. */
  readonly totalTicks: number;
  /** Tick numbers of the oldest and newest recorded tick (-1 when none). */
  readonly firstTick: number;
  /** @see firstTick */
  readonly lastTick: number;
  /** Statistics for every per-tick column except `tick` and `start_ms`, in CSV column order. */
  readonly metrics: readonly MetricSummary[];
  /** Per-system view, by system id. */
  readonly systems: readonly SystemSummary[];
  /** Arena bytes left allocated outside any system per tick: `arena.used` − Σ system bytes. */
  readonly outsideSystems: SeriesStats;
  /** The collector: totals, marked ticks, and rates per minute of game time. */
  readonly gc: GcSummary;
  /** Seconds of game time per tick that the rates assume (the `dt` option). */
  readonly dt: number;
  /** Garbage turned into frame-arena budgets, for the systems that make any, most first. */
  readonly garbageAdvice: readonly GarbageAdvice[];
  /** The p99 values that define a spike (NaN when no ticks). */
  readonly spikeThresholds: { readonly tickMs: number; readonly arenaPeak: number };
  /** Ticks strictly above a threshold, worst tick time first, at most `maxSpikes`. */
  readonly spikes: readonly Spike[];
  /** Total spikes before the `maxSpikes` cut. */
  readonly spikeCount: number;
  /** Advice for the arena then every pool, from peaks and failures over all recorded ticks. */
  readonly sizing: readonly SizingAdvice[];
}

/**
 * Options for {@link summarize}; the sizing options pass on to `adviseSizing`, the headroom and
 * `minBytesPerTick` to `adviseGarbage`.
 */
export interface SummarizeOptions extends SizingOptions, Pick<GarbageAdviceOptions, 'minBytesPerTick'> {
  /** Systems listed per spike in each ranking, a whole number ≥ 0. Default 3. */
  readonly topSystems?: number;
  /** Spikes listed at most, a whole number ≥ 0. Default 20. */
  readonly maxSpikes?: number;
  /** Seconds of game time per tick, for the collector's rates per minute: above 0, at most 60. Default 1/60. */
  readonly dt?: number;
}

/**
 * Summarizes a snapshot: nearest-rank p50/p95/p99, max and the max's tick for every metric, per-system
 * figures, spikes with their top systems, and sizing advice. Allocates freely: call it for a report,
 * not per tick.
 *
 * A spike is a tick whose `tick_ms` or `arena.peak` is strictly above that metric's p99 over the
 * window; with fewer than 100 ticks p99 is the maximum, so there are none. Garbage figures a collection
 * spoiled (NaN) are left out of every statistic.
 * @throws TypeError naming the argument when `snapshot` is not shaped like a snapshot or an option has
 *   the wrong type; RangeError for an option out of range (see {@link SummarizeOptions},
 *   `SizingOptions`). Both before any work.
 * @example
 * const report = summarize(profiler.snapshot(), { headroom: 0.5 });
 * for (const advice of report.sizing) if (advice.status !== 'ok') console.warn(advice.warnings.join('; '));
 */
export function summarize(snapshot: ProfileSnapshot, options: SummarizeOptions = {}): ProfileReport {
  requireSnapshot(snapshot);
  requireSizingOptions(options);
  const topSystems = options.topSystems ?? 3;
  const maxSpikes = options.maxSpikes ?? 20;
  const dt = options.dt === undefined ? DEFAULT_DT : options.dt;
  requireCount('topSystems', topSystems);
  requireCount('maxSpikes', maxSpikes);
  if (!(typeof dt === 'number' && dt > 0 && dt <= 60)) {
    throw argumentError('dt', 'a number of seconds above 0, at most 60', dt, typeof dt !== 'number');
  }
  const t = snapshot.ticks;
  const n = t.tick.length;
  const ticks = t.tick;

  const metrics = metricColumns(snapshot).map(
    (c): MetricSummary => ({
      key: c.key,
      unit: c.unit,
      description: c.description,
      ...seriesStats(c.values, ticks),
    }),
  );

  let usedTotal = 0;
  for (let i = 0; i < n; i++) usedTotal += t.arenaUsed[i];
  const outside = Float64Array.from(t.arenaUsed);
  const systems = snapshot.systems.map((system, id): SystemSummary => {
    const s = system.series;
    let bytesTotal = 0;
    let ticksRun = 0;
    let collections = 0;
    for (let i = 0; i < n; i++) {
      bytesTotal += s.bytes[i];
      outside[i] -= s.bytes[i];
      collections += s.collections[i];
      if (s.calls[i] > 0) ticksRun++;
    }
    return {
      id,
      name: system.name,
      ticksRun,
      ms: seriesStats(s.ms, ticks),
      bytes: seriesStats(s.bytes, ticks),
      peakBytes: seriesStats(s.peakBytes, ticks),
      allocations: seriesStats(s.allocations, ticks),
      arenaShare: usedTotal > 0 ? bytesTotal / usedTotal : 0,
      garbage: seriesStats(s.garbage, ticks),
      collections: Number.isNaN(snapshot.gc.collections) ? Number.NaN : collections,
    };
  });
  const gc = summarizeGc(snapshot, dt);

  const timeLimit = percentileOfSorted(Float64Array.from(t.tickMs).sort(), 99);
  const arenaLimit = percentileOfSorted(Float64Array.from(t.arenaPeak).sort(), 99);
  const spikes: Spike[] = [];
  for (let i = 0; i < n; i++) {
    const reasons: ('time' | 'arena')[] = [];
    if (t.tickMs[i] > timeLimit) reasons.push('time');
    if (t.arenaPeak[i] > arenaLimit) reasons.push('arena');
    if (reasons.length === 0) continue;
    const ran = snapshot.systems
      .filter((system) => system.series.calls[i] > 0)
      .map(
        (system): SpikeSystem => ({
          name: system.name,
          ms: system.series.ms[i],
          bytes: system.series.bytes[i],
          peakBytes: system.series.peakBytes[i],
        }),
      );
    spikes.push({
      tick: t.tick[i],
      reasons,
      tickMs: t.tickMs[i],
      arenaPeak: t.arenaPeak[i],
      topByTime: [...ran].sort((a, b) => b.ms - a.ms).slice(0, topSystems),
      topByBytes: ran
        .filter((s) => s.peakBytes > 0)
        .sort((a, b) => b.peakBytes - a.peakBytes)
        .slice(0, topSystems),
    });
  }
  spikes.sort((a, b) => b.tickMs - a.tickMs || b.arenaPeak - a.arenaPeak || a.tick - b.tick);

  return {
    recordedTicks: n,
    totalTicks: snapshot.totalTicks,
    firstTick: n > 0 ? ticks[0] : -1,
    lastTick: n > 0 ? ticks[n - 1] : -1,
    metrics,
    systems,
    outsideSystems: seriesStats(outside, ticks),
    gc,
    dt,
    garbageAdvice: adviseGarbage(systems, gc, {
      headroom: options.headroom,
      minBytesPerTick: options.minBytesPerTick,
    }),
    spikeThresholds: { tickMs: timeLimit, arenaPeak: arenaLimit },
    spikes: spikes.slice(0, maxSpikes),
    spikeCount: spikes.length,
    sizing: bufferUsages(snapshot).map((usage) => adviseSizing(usage, options)),
  };
}
