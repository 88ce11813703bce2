/**
 * Shared pools: `shared: true` keeps every state array in SharedArrayBuffers, `share()` describes
 * them in a plain structured-cloneable object and `MemoryPool.attach()` makes a second view, in this
 * thread or a worker's. One owner allocates, frees and packs; every other view reads the records,
 * liveness and counters, and is refused the rest with NotOwnerError.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryPool, NotOwnerError } from '../../src/memory/index.ts';
import { allocMany, expectTypeError, poolState, runWorker, thrownBy } from './helpers.ts';

const MEMORY = new URL('../../src/memory/index.ts', import.meta.url).href;
const WORKER = fileURLToPath(new URL('./fixtures/poolWriter.mjs', import.meta.url));
const FIELDS = { x: 'f32', id: 'u32' } as const;

function sharedPool(options: { growable?: boolean } = {}) {
  return new MemoryPool({
    capacity: 16,
    fields: FIELDS,
    slotBytes: 4,
    shared: true,
    ...(options.growable ? { growable: true, maxCapacity: 4096 } : {}),
  });
}

/** Every change a reader must refuse. */
const MUTATIONS: Array<[string, (view: MemoryPool) => unknown]> = [
  ['alloc', (v) => v.alloc()],
  ['tryAlloc', (v) => v.tryAlloc()],
  ['free', (v) => v.free(v.handleAt(0))],
  ['reset', (v) => v.reset()],
  ['resetHighWater', (v) => v.resetHighWater()],
  [
    'set highWater',
    (v) => {
      v.highWater = 0;
    },
  ],
  ['restore', (v) => v.restore(new Uint8Array(v.snapshotBytes), 0)],
  ['share({ owner: true })', (v) => v.share({ owner: true })],
];

describe('a shared MemoryPool', () => {
  it('a worker handed ownership writes records; here liveness, generations and records agree', async () => {
    const pool = sharedPool({ growable: true });
    const description = pool.share({ owner: true });
    expect(pool.owner).toBe(false);
    const count = 1000; // the pool grows from 16 slots in the worker, in place
    const posted = await runWorker(WORKER, { module: MEMORY, description, count });
    const handles = posted.handles as number[];
    const freed = new Set(posted.freed as number[]);
    const slots = posted.slots as number[];
    expect([pool.capacity, pool.live]).toEqual([posted.capacity, posted.live]);
    expect([pool.highWater, pool.allocCount, pool.freeCount, pool.failureCount]).toEqual(posted.counters);
    handles.forEach((handle, i) => {
      expect(pool.isAlive(handle)).toBe(!freed.has(handle));
      if (freed.has(handle)) return;
      const slot = pool.slotOf(handle);
      expect(slot).toBe(slots[i]);
      // The handle's generation bits are the ones this view reads for its slot.
      expect(pool.handleAt(slot)).toBe(handle);
      expect([pool.fields.x[slot], pool.fields.id[slot]]).toEqual([i * 1.5, i]);
    });
    const walked = new Set<number>();
    for (let s = 0; s < pool.live; s++) walked.add(pool.handleAt(s));
    expect(walked).toEqual(new Set(handles.filter((h) => !freed.has(h))));
  });

  it('a worker attached as a reader reads the records and is refused alloc with a clear error', async () => {
    const pool = sharedPool();
    const handles = allocMany(pool, 3);
    handles.forEach((h, i) => {
      pool.fields.x[pool.slotOf(h)] = i + 0.5;
      pool.fields.id[pool.slotOf(h)] = 10 + i;
    });
    const posted = await runWorker(WORKER, { module: MEMORY, description: pool.share(), count: 0 });
    expect(posted.refused).toMatch(/^NotOwnerError: alloc refused: .*not its owner/);
    expect(posted.records).toEqual(handles.map((h, i) => [h, i + 0.5, 10 + i]));
    expect(pool.owner).toBe(true);
  });

  it('a reader here follows the owner: records, counters, growth; it refuses every change', () => {
    const owner = sharedPool({ growable: true });
    const reader = MemoryPool.attach(owner.share());
    expect([reader.owner, owner.owner]).toEqual([false, true]);
    const handles = allocMany(owner, 40);
    owner.fields.x[owner.slotOf(handles[39])] = 7;
    expect([reader.capacity, reader.live, reader.allocCount, reader.highWater]).toEqual([64, 40, 40, 40]);
    expect(reader.fields.x[reader.slotOf(handles[39])]).toBe(7);
    for (const [name, mutate] of MUTATIONS) {
      const before = poolState(reader);
      expect(
        thrownBy(() => mutate(reader)),
        name,
      ).toBeInstanceOf(NotOwnerError);
      expect(poolState(reader), name).toEqual(before);
    }
  });

  it('with holes, a reader sees them skipped by nextLive and handleAt; live, which would pack, is refused', () => {
    const owner = sharedPool();
    const reader = MemoryPool.attach(owner.share());
    const handles = allocMany(owner, 5);
    owner.free(handles[1]);
    owner.free(handles[3]);
    const error = thrownBy(() => reader.live) as NotOwnerError;
    expect(error).toBeInstanceOf(NotOwnerError);
    expect(error.operation).toBe('pack');
    expect([reader.handleAt(1), reader.handleAt(3), reader.available]).toEqual([-1, -1, 13]);
    const visited: number[] = [];
    reader.forEachLive((_slot, handle) => visited.push(handle));
    expect(visited).toEqual([handles[0], handles[2], handles[4]]);
    expect([reader.isAlive(handles[1]), reader.isAlive(handles[2])]).toEqual([false, true]);
    // Once the owner packs (the game does at the end of every tick), the reader's walk is a plain loop.
    expect(owner.live).toBe(3);
    expect(reader.live).toBe(3);
    expect(Array.from({ length: 3 }, (_, s) => reader.handleAt(s)).sort()).toEqual(
      [handles[0], handles[2], handles[4]].sort(),
    );
  });

  it('ownership goes to exactly one view; the new owner starts from the published counters', () => {
    const first = sharedPool();
    allocMany(first, 3);
    first.failAt = 3;
    first.tryAlloc();
    const handed = first.share({ owner: true });
    const second = MemoryPool.attach(handed);
    expect(() => MemoryPool.attach(handed)).toThrow(NotOwnerError);
    expect([second.owner, second.allocCount, second.failureCount, second.live]).toEqual([true, 3, 1, 3]);
    const handle = second.alloc();
    expect([first.isAlive(handle), first.allocCount, first.live]).toEqual([true, 4, 4]);
    expect(() => first.alloc()).toThrow(NotOwnerError);
  });

  it('the description is plain data that survives structured cloning', () => {
    const owner = sharedPool();
    const description = owner.share();
    expect(Object.getPrototypeOf(description)).toBe(Object.prototype);
    const reader = MemoryPool.attach(structuredClone(description));
    const handle = owner.alloc();
    expect(reader.isAlive(handle)).toBe(true);
  });
});

describe('share and attach refuse what they cannot do', () => {
  it('share on a pool not made with shared: true is a TypeError', () => {
    expectTypeError(() => new MemoryPool({ capacity: 2 }).share(), /shared: true/);
  });

  it('share({ owner }) of the wrong type is a TypeError naming owner', () => {
    expectTypeError(() => sharedPool().share({ owner: 1 as never }), /owner/);
  });

  const description = () => sharedPool().share();
  const buffers = () => [...description().buffers];
  it.each<[string, () => unknown]>([
    ['null', () => null],
    ['an array', () => []],
    ['an arena description', () => ({ ...description(), kind: 'ArenaAllocator' })],
    ['a missing header', () => ({ ...description(), state: undefined })],
    ['counts of the wrong size', () => ({ ...description(), counts: new SharedArrayBuffer(8) })],
    ['owner not a boolean', () => ({ ...description(), owner: 'yes' })],
    ['a bad generation base', () => ({ ...description(), generationBase: -2 })],
    ['buffers not an array', () => ({ ...description(), buffers: 'no' })],
    ['a buffer missing', () => ({ ...description(), buffers: buffers().slice(1) })],
    [
      'a buffer that is not shared',
      () => ({
        ...description(),
        buffers: [...buffers().slice(0, 4), new ArrayBuffer(64), ...buffers().slice(5)],
      }),
    ],
    [
      'a short buffer',
      () => ({
        ...description(),
        buffers: [...buffers().slice(0, 5), new SharedArrayBuffer(4), ...buffers().slice(6)],
      }),
    ],
    ['a bad field type', () => ({ ...description(), fields: { x: 'f16' } })],
    ['growable said of fixed buffers', () => ({ ...description(), growable: true, maxCapacity: 64 })],
  ])('attach of %s is a TypeError naming description', (_what, make) => {
    expectTypeError(() => MemoryPool.attach(make() as never), /^description/);
  });
});
