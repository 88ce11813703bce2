import { type ArenaLike, ArenaTracker } from './ArenaTracker.ts';
import { type Clock, defaultClock, READING, READINGS } from './clock.ts';
import { ProfilerStateError } from './errors.ts';
import { type PoolLike, PoolTracker } from './PoolTracker.ts';
import { requireRingCapacity } from './RingBuffer.ts';
import { SeriesStore, seriesSlots } from './SeriesStore.ts';
import { SystemTracker } from './SystemTracker.ts';
import {
  type PoolSeries,
  type SystemSeries,
  TAG_SERIES,
  type TagSeries,
  TICK_SERIES,
  type TickSeries,
} from './seriesTables.ts';
import { type BufferUsage, bufferUsages } from './sizing.ts';
import type { ProfileSnapshot } from './snapshot.ts';

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

const TICK = seriesSlots(TICK_SERIES);
const TAG = seriesSlots(TAG_SERIES);
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
  private readonly clockReadings = new Float64Array(READINGS);
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

  private readonly tickStore: SeriesStore<typeof TICK_SERIES>;
  private readonly arenaTracker: ArenaTracker;
  private readonly poolTracker: PoolTracker;
  private readonly systemTracker: SystemTracker;
  private readonly tagStore: SeriesStore<typeof TAG_SERIES>;
  private readonly tagSeries: TagSeries[] = [];

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

    this.tickStore = new SeriesStore(TICK_SERIES, window);
    this.ticks = this.tickStore.add();
    this.arenaTracker = new ArenaTracker(options.arena);
    this.poolTracker = new PoolTracker(options.pools ?? {}, window);
    this.pools = this.poolTracker.series;
    this.systemTracker = new SystemTracker(options.arena, window, this.clockReadings);
    this.systems = this.systemTracker.series;
    this.tagStore = new SeriesStore(TAG_SERIES, window);
    this.tags = this.tagSeries;
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
    return this.systemTracker.add(name);
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
    this.tagSeries.push({ name, ...this.tagStore.add() });
    return this.tagSeries.length - 1;
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
    this.arenaTracker.beginTick();
    this.poolTracker.beginTick();
    this.systemTracker.beginTick();
    this.tagStore.values.fill(0);
    this.tickOpen = true;
    // Read the clock last so the profiler's own bookkeeping is not billed to the tick.
    this.clockReadings[READING.tickStart] = this.clock();
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
    this.arenaTracker.enterSystem();
    this.openSystem = id;
    this.clockReadings[READING.latest] = this.clock();
    this.systemTracker.begin();
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
    this.clockReadings[READING.latest] = now;
    this.systemTracker.end(id);
    this.arenaTracker.leaveSystem();
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
    if (!(tagId >= 0 && tagId < this.tagSeries.length && Number.isInteger(tagId))) {
      throw new RangeError(
        `tag(${tagId}): unknown tag id; register it with addTag (ids 0 to ${this.tagSeries.length - 1})`,
      );
    }
    const values = this.tagStore.values;
    const base = tagId * this.tagStore.width;
    values[base + TAG.bytes] += bytes;
    values[base + TAG.count]++;
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
    const tick = this.tickCount;
    const start = this.clockReadings[READING.tickStart];
    const values = this.tickStore.values;
    values[TICK.tick] = tick;
    values[TICK.startMs] = start;
    values[TICK.tickMs] = now - start;
    values[TICK.entities] = entityCount;
    this.arenaTracker.record(values, tick);
    this.tickStore.record();
    this.poolTracker.record(tick);
    this.systemTracker.record();
    this.tagStore.record();
    this.tickCount = tick + 1;
    this.tickOpen = false;
  }

  /**
   * Drops the open tick without recording it (after a system threw, say) and gives the arena and pools
   * their `highWater` back. Does nothing when no tick is open.
   */
  abandonTick(): void {
    if (!this.tickOpen) return;
    this.arenaTracker.abandon();
    this.poolTracker.abandon();
    this.openSystem = NO_SYSTEM;
    this.tickOpen = false;
  }

  /** Forgets every recorded tick and lifetime figure (registrations stay; new ones are allowed again). */
  clear(): void {
    this.abandonTick();
    this.tickStore.clear();
    this.arenaTracker.resetLifetime();
    this.poolTracker.clear();
    this.systemTracker.clear();
    this.tagStore.clear();
    this.tickCount = 0;
  }

  /**
   * The arena and every pool as {@link BufferUsage} (lifetime peaks and failures), the input of
   * `adviseSizing`: what `bufferUsages(profiler.snapshot())` gives, without copying the window, for
   * live views that refresh the advice while the game runs.
   */
  bufferUsages(): BufferUsage[] {
    return bufferUsages({ arena: this.arenaTracker.figures(), pools: this.poolTracker.figures() });
  }

  /** Copies the window and lifetime figures into plain data for reports and exports (allocates). */
  snapshot(): ProfileSnapshot {
    return {
      window: this.window,
      totalTicks: this.tickCount,
      arena: this.arenaTracker.figures(),
      ticks: this.tickStore.copy(0),
      pools: this.poolTracker.snapshot(),
      systems: this.systemTracker.snapshot(),
      tags: this.tagSeries.map(({ name }, id) => ({ name, series: this.tagStore.copy(id) })),
    };
  }

  private requireSystemId(id: number): void {
    if (!(id >= 0 && id < this.systems.length && Number.isInteger(id))) {
      throw new RangeError(
        `unknown system id ${String(id)}: register systems with addSystem (ids 0 to ${this.systems.length - 1})`,
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
