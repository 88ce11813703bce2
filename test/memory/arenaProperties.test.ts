/**
 * Property tests of the arenas: random command sequences run against FixedBufferAllocator and
 * ArenaAllocator and against a tiny reference model that says what each command must do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  type BumpAllocator,
  FixedBufferAllocator,
  OutOfMemoryError,
} from '../../src/memory/index.ts';
import { arenaState, type Block, PROPERTY_RUNS as RUNS } from './helpers.ts';

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
