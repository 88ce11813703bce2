import type { FixedBufferAllocator } from '../memory/index.ts';
import { requireShape, requireWritable } from './checks.ts';
import { seriesSlots } from './SeriesStore.ts';
import { TICK_SERIES } from './seriesTables.ts';
import { slotsOf } from './slots.ts';
import type { SnapshotArena } from './snapshot.ts';

/**
 * What the profiler reads from a frame arena: a {@link FixedBufferAllocator} or anything shaped like
 * one. The counters must be monotonic; `highWater` must be writable: the profiler borrows it inside a
 * tick (see `TickProfiler`).
 */
export type ArenaLike = Pick<
  FixedBufferAllocator,
  'capacity' | 'used' | 'highWater' | 'allocCount' | 'failureCount'
>;

/** Throws a TypeError naming `arena` or the field unless the profiler can read `arena` and borrow its `highWater`. */
export function requireArenaLike(arena: unknown): void {
  requireShape('arena', arena, {
    capacity: 'number',
    used: 'number',
    highWater: 'number',
    allocCount: 'number',
    failureCount: 'number',
  });
  requireWritable('arena', arena as object, 'highWater');
}

const TICK = seriesSlots(TICK_SERIES);

const STATE_NAMES = [
  'savedHigh',
  'tickPeak',
  'allocsAtTick',
  'failsAtTick',
  'peakMax',
  'peakTick',
  'failsTotal',
] as const;
/** The tracker's numbers: `highWater` as borrowed, the tick's peak and starting counters, lifetime figures. */
const STATE = slotsOf(STATE_NAMES);

/**
 * The frame arena's part of a profile: its per-tick figures (the `arena*` series of the tick group)
 * and its lifetime peak and refusals.
 *
 * To see peaks without a per-allocation hook it borrows the arena's `highWater`: at the tick's and each
 * system's begin it sets it to the current `used`, folds what it reached into the tick's peak at each
 * boundary, and at the tick's end gives back what the arena would have without it.
 */
export class ArenaTracker {
  private readonly state = new Float64Array(STATE_NAMES.length);

  constructor(readonly arena: ArenaLike) {
    this.resetLifetime();
  }

  /** Borrows `highWater` and reads the counters the tick's figures are differences of. */
  beginTick(): void {
    const state = this.state;
    const arena = this.arena;
    state[STATE.savedHigh] = arena.highWater;
    arena.highWater = arena.used;
    state[STATE.tickPeak] = arena.used;
    state[STATE.allocsAtTick] = arena.allocCount;
    state[STATE.failsAtTick] = arena.failureCount;
  }

  /**
   * Folds the peak so far into the tick's and restarts `highWater` from `used`, so that at the system's
   * end `highWater` is the system's own peak.
   */
  enterSystem(): void {
    const arena = this.arena;
    if (arena.highWater > this.state[STATE.tickPeak]) this.state[STATE.tickPeak] = arena.highWater;
    arena.highWater = arena.used;
  }

  /** Folds the system's peak into the tick's. */
  leaveSystem(): void {
    const arena = this.arena;
    if (arena.highWater > this.state[STATE.tickPeak]) this.state[STATE.tickPeak] = arena.highWater;
  }

  /**
   * Writes the tick's arena figures into `values` (the tick group's, at their slots), gives
   * `highWater` back and updates the lifetime figures.
   */
  record(values: Float64Array, tick: number): void {
    const state = this.state;
    const arena = this.arena;
    const peak = Math.max(arena.highWater, state[STATE.tickPeak]);
    const failures = arena.failureCount - state[STATE.failsAtTick];
    values[TICK.arenaUsed] = arena.used;
    values[TICK.arenaPeak] = peak;
    values[TICK.arenaAllocations] = arena.allocCount - state[STATE.allocsAtTick];
    values[TICK.arenaFailures] = failures;
    arena.highWater = Math.max(peak, state[STATE.savedHigh]);
    if (peak > state[STATE.peakMax]) {
      state[STATE.peakMax] = peak;
      state[STATE.peakTick] = tick;
    }
    state[STATE.failsTotal] += failures;
  }

  /** Gives `highWater` back without recording: the peak the tick reached stays in it. */
  abandon(): void {
    const arena = this.arena;
    const peak = Math.max(arena.highWater, this.state[STATE.tickPeak]);
    arena.highWater = Math.max(peak, this.state[STATE.savedHigh]);
  }

  /** Forgets the lifetime peak and refusals. */
  resetLifetime(): void {
    this.state[STATE.peakMax] = 0;
    this.state[STATE.peakTick] = -1;
    this.state[STATE.failsTotal] = 0;
  }

  /** Capacity and the lifetime figures, as a snapshot gives them. */
  figures(): SnapshotArena {
    const state = this.state;
    return {
      capacity: this.arena.capacity,
      peak: state[STATE.peakMax],
      peakTick: state[STATE.peakTick],
      failures: state[STATE.failsTotal],
    };
  }
}
