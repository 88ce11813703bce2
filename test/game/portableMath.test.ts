/**
 * portableMath: sinCos and atan2Into agree with Math's to within an ulp or two over the game's range of
 * angles, keep the exact cases (zeros, axes, NaN, infinities), and compute with nothing but + − × ÷
 * (the cross-engine agreement itself is checked in Chromium by test/e2e/replay.e2e.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atan2Into, sinCos } from '../../src/game/portableMath.ts';

const out = new Float64Array(3);

describe('sinCos', () => {
  it('is within 2e-16 of Math.sin and Math.cos for angles up to ±1,000 radians', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (angle) => {
        sinCos(angle, out, 1);
        expect(Math.abs(out[1] - Math.sin(angle))).toBeLessThanOrEqual(2.3e-16);
        expect(Math.abs(out[2] - Math.cos(angle))).toBeLessThanOrEqual(2.3e-16);
      }),
      { numRuns: 20_000 },
    );
  });

  it('keeps the exact cases: ±0, the quadrants, NaN and the infinities', () => {
    sinCos(-0, out, 0);
    expect([Object.is(out[0], -0), out[1]]).toEqual([true, 1]);
    sinCos(Math.PI / 2, out, 0);
    expect(out[0]).toBe(1);
    expect(Math.abs(out[1])).toBeLessThan(1e-16);
    sinCos(Math.PI, out, 0);
    expect(out[1]).toBe(-1);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      sinCos(bad, out, 0);
      expect([out[0], out[1]]).toEqual([Number.NaN, Number.NaN]);
    }
  });

  it('writes only its two numbers, at `at`', () => {
    const wide = new Float64Array([7, 7, 7, 7]);
    sinCos(1, wide, 1);
    expect([wide[0], wide[3]]).toEqual([7, 7]);
  });
});

describe('atan2Into', () => {
  it('is within 5e-16 of Math.atan2 everywhere in the plane', () => {
    const coordinate = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(coordinate, coordinate, (y, x) => {
        atan2Into(y, x, out, 2);
        expect(Math.abs(out[2] - Math.atan2(y, x))).toBeLessThanOrEqual(4.5e-16);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [0, 1],
    [-0, 1],
    [0, -1],
    [-0, -1],
    [1, 0],
    [-1, 0],
    [Number.NaN, 1],
    [1, Number.NaN],
    [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    [1, Number.POSITIVE_INFINITY],
    [1e-300, -1e300],
    [1e300, 1e-300],
  ])('atan2(%s, %s) is Math.atan2 exactly', (y, x) => {
    atan2Into(y, x, out, 0);
    expect(Object.is(out[0], Math.atan2(y, x))).toBe(true);
  });
});
