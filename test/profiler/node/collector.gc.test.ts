/** Node's heap reader and GC observer, and the page's GC canary, against collections forced with --expose-gc. */
import { describe, expect, it } from 'vitest';
import { GC_KIND, GcCanary } from '../../../src/profiler/index.ts';
import { createHeapReader, GcObserver } from '../../../src/profiler/node/index.ts';

const collect = (globalThis as { gc?: () => void }).gc!;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

describe('createHeapReader', () => {
  it('reads the bytes a piece of code allocates, exactly: 2,000 {a, b} objects are 80,000 B', () => {
    const heap = createHeapReader();
    const objects = new Array(2000);
    const fill = () => {
      for (let i = 0; i < objects.length; i++) objects[i] = { a: i, b: i };
    };
    const samples: number[] = [];
    for (let run = 0; run < 300; run++) {
      const first = heap();
      const start = heap();
      fill();
      samples.push(heap() - start - (start - first));
    }
    // Once the JIT has settled, the median run: the objects' bytes, give or take a few boxed numbers of
    // the test's own loop under Vitest's module runner. (A run with a collection inside is off, by what
    // the collector freed: the profiler drops those by the collector's report.)
    const settled = samples.slice(100).sort((a, b) => a - b);
    expect(Math.abs(settled[settled.length >> 1] - 80_000)).toBeLessThanOrEqual(256);
  });
});

describe('GcObserver', () => {
  it('reports a forced collection as a major one, on the clock of performance.now(), after flush()', async () => {
    const observer = new GcObserver({ capacity: 16 });
    const before = performance.now();
    collect();
    const after = performance.now();
    expect(observer.count).toBe(0); // Node reports it after the task that ran
    await observer.flush();
    expect(observer.count).toBeGreaterThanOrEqual(1);
    const out = new Float64Array(3);
    expect(observer.read(0, out)).toBe(true);
    expect(out[0]).toBeGreaterThanOrEqual(before);
    expect(out[0]).toBeLessThanOrEqual(after);
    expect(out[1]).toBeGreaterThan(0);
    expect(out[2]).toBe(GC_KIND.major);
    expect(observer.read(observer.count, out)).toBe(false);
    observer.disconnect();
  });

  it('keeps the last `capacity` pauses: older ones read as gone', async () => {
    const observer = new GcObserver({ capacity: 16 });
    for (let i = 0; i < 20; i++) collect();
    await observer.flush();
    const count = observer.count;
    expect(count).toBeGreaterThan(16);
    const out = new Float64Array(3);
    expect(observer.read(count - 16, out)).toBe(true);
    expect(observer.read(count - 17, out)).toBe(false);
    expect(observer.read(-1, out)).toBe(false);
    expect(observer.read(0.5, out)).toBe(false);
    observer.disconnect();
  });

  it.each([
    [{ capacity: 15 }, RangeError],
    [{ capacity: 2 ** 20 + 1 }, RangeError],
    [{ capacity: 16.5 }, RangeError],
    [{ capacity: '64' }, TypeError],
    [null, TypeError],
  ])('refuses %o with a %o naming it', (options, type) => {
    expect(() => new GcObserver(options as never)).toThrow(type);
    expect(() => new GcObserver(options as never)).toThrow(options === null ? /options/ : /capacity/);
  });
});

describe('GcCanary', () => {
  it('counts collections that reclaim it, and allocates nothing while none happens', async () => {
    const time = new Int32Array(1);
    const canary = new GcCanary({ clock: () => time[0] });
    await nextTask();
    const none = canary.count;
    // Read every frame, as an overlay does: no collection, no count, and no byte allocated.
    const heap = createHeapReader();
    const frames = () => {
      let seen = 0;
      for (let frame = 0; frame < 1000; frame++) {
        time[0] += 16;
        seen += canary.count + canary.countWithin(10_000);
      }
      return seen;
    };
    for (let warm = 0; warm < 20; warm++) frames();
    // The least of a few runs: the test's own loop may still be compiling in one.
    let least = Number.POSITIVE_INFINITY;
    let seen = 0;
    for (let run = 0; run < 5; run++) {
      const first = heap();
      const start = heap();
      seen = frames();
      least = Math.min(least, heap() - start - (start - first));
    }
    expect(seen).toBe(1000 * none * 2);
    expect(least).toBe(0);
    expect(canary.count).toBe(none);
    for (let i = 0; i < 3; i++) {
      collect();
      await nextTask();
    }
    expect(canary.count).toBe(none + 3);
    expect(canary.countWithin(60_000)).toBe(none + 3);
    time[0] += 1;
    expect(canary.countWithin(0)).toBe(0);
    expect(canary.perMinute(60_000)).toBeGreaterThan(0);
    canary.dispose();
    collect();
    await nextTask();
    expect(canary.count).toBe(none + 3);
  });

  it('refuses bad options and arguments by name', () => {
    expect(() => new GcCanary({ capacity: 0 })).toThrow(/capacity/);
    expect(() => new GcCanary({ clock: 5 as never })).toThrow(/clock/);
    const canary = new GcCanary();
    expect(() => canary.countWithin(-1)).toThrow(/ms must be/);
    expect(() => canary.perMinute(0)).toThrow(/windowMs must be/);
    canary.dispose();
  });
});
