/**
 * Shared memory: `share()` describes an allocator in a plain structured-cloneable object, and
 * `attach()` makes a second view of the same memory, in this thread or a worker's. One owner
 * allocates and frees; every other view reads the bytes and the owner's figures, and is refused the
 * rest with NotOwnerError.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  type BumpAllocator,
  FixedBufferAllocator,
  NotOwnerError,
  type SharedAllocatorDescription,
  TypedList,
} from '../../src/memory/index.ts';
import { arenaState, expectTypeError, runWorker, thrownBy } from './helpers.ts';

const MEMORY = new URL('../../src/memory/index.ts', import.meta.url).href;
const WORKER = fileURLToPath(new URL('./fixtures/sharedWriter.mjs', import.meta.url));

type Kind = [string, () => BumpAllocator, (d: SharedAllocatorDescription) => BumpAllocator];
const KINDS: Kind[] = [
  [
    'FixedBufferAllocator',
    () => new FixedBufferAllocator(64 * 1024, { shared: true }),
    (d) => FixedBufferAllocator.attach(d),
  ],
  [
    'ArenaAllocator',
    () => new ArenaAllocator({ initialBytes: 64, chunkBytes: 64, maxBytes: 64 * 1024, shared: true }),
    (d) => ArenaAllocator.attach(d),
  ],
];

/** Every mutating call, each of which a reader must refuse. */
const MUTATIONS: Array<[string, (view: BumpAllocator) => unknown]> = [
  ['alloc', (v) => v.alloc(8)],
  ['tryAlloc', (v) => v.tryAlloc(8)],
  ['allocF32', (v) => v.allocF32(2)],
  ['tryAllocU8 past any size', (v) => v.tryAllocU8(2 ** 40)],
  ['free', (v) => v.free(0, 8)],
  ['resize', (v) => v.resize(0, 8, 4)],
  ['rollback', (v) => v.rollback(0)],
  ['reset', (v) => v.reset()],
  ['resetHighWater', (v) => v.resetHighWater()],
];

describe.each(KINDS)('%s shared', (_kind, make, attach) => {
  it('a worker that was handed ownership writes; this thread reads the bytes and the figures', async () => {
    const arena = make();
    arena.alloc(8);
    const description = arena.share({ owner: true });
    expect(arena.owner).toBe(false);
    const count = 1000; // 8,000 bytes: the arena grows past its first chunk in the worker
    const posted = await runWorker(WORKER, { module: MEMORY, description, count });
    expect(posted.owner).toBe(true);
    expect(arena.used).toBe(posted.used);
    expect(arena.allocCount).toBe(posted.allocCount);
    expect(arena.capacity).toBe(posted.capacity);
    const at = posted.at as number;
    for (let i = 0; i < count; i++) expect(arena.f64[at + i]).toBe(i * 1.5);
  });

  it('a worker attached as a reader reads what this thread wrote, and is refused alloc with a clear error', async () => {
    const arena = make();
    const at = arena.allocF64(2);
    arena.f64[at + 1] = 42.5;
    const posted = await runWorker(WORKER, { module: MEMORY, description: arena.share(), count: 1 });
    expect(posted).toEqual({
      owner: false,
      refused: expect.stringMatching(/^NotOwnerError: alloc refused: .*not its owner/),
      used: 16,
      first: 42.5,
    });
    expect(arena.owner).toBe(true);
  });

  it('a reader in this thread sees the owner change, and refuses every mutation, changing nothing', () => {
    const owner = make();
    const reader = attach(owner.share());
    expect(reader.owner).toBe(false);
    const at = owner.alloc(8);
    owner.u8[at] = 7;
    expect([reader.used, reader.u8[at], reader.allocCount]).toEqual([8, 7, 1]);
    for (const [name, mutate] of MUTATIONS) {
      const before = arenaState(reader);
      const error = thrownBy(() => mutate(reader));
      expect(error, name).toBeInstanceOf(NotOwnerError);
      expect(arenaState(reader)).toEqual(before);
    }
    expect(() => new TypedList(reader, 'u8').push(1)).toThrow(NotOwnerError);
    owner.reset();
    expect([reader.used, reader.epoch]).toEqual([0, owner.epoch]);
  });

  it('the description is plain data that survives structured cloning', () => {
    const owner = make();
    const description = owner.share();
    expect(Object.getPrototypeOf(description)).toBe(Object.prototype);
    const clone = structuredClone(description);
    expect(clone.buffer).toBeInstanceOf(SharedArrayBuffer);
    const reader = attach(clone);
    owner.alloc(24);
    expect(reader.used).toBe(24);
  });

  it('ownership goes to exactly one view: a second claim and a reader giving it away are refused', () => {
    const owner = make();
    const handed = owner.share({ owner: true });
    const next = attach(handed);
    expect(next.owner).toBe(true);
    expect(() => attach(handed)).toThrow(NotOwnerError);
    expect(() => owner.share({ owner: true })).toThrow(NotOwnerError);
    expect(() => owner.alloc(8)).toThrow(NotOwnerError);
    next.alloc(8);
    expect(owner.used).toBe(8);
  });

  it('a view attached as owner starts from the published figures', () => {
    const owner = make();
    owner.alloc(40);
    owner.tryAlloc(1 << 30);
    const next = attach(owner.share({ owner: true }));
    expect([next.used, next.highWater, next.allocCount, next.failureCount, next.epoch]).toEqual([
      40, 40, 1, 1, 0,
    ]);
    expect(next.alloc(8)).toBe(40);
  });
});

describe('share and attach refuse what they cannot do', () => {
  it('share on memory that is not shared is a TypeError', () => {
    expect(() => new FixedBufferAllocator(64).share()).toThrow(TypeError);
    expect(() => new ArenaAllocator({ initialBytes: 0, chunkBytes: 8, maxBytes: 64 }).share()).toThrow(
      TypeError,
    );
  });

  it('share({ owner }) of the wrong type is a TypeError naming owner', () => {
    expectTypeError(
      () => new FixedBufferAllocator(8, { shared: true }).share({ owner: 'yes' as never }),
      /owner/,
    );
  });

  const arenaDescription = () =>
    new ArenaAllocator({ initialBytes: 0, chunkBytes: 8, maxBytes: 64, shared: true }).share();
  const fixedDescription = () => new FixedBufferAllocator(64, { shared: true }).share();

  it.each<[string, () => unknown]>([
    ['null', () => null],
    ['a number', () => 42],
    ['an array', () => []],
    ['an arena description given to FixedBufferAllocator', arenaDescription],
    ['a buffer that is not shared', () => ({ ...fixedDescription(), buffer: new ArrayBuffer(64) })],
    ['a missing header', () => ({ ...fixedDescription(), state: undefined })],
    ['a header of the wrong size', () => ({ ...fixedDescription(), state: new SharedArrayBuffer(8) })],
    ['owner not a boolean', () => ({ ...fixedDescription(), owner: 'no' })],
    ['maxBytes not a number', () => ({ ...fixedDescription(), maxBytes: '64' })],
  ])('FixedBufferAllocator.attach of %s is a TypeError naming description', (_what, make) => {
    expectTypeError(() => FixedBufferAllocator.attach(make() as never), /description/);
  });

  it.each<[string, () => unknown]>([
    ['a fixed description given to ArenaAllocator', fixedDescription],
    ['a buffer that cannot grow', () => ({ ...arenaDescription(), buffer: new SharedArrayBuffer(64) })],
    ['limits that do not match the buffer', () => ({ ...arenaDescription(), maxBytes: 128 })],
  ])('ArenaAllocator.attach of %s is a TypeError naming description', (_what, make) => {
    expectTypeError(() => ArenaAllocator.attach(make() as never), /description/);
  });
});
