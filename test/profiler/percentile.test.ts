import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, percentileOfSorted, seriesStats } from '../../src/profiler/index.ts';

/** The reference: sort a plain array and take rank ⌈p·n/100⌉ (at least 1), the documented method. */
function referencePercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const percent = fc.integer({ min: 0, max: 100 });

describe('nearest-rank percentiles', () => {
  it('equal the sorted reference and satisfy the nearest-rank definition (property)', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 300 }), percent, (values, p) => {
        const result = percentile(values, p);
        expect(result + 0).toBe(referencePercentile(values, p) + 0); // + 0 folds -0 into 0 for toBe
        // The definition itself: the smallest recorded value with at least p% of the values at or below it.
        const atOrBelow = values.filter((v) => v <= result).length;
        const below = values.filter((v) => v < result).length;
        expect(values).toContain(result);
        expect(atOrBelow * 100).toBeGreaterThanOrEqual(p * values.length);
        if (p > 0) expect(below * 100).toBeLessThan(p * values.length);
        else expect(below).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('seriesStats gives p50/p95/p99, mean, max and the first tick of the max (property)', () => {
    const small = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(small, { minLength: 1, maxLength: 300 }), (values) => {
        const ticks = Float64Array.from(values, (_, i) => 1000 + i);
        const stats = seriesStats(Float64Array.from(values), ticks);
        const max = Math.max(...values);
        expect(stats.count).toBe(values.length);
        expect(stats.p50 + 0).toBe(referencePercentile(values, 50) + 0);
        expect(stats.p95 + 0).toBe(referencePercentile(values, 95) + 0);
        expect(stats.p99 + 0).toBe(referencePercentile(values, 99) + 0);
        expect(stats.max + 0).toBe(max + 0);
        expect(stats.maxTick).toBe(1000 + values.indexOf(max));
        expect(stats.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    { values: [1, 2, 3, 4], p: 50, expected: 2 },
    { values: [1, 2, 3, 4], p: 51, expected: 3 },
    { values: [1, 2, 3, 4], p: 0, expected: 1 },
    { values: [1, 2, 3, 4], p: 100, expected: 4 },
    { values: Array.from({ length: 100 }, (_, i) => i + 1), p: 95, expected: 95 },
    { values: Array.from({ length: 100 }, (_, i) => i + 1), p: 99, expected: 99 },
    { values: Array.from({ length: 50 }, (_, i) => i + 1), p: 99, expected: 50 },
  ])('nearest rank of $p% over $values.length values is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is NaN for no values, and empty stats say so', () => {
    expect(percentileOfSorted([], 50)).toBeNaN();
    const stats = seriesStats(new Float64Array(0), new Float64Array(0));
    expect(stats).toMatchObject({ count: 0, maxTick: -1 });
    expect(stats.max).toBeNaN();
  });

  it.each([-1, 101, Number.NaN])('rejects percentile %s', (p) => {
    expect(() => percentile([1], p)).toThrow(RangeError);
  });

  it('rejects values and ticks of different lengths', () => {
    expect(() => seriesStats([1, 2], [0])).toThrow(RangeError);
  });
});
