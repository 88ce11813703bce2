/** Fixtures shared by the memory tests: state snapshots and small builders. */
import { Worker } from 'node:worker_threads';
import { expect } from 'vitest';
import {
  ArenaAllocator,
  type BumpAllocator,
  type BumpAllocatorOptions,
  type FieldSchema,
  FixedBufferAllocator,
  MemoryPool,
} from '../../src/memory/index.ts';

/** Every observable piece of an allocator's state, bytes included. */
export function arenaState(arena: BumpAllocator) {
  return {
    used: arena.used,
    available: arena.available,
    highWater: arena.highWater,
    allocCount: arena.allocCount,
    failureCount: arena.failureCount,
    capacity: arena.capacity,
    epoch: arena.epoch,
    bytes: arena.u8.slice(),
  };
}

/** The slots `forEachLive` visits, in order. */
export function liveSlots(pool: MemoryPool): number[] {
  const slots: number[] = [];
  pool.forEachLive((slot) => slots.push(slot));
  return slots;
}

/**
 * Every observable counter of a pool plus the live slots and their handles. Reading `live` packs the
 * pool, so it is read first: the slots listed are the packed ones.
 */
export function poolState(pool: MemoryPool) {
  const live = pool.live;
  const handles: number[] = [];
  pool.forEachLive((_slot, handle) => handles.push(handle));
  return {
    live,
    capacity: pool.capacity,
    available: pool.available,
    highWater: pool.highWater,
    allocCount: pool.allocCount,
    freeCount: pool.freeCount,
    failureCount: pool.failureCount,
    liveSlots: liveSlots(pool),
    handles,
  };
}

/** Fills `arena.u8` with a recognisable non-zero pattern so that stray writes show. */
export function fillPattern(arena: BumpAllocator): void {
  for (let i = 0; i < arena.capacity; i++) arena.u8[i] = (i * 7 + 3) & 0xff;
}

/** Allocates `count` handles from `pool`. */
export function allocMany(pool: MemoryPool, count: number): number[] {
  const handles: number[] = [];
  for (let i = 0; i < count; i++) handles.push(pool.alloc());
  return handles;
}

/**
 * A pool in a mixed state: 6 of 8 slots allocated, slots 1 and 4 freed again (so the free list is
 * not in slot order), and `freed` holds the now-dead handles.
 */
export function churnedPool(options: { slotBytes?: number; fields?: FieldSchema } = {}) {
  const pool = new MemoryPool({ capacity: 8, ...options });
  const handles = allocMany(pool, 6);
  const freed = [handles[1], handles[4]];
  for (const h of freed) pool.free(h);
  const live = handles.filter((h) => !freed.includes(h));
  return { pool, live, freed };
}

/** Catches what `fn` throws, failing the test when it does not throw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Values that are never a size, count, offset or mark. */
export const NOT_COUNTS = [-1, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Values of the wrong type for any size, count, index or mark: none may reach arithmetic. */
export const NOT_NUMBERS: unknown[] = [10n, '8', Symbol('eight'), null, undefined, {}, [8], true];

/** Asserts that `fn` throws a TypeError whose message matches `name`. */
export function expectTypeError(fn: () => unknown, name: RegExp): void {
  const caught = thrownBy(fn);
  expect(caught).toBeInstanceOf(TypeError);
  expect((caught as Error).message).toMatch(name);
}

/** Asserts that `fn` throws a RangeError whose message matches `name`. */
export function expectRangeError(fn: () => unknown, name: RegExp): void {
  const caught = thrownBy(fn);
  expect(caught).toBeInstanceOf(RangeError);
  expect((caught as Error).message).toMatch(name);
}

/** Runs the worker `file` with `workerData` and resolves with the first message it posts. */
export function runWorker(file: string, workerData: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Runs of every fast-check property over the memory module. */
export const PROPERTY_RUNS = 1000;

/** A live allocation as the model sees it; `tag` is written into its bytes to catch overlaps. */
export interface Block {
  offset: number;
  size: number;
  align: number;
  tag: number;
}

/** Makes a bump allocator that hands out exactly `capacity` bytes. */
export type MakeArena = (capacity: number, options?: BumpAllocatorOptions) => BumpAllocator;

/**
 * The allocation API is the same on both bump allocators: every test below the construction ones
 * runs on each. An arena whose reservation is its first commitment hands out exactly as a fixed buffer.
 */
export const BUMP_KINDS: Array<[string, MakeArena]> = [
  ['FixedBufferAllocator', (capacity, options) => new FixedBufferAllocator(capacity, options)],
  [
    'ArenaAllocator',
    (capacity, options) =>
      new ArenaAllocator({ initialBytes: capacity, chunkBytes: capacity, maxBytes: capacity, ...options }),
  ],
];

/** The smallest multiple of `alignment` at or above `at`. */
export function alignUp(at: number, alignment: number): number {
  return Math.ceil(at / alignment) * alignment;
}
