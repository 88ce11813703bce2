/**
 * Debug mode of both bump allocators (after Zig's DebugAllocator): it records where each allocation
 * since the last reset was made, reports out-of-order frees, and changes no result.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ArenaAllocator,
  type BumpAllocator,
  type BumpAllocatorOptions,
  type DebugReport,
  FixedBufferAllocator,
  TypedList,
} from '../../src/memory/index.ts';
import { arenaState } from './helpers.ts';

const KINDS: Array<[string, (options: BumpAllocatorOptions) => BumpAllocator]> = [
  ['FixedBufferAllocator', (options) => new FixedBufferAllocator(1024, options)],
  [
    'ArenaAllocator',
    (options) => new ArenaAllocator({ initialBytes: 64, chunkBytes: 64, maxBytes: 1024, ...options }),
  ],
];

/** This file's name: every recorded site must point here, past framepool's own frames. */
const HERE = /debug\.test\.ts/;

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(KINDS)('%s debug mode', (_kind, make) => {
  it('is off by default: nothing recorded, nothing reported', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const arena = make({});
    const first = arena.alloc(8);
    arena.alloc(8);
    arena.free(first, 8);
    expect(arena.debug).toBe(false);
    expect(arena.allocations()).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('records every allocation since the last reset, with the caller as its site', () => {
    const arena = make({ debug: true });
    expect(arena.debug).toBe(true);
    const a = arena.alloc(10);
    const b = arena.allocF64(2);
    const c = arena.tryAllocU8(3);
    expect(arena.tryAlloc(1 << 20)).toBe(-1);
    const records = arena.allocations();
    expect(records.map((r) => [r.offset, r.byteLength])).toEqual([
      [a, 10],
      [b * 8, 16],
      [c, 3],
    ]);
    for (const record of records) {
      expect(record.site.split('\n')[0]).toMatch(HERE);
      expect(record.site).not.toMatch(/BumpAllocator\.|FixedBufferAllocator\.|ArenaAllocator\./);
      expect(record.site.split('\n').length).toBeLessThanOrEqual(4);
    }
    arena.reset();
    expect(arena.allocations()).toEqual([]);
  });

  it('follows rollback, free of the last allocation and resize', () => {
    const arena = make({ debug: true });
    arena.alloc(8);
    const mark = arena.mark();
    const b = arena.alloc(8);
    const c = arena.alloc(16);
    arena.resize(c, 16, 40);
    expect(arena.allocations().map((r) => r.byteLength)).toEqual([8, 8, 40]);
    arena.resize(c, 40, 4);
    expect(arena.allocations().map((r) => r.byteLength)).toEqual([8, 8, 4]);
    arena.free(c, 4);
    expect(arena.allocations().map((r) => r.offset)).toEqual([0, b]);
    arena.rollback(mark);
    expect(arena.allocations().map((r) => r.offset)).toEqual([0]);
  });

  it('reports an out-of-order free with where the block was made and freed; the free does nothing', () => {
    const reports: DebugReport[] = [];
    const arena = make({ debug: true, onReport: (report) => reports.push(report) });
    const first = arena.alloc(8);
    arena.alloc(8);
    const before = arenaState(arena);
    arena.free(first, 8);
    expect(arenaState(arena)).toEqual(before);
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect([report.kind, report.offset, report.byteLength]).toEqual(['out-of-order-free', first, 8]);
    expect(report.allocatedAt).toMatch(HERE);
    expect(report.freedAt).toMatch(HERE);
    expect(report.message).toMatch(/out of order/);
  });

  it('reports to console.warn unless told otherwise', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const arena = make({ debug: true });
    const first = arena.alloc(8);
    arena.alloc(8);
    arena.free(first, 8);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/out of order[\s\S]*allocated at:[\s\S]*freed at:/);
  });

  it('a TypedList that moves frees its old block out of order: debug mode says so', () => {
    const reports: DebugReport[] = [];
    const arena = make({ debug: true, onReport: (report) => reports.push(report) });
    const list = new TypedList(arena, 'i32', 2);
    list.push(1);
    arena.alloc(4);
    list.push(2);
    list.push(3);
    expect(reports.map((r) => r.byteLength)).toEqual([8]);
    expect(reports[0].allocatedAt.split('\n')[0]).toMatch(HERE);
  });

  it('changes no result: the same calls give the same offsets and state as in release', () => {
    const script = (arena: BumpAllocator) => {
      const out: number[] = [];
      out.push(arena.alloc(5, 1), arena.alloc(12, 8), arena.tryAllocF32(7));
      const mark = arena.mark();
      out.push(arena.alloc(100, 16), arena.tryAlloc(4096));
      arena.rollback(mark);
      const last = arena.alloc(24);
      arena.resize(last, 24, 300);
      out.push(arena.alloc(3, 1));
      arena.reset();
      out.push(arena.alloc(9));
      return out;
    };
    const release = make({});
    const debug = make({ debug: true, onReport: () => {} });
    expect(script(debug)).toEqual(script(release));
    expect(arenaState(debug)).toEqual(arenaState(release));
  });
});
