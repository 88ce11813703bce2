/**
 * The allocation API of both bump allocators, FixedBufferAllocator and ArenaAllocator: construction
 * of the fixed buffer first, then alloc, the typed allocs, running out and resize on each.
 */
import { describe, expect, it } from 'vitest';
import { FixedBufferAllocator, MAX_ALIGNMENT, OutOfMemoryError } from '../../src/memory/index.ts';
import { alignUp, arenaState, fillPattern, BUMP_KINDS as KINDS, thrownBy } from './helpers.ts';

const POWERS_OF_TWO_TO_64 = [1, 2, 4, 8, 16, 32, 64];

describe('FixedBufferAllocator construction', () => {
  it('from a number makes a zeroed ArrayBuffer of that size with whole-buffer views', () => {
    const arena = new FixedBufferAllocator(100);
    expect(arena.buffer).toBeInstanceOf(ArrayBuffer);
    expect(arena.capacity).toBe(100);
    expect(arena.buffer.byteLength).toBe(100);
    expect(arena.u8.length).toBe(100);
    expect([arena.i32.length, arena.u32.length, arena.f32.length]).toEqual([25, 25, 25]);
    expect(arena.f64.length).toBe(12);
    expect(arena.u8.every((b) => b === 0)).toBe(true);
    expect([arena.used, arena.available, arena.highWater]).toEqual([0, 100, 0]);
    expect([arena.allocCount, arena.failureCount]).toEqual([0, 0]);
    expect(arena.poison).toBe(false);
  });

  it.each([
    ['ArrayBuffer', () => new ArrayBuffer(64)],
    ['SharedArrayBuffer', () => new SharedArrayBuffer(64)],
  ])('from an existing %s allocates in that very buffer', (_name, make) => {
    const source = make();
    const arena = new FixedBufferAllocator(source);
    expect(arena.buffer).toBe(source);
    expect(arena.capacity).toBe(64);
    const at = arena.allocU32(2);
    arena.u32[at + 1] = 0xdeadbeef;
    expect(new Uint32Array(source)[at + 1]).toBe(0xdeadbeef);
  });

  it('views share one buffer: a write through one is seen through the others', () => {
    const arena = new FixedBufferAllocator(16);
    const at = arena.allocF64(1);
    arena.f64[at] = 1.5;
    expect(Array.from(arena.u8.subarray(at * 8, at * 8 + 8))).toEqual(
      Array.from(new Uint8Array(new Float64Array([1.5]).buffer)),
    );
    arena.i32[at * 2] = -1;
    expect(arena.u32[at * 2]).toBe(0xffffffff);
  });

  it('a zero-byte arena accepts only zero-byte allocations', () => {
    const arena = new FixedBufferAllocator(0);
    expect(arena.alloc(0)).toBe(0);
    expect(arena.tryAlloc(1)).toBe(-1);
    expect(arena.failureCount).toBe(1);
  });

  it.each([
    ['a typed array', new Uint8Array(8)],
    ['a string', '64'],
    ['null', null],
  ])('rejects %s as source with a TypeError', (_name, source) => {
    expect(() => new FixedBufferAllocator(source as unknown as number)).toThrow(TypeError);
  });

  it('poison is on only when asked for', () => {
    expect(new FixedBufferAllocator(8, { poison: true }).poison).toBe(true);
    expect(new FixedBufferAllocator(8, {}).poison).toBe(false);
  });
});

describe.each(KINDS)('alloc and tryAlloc (%s)', (_kind, make) => {
  it('bumps used by the size and returns consecutive offsets at the default alignment of 8', () => {
    const arena = make(64);
    expect(arena.alloc(3)).toBe(0);
    expect(arena.used).toBe(3);
    expect(arena.alloc(5)).toBe(8);
    expect(arena.tryAlloc(1)).toBe(16);
    expect([arena.used, arena.available]).toEqual([17, 47]);
  });

  it('reset then reuse gives the same offsets as the first time (Zig)', () => {
    const arena = make(256);
    const sizes: Array<[number, number]> = [
      [3, 1],
      [10, 8],
      [1, 1],
      [33, 16],
      [4, 4],
    ];
    const first = sizes.map(([n, a]) => arena.alloc(n, a));
    arena.reset();
    expect(arena.used).toBe(0);
    expect(sizes.map(([n, a]) => arena.alloc(n, a))).toEqual(first);
  });

  describe.each(POWERS_OF_TWO_TO_64)('alignment %i', (alignment) => {
    it.each([1, 3, 5, 7, 9, 13, 31, 33, 63, 65])(
      'from odd start %i gives the next aligned offset',
      (start) => {
        const arena = make(256);
        arena.alloc(start, 1);
        const offset = arena.alloc(5, alignment);
        expect(offset % alignment).toBe(0);
        expect(offset).toBe(alignUp(start, alignment));
        expect(arena.used).toBe(offset + 5);
      },
    );
  });

  it('accepts the largest alignment', () => {
    const arena = make(64);
    expect(arena.alloc(0, MAX_ALIGNMENT)).toBe(0);
    arena.alloc(1, 1);
    expect(arena.tryAlloc(0, MAX_ALIGNMENT)).toBe(-1);
  });

  it('fits exactly up to the end, and one byte more fails', () => {
    const arena = make(40);
    arena.alloc(8);
    expect(arena.alloc(32)).toBe(8);
    expect(arena.available).toBe(0);
    expect(arena.tryAlloc(1, 1)).toBe(-1);
  });

  it('counts alignment padding: a request smaller than available can fail', () => {
    const arena = make(32);
    arena.alloc(17, 1);
    expect(arena.available).toBe(15);
    expect(arena.tryAlloc(8, 16)).toBe(-1);
    expect(arena.tryAlloc(8, 8)).toBe(24);
  });

  it('a failed alloc throws OutOfMemoryError and changes nothing but failureCount', () => {
    const arena = make(64);
    arena.alloc(40);
    fillPattern(arena);
    const before = arenaState(arena);
    const error = thrownBy(() => arena.alloc(30));
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(error).toBeInstanceOf(Error);
    expect(arenaState(arena)).toEqual({ ...before, failureCount: before.failureCount + 1 });
  });

  it('a failed tryAlloc returns -1 and changes nothing but failureCount', () => {
    const arena = make(64);
    arena.alloc(40);
    const before = arenaState(arena);
    expect(arena.tryAlloc(30)).toBe(-1);
    expect(arenaState(arena)).toEqual({ ...before, failureCount: before.failureCount + 1 });
  });
});

describe.each(KINDS)('OutOfMemoryError (%s)', (_kind, make) => {
  it.each([
    [64, 40, 30, 8],
    [100, 0, 101, 1],
    [16, 16, 1, 1],
    // The padding to an 8-byte boundary uses up the 7 bytes after offset 9: none are free at that alignment.
    [16, 9, 7, 8],
  ])(
    'capacity %i, used %i, request %i at alignment %i: fields and message state the numbers',
    (capacity, used, request, alignment) => {
      const arena = make(capacity);
      if (used > 0) arena.alloc(used, 1);
      const error = thrownBy(() => arena.alloc(request, alignment)) as OutOfMemoryError;
      const free = Math.max(0, capacity - Math.ceil(used / alignment) * alignment);
      expect(error.name).toBe('OutOfMemoryError');
      expect(error.unit).toBe('bytes');
      expect([error.requested, error.available, error.capacity]).toEqual([request, free, capacity]);
      expect(error.message).toContain(`requested ${request} bytes`);
      expect(error.message).toContain(`${free} of ${capacity} bytes available`);
    },
  );

  it('a typed alloc reports the request in bytes', () => {
    const arena = make(16);
    const error = thrownBy(() => arena.allocF64(3)) as OutOfMemoryError;
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(error.requested).toBe(24);
  });
});

const TYPED = [
  { kind: 'F32', bytes: 4, alloc: 'allocF32', tryAlloc: 'tryAllocF32', view: 'f32', Ctor: Float32Array },
  { kind: 'F64', bytes: 8, alloc: 'allocF64', tryAlloc: 'tryAllocF64', view: 'f64', Ctor: Float64Array },
  { kind: 'I32', bytes: 4, alloc: 'allocI32', tryAlloc: 'tryAllocI32', view: 'i32', Ctor: Int32Array },
  { kind: 'U32', bytes: 4, alloc: 'allocU32', tryAlloc: 'tryAllocU32', view: 'u32', Ctor: Uint32Array },
  { kind: 'U8', bytes: 1, alloc: 'allocU8', tryAlloc: 'tryAllocU8', view: 'u8', Ctor: Uint8Array },
] as const;

const SAMPLES = [1.5, -2.25, 7, 250, 3];
const TYPED_KINDS = KINDS.flatMap(([name, make]) => TYPED.map((typed) => ({ ...typed, name, make })));

describe.each(TYPED_KINDS)('alloc$kind ($name)', ({ bytes, alloc, tryAlloc, view, Ctor, make }) => {
  it.each([1, 2, 3, 5, 7])('after %i odd bytes returns the element index at natural alignment', (start) => {
    const arena = make(128);
    fillPattern(arena);
    arena.alloc(start, 1);
    const before = arena.u8.slice();
    const index = arena[alloc](SAMPLES.length);
    const offset = index * bytes;
    expect(Number.isInteger(index)).toBe(true);
    expect(offset).toBe(alignUp(start, bytes));
    expect(arena.used).toBe(offset + SAMPLES.length * bytes);

    const expected = Ctor.from(SAMPLES);
    for (let i = 0; i < SAMPLES.length; i++) arena[view][index + i] = SAMPLES[i];
    expect(Array.from(new Ctor(arena.buffer as ArrayBuffer, offset, SAMPLES.length))).toEqual(
      Array.from(expected),
    );
    expect(Array.from(arena.u8.subarray(offset, arena.used))).toEqual(
      Array.from(new Uint8Array(expected.buffer)),
    );
    // Nothing outside the allocation was touched.
    expect(arena.u8.subarray(0, offset)).toEqual(before.subarray(0, offset));
    expect(arena.u8.subarray(arena.used)).toEqual(before.subarray(arena.used));
  });

  it('counts as an allocation, and a zero count is fine', () => {
    const arena = make(64);
    arena[alloc](0);
    arena[alloc](2);
    expect(arena.allocCount).toBe(2);
    expect(arena.used).toBe(2 * bytes);
  });

  it('throws OutOfMemoryError (try form: -1) when it does not fit, changing only failureCount', () => {
    const arena = make(32);
    const fits = 32 / bytes;
    const before = arenaState(arena);
    expect(arena[tryAlloc](fits + 1)).toBe(-1);
    expect(() => arena[alloc](fits + 1)).toThrow(OutOfMemoryError);
    expect(arenaState(arena)).toEqual({ ...before, failureCount: 2 });
    expect(arena[alloc](fits)).toBe(0);
  });

  it('a count far beyond the capacity is out of memory, not a bad argument', () => {
    const arena = make(32);
    const huge = 2 ** 52;
    expect(arena[tryAlloc](huge)).toBe(-1);
    const error = thrownBy(() => arena[alloc](huge)) as OutOfMemoryError;
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect(error.requested).toBe(huge * bytes);
    expect([arena.used, arena.failureCount]).toEqual([0, 2]);
  });
});

describe.each(KINDS)('resize (%s)', (_kind, make) => {
  it('grows the last allocation in place until it would pass the end (Zig)', () => {
    const arena = make(64);
    arena.alloc(5, 1);
    const offset = arena.alloc(3);
    let size = 3;
    while (arena.resize(offset, size, size + 1)) {
      size++;
      expect(arena.used).toBe(offset + size);
    }
    expect(offset + size).toBe(arena.capacity);
    expect(arena.used).toBe(arena.capacity);
    expect(arena.resize(offset, size, size + 100)).toBe(false);
    expect(arena.used).toBe(arena.capacity);
  });

  it('a failed growth leaves the state unchanged', () => {
    const arena = make(32);
    const offset = arena.alloc(16);
    const before = arenaState(arena);
    expect(arena.resize(offset, 16, 17 + 16)).toBe(false);
    expect(arenaState(arena)).toEqual(before);
  });

  it('shrinks the last allocation in place and gives the bytes back', () => {
    const arena = make(64);
    const offset = arena.alloc(20);
    expect(arena.resize(offset, 20, 6)).toBe(true);
    expect(arena.used).toBe(offset + 6);
    expect(arena.alloc(1, 1)).toBe(offset + 6);
  });

  it('shrinking the last allocation to zero rewinds to its offset', () => {
    const arena = make(64);
    arena.alloc(3, 1);
    const offset = arena.alloc(8);
    expect(arena.resize(offset, 8, 0)).toBe(true);
    expect(arena.used).toBe(offset);
  });

  it.each([
    ['shrinks (true), reclaiming nothing', 10, true],
    ['keeps its size (true)', 16, true],
    ['does not grow (false)', 17, false],
  ])('a non-last allocation %s', (_what, newSize, expected) => {
    const arena = make(64);
    const first = arena.alloc(16);
    arena.alloc(8);
    const before = arenaState(arena);
    expect(arena.resize(first, 16, newSize)).toBe(expected);
    expect(arenaState(arena)).toEqual(before);
  });

  it('growth raises highWater, shrinking does not lower it', () => {
    const arena = make(64);
    const offset = arena.alloc(8);
    arena.resize(offset, 8, 40);
    expect(arena.highWater).toBe(40);
    arena.resize(offset, 40, 4);
    expect([arena.used, arena.highWater]).toEqual([4, 40]);
  });
});
