/**
 * What the growing arena adds to the bump allocator API (which BumpAllocator.test.ts runs on it):
 * chunked commitment inside one reservation, offsets and views that survive growth, the limit, and
 * Zig's reset modes.
 */
import { describe, expect, it } from 'vitest';
import { ArenaAllocator, OutOfMemoryError } from '../../src/memory/index.ts';
import { arenaState, thrownBy } from './helpers.ts';

const KIB = 1024;

function arena(initialBytes = 64, chunkBytes = 64, maxBytes = 1024): ArenaAllocator {
  return new ArenaAllocator({ initialBytes, chunkBytes, maxBytes });
}

describe('ArenaAllocator construction', () => {
  it('reserves maxBytes in one resizable buffer and commits initialBytes', () => {
    const a = arena(64, 128, 4 * KIB);
    expect(a.buffer).toBeInstanceOf(ArrayBuffer);
    expect((a.buffer as ArrayBuffer).resizable).toBe(true);
    expect((a.buffer as ArrayBuffer).maxByteLength).toBe(4 * KIB);
    expect([a.capacity, a.maxBytes, a.initialBytes, a.chunkBytes]).toEqual([64, 4 * KIB, 64, 128]);
    expect([a.used, a.available, a.highWater, a.allocCount, a.failureCount]).toEqual([0, 64, 0, 0, 0]);
    expect([a.u8.length, a.i32.length, a.f32.length, a.f64.length]).toEqual([64, 16, 16, 8]);
  });

  it('may commit nothing up front', () => {
    const a = arena(0, 64, 256);
    expect(a.capacity).toBe(0);
    expect(a.alloc(8)).toBe(0);
    expect(a.capacity).toBe(64);
  });

  it('commits whole 8-byte words, never past maxBytes', () => {
    const a = arena(13, 64, 100);
    expect(a.capacity).toBe(16);
    a.alloc(90, 1);
    expect(a.capacity).toBe(96);
    expect(a.tryAlloc(10, 1)).toBe(90);
    expect(a.capacity).toBe(100);
    expect(a.tryAlloc(1, 1)).toBe(-1);
  });
});

describe('growth', () => {
  it('commits one chunk when an allocation passes the committed end', () => {
    const a = arena(64, 64, 1024);
    a.alloc(48);
    expect(a.capacity).toBe(64);
    expect(a.alloc(32)).toBe(48);
    expect(a.capacity).toBe(128);
    expect(a.alloc(40)).toBe(80);
    expect(a.capacity).toBe(128);
  });

  it('commits just enough for an allocation larger than a chunk', () => {
    const a = arena(64, 64, 4 * KIB);
    a.alloc(8);
    expect(a.alloc(1000, 8)).toBe(8);
    expect(a.capacity).toBe(1008);
    a.alloc(1, 1);
    expect(a.capacity).toBe(1008 + 64);
  });

  it('keeps offsets and data valid across growth, and the views see the new length', () => {
    const a = arena(16, 16, 1024);
    const { u8, i32, f64 } = a;
    const at = a.allocF64(2);
    f64[at] = 1.25;
    f64[at + 1] = -7;
    const ints = a.allocI32(100);
    i32[ints + 99] = 42;
    expect(a.f64).toBe(f64);
    expect(a.u8).toBe(u8);
    expect([f64[at], f64[at + 1], i32[ints + 99]]).toEqual([1.25, -7, 42]);
    expect(u8.length).toBe(a.capacity);
    expect(i32.length).toBe(a.capacity / 4);
  });

  it('grows the last allocation in place across the committed end (resize commits)', () => {
    const a = arena(32, 32, 256);
    const at = a.alloc(24);
    expect(a.resize(at, 24, 200)).toBe(true);
    expect([a.used, a.capacity]).toEqual([200, 200]);
    expect(a.resize(at, 200, 257)).toBe(false);
    expect(a.used).toBe(200);
  });

  it('past maxBytes: alloc throws OutOfMemoryError, tryAlloc returns -1, only failureCount changes', () => {
    const a = arena(64, 64, 256);
    a.alloc(200);
    const before = arenaState(a);
    expect(a.tryAlloc(64)).toBe(-1);
    const error = thrownBy(() => a.alloc(64)) as OutOfMemoryError;
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect([error.requested, error.available, error.capacity]).toEqual([64, 56, 256]);
    expect(a.tryAllocF64(8)).toBe(-1);
    expect(arenaState(a)).toEqual({ ...before, failureCount: 3 });
    expect(a.alloc(56)).toBe(200);
  });

  it('a typed allocation past maxBytes is out of memory, counted once', () => {
    const a = arena(0, 64, 64);
    expect(() => a.allocF32(17)).toThrow(OutOfMemoryError);
    expect([a.failureCount, a.capacity]).toEqual([1, 0]);
  });
});

describe('reset modes (Zig ResetMode)', () => {
  function grown(): ArenaAllocator {
    const a = arena(64, 64, 1024);
    a.alloc(500);
    expect(a.capacity).toBe(504);
    return a;
  }

  it("'retainCapacity' is the default: frees everything, keeps what was committed", () => {
    const a = grown();
    expect(a.reset()).toBe(true);
    expect([a.used, a.capacity]).toEqual([0, 504]);
    expect(a.reset('retainCapacity')).toBe(true);
    expect(a.capacity).toBe(504);
  });

  it("'freeAll' shrinks back to initialBytes, and the views follow", () => {
    const a = grown();
    expect(a.reset('freeAll')).toBe(true);
    expect([a.used, a.capacity, a.u8.length, a.f64.length]).toEqual([0, 64, 64, 8]);
    expect(a.alloc(100)).toBe(0);
  });

  it.each([
    [200, 200],
    [203, 200],
    [504, 504],
    [5000, 504],
    [0, 0],
  ])('a number N keeps at most N bytes committed (N = %i gives %i)', (n, capacity) => {
    const a = grown();
    expect(a.reset(n)).toBe(true);
    expect(a.capacity).toBe(capacity);
    expect(a.capacity).toBeLessThanOrEqual(n);
  });

  it('every mode frees everything and moves the epoch', () => {
    for (const mode of ['retainCapacity', 'freeAll', 100] as const) {
      const a = grown();
      const epoch = a.epoch;
      a.reset(mode);
      expect([a.used, a.epoch]).toEqual([0, epoch + 1]);
      expect(a.alloc(8)).toBe(0);
    }
  });

  it('poison fills the freed bytes that stay committed', () => {
    const a = new ArenaAllocator({ initialBytes: 64, chunkBytes: 64, maxBytes: 1024, poison: true });
    a.u8.fill(1, 0, a.alloc(100) + 100);
    a.reset(80);
    expect(Array.from(a.u8)).toEqual(new Array(80).fill(0xaa));
  });
});
