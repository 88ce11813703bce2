/**
 * Snapshots against a model: random sequences of alloc, free, packing, snapshot and restore on pools
 * (fixed and growable, debug on and off) and arenas (both kinds). After a restore the state equals
 * the model's state at that snapshot, and every handle ever handed out is live or stale exactly as
 * it was then.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  type BumpAllocator,
  FixedBufferAllocator,
  MemoryPool,
} from '../../src/memory/index.ts';
import { PROPERTY_RUNS as RUNS } from './helpers.ts';

const FIELDS = { tag: 'u32', wide: 'f64' } as const;

type Op =
  | { op: 'alloc'; size: number }
  | { op: 'free'; pick: number }
  | { op: 'live' }
  | { op: 'snapshot' }
  | { op: 'restore'; pick: number }
  | { op: 'reset' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('alloc' as const), size: fc.nat(24) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('live' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('snapshot' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const) }) },
);

/** A pool's state as the model keeps it: each live handle's tag, the capacity and the counters. */
interface PoolModel {
  tags: Map<number, number>;
  capacity: number;
  counters: number[];
}

const copyModel = (m: PoolModel): PoolModel => ({ ...m, tags: new Map(m.tags), counters: [...m.counters] });

function expectPool(pool: MemoryPool<typeof FIELDS>, model: PoolModel, issued: readonly number[]): void {
  expect([pool.capacity, pool.available]).toEqual([model.capacity, model.capacity - model.tags.size]);
  expect([pool.highWater, pool.allocCount, pool.freeCount, pool.failureCount]).toEqual(model.counters);
  for (const h of issued) expect(pool.isAlive(h)).toBe(model.tags.has(h));
  for (const [handle, tag] of model.tags) {
    const s = pool.slotOf(handle);
    expect([pool.fields.tag[s], pool.fields.wide[s], pool.u8[pool.offsetOf(handle)]]).toEqual([
      tag,
      tag + 0.5,
      tag & 0xff,
    ]);
  }
}

describe('MemoryPool snapshots against a model', () => {
  it('after a restore, records, counters and every handle are as they were at that snapshot', () => {
    const shapeArb = fc.record({
      capacity: fc.integer({ min: 1, max: 12 }),
      growBy: fc.nat(40),
      debug: fc.boolean(),
    });
    fc.assert(
      fc.property(
        shapeArb,
        fc.array(opArb, { minLength: 20, maxLength: 80 }),
        ({ capacity, growBy, debug }, ops) => {
          const growable = growBy > 0;
          const maxCapacity = capacity + growBy;
          const pool = new MemoryPool({
            capacity,
            fields: FIELDS,
            slotBytes: 1,
            growable,
            maxCapacity,
            debug,
          });
          let model: PoolModel = { tags: new Map(), capacity, counters: [0, 0, 0, 0] };
          const snapshots: Array<{ bytes: Uint8Array; model: PoolModel }> = [];
          const issued: number[] = [];
          let tag = 1;
          for (const op of ops) {
            const [highWater, allocCount, freeCount, failureCount] = model.counters;
            if (op.op === 'alloc') {
              if (model.tags.size === model.capacity && model.capacity < maxCapacity && growable) {
                model.capacity = Math.min(2 * model.capacity, maxCapacity);
              }
              const handle = pool.tryAlloc();
              if (model.tags.size === model.capacity) {
                expect(handle).toBe(-1);
                model.counters[3] = failureCount + 1;
              } else {
                const s = pool.slotOf(handle);
                pool.fields.tag[s] = tag;
                pool.fields.wide[s] = tag + 0.5;
                pool.u8[pool.offsetOf(handle)] = tag & 0xff;
                model.tags.set(handle, tag++);
                model.counters = [
                  Math.max(highWater, model.tags.size),
                  allocCount + 1,
                  freeCount,
                  failureCount,
                ];
                issued.push(handle);
              }
            } else if (op.op === 'free') {
              const handle = issued[op.pick % issued.length];
              if (handle === undefined || !model.tags.has(handle)) continue;
              pool.free(handle);
              model.tags.delete(handle);
              model.counters[2] = freeCount + 1;
            } else if (op.op === 'live') {
              expect(pool.live).toBe(model.tags.size);
            } else if (op.op === 'snapshot') {
              const bytes = new Uint8Array(pool.snapshotBytes);
              pool.snapshot(bytes);
              snapshots.push({ bytes, model: copyModel(model) });
            } else if (op.op === 'restore') {
              const snapshot = snapshots[op.pick % snapshots.length];
              if (snapshot === undefined) continue;
              pool.restore(snapshot.bytes);
              model = copyModel(snapshot.model);
            } else {
              pool.reset();
              model.counters[2] = freeCount + model.tags.size;
              model.tags.clear();
            }
            expectPool(pool, model, issued);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 60_000);
});

/** An arena's state as the model keeps it: its bytes in use and its figures. */
interface ArenaModel {
  bytes: number[];
  highWater: number;
  allocCount: number;
  failureCount: number;
}

const arenaArb = fc.oneof(
  fc
    .integer({ min: 0, max: 256 })
    .map((capacity) => () => new FixedBufferAllocator(capacity) as BumpAllocator),
  fc
    .record({ maxBytes: fc.integer({ min: 1, max: 256 }), chunkBytes: fc.integer({ min: 1, max: 64 }) })
    .map(({ maxBytes, chunkBytes }) => () => {
      const arena = new ArenaAllocator({
        initialBytes: 0,
        chunkBytes: Math.min(chunkBytes, maxBytes),
        maxBytes,
      });
      return arena as BumpAllocator;
    }),
);

describe('arena snapshots against a model', () => {
  it('after a restore, the bytes in use, used, peak and counters are as they were at that snapshot', () => {
    fc.assert(
      fc.property(arenaArb, fc.array(opArb, { minLength: 20, maxLength: 60 }), (make, ops) => {
        const arena = make();
        let model: ArenaModel = { bytes: [], highWater: 0, allocCount: 0, failureCount: 0 };
        const snapshots: Array<{ bytes: Uint8Array; model: ArenaModel }> = [];
        let fill = 1;
        for (const op of ops) {
          if (op.op === 'alloc') {
            const at = arena.tryAlloc(op.size, 1);
            if (model.bytes.length + op.size > arena.maxBytes) {
              expect(at).toBe(-1);
              model.failureCount++;
            } else {
              for (let i = 0; i < op.size; i++) arena.u8[at + i] = fill + i;
              for (let i = 0; i < op.size; i++) model.bytes.push((fill + i) & 0xff);
              fill += 7;
              model.allocCount++;
              model.highWater = Math.max(model.highWater, model.bytes.length);
            }
          } else if (op.op === 'free') {
            const mark = op.pick % (model.bytes.length + 1);
            arena.rollback(mark);
            model.bytes.length = mark;
          } else if (op.op === 'snapshot') {
            const bytes = new Uint8Array(arena.snapshotBytes);
            arena.snapshot(bytes);
            snapshots.push({ bytes, model: { ...model, bytes: [...model.bytes] } });
          } else if (op.op === 'restore') {
            const snapshot = snapshots[op.pick % snapshots.length];
            if (snapshot === undefined) continue;
            arena.restore(snapshot.bytes);
            model = { ...snapshot.model, bytes: [...snapshot.model.bytes] };
          } else if (op.op === 'reset') {
            arena.reset();
            model.bytes.length = 0;
          }
          expect([arena.used, arena.highWater, arena.allocCount, arena.failureCount]).toEqual([
            model.bytes.length,
            model.highWater,
            model.allocCount,
            model.failureCount,
          ]);
          expect(Array.from(arena.u8.subarray(0, arena.used))).toEqual(model.bytes);
        }
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
