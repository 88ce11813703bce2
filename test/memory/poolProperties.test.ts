/**
 * Property tests of MemoryPool: random command sequences against a model of its records, every handle
 * checked to stay on its record through frees, packing, walks and resets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryPool, StaleHandleError } from '../../src/memory/index.ts';
import { poolState, PROPERTY_RUNS as RUNS } from './helpers.ts';

// ---------------------------------------------------------------------------------------------
// MemoryPool against a model of its records
// ---------------------------------------------------------------------------------------------

/** How a loop over the records visits them while freeing some: the four ways the README allows. */
type Walk = 'forward' | 'backward' | 'nextLive' | 'forEachLive';

type PoolOp =
  | { op: 'alloc' }
  | { op: 'free'; pick: number }
  | { op: 'live' }
  | { op: 'walk'; walk: Walk; mask: number }
  | { op: 'reset' };

const poolOpArb: fc.Arbitrary<PoolOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('alloc' as const) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('live' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('walk' as const),
      walk: fc.constantFrom<Walk>('forward', 'backward', 'nextLive', 'forEachLive'),
      mask: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const) }) },
);

const poolShapeArb = fc
  .record({ capacity: fc.integer({ min: 1, max: 12 }), growable: fc.boolean(), extra: fc.nat(20) })
  .map(({ capacity, growable, extra }) => ({
    capacity,
    growable,
    maxCapacity: capacity + (growable ? extra : 0),
  }));

/** The model: each live handle's tag (written into its record), the budget, and the counters. */
class PoolModel {
  readonly tags = new Map<number, number>();
  capacity: number;
  highWater = 0;
  allocCount = 0;
  freeCount = 0;
  failureCount = 0;

  constructor(
    capacity: number,
    readonly maxCapacity: number,
  ) {
    this.capacity = capacity;
  }

  /** Whether one more record fits, growing (doubling) when it must; counts a refusal. */
  fits(): boolean {
    if (this.tags.size === this.capacity && this.capacity < this.maxCapacity) {
      this.capacity = Math.min(this.capacity * 2, this.maxCapacity);
    }
    if (this.tags.size < this.capacity) return true;
    this.failureCount++;
    return false;
  }

  add(handle: number, tag: number): void {
    this.tags.set(handle, tag);
    this.allocCount++;
    this.highWater = Math.max(this.highWater, this.tags.size);
  }

  remove(handle: number): void {
    this.tags.delete(handle);
    this.freeCount++;
  }
}

const FIELDS = { tag: 'u32', half: 'i16', wide: 'f64' } as const;
type TaggedPool = MemoryPool<typeof FIELDS>;

/** Writes `tag` into every field and the raw bytes of `handle`'s record. */
function tagRecord(pool: TaggedPool, handle: number, tag: number): void {
  const s = pool.slotOf(handle);
  pool.fields.tag[s] = tag;
  pool.fields.half[s] = -tag;
  pool.fields.wide[s] = tag + 0.5;
  pool.u32[pool.offsetOf(handle) >> 2] = tag * 3;
}

/** Every live handle reaches its own record, wherever the pool has moved it. */
function expectRecords(pool: TaggedPool, model: PoolModel): void {
  for (const [handle, tag] of model.tags) {
    const s = pool.slotOf(handle);
    expect([pool.fields.tag[s], pool.fields.half[s], pool.fields.wide[s]]).toEqual([tag, -tag, tag + 0.5]);
    expect(pool.u32[pool.offsetOf(handle) >> 2]).toBe(tag * 3);
  }
}

/**
 * Walks the records the way `walk` says, freeing the visited record when bit `tag % 31` of `mask` is
 * set; returns the handles visited, in order.
 */
function walkFreeing(pool: TaggedPool, model: PoolModel, walk: Walk, mask: number): number[] {
  const visited: number[] = [];
  const visit = (handle: number) => {
    expect(handle).not.toBe(-1);
    visited.push(handle);
    if ((mask >>> (model.tags.get(handle)! % 31)) & 1) {
      pool.free(handle);
      model.remove(handle);
    }
  };
  if (walk === 'forward') {
    for (let s = 0, n = pool.live; s < n; s++) visit(pool.handleAt(s));
  } else if (walk === 'backward') {
    for (let s = pool.live - 1; s >= 0; s--) visit(pool.handleAt(s));
  } else if (walk === 'nextLive') {
    for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) visit(pool.handleAt(s));
  } else {
    pool.forEachLive((slot, handle) => {
      expect(pool.handleAt(slot)).toBe(handle);
      visit(handle);
    });
  }
  return visited;
}

describe('MemoryPool against a model of its records', () => {
  it('alloc / free (stale frees included) / live / walks that free / reset keep every handle on its record', () => {
    fc.assert(
      fc.property(poolShapeArb, fc.array(poolOpArb, { maxLength: 80 }), (shape, cmds) => {
        const pool = new MemoryPool({ ...shape, fields: FIELDS, slotBytes: 4 });
        const model = new PoolModel(shape.capacity, shape.maxCapacity);
        const issued: number[] = [];
        let nextTag = 1;
        for (const cmd of cmds) {
          if (cmd.op === 'alloc') {
            const fits = model.fits();
            const taken = new Set([...model.tags.keys()].map((h) => pool.slotOf(h)));
            const handle = pool.tryAlloc();
            if (!fits) {
              expect(handle).toBe(-1);
            } else {
              // A new record never lands on a live one, and its handle was never handed out before.
              expect(taken.has(pool.slotOf(handle))).toBe(false);
              expect(issued).not.toContain(handle);
              tagRecord(pool, handle, nextTag);
              model.add(handle, nextTag++);
              issued.push(handle);
            }
          } else if (cmd.op === 'free') {
            const handle = issued[cmd.pick % issued.length];
            if (handle === undefined) continue;
            if (model.tags.has(handle)) {
              pool.free(handle);
              model.remove(handle);
            } else {
              const before = poolState(pool);
              expect(() => pool.free(handle)).toThrow(StaleHandleError);
              expect(poolState(pool)).toEqual(before);
            }
          } else if (cmd.op === 'live') {
            // Packed: the live records fill slots 0 .. live - 1.
            const live = pool.live;
            expect(live).toBe(model.tags.size);
            const atSlots = Array.from({ length: live }, (_, s) => pool.handleAt(s));
            expect(new Set(atSlots)).toEqual(new Set(model.tags.keys()));
            expect(pool.handleAt(live)).toBe(-1);
          } else if (cmd.op === 'walk') {
            const before = [...model.tags.keys()];
            const visited = walkFreeing(pool, model, cmd.walk, cmd.mask);
            // Every record once: none skipped, none visited twice.
            expect(visited.length).toBe(before.length);
            expect(new Set(visited)).toEqual(new Set(before));
          } else {
            pool.reset();
            for (const handle of [...model.tags.keys()]) model.remove(handle);
          }
          expect([pool.capacity, pool.available]).toEqual([model.capacity, model.capacity - model.tags.size]);
          expect([pool.highWater, pool.allocCount, pool.freeCount, pool.failureCount]).toEqual([
            model.highWater,
            model.allocCount,
            model.freeCount,
            model.failureCount,
          ]);
          for (const h of issued) expect(pool.isAlive(h)).toBe(model.tags.has(h));
          expectRecords(pool, model);
        }
        expect(pool.live).toBe(model.tags.size);
        expectRecords(pool, model);
      }),
      { numRuns: RUNS },
    );
  });
});
