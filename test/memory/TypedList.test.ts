/**
 * TypedList: Zig's ArrayList in an Allocator. Growth in place or by moving, the epoch rule (a list
 * whose memory was given back starts empty, never writing there), out of memory, bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  FixedBufferAllocator,
  failingAllocator,
  OutOfMemoryError,
  TypedList,
  VIEW_BYTES,
  type ViewType,
} from '../../src/memory/index.ts';
import {
  arenaState,
  expectRangeError,
  expectTypeError,
  NOT_COUNTS,
  NOT_NUMBERS,
  thrownBy,
} from './helpers.ts';

const TYPES = Object.keys(VIEW_BYTES) as ViewType[];

/** Every observable piece of a list. */
function listState(list: TypedList) {
  return { length: list.length, capacity: list.capacity, offset: list.offset, items: items(list) };
}

function items(list: TypedList): number[] {
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.get(i));
  return out;
}

describe('TypedList basics', () => {
  it.each(TYPES)('%s: push, get, set, pop, length, and the elements at view[offset + i]', (type) => {
    const arena = new FixedBufferAllocator(1024);
    arena.alloc(3, 1);
    const list = new TypedList(arena, type, 4);
    expect([list.length, list.capacity, list.type, list.view]).toEqual([0, 0, type, arena[type]]);
    for (let i = 1; i <= 10; i++) list.push(i * 3);
    expect(list.length).toBe(10);
    expect(list.offset * VIEW_BYTES[type]).toBeGreaterThanOrEqual(3);
    expect((list.offset * VIEW_BYTES[type]) % VIEW_BYTES[type]).toBe(0);
    for (let i = 0; i < 10; i++) expect(arena[type][list.offset + i]).toBe((i + 1) * 3);
    list.set(4, 100);
    expect(list.get(4)).toBe(100);
    expect(list.pop()).toBe(30);
    expect(list.length).toBe(9);
    list.clear();
    expect([list.length, list.pop()]).toEqual([0, undefined]);
    expect(list.capacity).toBeGreaterThanOrEqual(10);
  });

  it('stores as its element type does (f32 rounds, i32 wraps, u8 wraps)', () => {
    const arena = new FixedBufferAllocator(256);
    const f = new TypedList(arena, 'f32');
    const i = new TypedList(arena, 'i32');
    const b = new TypedList(arena, 'u8');
    f.push(0.1);
    i.push(2 ** 31);
    b.push(257);
    expect([f.get(0), i.get(0), b.get(0)]).toEqual([Math.fround(0.1), -(2 ** 31), 1]);
  });

  it('reserves initialCapacity on its first growth, then grows by 1.5x plus a cache line (Zig)', () => {
    const arena = new FixedBufferAllocator(4096);
    const list = new TypedList(arena, 'f32', 10);
    list.push(1);
    expect(list.capacity).toBe(10);
    for (let k = 0; k < 10; k++) list.push(k);
    expect(list.capacity).toBe(10 + 5 + 16);
    const bytes = new TypedList(new FixedBufferAllocator(4096), 'u8');
    bytes.push(1);
    expect(bytes.capacity).toBe(64);
  });

  it('addMany appends a record at once and returns where it starts in the view', () => {
    const arena = new FixedBufferAllocator(256);
    const list = new TypedList(arena, 'f64');
    list.push(1);
    const at = list.addMany(3);
    expect(at).toBe(list.offset + 1);
    arena.f64.set([7, 8, 9], at);
    expect(items(list)).toEqual([1, 7, 8, 9]);
    expect(list.tryAddMany(0)).toBe(list.offset + 4);
  });
});

describe('growth: resize or remap (Zig)', () => {
  it('grows in place while it is the last allocation: the offset stays', () => {
    const arena = new FixedBufferAllocator(4096);
    const list = new TypedList(arena, 'i32', 2);
    list.push(1);
    const offset = list.offset;
    for (let k = 0; k < 200; k++) list.push(k);
    expect(list.offset).toBe(offset);
    expect(arena.used).toBe((offset + list.capacity) * 4);
    expect(arena.allocCount).toBe(1);
  });

  it('moves when something was allocated after it: copies, frees the old block, keeps the elements', () => {
    const arena = new FixedBufferAllocator(4096);
    const list = new TypedList(arena, 'f32', 4);
    for (let k = 0; k < 4; k++) list.push(k + 0.5);
    const old = list.offset;
    arena.alloc(8);
    list.push(4.5);
    expect(list.offset).toBeGreaterThan(old);
    expect(items(list)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(arena.allocCount).toBe(3);
  });

  it('in an ArenaAllocator it grows across chunks in place', () => {
    const arena = new ArenaAllocator({ initialBytes: 0, chunkBytes: 64, maxBytes: 1 << 16 });
    const list = new TypedList(arena, 'f64');
    for (let k = 0; k < 1000; k++) list.push(k);
    expect(list.offset).toBe(0);
    expect(list.get(999)).toBe(999);
    expect(arena.capacity).toBeGreaterThanOrEqual(8000);
  });

  it('when the 1.5x step does not fit, it takes just what it needs', () => {
    const arena = new FixedBufferAllocator(40);
    const list = new TypedList(arena, 'i32', 8);
    for (let k = 0; k < 10; k++) list.push(k);
    expect([list.length, list.capacity]).toEqual([10, 10]);
    expect(list.tryPush(10)).toBe(false);
  });
});

describe('the epoch rule: a list whose memory was given back starts empty', () => {
  it('after a reset of its allocator it is empty, and its next push allocates anew', () => {
    const arena = new FixedBufferAllocator(1024);
    const list = new TypedList(arena, 'i32', 4);
    list.push(7);
    arena.reset();
    expect([list.length, list.capacity]).toEqual([0, 0]);
    const other = arena.allocI32(4);
    arena.i32[other] = 99;
    list.push(8);
    expect(arena.i32[other]).toBe(99);
    expect(items(list)).toEqual([8]);
  });

  it('never writes into memory it no longer owns, whichever method it is used through first', () => {
    for (const use of [
      (l: TypedList) => l.push(1),
      (l: TypedList) => l.tryPush(1),
      (l: TypedList) => l.addMany(2),
      (l: TypedList) => l.clear(),
      (l: TypedList) => l.pop(),
    ]) {
      const arena = new FixedBufferAllocator(256);
      const list = new TypedList(arena, 'u8', 16);
      for (let k = 0; k < 16; k++) list.push(k);
      arena.reset();
      const taken = arena.allocU8(32);
      arena.u8.fill(0x55, taken, taken + 32);
      use(list);
      expect(arena.u8.subarray(taken, taken + 32).every((b) => b === 0x55)).toBe(true);
      expect(() => list.get(5)).toThrow(RangeError);
    }
  });

  it('a scratch scope rolled back above it leaves it alone; a rollback below it empties it', () => {
    const arena = new FixedBufferAllocator(1024);
    const list = new TypedList(arena, 'f32', 4);
    list.push(1);
    const scope = arena.mark();
    arena.alloc(64);
    arena.rollback(scope);
    list.push(2);
    expect(items(list)).toEqual([1, 2]);
    arena.rollback(0);
    expect(list.length).toBe(0);
  });

  it('a list allocated inside a scope is gone when the scope is rolled back', () => {
    const arena = new FixedBufferAllocator(1024);
    const outer = new TypedList(arena, 'i32');
    outer.push(1);
    const mark = arena.mark();
    const inner = new TypedList(arena, 'i32');
    inner.push(2);
    arena.rollback(mark);
    expect([outer.length, inner.length]).toEqual([1, 0]);
  });
});

describe('out of memory', () => {
  it('push throws OutOfMemoryError, tryPush returns false; the list is as it was; the arena counts it', () => {
    const arena = new FixedBufferAllocator(64, { poison: true });
    const list = new TypedList(arena, 'f64', 8);
    for (let k = 0; k < 8; k++) list.push(k);
    const before = listState(list);
    const arenaBefore = arenaState(arena);
    expect(thrownBy(() => list.push(8))).toBeInstanceOf(OutOfMemoryError);
    expect(list.tryPush(8)).toBe(false);
    expect(list.tryAddMany(1)).toBe(-1);
    expect(() => list.addMany(1)).toThrow(OutOfMemoryError);
    expect(listState(list)).toEqual(before);
    expect(arenaState(arena)).toEqual({ ...arenaBefore, failureCount: 4 });
  });

  it('a count past any allocator is refused as out of memory, not a bad argument', () => {
    const list = new TypedList(new FixedBufferAllocator(64), 'u8');
    expect(list.tryAddMany(2 ** 40)).toBe(-1);
    expect(() => list.addMany(2 ** 52)).toThrow(OutOfMemoryError);
  });

  it('fails exactly where a failingAllocator says', () => {
    const failing = failingAllocator(new FixedBufferAllocator(4096), { failAt: 2 });
    const list = new TypedList(failing, 'i32', 1);
    let pushed = 0;
    while (list.tryPush(pushed)) pushed++;
    expect(pushed).toBe(17); // 1 from the first allocation, grown in place to 17 by the second
    expect(failing.injectedFailures).toBe(1);
  });
});

describe('TypedList bad input', () => {
  const make = () => {
    const arena = new FixedBufferAllocator(256);
    const list = new TypedList(arena, 'f32', 4);
    list.push(1.5);
    list.push(2.5);
    return { arena, list };
  };

  /** Runs `call` on a list holding two elements, expects `check` to pass, and finds nothing changed. */
  function expectUnchanged(call: (list: TypedList) => unknown, check: (fn: () => unknown) => void): void {
    const { arena, list } = make();
    const before = [listState(list), arenaState(arena)];
    check(() => call(list));
    expect([listState(list), arenaState(arena)]).toEqual(before);
  }

  it.each([...NOT_COUNTS, 2, 3, 2 ** 31])('get/set at index %s is a RangeError naming index', (bad) => {
    expectUnchanged(
      (l) => l.get(bad),
      (fn) => expectRangeError(fn, /index/),
    );
    expectUnchanged(
      (l) => l.set(bad, 1),
      (fn) => expectRangeError(fn, /index/),
    );
  });

  it.each(NOT_NUMBERS)('get/set at index %s (not a number) is a RangeError naming index', (bad) => {
    expectUnchanged(
      (l) => l.get(bad as number),
      (fn) => expectRangeError(fn, /index/),
    );
    expectUnchanged(
      (l) => l.set(bad as number, 1),
      (fn) => expectRangeError(fn, /index/),
    );
  });

  it.each(NOT_NUMBERS)('push/tryPush/set of %s (not a number) is a TypeError naming value', (bad) => {
    expectUnchanged(
      (l) => l.push(bad as number),
      (fn) => expectTypeError(fn, /value/),
    );
    expectUnchanged(
      (l) => l.tryPush(bad as number),
      (fn) => expectTypeError(fn, /value/),
    );
    expectUnchanged(
      (l) => l.set(0, bad as number),
      (fn) => expectTypeError(fn, /value/),
    );
  });

  it.each(NOT_COUNTS)('addMany/tryAddMany of %s is a RangeError naming count', (bad) => {
    expectUnchanged(
      (l) => l.addMany(bad),
      (fn) => expectRangeError(fn, /count/),
    );
    expectUnchanged(
      (l) => l.tryAddMany(bad),
      (fn) => expectRangeError(fn, /count/),
    );
  });

  it.each(NOT_NUMBERS)('addMany of %s (not a number) is a RangeError naming count', (bad) => {
    expectUnchanged(
      (l) => l.addMany(bad as number),
      (fn) => expectRangeError(fn, /count/),
    );
  });

  it.each(['f16', 'i8', 'toString', '', 'F32', 5, null, undefined, Symbol('f32'), {}])(
    'an unknown element type %s is a RangeError naming type',
    (bad) => {
      expectRangeError(() => new TypedList(new FixedBufferAllocator(8), bad as ViewType), /type/);
    },
  );

  it.each([null, {}, new ArrayBuffer(8), 42, 'arena'])(
    'allocator %s is a TypeError naming allocator',
    (bad) => {
      expectTypeError(() => new TypedList(bad as never, 'f32'), /allocator/);
    },
  );

  it.each([...NOT_COUNTS, 2 ** 28 + 1])('initialCapacity %s is a RangeError naming it', (bad) => {
    expectRangeError(() => new TypedList(new FixedBufferAllocator(8), 'f32', bad), /initialCapacity/);
  });

  it.each(NOT_NUMBERS.filter((v) => v !== undefined))(
    'initialCapacity %s (not a number) is a RangeError naming it',
    (bad) => {
      expectRangeError(
        () => new TypedList(new FixedBufferAllocator(8), 'f32', bad as number),
        /initialCapacity/,
      );
    },
  );
});
