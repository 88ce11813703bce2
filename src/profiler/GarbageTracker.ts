import { requireFunction } from './checks.ts';
import type { SeriesStore } from './SeriesStore.ts';
import { seriesSlots } from './SeriesStore.ts';
import { SYSTEM_SERIES, TICK_SERIES } from './seriesTables.ts';
import { slotsOf } from './slots.ts';

/**
 * Bytes in use on the JS heap now. Only differences between readings matter, so any count of allocated
 * bytes that only a collection lowers will do. The profiler stays free of Node and DOM APIs:
 * `framepool/profiler/node` provides one (`createHeapReader`, v8's `used_heap_size`); in Chromium
 * `performance.memory.usedJSHeapSize` moves only with `--enable-precise-memory-info`.
 *
 * @example
 * import { getHeapStatistics } from 'node:v8';
 * const heap: HeapReader = () => getHeapStatistics().used_heap_size;
 */
export type HeapReader = () => number;

/** Throws a TypeError naming `heap` unless it is a function (or undefined: no garbage counting). */
export function requireHeapReader(heap: unknown): void {
  if (heap !== undefined) requireFunction('heap', heap);
}

const TICK = seriesSlots(TICK_SERIES);
const SYSTEM = seriesSlots(SYSTEM_SERIES);

const STATE_NAMES = ['start', 'readCost', 'end'] as const;
/** The open system's window: the reading it started from, the reader's own cost, the reading it ended at. */
const STATE = slotsOf(STATE_NAMES);

/**
 * The JS-heap part of a profile: per system and tick, the bytes allocated on the JS heap (the `garbage`
 * series), read from an injected {@link HeapReader} right inside each system's boundaries.
 *
 * A reading may itself allocate (v8's `getHeapStatistics()` builds an object after it has taken its
 * figure), and what it allocates depends on how the JIT compiled that call: about 400 B unoptimized,
 * nothing once inlined, since the object never escapes. So every system's window starts with two
 * readings back to back: their difference is the reader's own allocation at that call site, now, and is
 * taken out of the window, which then holds nothing of the profiler's. A tick's garbage is the sum of
 * its systems': what the game allocates between systems is not counted (profile it as a system), since
 * the profiler's own work there (its clock may box its readings) cannot be told apart from it.
 *
 * A collection inside a window frees memory and makes the difference meaningless: a window whose figure
 * comes out negative is dropped here at once (NaN); the collection tracker drops the rest when the
 * collector's report arrives.
 */
export class GarbageTracker {
  private readonly state = new Float64Array(STATE_NAMES.length);

  constructor(
    private readonly heap: HeapReader | undefined,
    private readonly ticks: SeriesStore<typeof TICK_SERIES>,
    private readonly systems: SeriesStore<typeof SYSTEM_SERIES>,
  ) {}

  /** Marks every system's figure unmeasured when there is no reader (after the sums were zeroed). */
  beginTick(): void {
    if (this.heap !== undefined) return;
    const values = this.systems.values;
    for (let base = 0; base < values.length; base += this.systems.width)
      values[base + SYSTEM.garbage] = Number.NaN;
  }

  /** Starts a system's window: the last thing before the system's code runs. Only with a reader. */
  beginSystem(): void {
    const heap = this.heap!;
    const state = this.state;
    const first = heap();
    const start = heap();
    state[STATE.readCost] = start - first;
    state[STATE.start] = start;
  }

  /** Ends a system's window: the first thing after the system's code returns. Only with a reader. */
  readSystemEnd(): void {
    this.state[STATE.end] = this.heap!();
  }

  /**
   * Adds the window closed by the last {@link readSystemEnd} to system `id`'s garbage: the difference
   * less the reader's own allocation, NaN when either came out negative (a collection ran inside). NaN
   * stays NaN over later runs in the tick.
   */
  endSystem(id: number): void {
    const state = this.state;
    const readCost = state[STATE.readCost];
    const garbage = state[STATE.end] - state[STATE.start] - readCost;
    const values = this.systems.values;
    const at = id * this.systems.width + SYSTEM.garbage;
    values[at] = readCost >= 0 && garbage >= 0 ? values[at] + garbage : Number.NaN;
  }

  /** Writes the tick's garbage, the sum of its systems' (NaN when one is), into the tick group's values. */
  endTick(): void {
    const systems = this.systems.values;
    let garbage = this.heap === undefined ? Number.NaN : 0;
    for (let at = SYSTEM.garbage; at < systems.length; at += this.systems.width) garbage += systems[at];
    this.ticks.values[TICK.garbage] = garbage;
  }
}
