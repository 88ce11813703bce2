import { type ArenaLike, requireArenaLike } from './ArenaTracker.ts';
import { type GcSource, requireGcSource } from './CollectionTracker.ts';
import {
  argumentError,
  requireArray,
  requireBoolean,
  requireFunction,
  requireName,
  requireObject,
} from './checks.ts';
import { type Clock, defaultClock } from './clock.ts';
import { type HeapReader, requireHeapReader } from './GarbageTracker.ts';
import { type PoolLike, requirePools } from './PoolTracker.ts';
import { requireRingCapacity } from './RingBuffer.ts';

/** Options for `TickProfiler`. */
export interface TickProfilerOptions {
  /** The frame arena, reset by the game before each `beginTick`. */
  arena: ArenaLike;
  /** Pools to watch, by name; the names appear in reports, CSV columns and trace tracks. */
  pools?: Readonly<Record<string, PoolLike>>;
  /** Systems to register up front; their ids are their indices here. More via `TickProfiler.addSystem`. */
  systems?: readonly string[];
  /** Call-site tags to register up front; ids are indices. More via `TickProfiler.addTag`. */
  tags?: readonly string[];
  /** Ticks kept (the oldest is overwritten), 1 to 2^24. Default {@link DEFAULT_WINDOW}. */
  window?: number;
  /** Time source in ms. Default {@link defaultClock} (`performance.now`). */
  clock?: Clock;
  /** Record at all. Default true. A disabled profiler costs one branch per call. */
  enabled?: boolean;
  /** Record `TickProfiler.tag` calls. Default false: a tag then costs one branch. */
  tagging?: boolean;
  /**
   * Reads the JS heap, to count each tick's and each system's garbage. Default none: the garbage
   * series are NaN. In Node, `createHeapReader()` from `framepool/profiler/node`.
   */
  heap?: HeapReader;
  /**
   * Reports the collector's pauses, on the same clock as `clock`, so that collections are counted per
   * tick and the garbage figures they spoil are dropped. Default none: the collection series are NaN,
   * and a spoiled figure is only caught when it came out negative. In Node, a `GcObserver` from
   * `framepool/profiler/node` (with the default clock).
   */
  gc?: GcSource;
}

/** The options with every default filled in; `heap` and `gc` stay undefined when not given. */
export type ResolvedProfilerOptions = Required<Omit<TickProfilerOptions, 'heap' | 'gc'>> &
  Pick<TickProfilerOptions, 'heap' | 'gc'>;

/** Ticks kept by default: 10 s at 60 ticks per second. */
export const DEFAULT_WINDOW = 600;

/**
 * `options` checked, with the defaults filled in. Throws a TypeError naming the option (`clock`,
 * `arena.used`, `pools.bullets`, `systems[2]` …) for a value of the wrong type, a RangeError for one
 * out of range, an empty name or a name given twice.
 */
export function resolveOptions(options: TickProfilerOptions): ResolvedProfilerOptions {
  requireObject('options', options);
  const window = options.window === undefined ? DEFAULT_WINDOW : options.window;
  requireRingCapacity(window, 'window');
  requireArenaLike(options.arena);
  const pools = options.pools === undefined ? {} : options.pools;
  requirePools(pools);
  const clock = options.clock === undefined ? defaultClock : options.clock;
  requireFunction('clock', clock);
  const enabled = options.enabled === undefined ? true : options.enabled;
  requireBoolean('enabled', enabled);
  const tagging = options.tagging === undefined ? false : options.tagging;
  requireBoolean('tagging', tagging);
  const systems = options.systems === undefined ? [] : options.systems;
  requireNames('systems', systems);
  const tags = options.tags === undefined ? [] : options.tags;
  requireNames('tags', tags);
  requireHeapReader(options.heap);
  requireGcSource(options.gc);
  const { arena, heap, gc } = options;
  return { arena, pools, systems, tags, window, clock, enabled, tagging, heap, gc };
}

function requireNames(name: string, names: readonly string[]): void {
  requireArray(name, names);
  names.forEach((entry, i) => {
    requireName(`${name}[${i}]`, entry);
    if (names.indexOf(entry) !== i)
      throw argumentError(`${name}[${i}]`, 'a name not given before', entry, false);
  });
}
