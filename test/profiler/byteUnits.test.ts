import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTE_UNITS, byteDecimals, byteDivisor, byteUnit, formatBytes } from '../../src/profiler/index.ts';

describe('the byte-unit rule', () => {
  it.each([
    [0, 0, '0 B'],
    [1, 0, '1 B'],
    [1023, 0, '1023 B'],
    [1023.4, 0, '1023 B'],
    // Whole bytes would round to 1024 B: the next unit instead.
    [1023.5, 1, '1.0 KiB'],
    [1024, 1, '1.0 KiB'],
    [1536, 1, '1.5 KiB'],
    [131_072, 1, '128.0 KiB'],
    [1_048_524, 1, '1023.9 KiB'],
    // 1023.95 KiB and above would show as 1024.0 KiB: MiB instead.
    [1_048_524.8, 2, '1.0 MiB'],
    [1_048_575, 2, '1.0 MiB'],
    [1_048_575.95, 2, '1.0 MiB'],
    [1_048_576, 2, '1.0 MiB'],
    [5 * 1024 * 1024 + 512 * 1024, 2, '5.5 MiB'],
    [2 ** 30, 3, '1.0 GiB'],
    // GiB is the last unit: larger counts stay in it.
    [2 ** 40, 3, '1024.0 GiB'],
  ])('%d bytes: unit %d, %j', (bytes, unit, text) => {
    expect(byteUnit(bytes)).toBe(unit);
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [-1, 0, '-1 B'],
    [-2048, 1, '-2.0 KiB'],
    [-1_048_575.95, 2, '-1.0 MiB'],
    // Rounds to zero: no minus sign.
    [-0.4, 0, '0 B'],
    [-0, 0, '0 B'],
  ])('a negative count takes the unit of its magnitude: %d bytes is %j', (bytes, unit, text) => {
    expect(byteUnit(bytes)).toBe(unit);
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    '%d has unit 0 and shows as -',
    (bytes) => {
      expect(byteUnit(bytes)).toBe(0);
      expect(formatBytes(bytes)).toBe('-');
    },
  );

  it('names, divisors and decimals per unit', () => {
    expect(BYTE_UNITS).toEqual(['B', 'KiB', 'MiB', 'GiB']);
    expect([0, 1, 2, 3].map(byteDivisor)).toEqual([1, 1024, 1024 ** 2, 1024 ** 3]);
    expect([0, 1, 2, 3].map(byteDecimals)).toEqual([0, 1, 1, 1]);
  });

  it('never shows 1024 of a unit below GiB, nor less than 1.0 of a unit above B', () => {
    fc.assert(
      fc.property(fc.double({ min: -(2 ** 45), max: 2 ** 45, noNaN: true }), (bytes) => {
        const unit = byteUnit(bytes);
        const figure = Math.abs(Number.parseFloat(formatBytes(bytes)));
        if (unit < 3) expect(figure).toBeLessThan(1024);
        if (unit > 0) expect(figure).toBeGreaterThanOrEqual(1);
        expect(formatBytes(bytes).endsWith(` ${BYTE_UNITS[unit]}`)).toBe(true);
      }),
    );
  });

  it('picks a unit that never decreases as the magnitude grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 ** 45, noNaN: true }),
        fc.double({ min: 0, max: 2 ** 45, noNaN: true }),
        (a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          expect(byteUnit(small)).toBeLessThanOrEqual(byteUnit(large));
        },
      ),
    );
  });
});
