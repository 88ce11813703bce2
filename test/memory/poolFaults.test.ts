/**
 * Fault injection on pools, Zig's `fail_index`: allocation number `failAt` (from 0, counted by
 * allocCount) and every later one fail exactly as a full pool's do.
 */
import { describe, expect, it } from 'vitest';
import { MemoryPool, OutOfMemoryError } from '../../src/memory/index.ts';
import { allocMany, expectRangeError, NOT_COUNTS, NOT_NUMBERS, poolState, thrownBy } from './helpers.ts';

describe('MemoryPool failAt', () => {
  it('failAt: 2 lets two allocations succeed and fails the third and every one after', () => {
    const pool = new MemoryPool({ capacity: 8, failAt: 2 });
    const [a, b] = allocMany(pool, 2);
    expect(pool.failAt).toBe(2);
    const before = poolState(pool);
    const error = thrownBy(() => pool.alloc()) as OutOfMemoryError;
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect([error.unit, error.requested, error.capacity]).toEqual(['slots', 1, 8]);
    expect(pool.tryAlloc()).toBe(-1);
    expect(poolState(pool)).toEqual({ ...before, failureCount: 2 });
    // Freeing does not lower allocCount: the later allocations still fail.
    pool.free(a);
    expect(pool.tryAlloc()).toBe(-1);
    expect([pool.isAlive(b), pool.live, pool.failureCount]).toEqual([true, 1, 3]);
  });

  it('failAt: 0 fails the first allocation; Infinity (the default) fails none', () => {
    expect(new MemoryPool({ capacity: 2, failAt: 0 }).tryAlloc()).toBe(-1);
    const pool = new MemoryPool({ capacity: 2 });
    expect(pool.failAt).toBe(Number.POSITIVE_INFINITY);
    allocMany(pool, 2);
    expect(pool.failureCount).toBe(0);
  });

  it('counts from the pool made, so setting it later fails from that allocation number on', () => {
    const pool = new MemoryPool({ capacity: 8 });
    allocMany(pool, 3);
    pool.failAt = 4;
    expect(pool.tryAlloc()).not.toBe(-1);
    expect(pool.tryAlloc()).toBe(-1);
    pool.failAt = Number.POSITIVE_INFINITY;
    expect(pool.tryAlloc()).not.toBe(-1);
    expect([pool.allocCount, pool.failureCount]).toEqual([5, 1]);
  });

  it('a growable pool fails on purpose before it would grow', () => {
    const pool = new MemoryPool({ capacity: 2, growable: true, maxCapacity: 64, failAt: 3 });
    allocMany(pool, 3);
    expect([pool.tryAlloc(), pool.capacity]).toEqual([-1, 4]);
  });

  it.each([
    ...NOT_COUNTS.filter((v) => v !== Number.POSITIVE_INFINITY),
    ...NOT_NUMBERS.filter((v) => v !== undefined),
  ])('failAt %s is a RangeError naming failAt, as an option and when set; nothing changes', (bad) => {
    expectRangeError(() => new MemoryPool({ capacity: 2, failAt: bad as number }), /failAt/);
    const pool = new MemoryPool({ capacity: 2, failAt: 1 });
    expectRangeError(() => {
      pool.failAt = bad as number;
    }, /failAt/);
    expect(pool.failAt).toBe(1);
  });
});
