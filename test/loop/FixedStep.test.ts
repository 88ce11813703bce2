import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, alpha, createFixedStep } from '../../src/loop/index.ts';

const RUNS = 1000;

/** Steps returned by feeding `elapsed` to a fresh 100 Hz clock (10 ms steps), one call per entry. */
function stepsFor(elapsed: number[], maxSteps = 5) {
  const clock = createFixedStep(100, maxSteps);
  const steps = elapsed.map((ms) => advance(clock, ms));
  return { clock, steps };
}

describe('createFixedStep', () => {
  it('defaults to 60 Hz and at most 5 catch-up steps, with nothing owed', () => {
    const clock = createFixedStep();
    expect(clock.stepMs).toBeCloseTo(1000 / 60, 12);
    expect(clock.maxSteps).toBe(5);
    expect(clock.accumulator).toBe(0);
    expect(clock.droppedMs).toBe(0);
  });

  it.each([1, 30, 144, 1000])('a %d Hz clock steps every 1000/hz ms', (hz) => {
    expect(createFixedStep(hz).stepMs).toBe(1000 / hz);
  });

  it.each([0, -60, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'rejects hz = %s',
    (hz) => {
      expect(() => createFixedStep(hz)).toThrow(RangeError);
      expect(() => createFixedStep(hz)).toThrow(/hz/);
    },
  );

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects maxSteps = %s', (maxSteps) => {
    expect(() => createFixedStep(60, maxSteps)).toThrow(RangeError);
    expect(() => createFixedStep(60, maxSteps)).toThrow(/maxSteps/);
  });
});

describe('advance', () => {
  it.each([
    { elapsed: [25], steps: [2], accumulator: 5 },
    { elapsed: [10], steps: [1], accumulator: 0 },
    { elapsed: [9.5], steps: [0], accumulator: 9.5 },
    { elapsed: [3, 3, 3, 3], steps: [0, 0, 0, 1], accumulator: 2 },
    { elapsed: [25, 5], steps: [2, 1], accumulator: 0 },
    { elapsed: [0, 0], steps: [0, 0], accumulator: 0 },
    { elapsed: [50], steps: [5], accumulator: 0 },
  ])('feeding $elapsed ms returns $steps and keeps $accumulator ms', ({ elapsed, steps, accumulator }) => {
    const run = stepsFor(elapsed);
    expect(run.steps).toEqual(steps);
    expect(run.clock.accumulator).toBeCloseTo(accumulator, 9);
    expect(run.clock.droppedMs).toBe(0);
  });

  it.each([
    { maxSteps: 5, elapsed: 1000 },
    { maxSteps: 5, elapsed: 1003 },
    { maxSteps: 1, elapsed: 37 },
    { maxSteps: 3, elapsed: 41 },
  ])('caps a $elapsed ms frame at maxSteps = $maxSteps and drops the backlog', ({ maxSteps, elapsed }) => {
    const { clock, steps } = stepsFor([elapsed], maxSteps);
    const owed = Math.floor(elapsed / clock.stepMs);
    expect(steps).toEqual([maxSteps]);
    expect(clock.droppedMs).toBeCloseTo((owed - maxSteps) * clock.stepMs, 9);
    // Only the backlog beyond the cap is dropped: the fraction of a step stays owed.
    expect(clock.accumulator).toBeCloseTo(elapsed - owed * clock.stepMs, 9);
  });

  it.each([1e15, 9e18, Number.MAX_VALUE])('after a %d ms backlog less than a step is owed', (elapsed) => {
    const clock = createFixedStep(24.8, 1);
    expect(advance(clock, elapsed)).toBe(1);
    expect(clock.accumulator).toBeGreaterThanOrEqual(0);
    expect(clock.accumulator).toBeLessThan(clock.stepMs);
    expect(clock.droppedMs).toBeGreaterThan(elapsed * 0.99);
  });

  it('adds every dropped backlog to droppedMs', () => {
    const { clock, steps } = stepsFor([100, 100], 2);
    expect(steps).toEqual([2, 2]);
    expect(clock.droppedMs).toBeCloseTo(2 * (100 - 2 * clock.stepMs), 9);
  });

  it.each([-5, -0.001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'treats elapsed = %s as no time at all',
    (bad) => {
      const clock = createFixedStep(100);
      advance(clock, 7);
      expect(advance(clock, bad)).toBe(0);
      expect(clock.accumulator).toBe(7);
      expect(clock.droppedMs).toBe(0);
      expect(advance(clock, 3)).toBe(1);
    },
  );
});

describe('alpha', () => {
  it('is the owed fraction of a step', () => {
    const { clock } = stepsFor([25]);
    expect(alpha(clock)).toBeCloseTo(0.5, 12);
    advance(clock, 2.5);
    expect(alpha(clock)).toBeCloseTo(0.75, 12);
  });

  it('stays in [0, 1) whatever time is fed (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.double()), { maxLength: 40 }),
        (hz, maxSteps, elapsed) => {
          const clock = createFixedStep(hz, maxSteps);
          for (const ms of elapsed) {
            const steps = advance(clock, ms);
            expect(steps).toBeGreaterThanOrEqual(0);
            expect(steps).toBeLessThanOrEqual(maxSteps);
            expect(alpha(clock)).toBeGreaterThanOrEqual(0);
            expect(alpha(clock)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('time is conserved (property)', () => {
  /** Absolute tolerance for a sum of `n` terms of size up to `total`. */
  const tolerance = (total: number, n: number) => 1e-9 + total * Number.EPSILON * 4 * (n + 1);

  it('below the cap, steps × stepMs + accumulator equals the total elapsed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { maxLength: 60 }),
        (hz, maxSteps, fractions) => {
          const clock = createFixedStep(hz, maxSteps);
          // Each frame is below maxSteps steps, so with less than one step owed nothing is dropped.
          const elapsed = fractions.map((f) => f * maxSteps * clock.stepMs);
          let steps = 0;
          let total = 0;
          for (const ms of elapsed) {
            steps += advance(clock, ms);
            total += ms;
          }
          expect(clock.droppedMs).toBe(0);
          expect(Math.abs(steps * clock.stepMs + clock.accumulator - total)).toBeLessThanOrEqual(
            tolerance(total, elapsed.length),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('with long frames, steps × stepMs + accumulator + droppedMs equals the total elapsed', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { maxLength: 40 }),
        (hz, maxSteps, elapsed) => {
          const clock = createFixedStep(hz, maxSteps);
          let steps = 0;
          for (const ms of elapsed) steps += advance(clock, ms);
          const total = elapsed.reduce((a, b) => a + b, 0);
          const accounted = steps * clock.stepMs + clock.accumulator + clock.droppedMs;
          expect(Math.abs(accounted - total)).toBeLessThanOrEqual(tolerance(total, elapsed.length));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('advance at step lengths that do not divide evenly', () => {
  it.each([
    [115, 5],
    [24, 9],
    [90, 67],
  ])(
    'at %d Hz (maxSteps %d), whole multiples of the step, give or take an ulp, never leave a negative accumulator',
    (hz, maxSteps) => {
      const clock = createFixedStep(hz, maxSteps);
      for (let k = 1; k <= maxSteps; k++) {
        for (const nudge of [-2, -1, 0, 1, 2]) {
          const elapsed = k * clock.stepMs + nudge * Number.EPSILON * k * clock.stepMs;
          const steps = advance(clock, elapsed);
          expect(steps).toBeGreaterThanOrEqual(0);
          expect(clock.accumulator).toBeGreaterThanOrEqual(0);
          expect(clock.accumulator).toBeLessThan(clock.stepMs);
          expect(() => alpha(clock)).not.toThrow();
        }
      }
    },
  );
});
