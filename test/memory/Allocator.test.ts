/**
 * The Allocator interface: one function written against it runs on every allocator, and the reset
 * epoch with `releasedBelow` tells a holder of memory exactly when its block was given back.
 */
import { describe, expect, it } from 'vitest';
import {
  type Allocator,
  ArenaAllocator,
  FixedBufferAllocator,
  failingAllocator,
} from '../../src/memory/index.ts';
import { RELEASE_LOG_DEPTH } from '../../src/memory/ReleaseLog.ts';

/** The README's example: temporary memory from whichever allocator the caller passes. */
function sumOfSquares(scratch: Allocator, values: Float32Array): number {
  const mark = scratch.mark();
  const squares = scratch.allocF32(values.length);
  for (let i = 0; i < values.length; i++) scratch.f32[squares + i] = values[i] * values[i];
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += scratch.f32[squares + i];
  scratch.rollback(mark);
  return sum;
}

const ALLOCATORS: Array<[string, () => Allocator]> = [
  ['FixedBufferAllocator', () => new FixedBufferAllocator(1024)],
  ['ArenaAllocator', () => new ArenaAllocator({ initialBytes: 0, chunkBytes: 16, maxBytes: 1024 })],
  ['failingAllocator', () => failingAllocator(new FixedBufferAllocator(1024), { failAt: 10 })],
];

describe.each(ALLOCATORS)('%s as an Allocator', (_name, make) => {
  it('runs code written against the interface, which leaves it as it found it', () => {
    const scratch = make();
    scratch.alloc(12, 4);
    const values = Float32Array.of(1, 2, 3, 4);
    expect(sumOfSquares(scratch, values)).toBe(30);
    expect(scratch.used).toBe(12);
    expect(sumOfSquares(scratch, values)).toBe(30);
  });

  it('the epoch rises on every reset, even of an empty allocator, and never falls', () => {
    const a = make();
    const start = a.epoch;
    a.reset();
    a.reset();
    expect(a.epoch).toBe(start + 2);
  });

  it('the epoch rises when a rollback, free or shrink gives bytes back, and only then', () => {
    const a = make();
    const mark = a.mark();
    const at = a.alloc(16);
    let epoch = a.epoch;
    a.rollback(a.used);
    expect(a.epoch).toBe(epoch);
    a.resize(at, 16, 8);
    expect(a.epoch).toBe(++epoch);
    a.free(at, 8);
    expect(a.epoch).toBe(++epoch);
    a.alloc(4);
    a.rollback(mark);
    expect(a.epoch).toBe(++epoch);
    a.alloc(8);
    a.tryAlloc(4096);
    expect(a.epoch).toBe(epoch);
  });

  it('releasedBelow: a scope rolled back above a block leaves it; a rollback into it does not', () => {
    const a = make();
    a.alloc(8);
    const block = a.alloc(24);
    const end = block + 24;
    const seen = a.epoch;
    const scope = a.mark();
    a.alloc(40);
    a.rollback(scope);
    expect(a.epoch).toBeGreaterThan(seen);
    expect(a.releasedBelow(end, seen)).toBe(false);
    a.rollback(block + 8);
    expect(a.releasedBelow(end, seen)).toBe(true);
    expect(a.releasedBelow(block + 8, seen)).toBe(false);
    expect(a.releasedBelow(end, a.epoch)).toBe(false);
    a.reset();
    expect(a.releasedBelow(1, seen)).toBe(true);
  });
});

describe('the release log', () => {
  it(`answers exactly for nested scopes up to ${RELEASE_LOG_DEPTH} deep, and safely ("released") past them`, () => {
    const a = new FixedBufferAllocator(64 * 1024);
    const block = a.alloc(8, 1);
    const seen = a.epoch;
    // Releases at ever higher ends, each above the block: none reaches it.
    for (let depth = 1; depth <= RELEASE_LOG_DEPTH; depth++) {
      a.alloc(16, 1);
      const mark = a.mark();
      a.alloc(16, 1);
      a.rollback(mark);
    }
    expect(a.releasedBelow(block + 8, seen)).toBe(false);
    const last = a.epoch;
    a.alloc(16, 1);
    const mark = a.mark();
    a.alloc(16, 1);
    a.rollback(mark);
    // The oldest entry was dropped: questions from before it are answered conservatively.
    expect(a.releasedBelow(block + 8, seen)).toBe(true);
    expect(a.releasedBelow(block + 8, last)).toBe(false);
  });

  it('a release below earlier ones folds them: the log stays as deep as the nesting', () => {
    const a = new FixedBufferAllocator(64 * 1024);
    const seen = a.epoch;
    for (let i = 0; i < 10 * RELEASE_LOG_DEPTH; i++) {
      a.alloc(32, 1);
      a.rollback(16);
    }
    expect(a.releasedBelow(16, seen)).toBe(false);
    expect(a.releasedBelow(17, seen)).toBe(true);
  });
});
