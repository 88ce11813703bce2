/**
 * Property tests: random command sequences run against the real allocator and pool and against tiny
 * reference models that say what each command must do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  type BumpAllocator,
  FixedBufferAllocator,
  MemoryPool,
  OutOfMemoryError,
  StaleHandleError,
  TypedList,
  VIEW_BYTES,
  type ViewType,
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
  | { op: 'reset' }
  | { op: 'resetMode'; mode: 'retainCapacity' | 'freeAll' | number };

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

/** The arena's ops: the fixed buffer's, and resets in Zig's three modes. */
const growingOpArb: fc.Arbitrary<ArenaOp> = fc.oneof(
  { weight: 20, arbitrary: arenaOpArb },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('resetMode' as const),
      mode: fc.oneof(fc.constantFrom('retainCapacity' as const, 'freeAll' as const), fc.nat(200)),
    }),
  },
);

/** A live allocation as the model sees it; `tag` is written into its bytes to catch overlaps. */
interface Block {
  offset: number;
  size: number;
  align: number;
  tag: number;
}

/** `bytes` in whole 8-byte words: the arena's unit of commitment. */
const words = (bytes: number) => Math.ceil(bytes / 8) * 8;

/**
 * The reference model: nothing but `used`, the counters, the live blocks and, for a growing arena,
 * the committed bytes (one chunk per step, just enough for a larger request, whole 8-byte words).
 */
class ArenaModel {
  committed: number;
  used = 0;
  highWater = 0;
  allocCount = 0;
  failureCount = 0;
  blocks: Block[] = [];
  marks: number[] = [];
  private nextTag = 1;

  constructor(
    readonly maxBytes: number,
    readonly growth: { initialBytes: number; chunkBytes: number } | null = null,
  ) {
    this.committed = growth === null ? maxBytes : words(growth.initialBytes);
  }

  get capacity(): number {
    return Math.min(this.committed, this.maxBytes);
  }

  /** Whether `end` fits, committing what a growing arena needs for it. */
  fits(end: number): boolean {
    if (end > this.maxBytes) return false;
    if (end > this.capacity && this.growth !== null) {
      const wanted =
        end - this.committed <= this.growth.chunkBytes ? this.committed + this.growth.chunkBytes : end;
      this.committed = Math.min(words(wanted), words(this.maxBytes));
    }
    return true;
  }

  /** Where an allocation of `size` at `align` lands, or -1 (and a counted failure) if it does not fit. */
  alloc(size: number, align: number): Block | null {
    const offset = Math.ceil(this.used / align) * align;
    if (!this.fits(offset + size)) {
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
    if (size > block.size && !this.fits(block.offset + size)) return false;
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

function writeTag(arena: BumpAllocator, block: Block): void {
  arena.u8.fill(block.tag, block.offset, block.offset + block.size);
}

/** Runs one command on both sides, asserting that the real allocator did what the model says. */
function step(arena: BumpAllocator, model: ArenaModel, cmd: ArenaOp): void {
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
    case 'resetMode': {
      model.reset();
      const keep =
        cmd.mode === 'retainCapacity'
          ? Infinity
          : cmd.mode === 'freeAll'
            ? words(model.growth!.initialBytes)
            : cmd.mode;
      if (keep < model.committed) model.committed = keep - (keep % 8);
      expect((arena as ArenaAllocator).reset(cmd.mode)).toBe(true);
      break;
    }
  }
}

function checkInvariants(arena: BumpAllocator, model: ArenaModel): void {
  expect([arena.used, arena.available, arena.capacity]).toEqual([
    model.used,
    model.capacity - model.used,
    model.capacity,
  ]);
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

describe('ArenaAllocator against the same model, growing', () => {
  it('random sequences, resets in every mode included, on arenas of every shape', () => {
    fc.assert(
      fc.property(
        fc
          .record({ maxBytes: fc.integer({ min: 1, max: 200 }), chunk: fc.nat(), initial: fc.nat() })
          .map(({ maxBytes, chunk, initial }) => ({
            maxBytes,
            chunkBytes: 1 + (chunk % maxBytes),
            initialBytes: initial % (maxBytes + 1),
          })),
        fc.boolean(),
        fc.array(growingOpArb, { maxLength: 60 }),
        (shape, poison, cmds) => {
          const arena = new ArenaAllocator({ ...shape, poison });
          const model = new ArenaModel(shape.maxBytes, shape);
          checkInvariants(arena, model);
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

// ---------------------------------------------------------------------------------------------
// TypedList against an array model, in an allocator shared with other allocations
// ---------------------------------------------------------------------------------------------

type ListOp =
  | { op: 'push' | 'tryPush'; value: number }
  | { op: 'pop' | 'clear' | 'mark' | 'reset' }
  | { op: 'set'; pick: number; value: number }
  | { op: 'addMany'; count: number; value: number }
  | { op: 'other'; size: number }
  | { op: 'rollback'; pick: number };

const valueArb = fc.integer({ min: 0, max: 200 });
const listOpArb: fc.Arbitrary<ListOp> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ op: fc.constantFrom('push' as const, 'tryPush' as const), value: valueArb }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('pop' as const, 'clear' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: valueArb }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('addMany' as const), count: fc.nat(20), value: valueArb }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('other' as const), size: fc.nat(24) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('mark' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rollback' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reset' as const) }) },
);

const listAllocatorArb = fc.oneof(
  fc.integer({ min: 0, max: 256 }).map((capacity) => () => new FixedBufferAllocator(capacity)),
  fc.record({ maxBytes: fc.integer({ min: 8, max: 512 }), chunkBytes: fc.integer({ min: 1, max: 64 }) }).map(
    ({ maxBytes, chunkBytes }) =>
      () =>
        new ArenaAllocator({ initialBytes: 0, chunkBytes: Math.min(chunkBytes, maxBytes), maxBytes }),
  ),
);

describe('TypedList against an array model', () => {
  it('random push / pop / set / addMany / clear among other allocations, rollbacks and resets', () => {
    fc.assert(
      fc.property(
        listAllocatorArb,
        fc.constantFrom('u8', 'i32', 'u32', 'f32', 'f64') as fc.Arbitrary<ViewType>,
        fc.nat(12),
        fc.array(listOpArb, { maxLength: 80 }),
        (makeAllocator, type, initialCapacity, cmds) => {
          const arena = makeAllocator();
          const list = new TypedList(arena, type, initialCapacity);
          const bytes = VIEW_BYTES[type];
          let items: number[] = [];
          let others: Block[] = [];
          const marks: number[] = [];
          let tag = 0;
          for (const cmd of cmds) {
            // Read before the command: after a release, the list's getters already show it started over.
            const held = list.capacity > 0;
            const blockEnd = (list.offset + list.capacity) * bytes;
            const failures = arena.failureCount;
            /** Moves `used` down to `end`: the list empties if that reached below its block. */
            const released = (end: number) => {
              if (held && end < blockEnd) items = [];
              others = others.filter((b) => b.offset + b.size <= end);
            };
            switch (cmd.op) {
              case 'push':
              case 'tryPush': {
                const ok = cmd.op === 'push' ? tryOrOom(() => list.push(cmd.value)) : list.tryPush(cmd.value);
                if (ok) items.push(cmd.value);
                else expect(arena.failureCount).toBe(failures + 1);
                break;
              }
              case 'pop':
                expect(list.pop()).toBe(items.pop());
                break;
              case 'clear':
                list.clear();
                items = [];
                break;
              case 'set': {
                if (items.length === 0) {
                  expect(() => list.set(cmd.pick, cmd.value)).toThrow(RangeError);
                  break;
                }
                const i = cmd.pick % items.length;
                list.set(i, cmd.value);
                items[i] = cmd.value;
                break;
              }
              case 'addMany': {
                const at = list.tryAddMany(cmd.count);
                if (at === -1) {
                  expect(arena.failureCount).toBe(failures + 1);
                  break;
                }
                for (let k = 0; k < cmd.count; k++) list.view[at + k] = cmd.value + k;
                for (let k = 0; k < cmd.count; k++) items.push((cmd.value + k) & (type === 'u8' ? 0xff : -1));
                break;
              }
              case 'other': {
                const offset = arena.tryAlloc(cmd.size, 1);
                if (offset !== -1) {
                  const block = { offset, size: cmd.size, align: 1, tag: ++tag & 0xff || 1 };
                  arena.u8.fill(block.tag, offset, offset + cmd.size);
                  others.push(block);
                }
                break;
              }
              case 'mark':
                marks.push(arena.mark());
                break;
              case 'rollback': {
                const mark = marks[cmd.pick % marks.length];
                if (mark === undefined || mark > arena.used) break;
                arena.rollback(mark);
                released(mark);
                break;
              }
              case 'reset':
                arena.reset();
                released(0);
                break;
            }
            // The list holds exactly the model's items, in a block of its own inside the used bytes.
            expect(list.length).toBe(items.length);
            for (let i = 0; i < items.length; i++) expect(list.get(i)).toBe(items[i]);
            const start = list.offset * bytes;
            const end = start + list.capacity * bytes;
            if (list.capacity > 0) expect(end).toBeLessThanOrEqual(arena.used);
            for (const b of others) {
              expect(arena.u8.subarray(b.offset, b.offset + b.size).every((x) => x === b.tag)).toBe(true);
              if (list.capacity > 0 && b.size > 0)
                expect(b.offset >= end || b.offset + b.size <= start).toBe(true);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** Runs `fn`; false when it threw OutOfMemoryError (anything else is rethrown). */
function tryOrOom(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof OutOfMemoryError) return false;
    throw error;
  }
}
