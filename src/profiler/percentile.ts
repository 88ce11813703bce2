/**
 * Percentiles by the nearest-rank method, the one this module uses everywhere: the p-th percentile of
 * n values is the value at rank ⌈p/100 · n⌉ (1-based) in ascending order, and the 0th is the minimum.
 * It is always one of the recorded values (no interpolation), so "p99 tick time 4.2 ms" names a tick
 * that really took 4.2 ms; and it is the smallest value v with at least p% of the values ≤ v.
 * With fewer than 100 values, p99 is the maximum.
 */

import { requireNumberIn, requireNumberList } from './checks.ts';

/**
 * The nearest-rank `p`-th percentile of `sorted`, which must be in ascending order; NaN when empty.
 * @throws RangeError unless 0 ≤ p ≤ 100; TypeError when `p` is no number or `sorted` no array.
 * @example
 * percentileOfSorted(Float64Array.of(1, 2, 3, 4), 50); // 2 (rank ⌈0.5 · 4⌉ = 2)
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  requireNumberList('sorted', sorted);
  requireNumberIn('p', p, 0, 100);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  // Multiply before dividing: for a whole p, p · n is exact and so is the ceiling of its hundredth,
  // whereas (p / 100) · n can land just above a whole number (0.95 · 100 = 95.00000000000001).
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[rank - 1];
}

/** The nearest-rank `p`-th percentile of `values` in any order (sorts a copy); NaN when empty. Same errors. */
export function percentile(values: ArrayLike<number>, p: number): number {
  requireNumberList('values', values);
  return percentileOfSorted(Float64Array.from(values).sort(), p);
}

/** The statistics the report gives for every metric. */
export interface SeriesStats {
  /** Number of values counted: NaN values (figures not measured or dropped) are left out. */
  readonly count: number;
  /** Arithmetic mean. */
  readonly mean: number;
  /** Nearest-rank median. */
  readonly p50: number;
  /** Nearest-rank 95th percentile. */
  readonly p95: number;
  /** Nearest-rank 99th percentile. */
  readonly p99: number;
  /** Largest value. */
  readonly max: number;
  /** The tick number where `max` first occurred (-1 when empty). */
  readonly maxTick: number;
}

/**
 * Mean, p50, p95, p99 and max of `values`, and the tick of the max, where `ticks[i]` is the tick number
 * of `values[i]`. NaN values are figures that were not measured or were dropped (a garbage figure a
 * collection spoiled), so they are left out, never counted as 0. All NaN (maxTick -1) when no value
 * counts.
 * @throws TypeError when either is no array; RangeError when their lengths differ.
 * @example
 * seriesStats(Float64Array.of(3, 9, 9), Float64Array.of(10, 11, 12)); // max 9 at tick 11
 * seriesStats(Float64Array.of(3, NaN), Float64Array.of(10, 11)); // count 1, mean 3
 */
export function seriesStats(values: ArrayLike<number>, ticks: ArrayLike<number>): SeriesStats {
  requireNumberList('values', values);
  requireNumberList('ticks', ticks);
  const n = values.length;
  if (ticks.length !== n) {
    throw new RangeError(`ticks must have as many elements as values (${n}), got ${ticks.length}`);
  }
  const counted = new Float64Array(n);
  let count = 0;
  let sum = 0;
  let maxIndex = -1;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    counted[count++] = value;
    sum += value;
    if (maxIndex === -1 || value > values[maxIndex]) maxIndex = i;
  }
  const sorted = counted.subarray(0, count).sort();
  return {
    count,
    mean: count === 0 ? Number.NaN : sum / count,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: count === 0 ? Number.NaN : values[maxIndex],
    maxTick: count === 0 ? -1 : ticks[maxIndex],
  };
}
