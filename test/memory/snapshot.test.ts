/**
 * Snapshots: a pool or an arena writes its whole state into a caller-owned buffer and reads it back.
 * After a restore every handle that was live then is live again, on its record, and every other is
 * stale; a pool that grew shrinks back or is refused; a snapshot that is not one, or a corrupt one, is
 * refused before anything is written.
 */
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  FixedBufferAllocator,
  MemoryPool,
  NotOwnerError,
  SNAPSHOT_HEADER_BYTES,
  TypedList,
} from '../../src/memory/index.ts';
import { allocMany, arenaState, expectRangeError, expectTypeError, poolState, thrownBy } from './helpers.ts';

const FIELDS = { x: 'f32', v: 'f64', hp: 'i16' } as const;

/** Everything observable about a pool, its records and raw bytes included (without packing it). */
function fullState(pool: MemoryPool<typeof FIELDS>) {
  const records: number[][] = [];
  pool.forEachLive((slot, handle) =>
    records.push([
      slot,
      handle,
      pool.fields.x[slot],
      pool.fields.v[slot],
      pool.fields.hp[slot],
      pool.u8[slot],
    ]),
  );
  return {
    records,
    counters: [pool.highWater, pool.allocCount, pool.freeCount, pool.failureCount],
    capacity: pool.capacity,
    available: pool.available,
  };
}

function busyPool(options: { growable?: boolean; shared?: boolean } = {}) {
  const pool = new MemoryPool({
    capacity: 8,
    fields: FIELDS,
    slotBytes: 1,
    ...(options.growable ? { growable: true, maxCapacity: 256 } : {}),
    ...(options.shared ? { shared: true } : {}),
  });
  const handles = allocMany(pool, 6);
  handles.forEach((h, i) => {
    const s = pool.slotOf(h);
    pool.fields.x[s] = i + 0.25;
    pool.fields.v[s] = -i;
    pool.fields.hp[s] = 100 * i;
    pool.u8[s] = i;
  });
  pool.free(handles[1]);
  pool.free(handles[4]);
  return { pool, handles, live: handles.filter((_, i) => i !== 1 && i !== 4) };
}

function snapshotOf(pool: { snapshotBytes: number; snapshot(into: Uint8Array, offset?: number): number }) {
  const buffer = new Uint8Array(pool.snapshotBytes + 16);
  const written = pool.snapshot(buffer, 16);
  expect(written).toBeLessThanOrEqual(pool.snapshotBytes);
  return buffer;
}

describe('MemoryPool snapshots', () => {
  it('restore brings back the records, holes included; live handles live, others stale, as then', () => {
    const { pool, handles, live } = busyPool();
    const before = fullState(pool);
    const snapshot = snapshotOf(pool);
    // Change everything: pack, free, allocate anew, overwrite.
    expect(pool.live).toBe(4);
    pool.free(live[0]);
    const later = allocMany(pool, 3);
    pool.fields.x.fill(9);
    pool.restore(snapshot, 16);
    expect(fullState(pool)).toEqual(before);
    for (const h of handles) expect(pool.isAlive(h)).toBe(live.includes(h));
    for (const h of later) expect(pool.isAlive(h)).toBe(live.includes(h));
    // And it plays on as it would have: the same handles come next.
    const { pool: twin } = busyPool();
    expect(pool.alloc() & 7).toBe(twin.alloc() & 7);
    expect(pool.live).toBe(twin.live);
  });

  it('a snapshot copies only the slots ever used, in steps: a big pool used little snapshots small', () => {
    const pool = new MemoryPool({ capacity: 100_000, fields: { x: 'f32' } });
    allocMany(pool, 10);
    const bytes = pool.snapshot(new Uint8Array(pool.snapshotBytes));
    expect(pool.snapshotBytes).toBe(SNAPSHOT_HEADER_BYTES + 100_000 * 20);
    expect(bytes).toBe(SNAPSHOT_HEADER_BYTES + 6250 * 20);
  });

  it('what lies past the slots copied is as new again after a restore', () => {
    const pool = new MemoryPool({ capacity: 512, fields: FIELDS });
    const snapshot = snapshotOf(pool);
    const handles = allocMany(pool, 300);
    pool.fields.x.fill(3);
    pool.restore(snapshot, 16);
    expect([pool.live, pool.fields.x[299], pool.isAlive(handles[299])]).toEqual([0, 0, false]);
    expect(pool.slotOf(pool.alloc())).toBe(0);
  });

  it('played again after a restore, a pool writes the very snapshots it wrote the first time', () => {
    const pool = new MemoryPool({ capacity: 512, fields: FIELDS });
    /** A few frees: the hole stack past its top is bytes a snapshot copies. */
    const play = () => {
      const handles = allocMany(pool, 100);
      for (let i = 0; i < 10; i++) pool.free(handles[i]);
      return snapshotOf(pool).slice();
    };
    const start = snapshotOf(pool).slice();
    const first = play();
    // The future the restore undoes: many more frees, deeper into the hole stack.
    for (const handle of allocMany(pool, 300)) pool.free(handle);
    pool.restore(start, 16);
    expect(play()).toEqual(first);
  });

  it('a growable pool that grew shrinks back; one restored to a larger snapshot grows again', () => {
    const { pool } = busyPool({ growable: true });
    const small = snapshotOf(pool);
    const handles = allocMany(pool, 100);
    expect(pool.capacity).toBe(128);
    const large = snapshotOf(pool);
    pool.restore(small, 16);
    expect([pool.capacity, pool.live, pool.fields.x.length]).toEqual([8, 4, 8]);
    pool.restore(large, 16);
    expect([pool.capacity, pool.live]).toEqual([128, 104]);
    expect(handles.every((h) => pool.isAlive(h))).toBe(true);
  });

  it('a shared pool that grew cannot shrink: a RangeError naming from, nothing changed', () => {
    const { pool } = busyPool({ growable: true, shared: true });
    const small = snapshotOf(pool);
    allocMany(pool, 100);
    const before = poolState(pool);
    expectRangeError(() => pool.restore(small, 16), /^from .*shrink/);
    expect(poolState(pool)).toEqual(before);
  });

  it('a fixed pool refuses a snapshot of another capacity, and any pool one of another layout', () => {
    const growable = new MemoryPool({
      capacity: 4,
      fields: FIELDS,
      slotBytes: 1,
      growable: true,
      maxCapacity: 8,
    });
    const fixed = new MemoryPool({ capacity: 8, fields: FIELDS, slotBytes: 1 });
    const { pool } = busyPool();
    const snapshot = snapshotOf(pool);
    // Same layout and limit: a fixed pool of 8 takes the snapshot of another pool of 8.
    fixed.restore(snapshot, 16);
    expect(fixed.live).toBe(4);
    expectRangeError(() => fixed.restore(snapshotOf(growable), 16), /^from .*fixed capacity/);
    const other = new MemoryPool({ capacity: 8, fields: { x: 'f32' } });
    expectTypeError(() => other.restore(snapshot, 16), /^from .*another layout/);
  });

  it('refuses what is not a snapshot, a truncated one and a corrupt one, changing nothing', () => {
    const { pool } = busyPool();
    const good = snapshotOf(pool);
    pool.live; // packs, so the state differs from the snapshot's
    const before = poolState(pool);
    const corrupt = (at: number, value: number) => {
      const copy = good.slice();
      new DataView(copy.buffer).setInt32(16 + at, value, true);
      return copy;
    };
    const book = 16 + SNAPSHOT_HEADER_BYTES;
    const cases: Array<[string, Uint8Array, number, RegExp]> = [
      ['zeros', new Uint8Array(good.length), 16, /^from .*no snapshot/],
      ['an arena snapshot', snapshotOf(new FixedBufferAllocator(64)), 16, /^from .*bump allocator/],
      ['a truncated one', good.slice(0, good.length - 8), 16, /^from .*truncated/],
      ['a header past the end', good, good.length - 8, /^from has/],
      ['a slot naming another id', corrupt(book - 16 + 2 * 8 * 4 + 4, 0), 16, /^from .*corrupt/],
      ['a live generation past the end', corrupt(book - 16 + 7 * 4, 1), 16, /^from .*corrupt/],
      ['a hole that is live', corrupt(book - 16 + 3 * 8 * 4, 0), 16, /^from .*corrupt/],
    ];
    for (const [what, from, offset, message] of cases) {
      const error = thrownBy(() => pool.restore(from, offset)) as Error;
      expect(error instanceof TypeError || error instanceof RangeError, what).toBe(true);
      expect(error.message, what).toMatch(message);
      expect(poolState(pool), what).toEqual(before);
    }
    expectTypeError(() => pool.restore([1, 2] as never), /^from must be a Uint8Array/);
    expectRangeError(() => pool.restore(good, -1), /^offset/);
  });

  it('snapshot refuses a buffer that is not a Uint8Array or too short, naming into', () => {
    const { pool } = busyPool();
    expectTypeError(() => pool.snapshot(new Float64Array(512) as never), /^into must be a Uint8Array/);
    expectRangeError(() => pool.snapshot(new Uint8Array(64)), /^into has 64 bytes/);
    expectRangeError(() => pool.snapshot(new Uint8Array(pool.snapshotBytes), 1.5), /^offset/);
  });

  it('a reader of a shared pool may snapshot but not restore', () => {
    const { pool } = busyPool({ shared: true });
    const reader = MemoryPool.attach(pool.share());
    const snapshot = snapshotOf(reader);
    expect(thrownBy(() => reader.restore(snapshot, 16))).toBeInstanceOf(NotOwnerError);
    pool.restore(snapshot, 16);
  });
});

describe('arena snapshots', () => {
  const KINDS: Array<[string, () => FixedBufferAllocator | ArenaAllocator]> = [
    ['FixedBufferAllocator', () => new FixedBufferAllocator(256, { poison: true })],
    [
      'ArenaAllocator',
      () => new ArenaAllocator({ initialBytes: 0, chunkBytes: 64, maxBytes: 1024, poison: true }),
    ],
  ];

  it.each(KINDS)('%s: restore brings back used, peak, counters and the bytes in use', (_kind, make) => {
    const arena = make();
    const at = arena.allocF64(4);
    arena.f64.set([1, 2, 3, 4], at);
    arena.tryAlloc(1 << 20);
    const before = arenaState(arena);
    const snapshot = snapshotOf(arena);
    expect(arena.snapshotBytes).toBe(SNAPSHOT_HEADER_BYTES + 32);
    arena.reset();
    arena.alloc(100);
    arena.restore(snapshot, 16);
    const after = arenaState(arena);
    // An arena keeps what it committed since (capacity is not state a snapshot holds).
    const held = ({ used, highWater, allocCount, failureCount, bytes }: typeof before) => ({
      figures: [used, highWater, allocCount, failureCount],
      bytes: bytes.slice(0, 32),
    });
    expect(held(after)).toEqual(held(before));
    // A restore gives everything back first, as a reset: the epoch rises and released bytes are poisoned.
    expect(after.epoch).toBeGreaterThan(before.epoch);
    expect(arena.u8[40]).toBe(0xaa);
  });

  it('a TypedList that held a block starts empty after a restore', () => {
    const arena = new FixedBufferAllocator(256);
    const snapshot = snapshotOf(arena);
    const list = new TypedList(arena, 'i32', 4);
    list.push(7);
    arena.restore(snapshot, 16);
    list.push(8);
    expect([list.length, list.get(0)]).toEqual([1, 8]);
  });

  it('an arena snapshot restores into the other kind; one that does not fit is refused', () => {
    const big = new ArenaAllocator({ initialBytes: 0, chunkBytes: 64, maxBytes: 4096 });
    big.alloc(1000);
    const snapshot = snapshotOf(big);
    const small = new FixedBufferAllocator(512);
    const before = arenaState(small);
    expectRangeError(() => small.restore(snapshot, 16), /^from holds 1000 bytes/);
    expect(arenaState(small)).toEqual(before);
    const other = new ArenaAllocator({ initialBytes: 0, chunkBytes: 64, maxBytes: 2048 });
    other.restore(snapshot, 16);
    expect([other.used, other.capacity >= 1000]).toEqual([1000, true]);
    expectTypeError(
      () => small.restore(snapshotOf(new MemoryPool({ capacity: 2 })), 16),
      /^from .*MemoryPool/,
    );
  });
});
