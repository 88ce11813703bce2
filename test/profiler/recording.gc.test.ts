import { describe, expect, it } from 'vitest';
import { FixedBufferAllocator, MemoryPool } from '../../src/memory/index.ts';
import { type GcSource, type HeapReader, TickProfiler } from '../../src/profiler/index.ts';
import { createHeapReader, GcObserver } from '../../src/profiler/node/index.ts';

/**
 * Recording must not allocate: after construction and registration the profiler only writes numbers
 * into typed arrays it already has. These checks run with --expose-gc (vitest 'gc' project).
 */
const gc = (globalThis as { gc?: () => void }).gc;

function collect(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * A fake clock that is garbage-free itself: whole microseconds counted in an Int32Array, so every
 * reading is a small integer. (A clock returning a fractional number may box it — 16 B — when the
 * call is not inlined; performance.now() does so in Node 20. That cost is the clock's, not the
 * profiler's, and is what the default-clock case below tolerates.)
 */
function integerClock() {
  const time = new Int32Array(1);
  return {
    clock: () => time[0],
    advance: () => {
      time[0] += 16;
    },
  };
}

/** A game loop over a real arena and pool, written to be garbage-free itself (numbers only). */
function makeGame(tagging: boolean, clock?: () => number, garbage?: { heap: HeapReader; gc: GcSource }) {
  const arena = new FixedBufferAllocator(64 * 1024);
  const bullets = new MemoryPool({ capacity: 4096, fields: { x: 'f32', y: 'f32' } });
  const live = new Int32Array(4096);
  let count = 0;
  const profiler = new TickProfiler({
    arena,
    pools: { bullets },
    systems: ['spawn', 'move', 'cull'],
    tags: ['scratch'],
    tagging,
    ...(clock ? { clock } : {}),
    ...garbage,
  });
  const SPAWN = profiler.systemId('spawn');
  const MOVE = profiler.systemId('move');
  const CULL = profiler.systemId('cull');
  const SCRATCH = profiler.tagId('scratch');
  const tick = (n: number) => {
    arena.reset();
    profiler.beginTick();
    profiler.beginSystem(SPAWN);
    for (let i = 0; i < 8 && count < live.length; i++) live[count++] = bullets.alloc();
    arena.allocF32(64);
    profiler.endSystem(SPAWN);
    profiler.beginSystem(MOVE);
    const scratch = arena.allocF32(count);
    profiler.tag(SCRATCH, count * 4);
    for (let i = 0; i < count; i++) arena.f32[scratch + i] = i * 0.5;
    profiler.endSystem(MOVE);
    profiler.beginSystem(CULL);
    const mark = arena.mark();
    arena.alloc(256);
    arena.rollback(mark);
    while (count > 500 || (n % 97 === 0 && count > 0)) bullets.free(live[--count]);
    profiler.endSystem(CULL);
    profiler.endTick(count);
  };
  return { profiler, tick };
}

const WARMUP_TICKS = 30_000; // past the window (the rings wrap) and through the optimizing compiler
const TICKS = 20_000;
const ROUNDS = 8;

describe('recording is garbage-free', () => {
  it.each([
    { tagging: false, counting: false, label: 'tags off' },
    { tagging: true, counting: false, label: 'tags on' },
    { tagging: true, counting: true, label: "counting garbage with Node's heap reader and GC observer" },
  ])('allocates nothing per tick with a garbage-free clock ($label)', ({ tagging, counting }) => {
    expect(gc, 'run in the gc project (node --expose-gc)').toBeTypeOf('function');
    const time = integerClock();
    const observer = counting ? new GcObserver() : undefined;
    const { profiler, tick } = makeGame(
      tagging,
      time.clock,
      observer && { heap: createHeapReader(), gc: observer },
    );
    const run = (from: number, to: number) => {
      for (let n = from; n < to; n++) {
        time.advance();
        tick(n);
      }
    };
    run(0, WARMUP_TICKS);
    // No collection inside a round: anything allocated per tick is still counted at its end. The
    // test's own loop may run unoptimized for a while (on-stack replacement, a deopt), so the best of
    // a few rounds is what counts: a profiler that boxed one number per tick would allocate 16 B ×
    // 20,000 = 320 KB in every round. Measured: a few KB.
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < ROUNDS; round++) {
      const before = collect();
      const from = WARMUP_TICKS + round * TICKS;
      run(from, from + TICKS);
      best = Math.min(best, process.memoryUsage().heapUsed - before);
    }
    expect(profiler.totalTicks).toBe(WARMUP_TICKS + ROUNDS * TICKS);
    expect(best).toBeLessThan(64 * 1024);
    observer?.disconnect();
    if (!counting) return;
    // The game allocates nothing, and none of the profiler's own bytes (its heap readings included)
    // shows up as a system's garbage: every figure of the window is exactly 0.
    for (const system of profiler.snapshot().systems) {
      expect({ system: system.name, garbage: [...new Set(system.series.garbage)] }).toEqual({
        system: system.name,
        garbage: [0],
      });
    }
  });

  it('keeps the heap flat over thousands of ticks with the default clock', () => {
    // performance.now() itself returns a fresh heap number in Node 20 (16 B per read, measured), so
    // this case checks what survives a collection rather than what was allocated.
    const { profiler, tick } = makeGame(true);
    for (let n = 0; n < WARMUP_TICKS; n++) tick(n);
    const before = collect();
    for (let n = 0; n < TICKS; n++) tick(n);
    const retained = collect() - before;
    expect(profiler.ticks.tickMs.recent(0)).toBeGreaterThanOrEqual(0);
    expect(retained).toBeLessThan(64 * 1024);
  });
});
