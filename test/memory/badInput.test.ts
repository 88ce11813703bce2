/**
 * Bad arguments: every public method and constructor throws a RangeError (a TypeError for what is not
 * a number at all) that names the argument, and the allocator or pool is exactly as it was before
 * the call.
 */
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  type ArenaAllocatorOptions,
  type BumpAllocator,
  FixedBufferAllocator,
  MAX_ALIGNMENT,
  MAX_ARENA_BYTES,
  MAX_POOL_CAPACITY,
  MemoryPool,
  type MemoryPoolOptions,
} from '../../src/memory/index.ts';
import {
  arenaState,
  churnedPool,
  expectRangeError,
  expectTypeError,
  fillPattern,
  NOT_COUNTS,
  NOT_NUMBERS,
  poolState,
} from './helpers.ts';

/** Values that are never an alignment: not powers of two, or too large. */
const NOT_ALIGNMENTS = [...NOT_COUNTS, 0, 3, 6, 12, MAX_ALIGNMENT * 2, 2 ** 32];

/** Every (call, value) pair of a table of calls and a list of bad values. */
function cross<T>(calls: Array<[string, RegExp, T]>, values: number[]): Array<[string, number, RegExp, T]> {
  return calls.flatMap(([label, name, call]) =>
    values.map((v): [string, number, RegExp, T] => [label, v, name, call]),
  );
}

// ---------------------------------------------------------------------------------------------
// FixedBufferAllocator
// ---------------------------------------------------------------------------------------------

type ArenaCall = (arena: BumpAllocator, bad: number) => unknown;

const ARENA_COUNT_CALLS: Array<[string, RegExp, ArenaCall]> = [
  ['alloc(bad)', /byteLength/, (a, v) => a.alloc(v)],
  ['alloc(bad, 4)', /byteLength/, (a, v) => a.alloc(v, 4)],
  ['tryAlloc(bad)', /byteLength/, (a, v) => a.tryAlloc(v)],
  ['allocF32(bad)', /count/, (a, v) => a.allocF32(v)],
  ['allocF64(bad)', /count/, (a, v) => a.allocF64(v)],
  ['allocI32(bad)', /count/, (a, v) => a.allocI32(v)],
  ['allocU32(bad)', /count/, (a, v) => a.allocU32(v)],
  ['allocU8(bad)', /count/, (a, v) => a.allocU8(v)],
  ['tryAllocF32(bad)', /count/, (a, v) => a.tryAllocF32(v)],
  ['tryAllocF64(bad)', /count/, (a, v) => a.tryAllocF64(v)],
  ['tryAllocI32(bad)', /count/, (a, v) => a.tryAllocI32(v)],
  ['tryAllocU32(bad)', /count/, (a, v) => a.tryAllocU32(v)],
  ['tryAllocU8(bad)', /count/, (a, v) => a.tryAllocU8(v)],
  ['resize(bad, 8, 4)', /offset/, (a, v) => a.resize(v, 8, 4)],
  ['resize(24, bad, 4)', /oldByteLength/, (a, v) => a.resize(24, v, 4)],
  ['resize(24, 8, bad)', /newByteLength/, (a, v) => a.resize(24, 8, v)],
  ['free(bad, 8)', /offset/, (a, v) => a.free(v, 8)],
  ['free(24, bad)', /byteLength/, (a, v) => a.free(24, v)],
  ['rollback(bad)', /mark/, (a, v) => a.rollback(v)],
];

const ARENA_ALIGNMENT_CALLS: Array<[string, RegExp, ArenaCall]> = [
  ['alloc(8, bad)', /alignment/, (a, v) => a.alloc(8, v)],
  ['tryAlloc(8, bad)', /alignment/, (a, v) => a.tryAlloc(8, v)],
  ['alloc(0, bad)', /alignment/, (a, v) => a.alloc(0, v)],
];

/** Calls that are well-formed numbers but name bytes that are not allocated or a mark above `used`. */
const ARENA_RANGE_CALLS: Array<[string, RegExp, (arena: BumpAllocator) => unknown]> = [
  ['resize past used', /not allocated/, (a) => a.resize(24, 9, 4)],
  ['resize starting past used', /not allocated/, (a) => a.resize(100, 0, 0)],
  ['free past used', /not allocated/, (a) => a.free(28, 8)],
  ['rollback above used', /mark/, (a) => a.rollback(a.used + 1)],
];

/** The two bump allocators, each able to hand out exactly `capacity` bytes. */
const KINDS: Array<[string, (capacity: number) => BumpAllocator]> = [
  ['FixedBufferAllocator', (capacity) => new FixedBufferAllocator(capacity, { poison: true })],
  [
    'ArenaAllocator',
    (capacity) => new ArenaAllocator({ initialBytes: 64, chunkBytes: 64, maxBytes: capacity, poison: true }),
  ],
];

/** An allocator mid-frame: three allocations, a failure, bytes holding a pattern, poison on. */
function busyArena(make: (capacity: number) => BumpAllocator): BumpAllocator {
  const arena = make(256);
  fillPattern(arena);
  arena.alloc(10);
  arena.alloc(4);
  arena.alloc(8); // [24, 32): the last allocation
  arena.tryAlloc(1000);
  return arena;
}

/** Runs `call` on a busy arena, expects the error, and checks that nothing changed. */
function expectArenaRejects(
  make: (capacity: number) => BumpAllocator,
  call: (arena: BumpAllocator) => unknown,
  name: RegExp,
  expectError = expectRangeError,
): void {
  const arena = busyArena(make);
  const before = arenaState(arena);
  expectError(() => call(arena), name);
  expect(arenaState(arena)).toEqual(before);
  // And the allocator goes on exactly as an untouched twin does.
  const twin = busyArena(make);
  expect(arena.alloc(3, 4)).toBe(twin.alloc(3, 4));
  expect(arenaState(arena)).toEqual(arenaState(twin));
}

/** Wrong types for an alignment (undefined is not one: it means the default). */
const NOT_ALIGNMENT_NUMBERS = NOT_NUMBERS.filter((v) => v !== undefined) as number[];

describe.each(KINDS)('%s methods', (kind, make) => {
  it.each(cross(ARENA_COUNT_CALLS, [...NOT_COUNTS, ...(NOT_NUMBERS as number[])]))(
    '%s with %s names the argument and changes nothing',
    (_label, bad, name, call) => {
      expectArenaRejects(make, (arena) => call(arena, bad), name);
    },
  );

  it.each(cross(ARENA_COUNT_CALLS, NOT_NUMBERS as number[]))(
    '%s with %s (not a number) is a RangeError naming the argument, and changes nothing',
    (_label, bad, name, call) => {
      expectArenaRejects(make, (arena) => call(arena, bad), name);
    },
  );

  it.each(cross(ARENA_ALIGNMENT_CALLS, [...NOT_ALIGNMENTS, ...NOT_ALIGNMENT_NUMBERS]))(
    '%s with alignment %s names it and changes nothing',
    (_label, bad, name, call) => {
      expectArenaRejects(make, (arena) => call(arena, bad), name);
    },
  );

  it.each(cross(ARENA_ALIGNMENT_CALLS, NOT_ALIGNMENT_NUMBERS))(
    '%s with alignment %s (not a number) is a RangeError naming it',
    (_label, bad, name, call) => {
      expectArenaRejects(make, (arena) => call(arena, bad), name);
    },
  );

  it.each(ARENA_RANGE_CALLS)('%s throws a RangeError and changes nothing', (_label, name, call) => {
    expectArenaRejects(make, call, name);
  });

  it.each([
    ['poison', { poison: 'yes' }],
    ['debug', { debug: 1 }],
    ['onReport', { onReport: 'console' }],
  ])('option %s of the wrong type is a TypeError naming it', (name, options) => {
    const build = () =>
      kind === 'FixedBufferAllocator'
        ? new FixedBufferAllocator(64, options as never)
        : new ArenaAllocator({ initialBytes: 0, chunkBytes: 8, maxBytes: 64, ...(options as object) });
    expectTypeError(build, new RegExp(name));
  });
});

describe('ArenaAllocator constructor', () => {
  const valid: ArenaAllocatorOptions = { initialBytes: 64, chunkBytes: 64, maxBytes: 1024 };
  const SIZES = ['initialBytes', 'chunkBytes', 'maxBytes'] as const;

  it.each(SIZES.flatMap((name) => NOT_COUNTS.map((bad) => [name, bad] as const)))(
    '%s = %s is a RangeError naming it',
    (name, bad) => {
      expectRangeError(() => new ArenaAllocator({ ...valid, [name]: bad }), new RegExp(name));
    },
  );

  it.each(SIZES.flatMap((name) => NOT_NUMBERS.map((bad) => [name, bad] as const)))(
    '%s = %s (not a number) is a RangeError naming it',
    (name, bad) => {
      expectRangeError(() => new ArenaAllocator({ ...valid, [name]: bad as number }), new RegExp(name));
    },
  );

  it.each([
    ['maxBytes', { maxBytes: 0 }],
    ['maxBytes', { maxBytes: MAX_ARENA_BYTES + 8 }],
    ['maxBytes', { maxBytes: 2 ** 53 }],
    ['chunkBytes', { chunkBytes: 0 }],
    ['chunkBytes', { chunkBytes: 2048 }],
    ['initialBytes', { initialBytes: 1025 }],
  ])('%s out of range (%o) is a RangeError naming it', (name, bad) => {
    expectRangeError(() => new ArenaAllocator({ ...valid, ...bad }), new RegExp(name));
  });

  it.each([undefined, null, 42, 'options'])('options %s is a TypeError', (bad) => {
    expectTypeError(() => new ArenaAllocator(bad as never), /options/);
  });

  it('shared of the wrong type is a TypeError naming it', () => {
    expectTypeError(() => new ArenaAllocator({ ...valid, shared: 'yes' as never }), /shared/);
  });

  it('accepts the largest reservation exactly', () => {
    const largest = new ArenaAllocator({ initialBytes: 0, chunkBytes: 1, maxBytes: MAX_ARENA_BYTES });
    expect(largest.maxBytes).toBe(MAX_ARENA_BYTES);
  });
});

describe('ArenaAllocator.reset(mode)', () => {
  const make = () => new ArenaAllocator({ initialBytes: 64, chunkBytes: 64, maxBytes: 256, poison: true });
  const reset = (mode: unknown) => (arena: BumpAllocator) => (arena as ArenaAllocator).reset(mode as never);

  it.each(['free', 'retain_capacity', '', ...NOT_COUNTS, null, true, {}, 1n, Symbol('freeAll')])(
    'mode %s is a RangeError naming mode',
    (bad) => {
      expectArenaRejects(make, reset(bad), /mode/);
    },
  );
});

describe('FixedBufferAllocator constructor', () => {
  it.each([...NOT_COUNTS, MAX_ARENA_BYTES + 1, 2 ** 40])(
    'a byte capacity of %s throws a RangeError naming source',
    (bad) => {
      expectRangeError(() => new FixedBufferAllocator(bad), /source/);
    },
  );

  it.each([
    ['a resizable ArrayBuffer', () => new ArrayBuffer(8, { maxByteLength: 64 })],
    ['a growable SharedArrayBuffer', () => new SharedArrayBuffer(8, { maxByteLength: 64 })],
  ])('%s is refused with a RangeError naming source', (_label, make) => {
    expectRangeError(() => new FixedBufferAllocator(make()), /source/);
  });

  it.each(NOT_NUMBERS.filter((v) => v !== undefined))(
    'source %s (neither a number nor a buffer) is a TypeError',
    (bad) => {
      expectTypeError(() => new FixedBufferAllocator(bad as number), /source/);
    },
  );

  it('shared: true with an ArrayBuffer source, or of the wrong type, is a TypeError naming shared', () => {
    expectTypeError(() => new FixedBufferAllocator(new ArrayBuffer(8), { shared: true }), /shared/);
    expectTypeError(() => new FixedBufferAllocator(8, { shared: 1 as never }), /shared/);
  });

  it('accepts the largest capacity exactly', () => {
    expect(new FixedBufferAllocator(MAX_ARENA_BYTES).capacity).toBe(MAX_ARENA_BYTES);
  });
});

// ---------------------------------------------------------------------------------------------
// MemoryPool
// ---------------------------------------------------------------------------------------------

describe('MemoryPool constructor', () => {
  const options: Array<[string, number, RegExp, (bad: number) => MemoryPoolOptions<Record<string, 'f32'>>]> =
    [
      ...cross<(bad: number) => MemoryPoolOptions<Record<string, 'f32'>>>(
        [
          ['capacity', /capacity/, (v) => ({ capacity: v })],
          ['capacity (growable)', /capacity/, (v) => ({ capacity: v, growable: true })],
          ['maxCapacity', /maxCapacity/, (v) => ({ capacity: 4, growable: true, maxCapacity: v })],
          ['maxCapacity (fixed pool)', /maxCapacity/, (v) => ({ capacity: 4, maxCapacity: v })],
          ['slotBytes', /slotBytes/, (v) => ({ capacity: 4, slotBytes: v })],
        ],
        NOT_COUNTS,
      ),
      ['capacity', 0, /capacity/, (v) => ({ capacity: v })],
      ['capacity', MAX_POOL_CAPACITY + 1, /capacity/, (v) => ({ capacity: v })],
      [
        'maxCapacity below capacity',
        3,
        /maxCapacity/,
        (v) => ({ capacity: 4, growable: true, maxCapacity: v }),
      ],
      [
        'maxCapacity',
        MAX_POOL_CAPACITY + 1,
        /maxCapacity/,
        (v) => ({ capacity: 4, growable: true, maxCapacity: v }),
      ],
    ];

  it.each(options)('%s = %s throws a RangeError naming it', (_label, bad, name, make) => {
    expectRangeError(() => new MemoryPool(make(bad)), name);
  });

  it.each(['f16', 'float', 'toString', ''])(
    'an unknown field type %j is refused, naming the field',
    (type) => {
      expectRangeError(
        () => new MemoryPool({ capacity: 2, fields: { x: 'f32', speed: type as 'f32' } }),
        /speed/,
      );
    },
  );
});

/** Runs `call` (which makes its own assertions) on a churned pool, then checks nothing changed against a twin. */
function expectPoolUnchanged(call: (pool: MemoryPool) => void): void {
  const subject = churnedPool({ slotBytes: 8, fields: { x: 'f32' } });
  const twin = churnedPool({ slotBytes: 8, fields: { x: 'f32' } });
  const before = poolState(subject.pool);
  call(subject.pool);
  expect(poolState(subject.pool)).toEqual(before);
  expect(subject.pool.slotOf(subject.pool.alloc())).toBe(twin.pool.slotOf(twin.pool.alloc()));
  expect(subject.pool.live).toBe(twin.pool.live);
}

describe('MemoryPool methods', () => {
  it.each([
    -2,
    -0.5,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    ...(NOT_NUMBERS as number[]),
  ])('nextLive(%s) throws a RangeError naming slot and changes nothing', (bad) => {
    expectPoolUnchanged((pool) => expectRangeError(() => pool.nextLive(bad), /slot/));
  });

  it.each([...NOT_COUNTS, ...(NOT_NUMBERS as number[]), 8, 2 ** 30])(
    'handleAt(%s) is -1 (no such live slot) and changes nothing',
    (bad) => {
      expectPoolUnchanged((pool) => expect(pool.handleAt(bad)).toBe(-1));
    },
  );

  it.each([...NOT_COUNTS, ...(NOT_NUMBERS as number[]), 0, 2 ** 30])(
    'isAlive(%s) is false and changes nothing',
    (bad) => {
      expectPoolUnchanged((pool) => expect(pool.isAlive(bad)).toBe(false));
    },
  );
});

describe('the bad-input issue’s reproductions in the memory module', () => {
  it('a pool of 2^45-byte slots is refused naming slotBytes, before any buffer is made', () => {
    expectRangeError(() => new MemoryPool({ capacity: 4, slotBytes: 2 ** 45 }), /slotBytes/);
  });

  it('options that are not an object are a TypeError naming options, for the arena and the pool', () => {
    expect(() => new FixedBufferAllocator(64, null as never)).toThrow(/options must be an object, got null/);
    expect(() => new MemoryPool(null as never)).toThrow(/options must be an object, got null/);
  });

  it('flags must be booleans: growable and poison', () => {
    expect(() => new MemoryPool({ capacity: 4, growable: 'yes' as never })).toThrow(
      /growable must be true or false/,
    );
    expect(() => new FixedBufferAllocator(64, { poison: 1 as never })).toThrow(
      /poison must be true or false/,
    );
  });
});
