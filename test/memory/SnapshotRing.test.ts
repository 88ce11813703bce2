/**
 * SnapshotRing: the last N snapshots of a set of pools and buffers in one ArrayBuffer reserved once.
 * push copies every pool and buffer; restore(k) brings back the k-th newest; drop forgets the newest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryPool, NotOwnerError, SnapshotRing } from '../../src/memory/index.ts';
import { allocMany, expectRangeError, expectTypeError, poolState, thrownBy } from './helpers.ts';

function world() {
  const bullets = new MemoryPool({ capacity: 64, fields: { x: 'f32', vx: 'f32' } });
  const enemies = new MemoryPool({ capacity: 16, fields: { hp: 'i16' }, slotBytes: 4 });
  const ship = new Float64Array(4);
  const rng = new Uint32Array(1);
  const ring = new SnapshotRing({ capacity: 3, pools: [bullets, enemies], buffers: [ship, rng] });
  /** One tick: a bullet fired, the ship moved, the generator stepped. */
  const tick = (t: number) => {
    const h = bullets.alloc();
    bullets.fields.x[bullets.slotOf(h)] = t;
    if (t % 2 === 0) enemies.alloc();
    ship[0] = t * 1.5;
    rng[0] = t * 7;
  };
  const state = () => ({
    bullets: poolState(bullets),
    enemies: poolState(enemies),
    ship: [...ship],
    rng: rng[0],
  });
  return { bullets, enemies, ship, rng, ring, tick, state };
}

describe('SnapshotRing', () => {
  it('is sized once from the pools and buffers, and reports its bytes and snapshots held', () => {
    const { bullets, enemies, ring } = world();
    const round = (n: number) => Math.ceil(n / 8) * 8;
    const bytes = round(bullets.snapshotBytes) + round(enemies.snapshotBytes) + 32 + 8;
    expect([ring.capacity, ring.snapshotBytes, ring.byteLength, ring.length]).toEqual([
      3,
      bytes,
      3 * bytes,
      0,
    ]);
  });

  it('restore(k) brings back the k-th newest of the last N pushes, pools and buffers alike', () => {
    const { ring, tick, state } = world();
    const states = [];
    for (let t = 0; t < 5; t++) {
      tick(t);
      ring.push();
      states.push(state());
    }
    expect(ring.length).toBe(3);
    tick(99);
    for (const k of [0, 2, 1]) {
      ring.restore(k);
      expect(state()).toEqual(states[4 - k]);
    }
    expectRangeError(() => ring.restore(3), /^k must be a whole number below the 3 snapshots held/);
  });

  it('drop forgets the newest: rewinding is drop(1) then restore(0), and play resumes from there', () => {
    const { ring, tick, state } = world();
    const states = [];
    for (let t = 0; t < 3; t++) {
      tick(t);
      ring.push();
      states.push(state());
    }
    ring.drop(1);
    ring.restore(0);
    expect([ring.length, state()]).toEqual([2, states[1]]);
    tick(50);
    ring.push();
    ring.restore(1);
    expect(state()).toEqual(states[1]);
    ring.drop(ring.length);
    expect(ring.length).toBe(0);
    expectRangeError(() => ring.drop(1), /^count must be a whole number from 0 to 0/);
  });

  it('checks every pool before restoring any: one that refuses leaves all as they were', () => {
    const owner = new MemoryPool({ capacity: 8, shared: true });
    const plain = new MemoryPool({ capacity: 8 });
    const reader = MemoryPool.attach(owner.share());
    const ring = new SnapshotRing({ capacity: 2, pools: [plain, reader] });
    ring.push();
    allocMany(plain, 3);
    expect(thrownBy(() => ring.restore(0))).toBeInstanceOf(NotOwnerError);
    expect(plain.live).toBe(3);
  });

  it('a pool that grew past the room reserved for it makes push throw, naming it; nothing is written', () => {
    const pool = new MemoryPool({ capacity: 2, growable: true, maxCapacity: 64 });
    const ship = new Float32Array(1);
    const ring = new SnapshotRing({ capacity: 2, pools: [pool], buffers: [ship] });
    ring.push();
    allocMany(pool, 3);
    expectRangeError(() => ring.push(), /^pools\[0\] grew to 4 slots/);
    expect(ring.length).toBe(1);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['no options', () => new SnapshotRing(undefined as never), /^options/],
    ['capacity 0', () => new SnapshotRing({ capacity: 0 }), /^capacity/],
    ['capacity 1.5', () => new SnapshotRing({ capacity: 1.5 }), /^capacity/],
    [
      'pools not an array',
      () => new SnapshotRing({ capacity: 1, pools: {} as never }),
      /^pools must be an array/,
    ],
    ['a pool that is not one', () => new SnapshotRing({ capacity: 1, pools: [{}] as never }), /^pools\[0\]/],
    [
      'a buffer that is not a view',
      () => new SnapshotRing({ capacity: 1, buffers: [[1]] as never }),
      /^buffers\[0\]/,
    ],
    [
      'a view of a resizable buffer',
      () =>
        new SnapshotRing({
          capacity: 1,
          buffers: [new Uint8Array(new ArrayBuffer(8, { maxByteLength: 16 }))],
        }),
      /^buffers\[0\]/,
    ],
    [
      'more bytes than a ring may reserve',
      () => new SnapshotRing({ capacity: 2 ** 24, buffers: [new Float64Array(1024)] }),
      /^capacity/,
    ],
  ])('refuses %s, naming it', (_what, make, name) => {
    const error = thrownBy(make) as Error;
    expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
    expect(error.message).toMatch(name);
  });

  it('an empty ring is harmless', () => {
    const ring = new SnapshotRing({ capacity: 4 });
    ring.push();
    ring.restore(0);
    expect([ring.length, ring.byteLength]).toEqual([1, 0]);
    expectTypeError(() => new SnapshotRing({ capacity: 1, buffers: 'x' as never }), /^buffers/);
  });
});

describe('SnapshotRing with a memory budget', () => {
  /** A pool whose used slots (and so its snapshots' size) follow `live`. */
  function sized() {
    const pool = new MemoryPool({ capacity: 4096, fields: { x: 'f32', y: 'f32' } });
    const tag = new Float64Array(1);
    const setLive = (live: number, t: number) => {
      while (pool.live > live) pool.free(pool.handleAt(pool.live - 1));
      while (pool.live < live) pool.alloc();
      for (let s = 0; s < pool.live; s++) pool.fields.x[s] = t + s;
      tag[0] = t;
    };
    const state = () => ({ pool: poolState(pool), tag: tag[0] });
    return { pool, tag, setLive, state };
  }

  it('reserves the budget, and keeps small snapshots in a fraction of what whole ones take', () => {
    const { pool, tag, setLive } = sized();
    const whole = new SnapshotRing({ capacity: 50, pools: [pool], buffers: [tag] });
    const budget = new SnapshotRing({
      capacity: 50,
      pools: [pool],
      buffers: [tag],
      bytes: whole.snapshotBytes * 8,
    });
    expect(budget.byteLength).toBe(whole.snapshotBytes * 8);
    expect(budget.snapshotBytes).toBe(whole.snapshotBytes);
    for (let t = 0; t < 60; t++) {
      setLive(10, t);
      whole.push();
      budget.push();
    }
    expect([whole.length, budget.length]).toEqual([50, 50]);
    expect(budget.usedBytes).toBeLessThan(whole.usedBytes / 10);
    expect(whole.usedBytes).toBe(50 * whole.snapshotBytes);
  });

  it('holds as many of the newest as fit: big snapshots evict the oldest', () => {
    const { pool, tag, setLive, state } = sized();
    const probe = new SnapshotRing({ capacity: 1, pools: [pool], buffers: [tag] });
    const ring = new SnapshotRing({
      capacity: 100,
      pools: [pool],
      buffers: [tag],
      bytes: 8 * probe.snapshotBytes,
    });
    const states = [];
    for (let t = 0; t < 40; t++) {
      setLive(t < 20 ? 50 : 4000, t);
      ring.push();
      states.push(state());
    }
    expect(ring.length).toBeLessThan(40);
    expect(ring.length).toBeGreaterThan(5);
    expect(ring.usedBytes).toBeLessThanOrEqual(ring.byteLength);
    for (let k = 0; k < ring.length; k++) {
      ring.restore(k);
      expect(state()).toEqual(states[39 - k]);
    }
  });

  it('matches a model under random pushes of every size, drops and restores', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('push' as const), live: fc.integer({ min: 0, max: 4096 }) }),
            fc.record({ op: fc.constant('drop' as const), n: fc.integer({ min: 0, max: 4 }) }),
            fc.record({ op: fc.constant('restore' as const), k: fc.integer({ min: 0, max: 12 }) }),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (ops, capacity, wholes) => {
          const { pool, tag, setLive, state } = sized();
          const probe = new SnapshotRing({ capacity: 1, pools: [pool], buffers: [tag] });
          const ring = new SnapshotRing({
            capacity,
            pools: [pool],
            buffers: [tag],
            bytes: wholes * probe.snapshotBytes,
          });
          // The model: every state pushed and not dropped, newest last; the ring holds a suffix of it.
          const model: ReturnType<typeof state>[] = [];
          ops.forEach((o, t) => {
            if (o.op === 'push') {
              setLive(o.live, t);
              ring.push();
              model.push(state());
              // Whatever else goes, the newest stays: a whole snapshot's room is always made.
              expect(ring.length).toBeGreaterThan(0);
            } else if (o.op === 'drop') {
              const n = Math.min(o.n, ring.length);
              ring.drop(n);
              model.length -= n;
            } else if (o.k < ring.length) {
              ring.restore(o.k);
              expect(state()).toEqual(model[model.length - 1 - o.k]);
            }
            expect(ring.length).toBeLessThanOrEqual(Math.min(capacity, model.length));
            expect(ring.usedBytes).toBeLessThanOrEqual(ring.byteLength);
          });
          for (let k = 0; k < ring.length; k++) {
            ring.restore(k);
            expect(state()).toEqual(model[model.length - 1 - k]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([[0], [100], [1.5], ['1e6'], [2 ** 35]])('refuses bytes %o, naming it', (bytes) => {
    const pool = new MemoryPool({ capacity: 64, fields: { x: 'f32' } });
    expectRangeError(
      () => new SnapshotRing({ capacity: 4, pools: [pool], bytes: bytes as number }),
      /^bytes must be a whole number from \d+ \(one snapshot at full capacity\)/,
    );
  });
});
