import type { ArenaLike } from './ArenaTracker.ts';
import { READING } from './clock.ts';
import { SeriesStore, seriesSlots } from './SeriesStore.ts';
import { SYSTEM_SERIES, type SystemSeries } from './seriesTables.ts';
import { slotsOf } from './slots.ts';
import type { SnapshotSystem } from './snapshot.ts';

const SYSTEM = seriesSlots(SYSTEM_SERIES);

const STATE_NAMES = ['start', 'usedBefore', 'allocsBefore', 'failsBefore'] as const;
/** Where the open system started: the clock and the arena's counters. */
const STATE = slotsOf(STATE_NAMES);

/**
 * The systems' part of a profile: per system and tick, the time and the arena bytes, peak, allocations
 * and refusals between its `beginSystem` and `endSystem` (see {@link SYSTEM_SERIES}), read from the
 * arena's counters at those boundaries so that allocations themselves cost nothing extra. Runs of one
 * system within a tick add up; systems do not nest.
 */
export class SystemTracker {
  /** Per-tick series of each system, indexed by system id. */
  readonly series: SystemSeries[] = [];
  /** The systems' rings and the open tick's values, shared with the garbage and collection trackers. */
  readonly store: SeriesStore<typeof SYSTEM_SERIES>;
  private readonly state = new Float64Array(STATE_NAMES.length);

  /**
   * @param clockReadings the protocol's clock readings ({@link READING}),
   *   shared rather than passed so that no reading crosses a call as a boxed double.
   */
  constructor(
    private readonly arena: ArenaLike,
    window: number,
    private readonly clockReadings: Float64Array,
  ) {
    this.store = new SeriesStore(SYSTEM_SERIES, window);
  }

  /** Registers a system; its id is its index. */
  add(name: string): number {
    this.series.push({ name, ...this.store.add() });
    return this.series.length - 1;
  }

  /** Zeroes the sums for a new tick; the offset and the end stay NaN unless the system runs. */
  beginTick(): void {
    const values = this.store.values;
    const width = this.store.width;
    values.fill(0);
    for (let base = 0; base < values.length; base += width) {
      values[base + SYSTEM.offsetMs] = Number.NaN;
      values[base + SYSTEM.untilMs] = Number.NaN;
    }
  }

  /** Notes where the system starts: the latest clock reading and the arena's counters. */
  begin(): void {
    const state = this.state;
    const arena = this.arena;
    state[STATE.usedBefore] = arena.used;
    state[STATE.allocsBefore] = arena.allocCount;
    state[STATE.failsBefore] = arena.failureCount;
    state[STATE.start] = this.clockReadings[READING.latest];
  }

  /**
   * Adds the run that began at the last {@link begin} to system `id`'s sums. Expects the arena's
   * `highWater` to have been restarted from `used` at that begin (the arena tracker does it).
   */
  end(id: number): void {
    const state = this.state;
    const arena = this.arena;
    const values = this.store.values;
    const base = id * this.store.width;
    const start = state[STATE.start];
    const usedBefore = state[STATE.usedBefore];
    if (values[base + SYSTEM.calls] === 0) {
      values[base + SYSTEM.offsetMs] = start - this.clockReadings[READING.tickStart];
    }
    values[base + SYSTEM.calls]++;
    values[base + SYSTEM.untilMs] =
      this.clockReadings[READING.latest] - this.clockReadings[READING.tickStart];
    values[base + SYSTEM.ms] += this.clockReadings[READING.latest] - start;
    values[base + SYSTEM.bytes] += arena.used - usedBefore;
    const peak = arena.highWater - usedBefore;
    if (peak > values[base + SYSTEM.peakBytes]) values[base + SYSTEM.peakBytes] = peak;
    values[base + SYSTEM.allocations] += arena.allocCount - state[STATE.allocsBefore];
    values[base + SYSTEM.failures] += arena.failureCount - state[STATE.failsBefore];
  }

  /** Records the tick's sums of every system. */
  record(): void {
    this.store.record();
  }

  /** Forgets the recorded ticks. */
  clear(): void {
    this.store.clear();
  }

  /** Every system as a snapshot gives it: its name and a copy of its window. */
  snapshot(): SnapshotSystem[] {
    return this.series.map(({ name }, id) => ({ name, series: this.store.copy(id) }));
  }
}
