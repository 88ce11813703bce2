/**
 * Giving memory back on both bump allocators: free, ownership, mark and rollback, the high-water mark,
 * the counters, and the poison written over what is released.
 */
import { describe, expect, it } from 'vitest';
import { type BumpAllocator, OutOfMemoryError, POISON_BYTE } from '../../src/memory/index.ts';
import { alignUp, arenaState, fillPattern, BUMP_KINDS as KINDS, type MakeArena } from './helpers.ts';

describe.each(KINDS)('free (%s)', (_kind, make) => {
  it('of the last allocation rewinds, so the same offset comes back', () => {
    const arena = make(64);
    arena.alloc(3, 1);
    const offset = arena.alloc(10);
    arena.free(offset, 10);
    expect(arena.used).toBe(offset);
    expect(arena.alloc(10)).toBe(offset);
  });

  it('unwinds like a stack when freed in reverse order', () => {
    const arena = make(64);
    const a = arena.alloc(4, 1);
    const b = arena.alloc(4, 1);
    arena.free(b, 4);
    arena.free(a, 4);
    expect(arena.used).toBe(0);
  });

  it('of any other allocation does nothing', () => {
    const arena = make(64);
    const first = arena.alloc(8);
    arena.alloc(8);
    const before = arenaState(arena);
    arena.free(first, 8);
    expect(arenaState(arena)).toEqual(before);
  });

  it('does not change the counters', () => {
    const arena = make(64);
    const offset = arena.alloc(8);
    arena.free(offset, 8);
    expect([arena.allocCount, arena.highWater]).toEqual([1, 8]);
  });
});

describe.each(KINDS)('isLastAllocation and owns (%s)', (_kind, make) => {
  it('isLastAllocation is true exactly for the region that ends at used', () => {
    const arena = make(64);
    const a = arena.alloc(8);
    expect(arena.isLastAllocation(a, 8)).toBe(true);
    const b = arena.alloc(5);
    expect(arena.isLastAllocation(a, 8)).toBe(false);
    expect(arena.isLastAllocation(b, 5)).toBe(true);
    expect(arena.isLastAllocation(b, 4)).toBe(false);
    arena.free(b, 5);
    expect(arena.isLastAllocation(a, 8)).toBe(true);
  });

  it.each([Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY])('isLastAllocation(%s, …) is false', (bad) => {
    const arena = make(64);
    arena.alloc(8);
    expect(arena.isLastAllocation(bad, 8)).toBe(false);
    expect(arena.isLastAllocation(0, bad)).toBe(false);
  });

  it('owns every byte offset inside the buffer and nothing else', () => {
    const arena = make(16);
    for (let i = 0; i < 16; i++) expect(arena.owns(i)).toBe(true);
    for (const bad of [16, 17, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(arena.owns(bad)).toBe(false);
    }
  });
});

describe.each(KINDS)('mark and rollback (%s)', (_kind, make) => {
  it('mark is the current used', () => {
    const arena = make(64);
    arena.alloc(11, 1);
    expect(arena.mark()).toBe(11);
  });

  it('rolls back nested scopes in LIFO order, and allocation resumes at the mark', () => {
    const arena = make(128);
    arena.alloc(3, 1);
    const outer = arena.mark();
    const a = arena.alloc(10);
    const inner = arena.mark();
    arena.alloc(20);
    arena.rollback(inner);
    expect(arena.used).toBe(inner);
    expect(arena.alloc(20)).toBe(alignUp(inner, 8));
    arena.rollback(outer);
    expect(arena.used).toBe(outer);
    expect(arena.alloc(10)).toBe(a);
  });

  it('a mark above used (rolled back out of order) throws a RangeError and changes nothing', () => {
    const arena = make(64);
    const outer = arena.mark();
    arena.alloc(8);
    const inner = arena.mark();
    arena.alloc(8);
    arena.rollback(outer);
    const before = arenaState(arena);
    expect(() => arena.rollback(inner)).toThrow(RangeError);
    expect(() => arena.rollback(inner)).toThrow(/mark/);
    expect(() => arena.rollback(arena.used + 1)).toThrow(RangeError);
    expect(arenaState(arena)).toEqual(before);
  });

  it('rollback to used is a no-op and keeps the counters', () => {
    const arena = make(64);
    arena.alloc(8);
    arena.tryAlloc(100);
    const before = arenaState(arena);
    arena.rollback(arena.used);
    expect(arenaState(arena)).toEqual(before);
    arena.rollback(0);
    expect([arena.used, arena.allocCount, arena.failureCount, arena.highWater]).toEqual([0, 1, 1, 8]);
  });
});

describe.each(KINDS)('highWater (%s)', (_kind, make) => {
  it('is the peak of used, kept across reset, restarted by resetHighWater', () => {
    const arena = make(64);
    arena.alloc(30, 1);
    const m = arena.mark();
    arena.alloc(10, 1);
    arena.rollback(m);
    expect([arena.used, arena.highWater]).toEqual([30, 40]);
    arena.reset();
    expect(arena.highWater).toBe(40);
    arena.alloc(5, 1);
    arena.resetHighWater();
    expect(arena.highWater).toBe(5);
    arena.alloc(2, 1);
    expect(arena.highWater).toBe(7);
  });

  it('is not raised by failed allocations', () => {
    const arena = make(16);
    arena.tryAlloc(17);
    expect(arena.highWater).toBe(0);
  });
});

describe.each(KINDS)('allocCount and failureCount (%s)', (_kind, make) => {
  it('count successes and failures of alloc, tryAlloc and the typed forms, monotonic across reset', () => {
    const arena = make(32);
    arena.alloc(8);
    arena.tryAlloc(8);
    arena.allocF32(1);
    arena.allocU8(1);
    expect(arena.tryAlloc(64)).toBe(-1);
    expect(() => arena.alloc(64)).toThrow(OutOfMemoryError);
    expect(arena.tryAllocF64(64)).toBe(-1);
    expect([arena.allocCount, arena.failureCount]).toEqual([4, 3]);
    arena.reset();
    expect([arena.allocCount, arena.failureCount]).toEqual([4, 3]);
    arena.alloc(8);
    arena.rollback(0);
    expect([arena.allocCount, arena.failureCount]).toEqual([5, 3]);
  });
});

/** Ways to release bytes: each returns the byte range it released, given an arena with allocations. */
const RELEASES: Array<[string, (arena: BumpAllocator) => [number, number]]> = [
  [
    'reset',
    (arena) => {
      const end = arena.used;
      arena.reset();
      return [0, end];
    },
  ],
  [
    'rollback',
    (arena) => {
      const end = arena.used;
      arena.rollback(12);
      return [12, end];
    },
  ],
  [
    'free of the last allocation',
    (arena) => {
      const end = arena.used;
      arena.free(24, end - 24);
      return [24, end];
    },
  ],
  [
    'shrinking resize of the last allocation',
    (arena) => {
      const end = arena.used;
      arena.resize(24, end - 24, 3);
      return [27, end];
    },
  ],
];

/** An arena with three allocations (0..10, 16..20, 24..40) whose bytes hold a pattern. */
function patternedArena(make: MakeArena, poison: boolean): BumpAllocator {
  const arena = make(64, { poison });
  fillPattern(arena);
  arena.alloc(10);
  arena.alloc(4);
  arena.alloc(16);
  return arena;
}

const RELEASE_KINDS = RELEASES.flatMap(([what, release]) =>
  KINDS.map(([kind, make]) => [what, kind, release, make] as const),
);

describe.each(RELEASE_KINDS)('poison on %s (%s)', (_name, _kind, release, make) => {
  it('fills exactly the released bytes with 0xAA', () => {
    const arena = patternedArena(make, true);
    const before = arena.u8.slice();
    const [from, to] = release(arena);
    expect(from).toBeLessThan(to);
    for (let i = 0; i < arena.capacity; i++) {
      expect(arena.u8[i]).toBe(i >= from && i < to ? POISON_BYTE : before[i]);
    }
  });

  it('leaves the bytes alone when poison is off', () => {
    const arena = patternedArena(make, false);
    const before = arena.u8.slice();
    release(arena);
    expect(arena.u8).toEqual(before);
  });
});

describe.each(KINDS)('poison of a single byte (%s)', (_kind, make) => {
  it('free of a one-byte last allocation poisons that byte only', () => {
    const arena = patternedArena(make, true);
    const before = arena.u8.slice();
    const offset = arena.alloc(1, 1);
    arena.u8[offset] = 1;
    arena.free(offset, 1);
    expect(arena.u8[offset]).toBe(POISON_BYTE);
    expect(arena.u8).toEqual(before.fill(POISON_BYTE, offset, offset + 1));
  });
});

describe.each(KINDS)('poison does not touch live memory (%s)', (_kind, make) => {
  it.each([
    ['free of a non-last allocation', (a: BumpAllocator) => a.free(0, 10)],
    ['shrinking resize of a non-last allocation', (a: BumpAllocator) => a.resize(0, 10, 2)],
  ])('%s changes no byte', (_name, act) => {
    const arena = patternedArena(make, true);
    const before = arena.u8.slice();
    act(arena);
    expect(arena.u8).toEqual(before);
  });
});
