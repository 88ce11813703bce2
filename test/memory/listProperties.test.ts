/**
 * Property tests of TypedList: random command sequences against an array model, in an allocator shared
 * with other allocations, rollbacks and resets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  FixedBufferAllocator,
  OutOfMemoryError,
  TypedList,
  VIEW_BYTES,
  type ViewType,
} from '../../src/memory/index.ts';
import { type Block, PROPERTY_RUNS as RUNS } from './helpers.ts';

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
