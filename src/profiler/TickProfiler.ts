import type { FixedBufferAllocator, MemoryPool } from '../memory/index.ts';
import { type Clock, defaultClock } from './clock.ts';
import { ProfilerStateError } from './errors.ts';
import { type ReadonlyRing, RingBuffer, requireRingCapacity } from './RingBuffer.ts';
import { type BufferUsage, bufferUsages } from './sizing.ts';
import type { ProfileSnapshot, SnapshotPool, SnapshotSystem, SnapshotTag } from './snapshot.ts';

/**
 * What the profiler reads from a frame arena: a {@link FixedBufferAllocator} or anything shaped like
 * one. `highWater` must be writable: the profiler borrows it inside a tick (see {@link TickProfiler}).
 */
export type ArenaLike = Pick<
  FixedBufferAllocator,
  'capacity' | 'used' | 'highWater' | 'allocCount' | 'failureCount'
>;

/**
 * What the profiler reads from a pool: a {@link MemoryPool} or anything shaped like one. The counters
 * must be monotonic; `highWater` must be writable.
 */
export type PoolLike = Pick<
  MemoryPool,
  'capacity' | 'maxCapacity' | 'live' | 'highWater' | 'allocCount' | 'freeCount' | 'failureCount'
>;

/** Options for {@link TickProfiler}. */
export interface TickProfilerOptions {
  /** The frame arena, reset by the game before each `beginTick`. */
  arena: ArenaLike;
  /** Pools to watch, by name; the names appear in reports, CSV columns and trace tracks. */
  pools?: Readonly<Record<string, PoolLike>>;
  /** Systems to register up front; their ids are their indices here. More via {@link TickProfiler.addSystem}. */
  systems?: readonly string[];
  /** Call-site tags to register up front; ids are indices. More via {@link TickProfiler.addTag}. */
  tags?: readonly string[];
  /** Ticks kept (the oldest is overwritten), 1 to 2^24. Default {@link DEFAULT_WINDOW}. */
  window?: number;
  /** Time source in ms. Default {@link defaultClock} (`performance.now`). */
  clock?: Clock;
  /** Record at all. Default true. A disabled profiler costs one branch per call. */
  enabled?: boolean;
  /** Record {@link TickProfiler.tag} calls. Default false: a tag then costs one branch. */
  tagging?: boolean;
}

/** Ticks kept by default: 10 s at 60 ticks per second. */
export const DEFAULT_WINDOW = 600;

/** Per-tick series of the whole tick; see {@link SnapshotTicks} for what each holds. */
export interface TickSeries {
  /** Tick number, 0 for the first tick since construction or {@link TickProfiler.clear}. */
  readonly tick: ReadonlyRing;
  /** Clock at `beginTick`, ms. */
  readonly startMs: ReadonlyRing;
  /** Tick duration, ms. */
  readonly tickMs: ReadonlyRing;
  /** Entity count passed to `endTick`. */
  readonly entities: ReadonlyRing;
  /** Arena bytes in use at `endTick`. */
  readonly arenaUsed: ReadonlyRing;
  /** Arena peak bytes within the tick. */
  readonly arenaPeak: ReadonlyRing;
  /** Arena allocations in the tick. */
  readonly arenaAllocations: ReadonlyRing;
  /** Arena refusals in the tick. */
  readonly arenaFailures: ReadonlyRing;
}

/** Per-tick series of one pool; see {@link SnapshotPool} for what each holds. */
export interface PoolSeries {
  /** Attach name. */
  readonly name: string;
  /** Live slots at `endTick`. */
  readonly live: ReadonlyRing;
  /** Peak live slots within the tick. */
  readonly peak: ReadonlyRing;
  /** Allocations in the tick. */
  readonly allocations: ReadonlyRing;
  /** Frees in the tick. */
  readonly frees: ReadonlyRing;
  /** Refusals in the tick. */
  readonly failures: ReadonlyRing;
}

/** Per-tick series of one system; see {@link SnapshotSystem} for what each holds. */
export interface SystemSeries {
  /** Registered name. */
  readonly name: string;
  /** First begin minus tick begin, ms; NaN when it did not run. */
  readonly offsetMs: ReadonlyRing;
  /** Time inside the system, ms. */
  readonly ms: ReadonlyRing;
  /** Arena bytes it left allocated. */
  readonly bytes: ReadonlyRing;
  /** Arena peak above its starting point, bytes. */
  readonly peakBytes: ReadonlyRing;
  /** Arena allocations inside it. */
  readonly allocations: ReadonlyRing;
  /** Arena refusals inside it. */
  readonly failures: ReadonlyRing;
  /** Runs in the tick. */
  readonly calls: ReadonlyRing;
}

/** Per-tick series of one call-site tag. */
export interface TagSeries {
  /** Registered name. */
  readonly name: string;
  /** Bytes tagged in the tick. */
  readonly bytes: ReadonlyRing;
  /** `tag` calls in the tick. */
  readonly count: ReadonlyRing;
}

// Slots of the profiler's double-valued state. Doubles live in a Float64Array rather than in object
// fields so that writing them never boxes a number: recording must not allocate.
const TICK_START = 0;
const SYSTEM_START = 1;
const ARENA_SAVED_HIGH = 2;
const ARENA_TICK_PEAK = 3;
const ARENA_ALLOCS_AT_TICK = 4;
const ARENA_FAILS_AT_TICK = 5;
const SYSTEM_USED_BEFORE = 6;
const SYSTEM_ALLOCS_BEFORE = 7;
const SYSTEM_FAILS_BEFORE = 8;
const ARENA_PEAK_MAX = 9;
const ARENA_PEAK_TICK = 10;
const ARENA_FAILS_TOTAL = 11;
const STATE_SLOTS = 12;

const NO_SYSTEM = -1;

/**
 * Records, per tick and per system, what the frame arena and the pools do, in fixed-size ring buffers:
 * after construction and registration, recording creates no objects. Arena bytes are attributed to
 * systems by reading the arena's counters at system boundaries, so allocations themselves cost nothing
 * extra. Systems must not nest.
 *
 * Protocol per tick: `arena.reset()` (the game's), `beginTick()`, then for each system
 * `beginSystem(id)` … `endSystem(id)`, then `endTick(entityCount)`. Calls out of order throw a
 * {@link ProfilerStateError} and change nothing.
 *
 * To measure peaks without a per-allocation hook, the profiler borrows the `highWater` of the arena and
 * of every pool during a tick (it sets them to the current level at begin points) and restores them at
 * `endTick` to what they would have been without it, so code reading them between ticks sees no
 * difference. Code reading `highWater` inside a tick sees the peak since the last system began.
 *
 * @example
 * const profiler = new TickProfiler({ arena, pools: { particles }, systems: ['spawn', 'move'] });
 * const [SPAWN, MOVE] = [profiler.systemId('spawn'), profiler.systemId('move')];
 * function tick() {
 *   arena.reset();
 *   profiler.beginTick();
 *   profiler.beginSystem(SPAWN); spawn(); profiler.endSystem(SPAWN);
 *   profiler.beginSystem(MOVE); move(); profiler.endSystem(MOVE);
 *   profiler.endTick(entityCount);
 * }
 * console.log(formatReport(summarize(profiler.snapshot())));
 */
export class TickProfiler {
  /** Ticks kept. */
  readonly window: number;
  /** The watched arena. */
  readonly arena: ArenaLike;
  /** Per-tick series of the whole tick: read them for a live view (allocation-free). */
  readonly ticks: TickSeries;
  /** Per-tick series of each pool, in attach order. */
  readonly pools: readonly PoolSeries[];
  /** Per-tick series of each system, indexed by system id. */
  readonly systems: readonly SystemSeries[];
  /** Per-tick series of each tag, indexed by tag id. */
  readonly tags: readonly TagSeries[];

  private readonly clock: Clock;
  private readonly state = new Float64Array(STATE_SLOTS);
  /** The user's setting; takes effect at the next `beginTick` when turned on. */
  private wanted: boolean;
  /** Whether the calls of the current tick record: `wanted` as of the last `beginTick`. */
  private on: boolean;
  private tagsWanted: boolean;
  /** `on && tagsWanted`, kept in one field so a disabled `tag` is one branch. */
  private tagsOn: boolean;
  private tickOpen = false;
  private openSystem = NO_SYSTEM;
  private tickCount = 0;

  private readonly tickRings: Record<keyof TickSeries, RingBuffer>;
  private readonly poolObjects: readonly PoolLike[];
  private readonly poolRings: readonly PoolRings[];
  private readonly poolInitialCapacity: Float64Array;
  private readonly poolSavedHigh: Float64Array;
  private readonly poolAllocsAtTick: Float64Array;
  private readonly poolFreesAtTick: Float64Array;
  private readonly poolFailsAtTick: Float64Array;
  private readonly poolPeakMax: Float64Array;
  private readonly poolPeakTick: Float64Array;
  private readonly poolFailsTotal: Float64Array;

  private readonly systemRings: SystemRings[] = [];
  private systemAcc = new SystemAccumulators(0);
  private readonly tagRings: TagRings[] = [];
  private tagBytes = new Float64Array(0);
  private tagCalls = new Float64Array(0);

  /** @throws RangeError for a bad window, a duplicate or empty name, or a missing arena. */
  constructor(options: TickProfilerOptions) {
    const window = options.window ?? DEFAULT_WINDOW;
    requireRingCapacity(window, 'window');
    if (options.arena == null) throw new RangeError('arena is required: pass the frame arena to profile');
    this.window = window;
    this.arena = options.arena;
    this.clock = options.clock ?? defaultClock;
    this.wanted = options.enabled ?? true;
    this.on = this.wanted;
    this.tagsWanted = options.tagging ?? false;
    this.tagsOn = this.on && this.tagsWanted;

    const ring = () => new RingBuffer(window);
    this.tickRings = {
      tick: ring(),
      startMs: ring(),
      tickMs: ring(),
      entities: ring(),
      arenaUsed: ring(),
      arenaPeak: ring(),
      arenaAllocations: ring(),
      arenaFailures: ring(),
    };
    this.ticks = this.tickRings;

    const entries = Object.entries(options.pools ?? {});
    this.poolObjects = entries.map(([, pool]) => pool);
    this.poolRings = entries.map(([name]) => ({
      name,
      live: ring(),
      peak: ring(),
      allocations: ring(),
      frees: ring(),
      failures: ring(),
    }));
    this.pools = this.poolRings;
    const poolCount = entries.length;
    this.poolInitialCapacity = Float64Array.from(this.poolObjects, (pool) => pool.capacity);
    this.poolSavedHigh = new Float64Array(poolCount);
    this.poolAllocsAtTick = new Float64Array(poolCount);
    this.poolFreesAtTick = new Float64Array(poolCount);
    this.poolFailsAtTick = new Float64Array(poolCount);
    this.poolPeakMax = new Float64Array(poolCount);
    this.poolPeakTick = new Float64Array(poolCount);
    this.poolFailsTotal = new Float64Array(poolCount);
    this.resetLifetime();

    // The public views are the growing registration arrays themselves (read-only by type).
    this.systems = this.systemRings;
    this.tags = this.tagRings;
    for (const name of options.systems ?? []) this.addSystem(name);
    for (const name of options.tags ?? []) this.addTag(name);
  }

  /**
   * Whether calls record. Turning it off inside a tick abandons that tick (see {@link abandonTick}) and
   * makes the rest of the tick's calls no-ops; turning it on takes effect at the next `beginTick`, so a
   * toggle (an overlay key) can come at any point of the game loop.
   */
  get enabled(): boolean {
    return this.wanted;
  }
  set enabled(value: boolean) {
    this.wanted = value;
    if (!value) {
      this.abandonTick();
      this.on = false;
      this.tagsOn = false;
    }
  }

  /** Whether {@link tag} records (only while {@link enabled} too). */
  get tagging(): boolean {
    return this.tagsWanted;
  }
  set tagging(value: boolean) {
    this.tagsWanted = value;
    this.tagsOn = this.on && value;
  }

  /** Whether `beginSystem`, `endSystem`, `endTick` and `tag` record now: {@link enabled} as of the last `beginTick`. */
  get recording(): boolean {
    return this.on;
  }

  /** Ticks recorded since construction or {@link clear}; the window keeps the last {@link window} of them. */
  get totalTicks(): number {
    return this.tickCount;
  }

  /** True between `beginTick` and `endTick`. */
  get isTickOpen(): boolean {
    return this.tickOpen;
  }

  /**
   * Registers a system and returns its id (0, 1, 2 … in registration order): pass the id, not the name,
   * to `beginSystem`/`endSystem` so the tick loop does no string work.
   * @throws RangeError for an empty or duplicate name; ProfilerStateError ('registration-closed') once
   *   a tick has been recorded (call {@link clear} first), since the new series would not line up.
   */
  addSystem(name: string): number {
    this.requireRegistrationOpen('system', name, this.systems);
    const ring = () => new RingBuffer(this.window);
    this.systemRings.push({
      name,
      offsetMs: ring(),
      ms: ring(),
      bytes: ring(),
      peakBytes: ring(),
      allocations: ring(),
      failures: ring(),
      calls: new RingBuffer(this.window, Float32Array),
    });
    this.systemAcc = new SystemAccumulators(this.systemRings.length);
    return this.systemRings.length - 1;
  }

  /** The id of a registered system. @throws RangeError when no system has that name. */
  systemId(name: string): number {
    return idOf('system', name, this.systems);
  }

  /**
   * Registers a call-site tag and returns its id, for {@link tag}. Same rules as {@link addSystem}.
   */
  addTag(name: string): number {
    this.requireRegistrationOpen('tag', name, this.tags);
    this.tagRings.push({ name, bytes: new RingBuffer(this.window), count: new RingBuffer(this.window) });
    this.tagBytes = new Float64Array(this.tagRings.length);
    this.tagCalls = new Float64Array(this.tagRings.length);
    return this.tagRings.length - 1;
  }

  /** The id of a registered tag. @throws RangeError when no tag has that name. */
  tagId(name: string): number {
    return idOf('tag', name, this.tags);
  }

  /**
   * Starts a tick: call it right after the game resets the arena. Reads the clock and every counter.
   * @throws ProfilerStateError ('tick-open') when the previous tick was not ended.
   */
  beginTick(): void {
    if (!this.wanted) return;
    this.on = true;
    this.tagsOn = this.tagsWanted;
    if (this.tickOpen) {
      throw new ProfilerStateError(
        'tick-open',
        'beginTick: the previous tick is still open; call endTick first',
      );
    }
    const state = this.state;
    const arena = this.arena;
    state[ARENA_SAVED_HIGH] = arena.highWater;
    arena.highWater = arena.used;
    state[ARENA_TICK_PEAK] = arena.used;
    state[ARENA_ALLOCS_AT_TICK] = arena.allocCount;
    state[ARENA_FAILS_AT_TICK] = arena.failureCount;
    const pools = this.poolObjects;
    for (let i = 0; i < pools.length; i++) {
      const pool = pools[i];
      this.poolSavedHigh[i] = pool.highWater;
      pool.highWater = pool.live;
      this.poolAllocsAtTick[i] = pool.allocCount;
      this.poolFreesAtTick[i] = pool.freeCount;
      this.poolFailsAtTick[i] = pool.failureCount;
    }
    this.systemAcc.clear();
    this.tagBytes.fill(0);
    this.tagCalls.fill(0);
    this.tickOpen = true;
    // Read the clock last so the profiler's own bookkeeping is not billed to the tick.
    state[TICK_START] = this.clock();
  }

  /**
   * Starts system `id` inside the tick.
   * @throws RangeError for an unknown id; ProfilerStateError ('no-tick', 'system-open') when out of order.
   */
  beginSystem(id: number): void {
    if (!this.on) return;
    this.requireSystemId(id);
    if (!this.tickOpen)
      throw new ProfilerStateError('no-tick', `beginSystem(${id}): no tick is open; call beginTick first`);
    if (this.openSystem !== NO_SYSTEM) {
      throw new ProfilerStateError(
        'system-open',
        `beginSystem(${id}): system ${this.openSystem} (${this.systems[this.openSystem].name}) is still open; systems do not nest`,
      );
    }
    const state = this.state;
    const arena = this.arena;
    // Fold the peak so far into the tick's, then measure this system's peak from where it starts.
    if (arena.highWater > state[ARENA_TICK_PEAK]) state[ARENA_TICK_PEAK] = arena.highWater;
    arena.highWater = arena.used;
    state[SYSTEM_USED_BEFORE] = arena.used;
    state[SYSTEM_ALLOCS_BEFORE] = arena.allocCount;
    state[SYSTEM_FAILS_BEFORE] = arena.failureCount;
    this.openSystem = id;
    state[SYSTEM_START] = this.clock();
  }

  /**
   * Ends system `id`, attributing to it the time and the arena bytes, allocations and refusals since
   * its `beginSystem`. A system that runs several times in a tick accumulates.
   * @throws RangeError for an unknown id; ProfilerStateError ('no-tick', 'system-not-open') when out of order.
   */
  endSystem(id: number): void {
    if (!this.on) return;
    const now = this.clock();
    this.requireSystemId(id);
    if (!this.tickOpen) throw new ProfilerStateError('no-tick', `endSystem(${id}): no tick is open`);
    if (this.openSystem !== id) {
      const open = this.openSystem === NO_SYSTEM ? 'no system is open' : `system ${this.openSystem} is open`;
      throw new ProfilerStateError(
        'system-not-open',
        `endSystem(${id}): ${open}; call beginSystem(${id}) first`,
      );
    }
    const state = this.state;
    const arena = this.arena;
    const acc = this.systemAcc;
    const start = state[SYSTEM_START];
    if (acc.calls[id] === 0) acc.offsetMs[id] = start - state[TICK_START];
    acc.calls[id]++;
    acc.ms[id] += now - start;
    acc.bytes[id] += arena.used - state[SYSTEM_USED_BEFORE];
    const peak = arena.highWater - state[SYSTEM_USED_BEFORE];
    if (peak > acc.peakBytes[id]) acc.peakBytes[id] = peak;
    acc.allocations[id] += arena.allocCount - state[SYSTEM_ALLOCS_BEFORE];
    acc.failures[id] += arena.failureCount - state[SYSTEM_FAILS_BEFORE];
    if (arena.highWater > state[ARENA_TICK_PEAK]) state[ARENA_TICK_PEAK] = arena.highWater;
    this.openSystem = NO_SYSTEM;
  }

  /**
   * Records a call site's allocation of `bytes` in the current tick under tag `tagId`. Costs one branch
   * unless both {@link enabled} and {@link tagging} are on. Tags outside a tick are discarded.
   * @throws RangeError for an unknown tag id (only while tagging is on).
   * @example
   * const PATHS = profiler.addTag('pathfinding scratch');
   * const off = arena.alloc(n * 8); profiler.tag(PATHS, n * 8);
   */
  tag(tagId: number, bytes: number): void {
    if (!this.tagsOn) return;
    if (!(tagId >= 0 && tagId < this.tagCalls.length && Number.isInteger(tagId))) {
      throw new RangeError(
        `tag(${tagId}): unknown tag id; register it with addTag (ids 0 to ${this.tagCalls.length - 1})`,
      );
    }
    this.tagBytes[tagId] += bytes;
    this.tagCalls[tagId]++;
  }

  /**
   * Runs `system(arg)` between `beginSystem(id)` and `endSystem(id)`, ending it even when it throws.
   * Pass a function made once (not a new closure per tick) to stay garbage-free.
   */
  runSystem<T>(id: number, system: (arg: T) => void, arg: T): void {
    this.beginSystem(id);
    try {
      system(arg);
    } finally {
      if (this.openSystem === id) this.endSystem(id);
    }
  }

  /**
   * Ends the tick and records it: the clock, the arena (bytes in use, peak, allocations and refusals
   * during the tick), every pool (live, peak, and allocations, frees and refusals during the tick),
   * every system's and tag's figures, and `entityCount`.
   * @throws RangeError when `entityCount` is not a number ≥ 0; ProfilerStateError ('no-tick',
   *   'system-open') when out of order.
   */
  endTick(entityCount: number): void {
    if (!this.on) return;
    const now = this.clock();
    if (!this.tickOpen)
      throw new ProfilerStateError('no-tick', 'endTick: no tick is open; call beginTick first');
    if (this.openSystem !== NO_SYSTEM) {
      throw new ProfilerStateError(
        'system-open',
        `endTick: system ${this.openSystem} (${this.systems[this.openSystem].name}) is still open; call endSystem first`,
      );
    }
    if (!(entityCount >= 0))
      throw new RangeError(`endTick: entityCount must be a number ≥ 0, got ${entityCount}`);
    const state = this.state;
    const arena = this.arena;
    const tick = this.tickCount;
    const rings = this.tickRings;
    const peak = Math.max(arena.highWater, state[ARENA_TICK_PEAK]);
    const failures = arena.failureCount - state[ARENA_FAILS_AT_TICK];
    rings.tick.push(tick);
    rings.startMs.push(state[TICK_START]);
    rings.tickMs.push(now - state[TICK_START]);
    rings.entities.push(entityCount);
    rings.arenaUsed.push(arena.used);
    rings.arenaPeak.push(peak);
    rings.arenaAllocations.push(arena.allocCount - state[ARENA_ALLOCS_AT_TICK]);
    rings.arenaFailures.push(failures);
    arena.highWater = Math.max(peak, state[ARENA_SAVED_HIGH]);
    if (peak > state[ARENA_PEAK_MAX]) {
      state[ARENA_PEAK_MAX] = peak;
      state[ARENA_PEAK_TICK] = tick;
    }
    state[ARENA_FAILS_TOTAL] += failures;

    this.recordPools(tick);
    this.recordSystems();
    this.recordTags();
    this.tickCount = tick + 1;
    this.tickOpen = false;
  }

  /**
   * Drops the open tick without recording it (after a system threw, say) and gives the arena and pools
   * their `highWater` back. Does nothing when no tick is open.
   */
  abandonTick(): void {
    if (!this.tickOpen) return;
    const arena = this.arena;
    const state = this.state;
    const peak = Math.max(arena.highWater, state[ARENA_TICK_PEAK]);
    arena.highWater = Math.max(peak, state[ARENA_SAVED_HIGH]);
    const pools = this.poolObjects;
    for (let i = 0; i < pools.length; i++) {
      pools[i].highWater = Math.max(pools[i].highWater, this.poolSavedHigh[i]);
    }
    this.openSystem = NO_SYSTEM;
    this.tickOpen = false;
  }

  /** Forgets every recorded tick and lifetime figure (registrations stay; new ones are allowed again). */
  clear(): void {
    this.abandonTick();
    for (const ring of Object.values(this.tickRings)) ring.clear();
    for (const pool of this.poolRings) clearRings(pool);
    for (const system of this.systemRings) clearRings(system);
    for (const tag of this.tagRings) clearRings(tag);
    this.tickCount = 0;
    this.resetLifetime();
  }

  /**
   * The arena and every pool as {@link BufferUsage} (lifetime peaks and failures), the input of
   * `adviseSizing`: what `bufferUsages(profiler.snapshot())` gives, without copying the window, for
   * live views that refresh the advice while the game runs.
   */
  bufferUsages(): BufferUsage[] {
    const state = this.state;
    return bufferUsages({
      arena: {
        capacity: this.arena.capacity,
        peak: state[ARENA_PEAK_MAX],
        failures: state[ARENA_FAILS_TOTAL],
      },
      pools: this.poolRings.map((rings, i) => ({
        name: rings.name,
        capacity: this.poolObjects[i].capacity,
        initialCapacity: this.poolInitialCapacity[i],
        maxCapacity: this.poolObjects[i].maxCapacity,
        peak: this.poolPeakMax[i],
        failures: this.poolFailsTotal[i],
      })),
    });
  }

  /** Copies the window and lifetime figures into plain data for reports and exports (allocates). */
  snapshot(): ProfileSnapshot {
    const state = this.state;
    const r = this.tickRings;
    const pools: SnapshotPool[] = this.poolRings.map((rings, i) => ({
      name: rings.name,
      capacity: this.poolObjects[i].capacity,
      initialCapacity: this.poolInitialCapacity[i],
      maxCapacity: this.poolObjects[i].maxCapacity,
      peak: this.poolPeakMax[i],
      peakTick: this.poolPeakTick[i],
      failures: this.poolFailsTotal[i],
      series: {
        live: rings.live.toArray(),
        peak: rings.peak.toArray(),
        allocations: rings.allocations.toArray(),
        frees: rings.frees.toArray(),
        failures: rings.failures.toArray(),
      },
    }));
    const systems: SnapshotSystem[] = this.systemRings.map((rings) => ({
      name: rings.name,
      series: {
        offsetMs: rings.offsetMs.toArray(),
        ms: rings.ms.toArray(),
        bytes: rings.bytes.toArray(),
        peakBytes: rings.peakBytes.toArray(),
        allocations: rings.allocations.toArray(),
        failures: rings.failures.toArray(),
        calls: rings.calls.toArray(),
      },
    }));
    const tags: SnapshotTag[] = this.tagRings.map((rings) => ({
      name: rings.name,
      series: { bytes: rings.bytes.toArray(), count: rings.count.toArray() },
    }));
    return {
      window: this.window,
      totalTicks: this.tickCount,
      arena: {
        capacity: this.arena.capacity,
        peak: state[ARENA_PEAK_MAX],
        peakTick: state[ARENA_PEAK_TICK],
        failures: state[ARENA_FAILS_TOTAL],
      },
      ticks: {
        tick: r.tick.toArray(),
        startMs: r.startMs.toArray(),
        tickMs: r.tickMs.toArray(),
        entities: r.entities.toArray(),
        arenaUsed: r.arenaUsed.toArray(),
        arenaPeak: r.arenaPeak.toArray(),
        arenaAllocations: r.arenaAllocations.toArray(),
        arenaFailures: r.arenaFailures.toArray(),
      },
      pools,
      systems,
      tags,
    };
  }

  private recordPools(tick: number): void {
    const pools = this.poolObjects;
    for (let i = 0; i < pools.length; i++) {
      const pool = pools[i];
      const rings = this.poolRings[i];
      const peak = pool.highWater;
      const failures = pool.failureCount - this.poolFailsAtTick[i];
      rings.live.push(pool.live);
      rings.peak.push(peak);
      rings.allocations.push(pool.allocCount - this.poolAllocsAtTick[i]);
      rings.frees.push(pool.freeCount - this.poolFreesAtTick[i]);
      rings.failures.push(failures);
      pool.highWater = Math.max(peak, this.poolSavedHigh[i]);
      if (peak > this.poolPeakMax[i]) {
        this.poolPeakMax[i] = peak;
        this.poolPeakTick[i] = tick;
      }
      this.poolFailsTotal[i] += failures;
    }
  }

  private recordSystems(): void {
    const acc = this.systemAcc;
    const systems = this.systemRings;
    for (let id = 0; id < systems.length; id++) {
      const rings = systems[id];
      const ran = acc.calls[id] > 0;
      rings.offsetMs.push(ran ? acc.offsetMs[id] : Number.NaN);
      rings.ms.push(acc.ms[id]);
      rings.bytes.push(acc.bytes[id]);
      rings.peakBytes.push(acc.peakBytes[id]);
      rings.allocations.push(acc.allocations[id]);
      rings.failures.push(acc.failures[id]);
      rings.calls.push(acc.calls[id]);
    }
  }

  private recordTags(): void {
    const tags = this.tagRings;
    for (let id = 0; id < tags.length; id++) {
      tags[id].bytes.push(this.tagBytes[id]);
      tags[id].count.push(this.tagCalls[id]);
    }
  }

  private resetLifetime(): void {
    this.state[ARENA_PEAK_MAX] = 0;
    this.state[ARENA_PEAK_TICK] = -1;
    this.state[ARENA_FAILS_TOTAL] = 0;
    this.poolPeakMax.fill(0);
    this.poolPeakTick.fill(-1);
    this.poolFailsTotal.fill(0);
  }

  private requireSystemId(id: number): void {
    if (!(id >= 0 && id < this.systemRings.length && Number.isInteger(id))) {
      throw new RangeError(
        `unknown system id ${String(id)}: register systems with addSystem (ids 0 to ${this.systemRings.length - 1})`,
      );
    }
  }

  private requireRegistrationOpen(kind: string, name: string, existing: readonly { name: string }[]): void {
    if (this.tickCount > 0 || this.tickOpen) {
      throw new ProfilerStateError(
        'registration-closed',
        `add ${kind} "${name}": register before the first tick (or after clear()), so every series covers the same ticks`,
      );
    }
    if (typeof name !== 'string' || name.length === 0)
      throw new RangeError(`${kind} name must be a non-empty string`);
    if (existing.some((entry) => entry.name === name))
      throw new RangeError(`${kind} "${name}" is already registered`);
  }
}

function idOf(kind: string, name: string, entries: readonly { name: string }[]): number {
  const id = entries.findIndex((entry) => entry.name === name);
  if (id === -1) throw new RangeError(`unknown ${kind} "${name}"`);
  return id;
}

function clearRings(group: object): void {
  for (const value of Object.values(group)) if (value instanceof RingBuffer) value.clear();
}

type PoolRings = { readonly [K in keyof PoolSeries]: K extends 'name' ? string : RingBuffer };
type SystemRings = {
  readonly [K in keyof SystemSeries]: K extends 'name' ? string : RingBuffer<Float64Array | Float32Array>;
};
type TagRings = { readonly [K in keyof TagSeries]: K extends 'name' ? string : RingBuffer };

/** The open tick's per-system sums, one slot per system id. */
class SystemAccumulators {
  readonly offsetMs: Float64Array;
  readonly ms: Float64Array;
  readonly bytes: Float64Array;
  readonly peakBytes: Float64Array;
  readonly allocations: Float64Array;
  readonly failures: Float64Array;
  readonly calls: Float64Array;

  constructor(systems: number) {
    this.offsetMs = new Float64Array(systems);
    this.ms = new Float64Array(systems);
    this.bytes = new Float64Array(systems);
    this.peakBytes = new Float64Array(systems);
    this.allocations = new Float64Array(systems);
    this.failures = new Float64Array(systems);
    this.calls = new Float64Array(systems);
  }

  clear(): void {
    this.ms.fill(0);
    this.bytes.fill(0);
    this.peakBytes.fill(0);
    this.allocations.fill(0);
    this.failures.fill(0);
    this.calls.fill(0);
  }
}
