import { describe, expect, it } from 'vitest';
import {
  type FieldType,
  HANDLE_LIMIT,
  MAX_POOL_CAPACITY,
  MemoryPool,
  OutOfMemoryError,
  StaleHandleError,
} from '../../src/memory/index.ts';
import { allocMany, churnedPool, liveSlots, poolState, thrownBy } from './helpers.ts';

const FIELD_TYPES: Array<[FieldType, new (n: number) => ArrayLike<number>]> = [
  ['f32', Float32Array],
  ['f64', Float64Array],
  ['i8', Int8Array],
  ['u8', Uint8Array],
  ['i16', Int16Array],
  ['u16', Uint16Array],
  ['i32', Int32Array],
  ['u32', Uint32Array],
];

describe('layout', () => {
  it.each(FIELD_TYPES)('a %s field is a typed array of that type, capacity long', (type, Ctor) => {
    const pool = new MemoryPool({ capacity: 7, fields: { a: type } });
    expect(pool.fields.a).toBeInstanceOf(Ctor);
    expect(pool.fields.a.length).toBe(7);
  });

  it('fields are separate arrays indexed by slot', () => {
    const pool = new MemoryPool({ capacity: 4, fields: { x: 'f32', y: 'f32', life: 'u16' } });
    const [a, b] = allocMany(pool, 2);
    pool.fields.x[pool.slotOf(a)] = 1.5;
    pool.fields.y[pool.slotOf(a)] = -2;
    pool.fields.life[pool.slotOf(b)] = 70_000; // wraps like any Uint16Array
    expect([pool.fields.x[pool.slotOf(a)], pool.fields.y[pool.slotOf(a)]]).toEqual([1.5, -2]);
    expect(pool.fields.x[pool.slotOf(b)]).toBe(0);
    expect(pool.fields.life[pool.slotOf(b)]).toBe(70_000 & 0xffff);
    expect(pool.fields.x.buffer).not.toBe(pool.fields.y.buffer);
  });

  it('a pool without fields or slotBytes still hands out handles', () => {
    const pool = new MemoryPool({ capacity: 2 });
    expect(Object.keys(pool.fields)).toEqual([]);
    expect([pool.slotBytes, pool.u8.length]).toEqual([0, 0]);
    expect(pool.offsetOf(pool.alloc())).toBe(0);
  });

  it.each([8, 12, 16, 24])(
    'slotBytes %i: offsetOf addresses a private region of the whole-pool views',
    (slotBytes) => {
      const capacity = 5;
      const pool = new MemoryPool({ capacity, slotBytes });
      expect(pool.slotBytes).toBe(slotBytes);
      const bytes = Math.ceil((capacity * slotBytes) / 8) * 8;
      expect([pool.u8.length, pool.i32.length, pool.u32.length, pool.f32.length, pool.f64.length]).toEqual([
        bytes,
        bytes / 4,
        bytes / 4,
        bytes / 4,
        bytes / 8,
      ]);
      const handles = allocMany(pool, capacity);
      handles.forEach((h, i) => {
        const offset = pool.offsetOf(h);
        expect(offset).toBe(pool.slotOf(h) * slotBytes);
        pool.f32[offset >> 2] = i + 0.5;
        pool.u8[offset + 4] = i;
        if (slotBytes >= 16) pool.f64[(offset + 8) >> 3] = -i;
      });
      handles.forEach((h, i) => {
        const offset = pool.offsetOf(h);
        expect(pool.f32[offset >> 2]).toBe(i + 0.5);
        expect(pool.u8[offset + 4]).toBe(i);
        if (slotBytes >= 16) expect(pool.f64[(offset + 8) >> 3]).toBe(-i);
      });
    },
  );

  it('fields and slotBytes may be combined', () => {
    const pool = new MemoryPool({ capacity: 3, fields: { hp: 'i32' }, slotBytes: 4 });
    const h = pool.alloc();
    pool.fields.hp[pool.slotOf(h)] = -5;
    pool.i32[pool.offsetOf(h) >> 2] = 9;
    expect([pool.fields.hp[pool.slotOf(h)], pool.i32[pool.offsetOf(h) >> 2]]).toEqual([-5, 9]);
  });
});

describe('alloc and free', () => {
  it('a fresh pool hands out slots in order', () => {
    const pool = new MemoryPool({ capacity: 5 });
    expect(allocMany(pool, 5).map((h) => pool.slotOf(h))).toEqual([0, 1, 2, 3, 4]);
  });

  it('reuses the most recently freed slot next (LIFO, Zig)', () => {
    const pool = new MemoryPool({ capacity: 8 });
    const [a, b, c] = allocMany(pool, 3);
    const slots = [a, b, c].map((h) => pool.slotOf(h));
    pool.free(b);
    expect(pool.slotOf(pool.alloc())).toBe(slots[1]);
    pool.free(a);
    pool.free(c);
    expect(pool.slotOf(pool.alloc())).toBe(slots[2]);
    expect(pool.slotOf(pool.alloc())).toBe(slots[0]);
    expect(pool.slotOf(pool.alloc())).toBe(3);
  });

  it('a reused slot gets a new handle and the old one stays dead', () => {
    const pool = new MemoryPool({ capacity: 1 });
    const old = pool.alloc();
    pool.free(old);
    const fresh = pool.alloc();
    expect(fresh).not.toBe(old);
    expect(pool.slotOf(fresh)).toBe(0);
    expect([pool.isAlive(old), pool.isAlive(fresh)]).toEqual([false, true]);
  });

  it('free makes the handle dead', () => {
    const pool = new MemoryPool({ capacity: 3 });
    const h = pool.alloc();
    expect(pool.isAlive(h)).toBe(true);
    pool.free(h);
    expect(pool.isAlive(h)).toBe(false);
    expect(pool.live).toBe(0);
  });

  it('a non-growable pool fails at capacity + 1 (Zig): OutOfMemoryError in slots, -1, failureCount', () => {
    const pool = new MemoryPool({ capacity: 3 });
    const handles = allocMany(pool, 3);
    const before = poolState(pool);
    const error = thrownBy(() => pool.alloc()) as OutOfMemoryError;
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect([error.unit, error.requested, error.available, error.capacity]).toEqual(['slots', 1, 0, 3]);
    expect(error.message).toContain('slots');
    expect(pool.tryAlloc()).toBe(-1);
    expect(poolState(pool)).toEqual({ ...before, failureCount: 2 });
    pool.free(handles[1]);
    expect(pool.slotOf(pool.alloc())).toBe(1);
  });

  it.each([1, 2, 3, 1000, 1024, MAX_POOL_CAPACITY])(
    'handles of a %i-slot pool are integers in [0, 2^30)',
    (capacity) => {
      const pool = new MemoryPool({ capacity });
      const handles = allocMany(pool, Math.min(capacity - 1, 64));
      // Churn one slot through many generations.
      for (let i = 0; i < 600; i++) {
        const h = pool.alloc();
        handles.push(h);
        pool.free(h);
      }
      for (const h of handles) {
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThan(HANDLE_LIMIT);
      }
    },
  );
});

/** Bad handles for a pool made by `churnedPool`, with the reason each is not live there. */
function badHandles(): Array<[string, (p: ReturnType<typeof churnedPool>) => number]> {
  return [
    ['double free', ({ freed }) => freed[0]],
    [
      'stale generation (slot reused since)',
      ({ pool, freed }) => {
        const reused = pool.alloc();
        pool.free(reused);
        return freed[1];
      },
    ],
    [
      'foreign (same shape, live in its own pool)',
      () => {
        const other = new MemoryPool({ capacity: 8 });
        return allocMany(other, 6)[0];
      },
    ],
    ['foreign (other shape)', () => new MemoryPool({ capacity: 1000 }).alloc()],
    ['-1', () => -1],
    ['NaN', () => Number.NaN],
    ['1.5', () => 1.5],
    ['2 ** 30', () => 2 ** 30],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['-Infinity', () => Number.NEGATIVE_INFINITY],
    ['a live handle + 0.5', ({ live }) => live[0] + 0.5],
    // Not numbers at all: `| 0` would throw a TypeError for these.
    ['a live handle as a BigInt', ({ live }) => BigInt(live[0]) as unknown as number],
    ['1n', () => 1n as unknown as number],
    ['a Symbol', () => Symbol('handle') as unknown as number],
  ];
}

describe.each(badHandles())('a handle that is not live: %s', (_name, makeBad) => {
  it('free throws StaleHandleError and changes nothing (compared with a twin pool)', () => {
    const subject = churnedPool();
    const bad = makeBad(subject);
    const twin = churnedPool();
    makeBad(twin); // the same history, without the bad call
    const before = poolState(subject.pool);
    const error = thrownBy(() => subject.pool.free(bad)) as StaleHandleError;
    expect(error).toBeInstanceOf(StaleHandleError);
    expect(error.name).toBe('StaleHandleError');
    expect(Object.is(error.handle, bad)).toBe(true);
    expect(error.message).toContain(String(bad));
    expect(poolState(subject.pool)).toEqual(before);
    expect(subject.live.every((h) => subject.pool.isAlive(h))).toBe(true);
    const { handles: _a, ...subjectCounts } = poolState(subject.pool);
    const { handles: _b, ...twinCounts } = poolState(twin.pool);
    expect(subjectCounts).toEqual(twinCounts);
    expect(subject.pool.slotOf(subject.pool.alloc())).toBe(twin.pool.slotOf(twin.pool.alloc()));
    expect(subject.pool.slotOf(subject.pool.alloc())).toBe(twin.pool.slotOf(twin.pool.alloc()));
  });

  it('isAlive is false, slotOf and offsetOf throw StaleHandleError', () => {
    const subject = churnedPool({ slotBytes: 8 });
    const bad = makeBad(subject);
    expect(subject.pool.isAlive(bad)).toBe(false);
    expect(() => subject.pool.slotOf(bad)).toThrow(StaleHandleError);
    expect(() => subject.pool.offsetOf(bad)).toThrow(StaleHandleError);
  });
});

describe('visiting live slots', () => {
  it('handleAt gives the handle of a live slot and -1 for a free or out-of-range one', () => {
    const { pool, live, freed } = churnedPool();
    for (const h of live) expect(pool.handleAt(pool.slotOf(h))).toBe(h);
    for (const slot of [1, 4, 6, 7, 8, 100]) expect(pool.handleAt(slot)).toBe(-1);
    expect(freed.every((h) => !pool.isAlive(h))).toBe(true);
  });

  it('nextLive and forEachLive visit exactly the live slots, in slot order', () => {
    const { pool, live } = churnedPool();
    const expected = live.map((h) => pool.slotOf(h)).sort((x, y) => x - y);
    const walked: number[] = [];
    for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) walked.push(s);
    expect(walked).toEqual(expected);
    const visited: Array<[number, number]> = [];
    pool.forEachLive((slot, handle) => visited.push([slot, handle]));
    expect(visited).toEqual(expected.map((s) => [s, pool.handleAt(s)]));
    expect(visited.map(([, h]) => h).sort()).toEqual([...live].sort());
  });

  it('an empty pool has nothing to visit', () => {
    const pool = new MemoryPool({ capacity: 4 });
    expect(pool.nextLive(-1)).toBe(-1);
    expect(liveSlots(pool)).toEqual([]);
    expect(pool.nextLive(10)).toBe(-1);
  });
});

describe('packing', () => {
  it('a free leaves a hole that the next alloc fills; reading live closes the holes left', () => {
    const pool = new MemoryPool({ capacity: 8, fields: { x: 'f32' } });
    const handles = allocMany(pool, 5);
    handles.forEach((h, i) => {
      pool.fields.x[pool.slotOf(h)] = i;
    });
    pool.free(handles[1]);
    pool.free(handles[3]);
    // Until live is read, nothing moves: the holes are skipped by handleAt and nextLive.
    expect([pool.handleAt(1), pool.handleAt(3)]).toEqual([-1, -1]);
    expect(liveSlots(pool)).toEqual([0, 2, 4]);
    const refill = pool.alloc();
    expect(pool.slotOf(refill)).toBe(3);
    pool.fields.x[3] = 30;
    expect(pool.live).toBe(4);
    // The last record took the remaining hole, and every handle still finds its own record.
    expect(liveSlots(pool)).toEqual([0, 1, 2, 3]);
    expect([handles[0], handles[2], handles[4], refill].map((h) => pool.fields.x[pool.slotOf(h)])).toEqual([
      0, 2, 4, 30,
    ]);
    expect(pool.slotOf(handles[4])).toBe(1);
  });

  it('a loop to live may free the record it visits, walking backwards', () => {
    const pool = new MemoryPool({ capacity: 16, fields: { id: 'i32' } });
    const handles = allocMany(pool, 10);
    handles.forEach((h, i) => {
      pool.fields.id[pool.slotOf(h)] = i;
    });
    const seen: number[] = [];
    for (let s = pool.live - 1; s >= 0; s--) {
      seen.push(pool.fields.id[s]);
      if (pool.fields.id[s] % 3 === 0) pool.free(pool.handleAt(s));
    }
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pool.live).toBe(6);
    const ids = Array.from(pool.fields.id.subarray(0, pool.live)).sort((a, b) => a - b);
    expect(ids).toEqual([1, 2, 4, 5, 7, 8]);
  });

  it('moves raw slots and every field width with their records', () => {
    const pool = new MemoryPool({
      capacity: 4,
      fields: { a: 'f64', b: 'u16', c: 'i8', d: 'f32' },
      slotBytes: 3,
    });
    const [first, second] = allocMany(pool, 2);
    const s = pool.slotOf(second);
    pool.fields.a[s] = Number.MIN_VALUE;
    pool.fields.b[s] = 65_535;
    pool.fields.c[s] = -128;
    pool.fields.d[s] = Number.NaN;
    pool.u8.set([7, 8, 9], pool.offsetOf(second));
    pool.free(first);
    expect(pool.live).toBe(1);
    const t = pool.slotOf(second);
    expect(t).toBe(0);
    expect([pool.fields.a[t], pool.fields.b[t], pool.fields.c[t]]).toEqual([Number.MIN_VALUE, 65_535, -128]);
    expect(pool.fields.d[t]).toBeNaN();
    expect(Array.from(pool.u8.subarray(pool.offsetOf(second), pool.offsetOf(second) + 3))).toEqual([7, 8, 9]);
  });
});

describe('reset', () => {
  it('kills every old handle and restarts at slot 0', () => {
    const { pool, live } = churnedPool();
    const freeBefore = pool.freeCount;
    pool.reset();
    expect([pool.live, pool.available]).toEqual([0, 8]);
    expect(pool.freeCount).toBe(freeBefore + live.length);
    expect(live.some((h) => pool.isAlive(h))).toBe(false);
    expect(() => pool.free(live[0])).toThrow(StaleHandleError);
    const fresh = allocMany(pool, 8);
    expect(fresh.map((h) => pool.slotOf(h))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(fresh.some((h) => live.includes(h))).toBe(false);
    expect(live.some((h) => pool.isAlive(h))).toBe(false);
  });
});

describe('statistics', () => {
  it('track live, available, occupancy, highWater, allocCount and freeCount', () => {
    const pool = new MemoryPool({ capacity: 4 });
    const [a, b, c] = allocMany(pool, 3);
    pool.free(b);
    expect([pool.live, pool.available, pool.occupancy]).toEqual([2, 2, 0.5]);
    expect([pool.highWater, pool.allocCount, pool.freeCount]).toEqual([3, 3, 1]);
    pool.free(a);
    pool.free(c);
    expect([pool.live, pool.occupancy, pool.highWater]).toEqual([0, 0, 3]);
    pool.alloc();
    expect(pool.highWater).toBe(3);
    pool.resetHighWater();
    expect(pool.highWater).toBe(1);
    allocMany(pool, 3);
    expect([pool.highWater, pool.occupancy, pool.allocCount, pool.freeCount]).toEqual([4, 1, 7, 3]);
  });

  it('failed allocations count in failureCount only', () => {
    const pool = new MemoryPool({ capacity: 1 });
    pool.alloc();
    pool.tryAlloc();
    pool.tryAlloc();
    expect([pool.failureCount, pool.allocCount, pool.highWater]).toEqual([2, 1, 1]);
  });
});

describe('growth', () => {
  it('is off by default: maxCapacity is capacity, whatever the option says', () => {
    const pool = new MemoryPool({ capacity: 4, maxCapacity: 64 });
    expect([pool.growable, pool.maxCapacity]).toEqual([false, 4]);
    allocMany(pool, 4);
    expect(pool.tryAlloc()).toBe(-1);
  });

  it('a growable pool defaults to a maxCapacity of 2^20', () => {
    const pool = new MemoryPool({ capacity: 4, growable: true });
    expect([pool.growable, pool.maxCapacity]).toEqual([true, 2 ** 20]);
  });

  it('doubles up to maxCapacity, then fails with OutOfMemoryError', () => {
    const pool = new MemoryPool({ capacity: 3, growable: true, maxCapacity: 20 });
    const capacities: number[] = [];
    for (let i = 0; i < 20; i++) {
      pool.alloc();
      capacities.push(pool.capacity);
    }
    expect([...new Set(capacities)]).toEqual([3, 6, 12, 20]);
    const before = poolState(pool);
    const error = thrownBy(() => pool.alloc()) as OutOfMemoryError;
    expect(error).toBeInstanceOf(OutOfMemoryError);
    expect([error.capacity, error.available]).toEqual([20, 0]);
    expect(pool.tryAlloc()).toBe(-1);
    expect(poolState(pool)).toEqual({ ...before, failureCount: 2 });
  });

  it('arrays taken before growth see the new length and keep their values; handles stay live', () => {
    const pool = new MemoryPool({
      capacity: 4,
      growable: true,
      maxCapacity: 16,
      fields: { x: 'f64', id: 'u16' },
      slotBytes: 12,
    });
    const x = pool.fields.x;
    const id = pool.fields.id;
    const u8 = pool.u8;
    const f32 = pool.f32;
    const first = allocMany(pool, 4);
    first.forEach((h, i) => {
      x[pool.slotOf(h)] = i * 1.25;
      id[pool.slotOf(h)] = 100 + i;
      f32[pool.offsetOf(h) >> 2] = -i;
    });
    const more = allocMany(pool, 5);
    expect(pool.capacity).toBe(16);
    expect([x.length, id.length, u8.length, f32.length]).toEqual([16, 16, 16 * 12, (16 * 12) / 4]);
    expect(pool.fields.x).toBe(x);
    first.forEach((h, i) => {
      expect(pool.isAlive(h)).toBe(true);
      expect(x[pool.slotOf(h)]).toBe(i * 1.25);
      expect(id[pool.slotOf(h)]).toBe(100 + i);
      expect(f32[pool.offsetOf(h) >> 2]).toBe(-i);
    });
    expect(more.map((h) => pool.slotOf(h))).toEqual([4, 5, 6, 7, 8]);
    x[pool.slotOf(more[4])] = 9;
    expect(pool.fields.x[8]).toBe(9);
  });

  it('grown slots are free and visited correctly; reset keeps the grown capacity', () => {
    const pool = new MemoryPool({ capacity: 2, growable: true, maxCapacity: 8 });
    const handles = allocMany(pool, 5);
    pool.free(handles[3]);
    expect(liveSlots(pool)).toEqual([0, 1, 2, 4]);
    expect(pool.handleAt(3)).toBe(-1);
    pool.reset();
    expect([pool.capacity, pool.live]).toEqual([8, 0]);
    expect(pool.slotOf(pool.alloc())).toBe(0);
  });
});
