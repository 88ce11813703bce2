/**
 * Property tests: random command sequences run against the real allocator and pool and against tiny
 * reference models that say what each command must do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FixedBufferAllocator,
  MemoryPool,
  OutOfMemoryError,
  StaleHandleError,
} from '../../src/memory/index.ts';
import { arenaState, poolState } from './helpers.ts';

const RUNS = 1000;

// ---------------------------------------------------------------------------------------------
// FixedBufferAllocator against a model
// ---------------------------------------------------------------------------------------------

type ArenaOp =
  | { op: 'alloc' | 'tryAlloc'; size: number; align: number }
  | { op: 'typed'; count: number; shift: 0 | 2 | 3 }
  | { op: 'resize'; pick: number; size: number }
  | { op: 'free'; pick: number }
  | { op: 'mark' }
  | { op: 'rollback'; pick: number }
  | { op: 'reset' };

const alignArb = fc.constantFrom(1, 2, 4, 8, 16, 32, 64);
const arenaOpArb: fc.Arbitrary<ArenaOp> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('alloc' as const), size: fc.nat(40), align: alignArb }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('tryAlloc' as const), size: fc.nat(40), align: alignArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('typed' as const),
      count: fc.nat(10),
      shift: fc.constantFrom(0, 2, 3),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('resize' as const), pick: fc.nat(), size: fc.nat(60) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('mark' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rollback' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const) }) },
);

/** A live allocation as the model sees it; `tag` is written into its bytes to catch overlaps. */
interface Block {
  offset: number;
  size: number;
  align: number;
  tag: number;
}

/** The reference model: nothing but `used`, the counters and the live blocks. */
class ArenaModel {
  used = 0;
  highWater = 0;
  allocCount = 0;
  failureCount = 0;
  blocks: Block[] = [];
  marks: number[] = [];
  private nextTag = 1;

  constructor(readonly capacity: number) {}

  /** Where an allocation of `size` at `align` lands, or -1 (and a counted failure) if it does not fit. */
  alloc(size: number, align: number): Block | null {
    const offset = Math.ceil(this.used / align) * align;
    if (offset + size > this.capacity) {
      this.failureCount++;
      return null;
    }
    this.used = offset + size;
    this.highWater = Math.max(this.highWater, this.used);
    this.allocCount++;
    const block = { offset, size, align, tag: this.nextTag++ & 0xff || 1 };
    this.blocks.push(block);
    return block;
  }

  /** Zig's resize; returns the expected result. */
  resize(block: Block, size: number): boolean {
    if (block.offset + block.size !== this.used) {
      if (size > block.size) return false;
      block.size = size;
      return true;
    }
    if (block.offset + size > this.capacity) return false;
    block.size = size;
    this.setUsed(block.offset + size);
    return true;
  }

  free(block: Block): void {
    this.blocks.splice(this.blocks.indexOf(block), 1);
    if (block.offset + block.size === this.used) this.setUsed(block.offset);
  }

  reset(): void {
    this.setUsed(0);
  }

  /** Moves `used`; blocks past the new end die, a block straddling it is cut short. */
  setUsed(end: number): void {
    this.used = end;
    this.highWater = Math.max(this.highWater, end);
    this.blocks = this.blocks.filter((b) => b.offset <= end && (b.size === 0 || b.offset < end));
    for (const b of this.blocks) b.size = Math.min(b.size, end - b.offset);
  }
}

function writeTag(arena: FixedBufferAllocator, block: Block): void {
  arena.u8.fill(block.tag, block.offset, block.offset + block.size);
}

/** Runs one command on both sides, asserting that the real allocator did what the model says. */
function step(arena: FixedBufferAllocator, model: ArenaModel, cmd: ArenaOp): void {
  const before = arenaState(arena);
  const failed = () =>
    expect(arenaState(arena)).toEqual({ ...before, failureCount: before.failureCount + 1 });
  switch (cmd.op) {
    case 'alloc':
    case 'tryAlloc': {
      const block = model.alloc(cmd.size, cmd.align);
      if (cmd.op === 'alloc' && block === null) {
        expect(() => arena.alloc(cmd.size, cmd.align)).toThrow(OutOfMemoryError);
      } else {
        const offset =
          cmd.op === 'alloc' ? arena.alloc(cmd.size, cmd.align) : arena.tryAlloc(cmd.size, cmd.align);
        expect(offset).toBe(block === null ? -1 : block.offset);
      }
      if (block === null) failed();
      else writeTag(arena, block);
      break;
    }
    case 'typed': {
      const bytes = 1 << cmd.shift;
      const block = model.alloc(cmd.count * bytes, bytes);
      const typed = { 0: arena.tryAllocU8, 2: arena.tryAllocF32, 3: arena.tryAllocF64 }[cmd.shift];
      const index = typed.call(arena, cmd.count);
      expect(index).toBe(block === null ? -1 : block.offset / bytes);
      if (block === null) failed();
      else writeTag(arena, block);
      break;
    }
    case 'resize': {
      const block = model.blocks[cmd.pick % model.blocks.length];
      if (block === undefined) return;
      const oldSize = block.size;
      const expected = model.resize(block, cmd.size);
      expect(arena.resize(block.offset, oldSize, cmd.size)).toBe(expected);
      if (expected) writeTag(arena, block);
      else expect(arenaState(arena)).toEqual(before);
      break;
    }
    case 'free': {
      const block = model.blocks[cmd.pick % model.blocks.length];
      if (block === undefined) return;
      model.free(block);
      arena.free(block.offset, block.size);
      break;
    }
    case 'mark':
      expect(arena.mark()).toBe(model.used);
      model.marks.push(model.used);
      break;
    case 'rollback': {
      const mark = model.marks[cmd.pick % model.marks.length];
      if (mark === undefined) return;
      if (mark > model.used) {
        expect(() => arena.rollback(mark)).toThrow(RangeError);
        expect(arenaState(arena)).toEqual(before);
      } else {
        model.setUsed(mark);
        arena.rollback(mark);
      }
      break;
    }
    case 'reset':
      model.reset();
      arena.reset();
      break;
  }
}

function checkInvariants(arena: FixedBufferAllocator, model: ArenaModel): void {
  expect([arena.used, arena.available]).toEqual([model.used, model.capacity - model.used]);
  expect([arena.highWater, arena.allocCount, arena.failureCount]).toEqual([
    model.highWater,
    model.allocCount,
    model.failureCount,
  ]);
  const blocks = model.blocks.filter((b) => b.size > 0).sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    expect(b.offset % b.align).toBe(0);
    expect(b.offset + b.size).toBeLessThanOrEqual(model.used);
    if (i > 0) expect(blocks[i - 1].offset + blocks[i - 1].size).toBeLessThanOrEqual(b.offset);
    // Every live byte still holds what its owner wrote: nothing else was handed the same bytes.
    expect(arena.u8.subarray(b.offset, b.offset + b.size).every((x) => x === b.tag)).toBe(true);
  }
}

describe('FixedBufferAllocator against a reference model', () => {
  it('random alloc / tryAlloc / typed / resize / free / mark / rollback / reset sequences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 160 }),
        fc.boolean(),
        fc.array(arenaOpArb, { maxLength: 60 }),
        (capacity, poison, cmds) => {
          const arena = new FixedBufferAllocator(capacity, { poison });
          const model = new ArenaModel(capacity);
          for (const cmd of cmds) {
            step(arena, model, cmd);
            checkInvariants(arena, model);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

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
