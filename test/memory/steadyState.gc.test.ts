/**
 * Steady state makes no garbage: after a warm-up, thousands of game-like frames (arena reset, a few
 * hundred allocations written through the views, pool churn) leave the JS heap where it was and
 * trigger no garbage collection. Runs in the 'gc' project (its own process, --expose-gc).
 */
import { GCProfiler } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  ArenaAllocator,
  FixedBufferAllocator,
  MemoryPool,
  TextWriter,
  TypedList,
} from '../../src/memory/index.ts';

const WARM_UP_FRAMES = 2_000;
const FRAMES = 20_000;
const ALLOCS_PER_FRAME = 300;
const LIVE = 512;
const CHURN = 200;
const HEAP_TOLERANCE = 256 * 1024;

interface World {
  arena: FixedBufferAllocator;
  pool: MemoryPool<{ x: 'f32'; y: 'f32'; life: 'u16' }>;
  handles: Int32Array;
}

function makeWorld(): World {
  const arena = new FixedBufferAllocator(64 * 1024);
  const pool = new MemoryPool({ capacity: 1024, fields: { x: 'f32', y: 'f32', life: 'u16' } });
  const handles = new Int32Array(LIVE);
  for (let i = 0; i < LIVE; i++) handles[i] = pool.alloc();
  return { arena, pool, handles };
}

/** One frame: arena scratch work, then `CHURN` of the `LIVE` pool records die and are replaced. */
function frame(world: World, n: number): number {
  const { arena, pool, handles } = world;
  arena.reset();
  let sum = 0;
  for (let i = 0; i < ALLOCS_PER_FRAME; i++) {
    switch (i & 3) {
      case 0: {
        const at = arena.allocF32(4);
        arena.f32[at] = i;
        arena.f32[at + 3] = n;
        sum += arena.f32[at];
        break;
      }
      case 1: {
        const at = arena.allocU8(13);
        arena.u8[at + 12] = i;
        sum += arena.u8[at + 12];
        break;
      }
      case 2: {
        const at = arena.alloc(24, 16) >> 3;
        arena.f64[at] = i * 0.5;
        sum += arena.f64[at];
        break;
      }
      default: {
        const mark = arena.mark();
        const at = arena.allocI32(3);
        arena.i32[at + 2] = -i;
        sum -= arena.i32[at + 2];
        arena.rollback(mark);
      }
    }
  }
  // 13 is coprime to LIVE, so the CHURN indices of a frame are distinct.
  for (let k = 0; k < CHURN; k++) pool.free(handles[(n * 7 + k * 13) % LIVE]);
  for (let k = 0; k < CHURN; k++) {
    const h = pool.alloc();
    handles[(n * 7 + k * 13) % LIVE] = h;
    const s = pool.slotOf(h);
    pool.fields.x[s] = k;
    pool.fields.life[s] = n & 0xffff;
  }
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) pool.fields.y[s] += 1;
  return sum;
}

/** What `frame` returns, computed independently of the allocator. */
function expectedFrameSum(): number {
  let sum = 0;
  for (let i = 0; i < ALLOCS_PER_FRAME; i++) sum += [i, i & 0xff, i * 0.5, i][i & 3]; // the u8 write wraps
  return sum;
}

function collect(): number {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('run with --expose-gc (the gc project does)');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('steady state', () => {
  it(`${FRAMES} frames after warm-up grow the heap by less than ${HEAP_TOLERANCE / 1024} KiB and collect nothing`, () => {
    const world = makeWorld();
    let checksum = 0;
    for (let n = 0; n < WARM_UP_FRAMES; n++) checksum += frame(world, n);

    const before = collect();
    const profiler = new GCProfiler();
    profiler.start();
    for (let n = WARM_UP_FRAMES; n < WARM_UP_FRAMES + FRAMES; n++) checksum += frame(world, n);
    const stats = profiler.stop();
    const after = collect();

    // The loop did its work.
    expect(checksum).toBe(expectedFrameSum() * (WARM_UP_FRAMES + FRAMES));
    expect([world.pool.live, world.pool.failureCount, world.arena.failureCount]).toEqual([LIVE, 0, 0]);
    expect(world.arena.allocCount).toBe(
      (WARM_UP_FRAMES + FRAMES) * ((ALLOCS_PER_FRAME * 3) / 4 + ALLOCS_PER_FRAME / 4),
    );
    for (const h of world.handles) expect(world.pool.isAlive(h)).toBe(true);
    // And made no garbage.
    expect(after - before).toBeLessThan(HEAP_TOLERANCE);
    expect(stats.statistics.map((s) => s.gcType)).toEqual([]);
  });
});

/**
 * The new allocators' frame: a growing arena reset each frame, lists refilled (growing in place, and
 * one moving past a scratch allocation), a line of text written. After the first frames grew the
 * arena, nothing here may allocate on the JS heap.
 */
function listFrame(scratch: ArenaAllocator, lists: ListWorld, n: number): number {
  scratch.reset();
  const { xs, ids, text } = lists;
  for (let i = 0; i < 500; i++) xs.push(i * 0.5);
  scratch.alloc(64); // the next growth of ids moves it
  for (let i = 0; i < 300; i++) ids.push(n + i);
  text.clear().string('tick ').int(n, true).string(' · ').fixed(xs.get(499), 2).string(' ms');
  let sum = 0;
  for (let i = 0, at = xs.offset; i < xs.length; i++) sum += scratch.f32[at + i];
  return sum + ids.get(299) - n + text.length;
}

interface ListWorld {
  xs: TypedList<'f32'>;
  ids: TypedList<'i32'>;
  text: TextWriter;
}

describe('steady state of ArenaAllocator, TypedList and TextWriter', () => {
  it(`${FRAMES} frames after warm-up grow the heap by less than ${HEAP_TOLERANCE / 1024} KiB and collect nothing`, () => {
    const scratch = new ArenaAllocator({ initialBytes: 0, chunkBytes: 1024, maxBytes: 1 << 20 });
    const lists: ListWorld = {
      xs: new TypedList(scratch, 'f32', 16),
      ids: new TypedList(scratch, 'i32', 4),
      text: new TextWriter(scratch),
    };
    let checksum = 0;
    for (let n = 0; n < WARM_UP_FRAMES; n++) checksum += listFrame(scratch, lists, n);
    const capacity = scratch.capacity;

    const before = collect();
    const profiler = new GCProfiler();
    profiler.start();
    for (let n = WARM_UP_FRAMES; n < WARM_UP_FRAMES + FRAMES; n++) checksum += listFrame(scratch, lists, n);
    const stats = profiler.stop();
    const after = collect();

    // The loop did its work: every frame summed 0.5 * (0 + … + 499), its last id and its text.
    expect(checksum).toBeGreaterThan((WARM_UP_FRAMES + FRAMES) * (62_375 + 299));
    expect(lists.text.toString()).toMatch(/^tick 2\d,\d{3} · 249\.50 ms$/);
    expect([scratch.capacity, scratch.failureCount]).toEqual([capacity, 0]);
    expect(after - before).toBeLessThan(HEAP_TOLERANCE);
    expect(stats.statistics.map((s) => s.gcType)).toEqual([]);
  });
});
