/**
 * Garbage in the profiler, with a fake heap and a fake collector whose every byte and pause the test
 * decides: per-system and per-tick heap bytes with the reader's own cost taken out, collections placed
 * in the tick and the systems they fell inside, dropped figures, totals and the summaries.
 */
import { describe, expect, it } from 'vitest';
import { GC_KIND, type GcSource, summarize, toCsv } from '../../src/profiler/index.ts';
import { makeRig } from './helpers.ts';

/** A heap the test allocates from, whose every reading costs `readCost` bytes after it is taken (as v8's does). */
class FakeHeap {
  used = 1_000_000;
  constructor(readonly readCost = 0) {}
  readonly read = (): number => {
    const reading = this.used;
    this.used += this.readCost;
    return reading;
  };
  alloc(bytes: number): void {
    this.used += bytes;
  }
}

/** A collector the test reports pauses from, at times on the rig's fake clock. */
class FakeCollector implements GcSource {
  private readonly events: number[][] = [];
  get count(): number {
    return this.events.length;
  }
  read(index: number, out: Float64Array): boolean {
    const event = this.events[index];
    if (event === undefined) return false;
    out.set(event);
    return true;
  }
  report(startMs: number, durationMs: number, kind: number = GC_KIND.minor): void {
    this.events.push([startMs, durationMs, kind]);
  }
}

function garbageRig(readCost = 0) {
  const heap = new FakeHeap(readCost);
  const collector = new FakeCollector();
  const rig = makeRig({ heap: heap.read, gc: collector });
  return { ...rig, heap, collector };
}
type GarbageRig = ReturnType<typeof garbageRig>;

/**
 * One tick of 10 ms: 1 ms outside systems, then spawn (2 ms), physics (3 ms), render (4 ms), allocating
 * `bytes[i]` in system i and `outside` bytes before the first. Returns the tick's start time.
 */
function tick(rig: GarbageRig, bytes: readonly number[], outside = 0): number {
  const { profiler, clock, heap, arena } = rig;
  arena.reset();
  const start = clock.now;
  profiler.beginTick();
  heap.alloc(outside);
  clock.advance(1);
  bytes.forEach((b, id) => {
    profiler.beginSystem(id);
    heap.alloc(b);
    clock.advance(id + 2);
    profiler.endSystem(id);
  });
  profiler.endTick(0);
  return start;
}

const series = (rig: GarbageRig) => {
  const snapshot = rig.profiler.snapshot();
  return {
    snapshot,
    tick: Array.from(snapshot.ticks.garbage),
    collections: Array.from(snapshot.ticks.collections),
    pauseMs: Array.from(snapshot.ticks.pauseMs),
    systems: snapshot.systems.map((s) => Array.from(s.series.garbage)),
    hits: snapshot.systems.map((s) => Array.from(s.series.collections)),
  };
};

describe('garbage per system and per tick', () => {
  it.each([0, 376, 616])(
    'records exactly what each system and the tick allocated, the reader costing %i B a read',
    (readCost) => {
      const rig = garbageRig(readCost);
      tick(rig, [100, 0, 4096], 24);
      tick(rig, [40, 8, 0]);
      const { tick: perTick, systems } = series(rig);
      expect(systems).toEqual([
        [100, 40],
        [0, 8],
        [4096, 0],
      ]);
      // The tick's figure is its systems' sum: the 24 B between them are not a system's.
      expect(perTick).toEqual([100 + 4096, 48]);
    },
  );

  it('adds up the runs of a system that runs twice in a tick', () => {
    const rig = garbageRig(376);
    const { profiler, heap } = rig;
    profiler.beginTick();
    for (const bytes of [32, 64]) {
      profiler.beginSystem(1);
      heap.alloc(bytes);
      profiler.endSystem(1);
    }
    profiler.endTick(0);
    expect(series(rig).systems[1]).toEqual([96]);
  });

  it('drops a figure that came out negative (the heap shrank: a collection ran), even with no report', () => {
    const rig = garbageRig();
    const { profiler, heap } = rig;
    profiler.beginTick();
    profiler.beginSystem(0);
    heap.alloc(-50_000);
    profiler.endSystem(0);
    profiler.beginSystem(1);
    heap.alloc(80);
    profiler.endSystem(1);
    profiler.endTick(0);
    const { tick: perTick, systems } = series(rig);
    expect(systems.map((s) => s[0])).toEqual([Number.NaN, 80, 0]);
    expect(perTick).toEqual([Number.NaN]);
  });

  it('records NaN (not measured), never 0, without a heap reader; the CSV leaves those cells empty', () => {
    const rig = makeRig();
    rig.profiler.beginTick();
    rig.profiler.beginSystem(0);
    rig.profiler.endSystem(0);
    rig.profiler.endTick(0);
    const snapshot = rig.profiler.snapshot();
    expect(Array.from(snapshot.ticks.garbage)).toEqual([Number.NaN]);
    expect(snapshot.systems.map((s) => s.series.garbage[0])).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(Array.from(snapshot.ticks.collections)).toEqual([Number.NaN]);
    expect(snapshot.gc).toEqual({
      collections: Number.NaN,
      minor: Number.NaN,
      major: Number.NaN,
      pauseMs: Number.NaN,
    });
    const [header, row] = toCsv(snapshot).trimEnd().split('\n');
    const cells = Object.fromEntries(header.split(',').map((key, i) => [key, row.split(',')[i]]));
    expect(cells['heap.garbage']).toBe('');
    expect(cells['system.spawn.garbage']).toBe('');
    expect(cells['gc.collections']).toBe('');
    const report = summarize(snapshot);
    expect(report.systems[0].garbage.count).toBe(0);
    expect(report.garbageAdvice).toEqual([]);
  });
});

describe('collections, reported late', () => {
  it('marks the tick and drops the figures of the systems a collection began inside, at the next beginTick', () => {
    const rig = garbageRig();
    const t0 = tick(rig, [100, 200, 300]);
    // Inside physics (it runs from 3 ms to 6 ms into the tick), reported after the tick.
    rig.collector.report(t0 + 4, 0.5);
    expect(series(rig).systems.map((s) => s[0])).toEqual([100, Number.NaN, 300]);
    tick(rig, [1, 2, 3]);
    const after = series(rig);
    expect(after.tick).toEqual([Number.NaN, 6]);
    expect(after.collections).toEqual([1, 0]);
    expect(after.pauseMs).toEqual([0.5, 0]);
    expect(after.systems).toEqual([
      [100, 1],
      [Number.NaN, 2],
      [300, 3],
    ]);
    expect(after.hits).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
    expect(after.snapshot.gc).toEqual({ collections: 1, minor: 1, major: 0, pauseMs: 0.5 });
  });

  it('a marking step adds pause but spoils nothing; a collection between systems marks the tick, spoiling no figure', () => {
    const rig = garbageRig();
    const t0 = tick(rig, [100, 200, 300]);
    rig.collector.report(t0 + 4, 0.25, GC_KIND.step);
    rig.collector.report(t0 + 0.5, 2, GC_KIND.major);
    const { tick: perTick, systems, collections, pauseMs, snapshot } = series(rig);
    expect(systems.map((s) => s[0])).toEqual([100, 200, 300]);
    expect(perTick).toEqual([600]);
    expect(collections).toEqual([1]);
    expect(pauseMs).toEqual([2.25]);
    expect(snapshot.gc).toEqual({ collections: 1, minor: 0, major: 1, pauseMs: 2.25 });
  });

  it('counts a collection between ticks in the totals only, and none from before the first tick or after disabling', () => {
    const rig = garbageRig();
    rig.collector.report(-5, 1);
    const t0 = tick(rig, [1, 1, 1]);
    rig.clock.advance(3);
    rig.collector.report(t0 + 11, 1);
    tick(rig, [1, 1, 1]);
    rig.profiler.enabled = false;
    rig.clock.advance(100);
    rig.collector.report(rig.clock.now - 50, 1);
    rig.profiler.enabled = true;
    tick(rig, [1, 1, 1]);
    const { collections, snapshot } = series(rig);
    expect(collections).toEqual([0, 0, 0]);
    expect(snapshot.gc.collections).toBe(1);
  });

  it('corrects a tick still in the window and counts one that has left it in the totals only', () => {
    const heap = new FakeHeap();
    const collector = new FakeCollector();
    const rig = { ...makeRig({ heap: heap.read, gc: collector, window: 2 }), heap, collector };
    const starts = [tick(rig, [1, 1, 1]), tick(rig, [1, 1, 1]), tick(rig, [1, 1, 1])];
    collector.report(starts[0] + 4, 1);
    collector.report(starts[1] + 4, 1);
    const { collections, systems, snapshot } = series(rig);
    expect(collections).toEqual([1, 0]);
    expect(systems[1]).toEqual([Number.NaN, 1]);
    expect(snapshot.gc.collections).toBe(2);
  });

  it('forgets reported collections on clear(), late reports of earlier ones included', () => {
    const rig = garbageRig();
    const t0 = tick(rig, [1, 1, 1]);
    rig.collector.report(t0 + 2, 1);
    rig.profiler.clear();
    rig.collector.report(t0 + 3, 1);
    tick(rig, [1, 1, 1]);
    const { collections, snapshot } = series(rig);
    expect(collections).toEqual([0]);
    expect(snapshot.gc.collections).toBe(0);
  });
});

describe('the garbage summaries', () => {
  it('give p50/p99 of garbage per system over the ticks that count, collections and pause per minute of game time, and advice', () => {
    const rig = garbageRig(376);
    for (let i = 0; i < 100; i++) {
      const start = tick(rig, [0, 1024 + (i % 10), 31_744]);
      // A minor collection inside `render` every tenth tick.
      if (i % 10 === 9) rig.collector.report(start + 7, 1.5);
    }
    const report = summarize(rig.profiler.snapshot(), { dt: 1 / 60 });
    const [spawn, physics, render] = report.systems;
    expect(spawn.garbage).toMatchObject({ count: 100, mean: 0, p99: 0 });
    expect(physics.garbage).toMatchObject({ count: 100, p50: 1028, p99: 1033 });
    expect(render.garbage).toMatchObject({ count: 90, mean: 31_744, p99: 31_744 });
    expect(render.collections).toBe(10);
    // 10 collections in 100 ticks of 1/60 s (1/36 of a minute): 360 a minute; 15 ms of pause: 540 ms.
    expect(report.gc).toMatchObject({ collections: 10, minor: 10, ticksMarked: 10 });
    expect(report.gc.perMinute).toBeCloseTo(360, 9);
    expect(report.gc.pauseMsPerMinute).toBeCloseTo(540, 9);
    expect(report.garbageAdvice.map((a) => a.name)).toEqual(['render', 'physics']);
    expect(report.garbageAdvice[0].message).toBe(
      'render creates 31.0 KiB of garbage per tick (≈ 349 minor GCs a minute); ' +
        'holding it in the frame arena needs ≈ 31.0 KiB, recommend 40.0 KiB',
    );
  });
});
