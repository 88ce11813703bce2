import { formatBytes } from './byteUnits.ts';
import { argumentError, requireArray, requireNumberIn, requireShape } from './checks.ts';
import type { GcSummary } from './gcSummary.ts';
import type { SeriesStats } from './percentile.ts';
import { DEFAULT_HEADROOM, niceSize } from './sizing.ts';

/** What {@link adviseGarbage} reads of a system: its name and its garbage per tick. */
export interface SystemGarbage {
  /** The system's name. */
  readonly name: string;
  /** JS-heap bytes it allocated per tick, over the ticks whose figure counts. */
  readonly garbage: SeriesStats;
}

/** Options for {@link adviseGarbage}. */
export interface GarbageAdviceOptions {
  /** Extra room on top of the need, as a fraction, as in `SizingOptions`. Default 0.25. */
  readonly headroom?: number;
  /** Systems with less mean garbage per tick than this get no advice, bytes. Default {@link DEFAULT_MIN_GARBAGE}. */
  readonly minBytesPerTick?: number;
}

/** Default {@link GarbageAdviceOptions.minBytesPerTick}: below 64 B a tick there is nothing worth moving. */
export const DEFAULT_MIN_GARBAGE = 64;

/** What to do about one system's garbage: the figures and the sentence that says it. */
export interface GarbageAdvice {
  /** The system's name. */
  readonly name: string;
  /** Mean JS-heap bytes it allocates per tick. */
  readonly bytesPerTick: number;
  /** Its p99 tick, bytes. */
  readonly bytesP99: number;
  /** Its part of all the systems' mean garbage, 0 to 1. */
  readonly share: number;
  /**
   * Minor collections a minute it causes, estimated as its share of the observed rate (NaN without a
   * collection source): the collector runs when the young generation fills, whoever filled it.
   */
  readonly minorPerMinute: number;
  /**
   * Frame-arena bytes that would hold it: its p99 tick. An estimate from above: a JS object carries a
   * header and boxed numbers that the arena's typed-array records do not.
   */
  readonly arenaBytes: number;
  /** `arenaBytes` × (1 + headroom), rounded up by `niceSize`. */
  readonly recommended: number;
  /** The advice in one sentence, e.g. "collision creates 31.0 KiB of garbage per tick (≈ 90 minor GCs a minute); …". */
  readonly message: string;
}

/**
 * Turns garbage into a budget: for each system that makes at least `minBytesPerTick` of garbage per
 * tick, most first, how often it makes the collector run and how large a frame arena would hold what
 * it allocates instead. `systems` are `summarize`'s systems (or anything with a name and garbage
 * statistics), `gc` its collector summary.
 * @throws TypeError naming the argument or field of the wrong type; RangeError for a headroom outside 0
 *   to 10 or a negative `minBytesPerTick`. Before any work.
 * @example
 * for (const advice of adviseGarbage(report.systems, report.gc)) console.log(advice.message);
 * // collision creates 31.0 KiB of garbage per tick (≈ 90 minor GCs a minute); holding it in the frame
 * // arena needs ≈ 31.0 KiB, recommend 40.0 KiB
 */
export function adviseGarbage(
  systems: readonly SystemGarbage[],
  gc: Pick<GcSummary, 'minorPerMinute'>,
  options: GarbageAdviceOptions = {},
): GarbageAdvice[] {
  requireArray('systems', systems);
  systems.forEach((system, i) => {
    requireShape(`systems[${i}]`, system, { name: 'string', garbage: 'object' });
    requireShape(`systems[${i}].garbage`, system.garbage, { mean: 'number', p99: 'number' });
  });
  requireShape('gc', gc, { minorPerMinute: 'number' });
  requireShape('options', options, { headroom: 'number?', minBytesPerTick: 'number?' }, '');
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  const minBytes = options.minBytesPerTick ?? DEFAULT_MIN_GARBAGE;
  requireNumberIn('headroom', headroom, 0, 10);
  if (!(minBytes >= 0)) throw argumentError('minBytesPerTick', 'a number ≥ 0', minBytes, false);

  const counted = systems.filter((system) => system.garbage.mean >= 0);
  const total = counted.reduce((sum, system) => sum + system.garbage.mean, 0);
  return counted
    .filter((system) => system.garbage.mean >= minBytes)
    .sort((a, b) => b.garbage.mean - a.garbage.mean)
    .map(({ name, garbage }): GarbageAdvice => {
      const share = total > 0 ? garbage.mean / total : 0;
      const minorPerMinute = share * gc.minorPerMinute;
      const arenaBytes = garbage.p99;
      const recommended = niceSize(Math.ceil(arenaBytes * (1 + headroom)), 'bytes');
      const collections = Number.isNaN(minorPerMinute)
        ? 'collections not counted'
        : `≈ ${formatRate(minorPerMinute)} minor GCs a minute`;
      return {
        name,
        bytesPerTick: garbage.mean,
        bytesP99: garbage.p99,
        share,
        minorPerMinute,
        arenaBytes,
        recommended,
        message:
          `${name} creates ${formatBytes(garbage.mean)} of garbage per tick (${collections}); ` +
          `holding it in the frame arena needs ≈ ${formatBytes(arenaBytes)}, recommend ${formatBytes(recommended)}`,
      };
    });
}

/** A rate as a person reads it: whole numbers from 10 up, one decimal below. */
function formatRate(rate: number): string {
  return rate >= 10 ? String(Math.round(rate)) : rate.toFixed(1);
}
