import { argumentError, requireObject } from './checks.ts';
import { READING } from './clock.ts';
import type { SeriesStore } from './SeriesStore.ts';
import { seriesSlots } from './SeriesStore.ts';
import { SYSTEM_SERIES, TICK_SERIES } from './seriesTables.ts';
import { slotsOf } from './slots.ts';
import type { SnapshotGc } from './snapshot.ts';

/**
 * The kinds of collector pause a {@link GcSource} reports: a minor collection (of the young generation),
 * a major one (of the whole heap), or a step that collects nothing by itself (an incremental marking
 * step, weak callbacks) and only adds pause time.
 */
export const GC_KIND = { step: 0, minor: 1, major: 2 } as const;

/**
 * The garbage collector's pauses, in the order they began, as a source reports them; the profiler reads
 * the ones it has not seen yet at each `beginTick` and places each in the tick and systems it fell
 * inside. Reports may come late (Node's `PerformanceObserver` delivers them after the task that ran);
 * the profiler corrects the ticks it still holds. `framepool/profiler/node` provides one
 * (`GcObserver`). Browsers give page scripts no such report (see `GcCanary` for a count).
 */
export interface GcSource {
  /** Pauses reported so far (never decreases). */
  readonly count: number;
  /**
   * Writes pause number `index` (0 is the first reported) into `out`: `out[0]` its start in ms on the
   * profiler's clock, `out[1]` its duration in ms, `out[2]` its kind ({@link GC_KIND}). Returns false,
   * writing nothing, when the source no longer holds it. Must not allocate.
   */
  read(index: number, out: Float64Array): boolean;
}

/** Throws a TypeError naming `gc` or its field unless it is shaped like a {@link GcSource} (or undefined). */
export function requireGcSource(gc: unknown): void {
  if (gc === undefined) return;
  requireObject('gc', gc);
  if (typeof gc.count !== 'number') throw argumentError('gc.count', 'a number', gc.count, true);
  if (typeof gc.read !== 'function') throw argumentError('gc.read', 'a function', gc.read, true);
}

const TICK = seriesSlots(TICK_SERIES);
const SYSTEM = seriesSlots(SYSTEM_SERIES);

const STATE_NAMES = [
  'seen',
  'stretchStart',
  'stretchEnd',
  'lastEnd',
  'collections',
  'minor',
  'major',
  'pauseMs',
] as const;
/**
 * Pauses read so far; the stretch of time recorded without a break (a pause counts in the totals only
 * when it began inside it); the end of the last recorded tick; the totals.
 */
const STATE = slotsOf(STATE_NAMES);
const EVENT = { start: 0, duration: 1, kind: 2 } as const;

/**
 * The collector's part of a profile: per tick, the collections and pause that began inside it (a tick
 * with a collection is marked, and the garbage figure of every system whose runs it fell between is
 * dropped, with the tick's sum), and totals over the whole recording, gaps between ticks included.
 *
 * Reports arrive after the tick they belong to, so they are applied to the recorded rings at the next
 * `beginTick` (or `snapshot`), when no tick is open. A pause counts in the totals when it began while
 * the profiler was recording: from the first tick after construction, `clear()` or re-enabling, to the
 * end of the last tick before disabling.
 */
export class CollectionTracker {
  private readonly state = new Float64Array(STATE_NAMES.length);
  private readonly event = new Float64Array(3);

  constructor(
    private readonly source: GcSource | undefined,
    private readonly ticks: SeriesStore<typeof TICK_SERIES>,
    private readonly systems: SeriesStore<typeof SYSTEM_SERIES>,
    private readonly clockReadings: Float64Array,
  ) {
    this.clear();
  }

  /**
   * Applies the reports that arrived since the last call, then sets the new tick's figures (0, NaN
   * without a source) and starts a stretch of recording if none is running. Call it with the tick's
   * start in the clock readings, before anything of the tick is measured.
   */
  beginTick(): void {
    const state = this.state;
    const values = this.ticks.values;
    this.drain();
    if (!(state[STATE.stretchEnd] === Number.POSITIVE_INFINITY)) {
      state[STATE.stretchStart] = this.clockReadings[READING.tickStart];
      state[STATE.stretchEnd] = Number.POSITIVE_INFINITY;
    }
    const none = this.source === undefined ? Number.NaN : 0;
    values[TICK.collections] = none;
    values[TICK.pauseMs] = none;
    if (this.source === undefined) {
      const systems = this.systems.values;
      for (let base = 0; base < systems.length; base += this.systems.width) {
        systems[base + SYSTEM.collections] = Number.NaN;
      }
    }
  }

  /** Notes the end of a recorded tick (the latest clock reading, taken at `endTick`). */
  endTick(): void {
    this.state[STATE.lastEnd] = this.clockReadings[READING.latest];
  }

  /** Ends the stretch of recording at the last recorded tick's end: pauses after it do not count. */
  stop(): void {
    const state = this.state;
    if (state[STATE.stretchEnd] === Number.POSITIVE_INFINITY) state[STATE.stretchEnd] = state[STATE.lastEnd];
  }

  /** Forgets the totals and every pause reported so far (late reports of earlier pauses will not count). */
  clear(): void {
    const state = this.state;
    state.fill(0);
    state[STATE.seen] = this.source === undefined ? 0 : this.source.count;
    state[STATE.stretchStart] = Number.NaN;
    state[STATE.stretchEnd] = Number.NaN;
    state[STATE.lastEnd] = Number.NaN;
  }

  /** The totals as a snapshot gives them (NaN without a source). Call {@link drain} first. */
  figures(): SnapshotGc {
    const state = this.state;
    const none = this.source === undefined;
    return {
      collections: none ? Number.NaN : state[STATE.collections],
      minor: none ? Number.NaN : state[STATE.minor],
      major: none ? Number.NaN : state[STATE.major],
      pauseMs: none ? Number.NaN : state[STATE.pauseMs],
    };
  }

  /**
   * Reads every pause reported since the last call: adds it to the totals when it began while
   * recording, and to the recorded tick (and systems) it began inside. Only while no tick is open.
   */
  drain(): void {
    const source = this.source;
    if (source === undefined) return;
    const state = this.state;
    const event = this.event;
    const count = source.count;
    for (let index = state[STATE.seen]; index < count; index++) {
      if (!source.read(index, event)) continue;
      const start = event[EVENT.start];
      if (!(start >= state[STATE.stretchStart] && start <= state[STATE.stretchEnd])) continue;
      const kind = event[EVENT.kind];
      const collection = kind === GC_KIND.minor || kind === GC_KIND.major ? 1 : 0;
      state[STATE.collections] += collection;
      if (kind === GC_KIND.minor) state[STATE.minor]++;
      else if (kind === GC_KIND.major) state[STATE.major]++;
      state[STATE.pauseMs] += event[EVENT.duration];
      this.place(start, event[EVENT.duration], collection);
    }
    state[STATE.seen] = count;
  }

  /** Adds a pause that began at `start` to the recorded tick it fell inside, if the window still holds it. */
  private place(start: number, duration: number, collection: number): void {
    const ticks = this.ticks;
    const starts = ticks.ring(0, TICK.startMs);
    let age = 0;
    while (age < starts.length && starts.recent(age) > start) age++;
    if (age === starts.length) return;
    const tickStart = starts.recent(age);
    const at = start - tickStart;
    if (!(at <= ticks.ring(0, TICK.tickMs).recent(age))) return;
    const pause = ticks.ring(0, TICK.pauseMs);
    pause.setRecent(age, pause.recent(age) + duration);
    if (collection === 0) return;
    const collections = ticks.ring(0, TICK.collections);
    collections.setRecent(age, collections.recent(age) + 1);
    const systems = this.systems;
    for (let id = 0; id < systems.subjects; id++) {
      // NaN bounds (the system did not run) fail both comparisons.
      if (
        !(
          at >= systems.ring(id, SYSTEM.offsetMs).recent(age) &&
          at <= systems.ring(id, SYSTEM.untilMs).recent(age)
        )
      ) {
        continue;
      }
      const hits = systems.ring(id, SYSTEM.collections);
      hits.setRecent(age, hits.recent(age) + 1);
      systems.ring(id, SYSTEM.garbage).setRecent(age, Number.NaN);
      // The tick's garbage is the sum of its systems', so it is spoiled with this one.
      ticks.ring(0, TICK.garbage).setRecent(age, Number.NaN);
    }
  }
}
