import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, mixSeed, nextFloat, nextInt, nextRange, reseed } from '../../src/loop/index.ts';

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

describe('nextInt', () => {
  it('gives whole numbers in [0, n) for any n up to 2^30 (property)', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 2 ** 30 }), (seed, n) => {
        const rng = createRng(seed);
        for (let i = 0; i < 16; i++) {
          const x = nextInt(rng, n);
          expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('draws the same stream as nextFloat, scaled', () => {
    const [a, b] = [createRng(9), createRng(9)];
    for (let i = 0; i < 32; i++) expect(nextInt(a, 6)).toBe(Math.floor(nextFloat(b) * 6));
  });

  it('covers every value of a small range about evenly', () => {
    const rng = createRng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[nextInt(rng, 6)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('reseed and mixSeed', () => {
  it('reseed restarts a generator exactly as createRng would', () => {
    const rng = createRng(1);
    nextFloat(rng);
    reseed(rng, 77);
    expect(Array.from({ length: 8 }, () => nextFloat(rng))).toEqual(draws(77, 8));
  });

  it('mixSeed is a uint32, the same for the same pair, and spreads neighbouring pairs apart', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (a, b) => {
        const h = mixSeed(a, b);
        expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
        expect(mixSeed(a, b)).toBe(h);
      }),
      { numRuns: RUNS },
    );
    const seen = new Set<number>();
    for (let a = 0; a < 100; a++) for (let b = 0; b < 100; b++) seen.add(mixSeed(a, b));
    expect(seen.size).toBe(10_000);
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
  });
});
