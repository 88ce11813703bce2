import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, nextFloat, nextRange } from '../../src/loop/index.ts';

const RUNS = 1000;
const seedArb = fc.integer({ min: 0, max: 0xffff_ffff });

function draws(seed: number, count: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => nextFloat(rng));
}

describe('createRng', () => {
  it('the same seed gives the same sequence (property)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        expect(draws(seed, 16)).toEqual(draws(seed, 16));
      }),
      { numRuns: RUNS },
    );
  });

  it('different seeds give different sequences (property)', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (a, b) => {
        fc.pre(a !== b);
        expect(draws(a, 4)).not.toEqual(draws(b, 4));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    [-1, 0xffff_ffff],
    [2 ** 32 + 5, 5],
    [7.9, 7],
  ])('takes seed %d as the uint32 %d', (seed, same) => {
    expect(draws(seed, 8)).toEqual(draws(same, 8));
  });

  it('generators are independent: drawing from one leaves another unchanged', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 10; i++) nextFloat(a);
    expect(nextFloat(b)).toBe(draws(42, 1)[0]);
  });
});

describe('nextFloat', () => {
  it('stays in [0, 1) (property)', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const xs = draws(seed, 64);
        expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...xs)).toBeLessThan(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('is close to uniform: every tenth of [0, 1) gets about a tenth of 20,000 draws', () => {
    const n = 20_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (const x of draws(12345, n)) {
      bins[Math.floor(x * 10)]++;
      sum += x;
    }
    // Binomial sd of a bin is sqrt(n * 0.1 * 0.9) = 42; 5 sd is far outside chance for a good generator.
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(5 * Math.sqrt(n * 0.09));
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
  });
});

describe('nextRange', () => {
  // nextFloat is a multiple of 2^-32 below 1, so min + (max - min) * f stays below max as long as the
  // range is wider than about 2^-20 of its magnitude (max's rounding step is 2^-52 of it). Ranges only a
  // few float steps wide can round up to max; the game's ranges are far from that.
  it('stays in [min, max) for ranges wider than 2^-16 of their magnitude (property)', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (seed, min, width) => {
          const max = min + Math.max(width, Math.abs(min) * 2 ** -16);
          const rng = createRng(seed);
          const xs = Array.from({ length: 32 }, () => nextRange(rng, min, max));
          expect(Math.min(...xs)).toBeGreaterThanOrEqual(min);
          expect(Math.max(...xs)).toBeLessThan(max);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('maps nextFloat linearly onto the range', () => {
    const a = createRng(9);
    const b = createRng(9);
    for (let i = 0; i < 100; i++) {
      const f = nextFloat(a);
      expect(nextRange(b, -3, 5)).toBeCloseTo(-3 + 8 * f, 12);
    }
  });
});
