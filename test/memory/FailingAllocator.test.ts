/**
 * Fault injection after Zig's FailingAllocator and checkAllAllocationFailures: the failAt-th
 * allocation (from 0) and every later one fail as running out would, and the checker runs a function
 * once per allocation it makes, failing each in turn.
 */
import { describe, expect, it } from 'vitest';
import {
  type Allocator,
  checkAllAllocationFailures,
  FixedBufferAllocator,
  failingAllocator,
  OutOfMemoryError,
  TypedList,
} from '../../src/memory/index.ts';
import { expectRangeError, expectTypeError, NOT_COUNTS, NOT_NUMBERS } from './helpers.ts';

describe('failingAllocator', () => {
  it('failAt: 2 lets two allocations succeed and fails the third and every one after it', () => {
    const inner = new FixedBufferAllocator(1024);
    const a = failingAllocator(inner, { failAt: 2 });
    expect(a.alloc(8)).toBe(0);
    expect(a.tryAllocF32(2)).toBe(2);
    expect(a.tryAlloc(8)).toBe(-1);
    expect(() => a.alloc(8)).toThrow(OutOfMemoryError);
    expect(() => a.allocI32(1)).toThrow(OutOfMemoryError);
    expect([a.tryAllocF64(1), a.tryAllocI32(1), a.tryAllocU32(1), a.tryAllocU8(1)]).toEqual([-1, -1, -1, -1]);
    expect([a.allocations, a.injectedFailures, a.failureCount, inner.failureCount]).toEqual([2, 7, 7, 0]);
    expect([a.used, inner.used, a.allocCount]).toEqual([16, 16, 2]);
  });

  it('failAt: 0 fails the first allocation; Infinity never fails', () => {
    expect(failingAllocator(new FixedBufferAllocator(64), { failAt: 0 }).tryAlloc(1)).toBe(-1);
    const never = failingAllocator(new FixedBufferAllocator(64), { failAt: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 8; i++) expect(never.tryAlloc(8)).toBe(i * 8);
    expect(never.tryAlloc(8)).toBe(-1);
    expect([never.injectedFailures, never.failureCount]).toEqual([0, 1]);
  });

  it('the inner allocator running out counts as it would, not as an allocation', () => {
    const a = failingAllocator(new FixedBufferAllocator(16), { failAt: 2 });
    a.alloc(16);
    expect(a.tryAlloc(1)).toBe(-1);
    expect(a.tryAlloc(0)).toBe(16);
    expect(a.tryAlloc(0)).toBe(-1);
    expect([a.allocations, a.injectedFailures, a.failureCount]).toEqual([2, 1, 2]);
  });

  it('a resize that grows the last allocation counts as one; a refused one returns false uncounted', () => {
    const a = failingAllocator(new FixedBufferAllocator(64), { failAt: 2 });
    const at = a.alloc(8);
    expect(a.resize(at, 8, 16)).toBe(true);
    expect(a.resize(at, 16, 24)).toBe(false);
    expect(a.resize(at, 16, 4)).toBe(true);
    expect([a.used, a.allocations, a.failureCount]).toEqual([4, 2, 0]);
  });

  it('frees, marks, rollbacks and resets pass through; the views and figures are the inner ones', () => {
    const inner = new FixedBufferAllocator(64);
    const a: Allocator = failingAllocator(inner, { failAt: 100 });
    for (const view of ['buffer', 'u8', 'i32', 'u32', 'f32', 'f64'] as const)
      expect(a[view]).toBe(inner[view]);
    const mark = a.mark();
    const x = a.alloc(8);
    a.free(x, 8);
    a.alloc(16);
    a.rollback(mark);
    a.alloc(8);
    a.reset();
    expect([a.used, a.epoch, a.highWater, a.capacity, a.available]).toEqual([
      inner.used,
      inner.epoch,
      inner.highWater,
      inner.capacity,
      inner.available,
    ]);
    a.highWater = 3;
    expect(inner.highWater).toBe(3);
    a.resetHighWater();
    expect(inner.highWater).toBe(0);
  });

  it('a TypedList over it fails at the planned allocation', () => {
    const a = failingAllocator(new FixedBufferAllocator(1024), { failAt: 1 });
    const list = new TypedList(a, 'f64', 1);
    expect(list.tryPush(1)).toBe(true);
    expect(list.tryPush(2)).toBe(false);
    expect([list.length, a.failureCount]).toEqual([1, 1]);
  });

  it('bad arguments still throw while failing, before anything is counted', () => {
    const a = failingAllocator(new FixedBufferAllocator(64), { failAt: 0 });
    expectRangeError(() => a.tryAlloc(-1), /byteLength/);
    expectRangeError(() => a.tryAlloc(8, 3), /alignment/);
    expectRangeError(() => a.tryAllocF32(1.5), /count/);
    expectRangeError(() => a.resize(0, 0, -1), /newByteLength/);
    expect(a.injectedFailures).toBe(0);
  });

  it.each([...NOT_COUNTS.filter((v) => v !== Number.POSITIVE_INFINITY)])(
    'failAt %s is a RangeError',
    (bad) => {
      expectRangeError(() => failingAllocator(new FixedBufferAllocator(8), { failAt: bad }), /failAt/);
    },
  );

  it.each(NOT_NUMBERS)('failAt %s (not a number) is a RangeError', (bad) => {
    expectRangeError(
      () => failingAllocator(new FixedBufferAllocator(8), { failAt: bad as number }),
      /failAt/,
    );
  });

  it.each([null, {}, 42])('inner %s is a TypeError naming inner', (bad) => {
    expectTypeError(() => failingAllocator(bad as never, { failAt: 1 }), /inner/);
  });

  it.each([null, 2, 'failAt'])('options %s is a TypeError naming options', (bad) => {
    expectTypeError(() => failingAllocator(new FixedBufferAllocator(8), bad as never), /options/);
  });
});

describe('checkAllAllocationFailures', () => {
  /** Builds a list of n squares, stopping (not crashing) when memory runs out. */
  const squares = (n: number) => (allocator: Allocator) => {
    const list = new TypedList(allocator, 'i32', 2);
    for (let i = 0; i < n; i++) if (!list.tryPush(i * i)) return;
  };

  it('runs once to count, then once per allocation, failing each in turn', () => {
    const failAts: number[] = [];
    const report = checkAllAllocationFailures((allocator) => {
      squares(100)(allocator);
      failAts.push((allocator as ReturnType<typeof failingAllocator>).failAt);
    });
    expect(report.allocations).toBeGreaterThan(2);
    expect(failAts).toEqual([
      Number.POSITIVE_INFINITY,
      ...Array.from({ length: report.allocations }, (_, i) => i),
    ]);
    expect(report.runs.map((r) => r.outcome)).toEqual(new Array(report.allocations + 1).fill('returned'));
    expect(report.problems).toEqual([]);
  });

  it('OutOfMemoryError is the documented answer: not a problem', () => {
    const report = checkAllAllocationFailures((allocator) => {
      allocator.alloc(8);
      allocator.allocF32(4);
    });
    expect(report.runs.map((r) => r.outcome)).toEqual(['returned', 'out-of-memory', 'out-of-memory']);
    expect(report.problems).toEqual([]);
  });

  it('reports a run that throws anything else', () => {
    const report = checkAllAllocationFailures((allocator) => {
      const at = allocator.tryAlloc(8);
      allocator.u8[at] = 1; // writes at -1 when refused: a bug the check finds
      if (allocator.u8[at] !== 1) throw new Error('lost a write');
    });
    expect(report.problems.map((r) => [r.failAt, r.outcome])).toEqual([[0, 'threw']]);
    expect(report.problems[0].problem).toMatch(/threw Error: lost a write/);
  });

  it('reports a run that leaves the allocator inconsistent', () => {
    const report = checkAllAllocationFailures((allocator) => {
      allocator.tryAlloc(8);
      if (allocator.tryAlloc(8) === -1) allocator.highWater = 0;
    });
    expect(report.problems.map((r) => r.failAt)).toEqual([1]);
    expect(report.problems[0].problem).toMatch(/highWater 0 is below used 8/);
  });

  it('reports memory use that differs between runs (the failure point never reached)', () => {
    let runs = 0;
    const report = checkAllAllocationFailures((allocator) => {
      const n = runs++ === 0 ? 3 : 1;
      for (let i = 0; i < n; i++) allocator.tryAlloc(8);
    });
    expect(report.problems.map((r) => r.failAt)).toEqual([1, 2]);
    expect(report.problems[0].problem).toMatch(/never made/);
  });

  it('uses the allocator factory it is given', () => {
    const report = checkAllAllocationFailures((allocator) => void allocator.tryAlloc(100), {
      inner: () => new FixedBufferAllocator(64),
    });
    expect(report.allocations).toBe(0);
    expect(report.runs).toHaveLength(1);
  });

  it.each([null, 42, 'fn'])('fn %s is a TypeError naming fn', (bad) => {
    expectTypeError(() => checkAllAllocationFailures(bad as never), /fn/);
  });
});
