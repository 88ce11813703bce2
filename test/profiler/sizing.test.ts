import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ARENA_BYTES } from '../../src/memory/index.ts';
import { adviseSizing, type BufferUsage, niceSize } from '../../src/profiler/index.ts';

const arena = (peak: number, failures = 0, capacity = 65536): BufferUsage => ({
  name: 'arena',
  kind: 'arena',
  capacity,
  peak,
  failures,
});
const pool = (peak: number, failures = 0, extra: Partial<BufferUsage> = {}): BufferUsage => ({
  name: 'bullets',
  kind: 'pool',
  capacity: 1000,
  peak,
  failures,
  ...extra,
});

describe('adviseSizing', () => {
  it.each([
    { what: 'arena with room', usage: arena(40_000), recommended: 53_248, status: 'ok', warning: null },
    { what: 'arena just under 90%', usage: arena(58_982), recommended: 73_728, status: 'ok', warning: null },
    {
      what: 'arena at 90%',
      usage: arena(58_983),
      recommended: 81_920,
      status: 'near-capacity',
      warning: /within 10%/,
    },
    {
      what: 'arena at 91.6%',
      usage: arena(60_000),
      recommended: 81_920,
      status: 'near-capacity',
      warning: /91\.6%/,
    },
    // After a run-out the need starts from the limit: 65,536 × 1.25 = 81,920.
    {
      what: 'arena that ran out',
      usage: arena(65_000, 3),
      recommended: 81_920,
      status: 'ran-out',
      warning: /3 allocations were refused/,
    },
    { what: 'pool with room', usage: pool(800), recommended: 1000, status: 'ok', warning: null },
    {
      what: 'pool near its limit',
      usage: pool(950),
      recommended: 1200,
      status: 'near-capacity',
      warning: /950 of 1000 slots/,
    },
    {
      what: 'pool that ran out once',
      usage: pool(1000, 1),
      recommended: 1300,
      status: 'ran-out',
      warning: /1 allocation was refused/,
    },
    {
      what: 'growable pool that grew',
      usage: pool(1500, 0, { capacity: 2048, initialCapacity: 1024, maxCapacity: 65536 }),
      recommended: 1900,
      status: 'ok',
      warning: /grew from 1024 to 2048 slots/,
    },
    { what: 'unused pool', usage: pool(0), recommended: 1, status: 'ok', warning: null },
    { what: 'unused arena', usage: arena(0), recommended: 0, status: 'ok', warning: null },
    {
      what: 'arena at the module maximum',
      usage: arena(MAX_ARENA_BYTES, 1, MAX_ARENA_BYTES),
      recommended: MAX_ARENA_BYTES,
      status: 'ran-out',
      warning: /clamped/,
    },
  ])('$what: recommends $recommended, status $status', ({ usage, recommended, status, warning }) => {
    const advice = adviseSizing(usage);
    expect(advice.recommended).toBe(recommended);
    expect(advice.status).toBe(status);
    if (warning === null) expect(advice.warnings).toEqual([]);
    else expect(advice.warnings.join('\n')).toMatch(warning);
  });

  it.each([
    { headroom: 0, recommended: 1024 },
    { headroom: 0.5, recommended: 1536 },
    { headroom: 1, recommended: 2048 },
  ])('uses the stated headroom ($headroom) on a 1000-byte peak', ({ headroom, recommended }) => {
    const advice = adviseSizing(arena(1000), { headroom });
    expect(advice).toMatchObject({ recommended, headroom, use: 1000 / 65536, limit: 65536 });
  });

  it('takes the near-capacity margin as an option', () => {
    expect(adviseSizing(pool(700), { nearLimit: 0.3 }).status).toBe('near-capacity');
    expect(adviseSizing(pool(699), { nearLimit: 0.3 }).status).toBe('ok');
  });

  it.each([{ headroom: -0.1 }, { headroom: Number.NaN }, { nearLimit: 1.5 }])(
    'rejects options %o',
    (options) => {
      expect(() => adviseSizing(arena(1), options)).toThrow(RangeError);
    },
  );
});

describe('niceSize', () => {
  it.each([
    [50_000, 'bytes', 53_248],
    [128_000, 'bytes', 131_072],
    [65_536, 'bytes', 65_536],
    [1, 'bytes', 8],
    [12_345, 'slots', 13_000],
    [10_000, 'slots', 10_000],
    [1000, 'slots', 1000],
    [7, 'slots', 7],
    [0, 'slots', 0],
  ] as const)('rounds %d %s up to %d', (value, unit, expected) => {
    expect(niceSize(value, unit)).toBe(expected);
  });

  it('never rounds down and overshoots by under 1/8 (bytes ≥ 64) or 1/10 (slots ≥ 10)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 2 ** 30 }), fc.constantFrom('bytes', 'slots'), (value, unit) => {
        const nice = niceSize(value, unit);
        expect(nice).toBeGreaterThanOrEqual(value);
        expect(nice).toBeLessThan(value * (unit === 'bytes' ? 1.125 : 1.1));
        if (unit === 'bytes') expect(nice % 8).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });
});
