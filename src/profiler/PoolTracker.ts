import type { MemoryPool } from '../memory/index.ts';
import { argumentError, requireShape, requireWritable } from './checks.ts';
import { SeriesStore, seriesSlots } from './SeriesStore.ts';
import { POOL_SERIES, type PoolSeries } from './seriesTables.ts';
import { slotsOf } from './slots.ts';
import type { SnapshotPool } from './snapshot.ts';

/**
 * What the profiler reads from a pool: a {@link MemoryPool} or anything shaped like one. The counters
 * must be monotonic; `highWater` must be writable.
 */
export type PoolLike = Pick<
  MemoryPool,
  'capacity' | 'maxCapacity' | 'live' | 'highWater' | 'allocCount' | 'freeCount' | 'failureCount'
>;

/**
 * Throws unless `pools` is a plain object of pools by non-empty name, each of which the profiler can
 * read and borrow the `highWater` of: a TypeError naming `pools` or `pools.<name>.<field>`, a RangeError
 * for an empty name.
 */
export function requirePools(pools: unknown): void {
  const proto = typeof pools === 'object' && pools !== null ? Object.getPrototypeOf(pools) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw argumentError('pools', 'a plain object of pools by name', pools, true);
  }
  for (const [name, pool] of Object.entries(pools as object)) {
    if (name === '') throw argumentError('pools', 'keyed by non-empty names', '', false);
    requireShape(`pools.${name}`, pool, {
      capacity: 'number',
      maxCapacity: 'number',
      live: 'number',
      highWater: 'number',
      allocCount: 'number',
      freeCount: 'number',
      failureCount: 'number',
    });
    requireWritable(`pools.${name}`, pool as object, 'highWater');
  }
}

const POOL = seriesSlots(POOL_SERIES);

const STATE_NAMES = [
  'savedHigh',
  'allocsAtTick',
  'freesAtTick',
  'failsAtTick',
  'peakMax',
  'peakTick',
  'failsTotal',
  'initialCapacity',
] as const;
/** Each pool's numbers, `STATE_WIDTH` per pool in one Float64Array. */
const STATE = slotsOf(STATE_NAMES);
const STATE_WIDTH = STATE_NAMES.length;

/**
 * The watched pools' part of a profile: their per-tick series (see {@link POOL_SERIES}) and lifetime
 * peaks and refusals. Like the arena's, each pool's `highWater` is borrowed during a tick: set to
 * `live` at its begin, read as the tick's peak at its end, and given back.
 */
export class PoolTracker {
  /** Per-tick series of each pool, in attach order. */
  readonly series: readonly PoolSeries[];
  private readonly store: SeriesStore<typeof POOL_SERIES>;
  private readonly pools: readonly PoolLike[];
  private readonly state: Float64Array;

  constructor(pools: Readonly<Record<string, PoolLike>>, window: number) {
    const entries = Object.entries(pools);
    const store = new SeriesStore(POOL_SERIES, window);
    this.series = entries.map(([name]) => ({ name, ...store.add() }));
    this.store = store;
    this.pools = entries.map(([, pool]) => pool);
    this.state = new Float64Array(entries.length * STATE_WIDTH);
    this.pools.forEach((pool, i) => {
      this.state[i * STATE_WIDTH + STATE.initialCapacity] = pool.capacity;
    });
    this.resetLifetime();
  }

  /** Borrows every pool's `highWater` and reads the counters the tick's figures are differences of. */
  beginTick(): void {
    const pools = this.pools;
    const state = this.state;
    for (let i = 0; i < pools.length; i++) {
      const pool = pools[i];
      const at = i * STATE_WIDTH;
      state[at + STATE.savedHigh] = pool.highWater;
      pool.highWater = pool.live;
      state[at + STATE.allocsAtTick] = pool.allocCount;
      state[at + STATE.freesAtTick] = pool.freeCount;
      state[at + STATE.failsAtTick] = pool.failureCount;
    }
  }

  /** Records the tick's figures of every pool, gives `highWater` back and updates the lifetime figures. */
  record(tick: number): void {
    const pools = this.pools;
    const state = this.state;
    const values = this.store.values;
    const width = this.store.width;
    for (let i = 0; i < pools.length; i++) {
      const pool = pools[i];
      const at = i * STATE_WIDTH;
      const base = i * width;
      const peak = pool.highWater;
      const failures = pool.failureCount - state[at + STATE.failsAtTick];
      values[base + POOL.live] = pool.live;
      values[base + POOL.peak] = peak;
      values[base + POOL.allocations] = pool.allocCount - state[at + STATE.allocsAtTick];
      values[base + POOL.frees] = pool.freeCount - state[at + STATE.freesAtTick];
      values[base + POOL.failures] = failures;
      pool.highWater = Math.max(peak, state[at + STATE.savedHigh]);
      if (peak > state[at + STATE.peakMax]) {
        state[at + STATE.peakMax] = peak;
        state[at + STATE.peakTick] = tick;
      }
      state[at + STATE.failsTotal] += failures;
    }
    this.store.record();
  }

  /** Gives every `highWater` back without recording. */
  abandon(): void {
    const pools = this.pools;
    for (let i = 0; i < pools.length; i++) {
      pools[i].highWater = Math.max(pools[i].highWater, this.state[i * STATE_WIDTH + STATE.savedHigh]);
    }
  }

  /** Forgets the recorded ticks and the lifetime figures. */
  clear(): void {
    this.store.clear();
    this.resetLifetime();
  }

  /** Every pool as a snapshot gives it: size, lifetime figures and a copy of its window. */
  snapshot(): SnapshotPool[] {
    return this.figures().map((figures, i) => ({ ...figures, series: this.store.copy(i) }));
  }

  /** Every pool's size and lifetime figures. */
  figures(): Omit<SnapshotPool, 'series'>[] {
    const state = this.state;
    return this.pools.map((pool, i) => {
      const at = i * STATE_WIDTH;
      return {
        name: this.series[i].name,
        capacity: pool.capacity,
        initialCapacity: state[at + STATE.initialCapacity],
        maxCapacity: pool.maxCapacity,
        peak: state[at + STATE.peakMax],
        peakTick: state[at + STATE.peakTick],
        failures: state[at + STATE.failsTotal],
      };
    });
  }

  private resetLifetime(): void {
    const state = this.state;
    for (let at = 0; at < state.length; at += STATE_WIDTH) {
      state[at + STATE.peakMax] = 0;
      state[at + STATE.peakTick] = -1;
      state[at + STATE.failsTotal] = 0;
    }
  }
}
