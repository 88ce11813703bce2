import { type ArenaLike, ArenaTracker } from './ArenaTracker.ts';
import { CollectionTracker } from './CollectionTracker.ts';
import { argumentError, isCount, positionError, requireBoolean, requireFunction } from './checks.ts';
import { type Clock, READING, READINGS } from './clock.ts';
import {
  clockError,
  endTickError,
  NO_SYSTEM,
  ProfilerStateError,
  type ProtocolState,
  systemCallError,
} from './errors.ts';
import { GarbageTracker } from './GarbageTracker.ts';
import { resolveOptions, type TickProfilerOptions } from './options.ts';
import { PoolTracker } from './PoolTracker.ts';
import { idOf, requireNewName } from './registration.ts';
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

const TICK = seriesSlots(TICK_SERIES);
const TAG = seriesSlots(TAG_SERIES);

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
 * Bad input is refused where it comes in: the constructor and the setters check every option (a
 * TypeError or RangeError naming it), and each call checks its arguments and the clock's reading
 * before it changes anything, so a call that throws leaves the profiler, the arena and the pools
 * exactly as they were. On the hot paths (`beginSystem`, `endSystem`, `tag`, `endTick`) that is one
 * combined test of cheap comparisons; only a call that fails it goes on to work out which error to
 * throw. A BigInt, string or Symbol passed as a number never reaches arithmetic.
 *
 * To measure peaks without a per-allocation hook, the profiler borrows the `highWater` of the arena and
 * of every pool during a tick (it sets them to the current level at begin points) and restores them at
 * `endTick` to what they would have been without it, so code reading them between ticks sees no
 * difference. Code reading `highWater` inside a tick sees the peak since the last system began.
 *
 * Garbage: with a `heap` reader it records the JS-heap bytes each system and each tick allocate, and
 * with a `gc` source the collections; a figure a collection fell inside is dropped (NaN), never guessed.
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
  private readonly garbageTracker: GarbageTracker;
  private readonly collectionTracker: CollectionTracker;
  /** Whether a heap reader counts garbage: one field, so that without one a system boundary pays a branch. */
  private readonly counting: boolean;

  /**
   * @throws TypeError naming the option (`clock`, `arena.used`, `pools.bullets`, `systems[2]` …) when
   *   it has the wrong type or `highWater` cannot be written; RangeError for a bad window, or an empty
   *   or repeated name.
   */
  constructor(options: TickProfilerOptions) {
    const { window, arena, pools, clock, enabled, tagging, systems, tags, heap, gc } =
      resolveOptions(options);
    this.window = window;
    this.arena = arena;
    this.clock = clock;
    this.wanted = enabled;
    this.on = enabled;
    this.tagsWanted = tagging;
    this.tagsOn = enabled && tagging;

    this.tickStore = new SeriesStore(TICK_SERIES, window);
    this.ticks = this.tickStore.add();
    this.arenaTracker = new ArenaTracker(arena);
    this.poolTracker = new PoolTracker(pools, window);
    this.pools = this.poolTracker.series;
    this.systemTracker = new SystemTracker(arena, window, this.clockReadings);
    this.systems = this.systemTracker.series;
    this.tagStore = new SeriesStore(TAG_SERIES, window);
    this.tags = this.tagSeries;
    const systemStore = this.systemTracker.store;
    this.garbageTracker = new GarbageTracker(heap, this.tickStore, systemStore);
    this.collectionTracker = new CollectionTracker(gc, this.tickStore, systemStore, this.clockReadings);
    this.counting = heap !== undefined;
    for (const name of systems) this.addSystem(name);
    for (const name of tags) this.addTag(name);
  }

  /**
   * Whether calls record. Turning it off inside a tick abandons that tick (see {@link abandonTick}) and
   * makes the rest of the tick's calls no-ops; turning it on takes effect at the next `beginTick`, so a
   * toggle (an overlay key) can come at any point of the game loop. Setting anything but true or false
   * throws a TypeError naming `enabled`.
   */
  get enabled(): boolean {
    return this.wanted;
  }
  set enabled(value: boolean) {
    requireBoolean('enabled', value);
    this.wanted = value;
    if (!value) {
      this.abandonTick();
      this.collectionTracker.stop();
      this.on = false;
      this.tagsOn = false;
    }
  }

  /** Whether {@link tag} records (only while {@link enabled} too). Only true or false can be set. */
  get tagging(): boolean {
    return this.tagsWanted;
  }
  set tagging(value: boolean) {
    requireBoolean('tagging', value);
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
   * @throws TypeError naming `name` when it is no string; RangeError for an empty or duplicate name;
   *   ProfilerStateError ('registration-closed') once a tick has been recorded (call {@link clear}
   *   first), since the new series would not line up.
   */
  addSystem(name: string): number {
    requireNewName('system', name, this.systems, this.tickCount > 0 || this.tickOpen);
    return this.systemTracker.add(name);
  }

  /** The id of a registered system. @throws RangeError when no system has that name (TypeError: no string). */
  systemId(name: string): number {
    return idOf('system', name, this.systems);
  }

  /**
   * Registers a call-site tag and returns its id, for {@link tag}. Same rules as {@link addSystem}.
   */
  addTag(name: string): number {
    requireNewName('tag', name, this.tags, this.tickCount > 0 || this.tickOpen);
    this.tagSeries.push({ name, ...this.tagStore.add() });
    return this.tagSeries.length - 1;
  }

  /** The id of a registered tag. @throws RangeError when no tag has that name (TypeError: no string). */
  tagId(name: string): number {
    return idOf('tag', name, this.tags);
  }

  /**
   * Starts a tick: call it right after the game resets the arena. Reads the clock and every counter,
   * and first applies the collections the `gc` source reported since the last tick to the ticks they
   * fell inside.
   * @throws ProfilerStateError ('tick-open') when the previous tick was not ended; TypeError naming
   *   `clock` when the clock returns no number (and whatever the clock throws).
   */
  beginTick(): void {
    if (!this.wanted) return;
    if (this.tickOpen) {
      throw new ProfilerStateError(
        'tick-open',
        'beginTick: the previous tick is still open; call endTick first',
      );
    }
    // The clock comes first: if it throws or gives no number, nothing has changed yet. What follows
    // (a few stores per pool) is billed to the tick.
    const start = this.clock();
    if (typeof start !== 'number') throw clockError(start);
    this.on = true;
    this.tagsOn = this.tagsWanted;
    this.clockReadings[READING.tickStart] = start;
    this.arenaTracker.beginTick();
    this.poolTracker.beginTick();
    this.systemTracker.beginTick();
    this.collectionTracker.beginTick();
    this.garbageTracker.beginTick();
    this.tagStore.values.fill(0);
    this.tickOpen = true;
  }

  /**
   * Starts system `id` inside the tick.
   * @throws RangeError for an unknown id (TypeError: no number); ProfilerStateError ('no-tick',
   *   'system-open') when out of order; TypeError naming `clock` when the clock returns no number.
   */
  beginSystem(id: number): void {
    if (!this.on) return;
    const now = this.clock();
    const valid = Number.isInteger(id) && id >= 0 && id < this.systems.length;
    if (!(valid && this.tickOpen && this.openSystem === NO_SYSTEM && typeof now === 'number')) {
      throw systemCallError('beginSystem', id, now, this.protocolState());
    }
    this.clockReadings[READING.latest] = now;
    this.arenaTracker.enterSystem();
    this.systemTracker.begin();
    this.openSystem = id;
    if (this.counting) this.garbageTracker.beginSystem();
  }

  /**
   * Ends system `id`, attributing to it the time and the arena bytes, allocations and refusals since
   * its `beginSystem`. A system that runs several times in a tick accumulates.
   * @throws RangeError for an unknown id (TypeError: no number); ProfilerStateError ('no-tick',
   *   'system-not-open') when out of order; TypeError naming `clock` when the clock returns no number.
   */
  endSystem(id: number): void {
    if (!this.on) return;
    // The heap first, the clock second: the garbage window lies inside the time window, so a collection
    // that spoils the figure began inside the system's time.
    if (this.counting) this.garbageTracker.readSystemEnd();
    const now = this.clock();
    // openSystem is a registered id whenever it is not NO_SYSTEM, so matching it checks `id` too.
    if (!(id === this.openSystem && id !== NO_SYSTEM && this.tickOpen && typeof now === 'number')) {
      throw systemCallError('endSystem', id, now, this.protocolState());
    }
    this.clockReadings[READING.latest] = now;
    this.systemTracker.end(id);
    if (this.counting) this.garbageTracker.endSystem(id);
    this.arenaTracker.leaveSystem();
    this.openSystem = NO_SYSTEM;
  }

  /**
   * Records a call site's allocation of `bytes` in the current tick under tag `tagId`. Costs one branch
   * unless both {@link enabled} and {@link tagging} are on. Tags outside a tick are discarded.
   * @throws RangeError for an unknown tag id or `bytes` that is not a whole number ≥ 0 (TypeError for
   *   either when it is no number); only while tagging is on, and before anything is added.
   * @example
   * const PATHS = profiler.addTag('pathfinding scratch');
   * const off = arena.alloc(n * 8); profiler.tag(PATHS, n * 8);
   */
  tag(tagId: number, bytes: number): void {
    if (!this.tagsOn) return;
    const tags = this.tagSeries.length;
    if (
      !(Number.isInteger(tagId) && tagId >= 0 && tagId < tags && Number.isSafeInteger(bytes) && bytes >= 0)
    ) {
      throw isCount(tagId) && tagId < tags
        ? argumentError('bytes', 'a whole number ≥ 0', bytes, typeof bytes !== 'number')
        : positionError('tagId', tagId, tags, 'registered tags');
    }
    const values = this.tagStore.values;
    const base = tagId * this.tagStore.width;
    values[base + TAG.bytes] += bytes;
    values[base + TAG.count]++;
  }

  /**
   * Runs `system(arg)` between `beginSystem(id)` and `endSystem(id)`, ending it even when it throws.
   * Pass a function made once (not a new closure per tick) to stay garbage-free.
   * @throws TypeError naming `system` when it is no function (before the system begins); what
   *   `beginSystem` and the system throw.
   */
  runSystem<T>(id: number, system: (arg: T) => void, arg: T): void {
    requireFunction('system', system);
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
   * @throws RangeError when `entityCount` is not a whole number ≥ 0 (TypeError when it is no number);
   *   ProfilerStateError ('no-tick', 'system-open') when out of order; TypeError naming `clock` when
   *   the clock returns no number. All before any series grows.
   */
  endTick(entityCount: number): void {
    if (!this.on) return;
    const now = this.clock();
    const valid = Number.isSafeInteger(entityCount) && entityCount >= 0;
    if (!(valid && this.tickOpen && this.openSystem === NO_SYSTEM && typeof now === 'number')) {
      throw endTickError(entityCount, now, this.protocolState());
    }
    const tick = this.tickCount;
    const start = this.clockReadings[READING.tickStart];
    const values = this.tickStore.values;
    values[TICK.tick] = tick;
    values[TICK.startMs] = start;
    values[TICK.tickMs] = now - start;
    values[TICK.entities] = entityCount;
    this.clockReadings[READING.latest] = now;
    this.collectionTracker.endTick();
    this.garbageTracker.endTick();
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
    this.collectionTracker.clear();
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

  /**
   * Copies the window and lifetime figures into plain data for reports and exports (allocates). Between
   * ticks it first applies the collections reported since the last tick began.
   */
  snapshot(): ProfileSnapshot {
    if (!this.tickOpen) this.collectionTracker.drain();
    return {
      window: this.window,
      totalTicks: this.tickCount,
      arena: this.arenaTracker.figures(),
      ticks: this.tickStore.copy(0),
      pools: this.poolTracker.snapshot(),
      systems: this.systemTracker.snapshot(),
      tags: this.tagSeries.map(({ name }, id) => ({ name, series: this.tagStore.copy(id) })),
      gc: this.collectionTracker.figures(),
    };
  }

  /** The state the slow paths explain a failed call by (allocates: only on the way to a throw). */
  private protocolState(): ProtocolState {
    return { tickOpen: this.tickOpen, openSystem: this.openSystem, systems: this.systems };
  }
}
