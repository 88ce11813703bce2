import { describeValue } from '../../memory/index.ts';
import {
  type AllocationSite,
  type ProfileReport,
  type ProfileSnapshot,
  type SamplingFigures,
  summarize,
  TickProfiler,
} from '../index.ts';
import { GcObserver } from './GcObserver.ts';
import { GameError, type GameModule, type GameSystem, reasonOf, requireGameModule } from './gameModule.ts';
import { createHeapReader } from './heapReader.ts';
import {
  type ProfileGameOptions,
  type ProfilePhase,
  type ProgressListener,
  resolveProfileOptions,
} from './profileOptions.ts';
import { DEFAULT_SAMPLING_INTERVAL } from './SiteSampler.ts';
import { sampleSites } from './sampleSites.ts';
import { callSystem, type SystemCaller, systemCallers } from './systemCallers.ts';

/**
 * Default {@link ProfileGameOptions.warmup}: 1,000 ticks. V8 optimizes a function called once per tick
 * only after several hundred calls, and until then every number it computes may be a fresh heap object
 * (the demo's ship system: 352 B a tick at 600 ticks, none from 1,000 on).
 */
export const DEFAULT_WARMUP = 1000;

/** Allocation sites listed per system. */
const TOP_SITES = 5;

/** Ticks between two waits for the collector's reports, so that they never pile up past the observer's ring. */
const FLUSH_EVERY = 60;

/** What {@link profileGame} measured. */
export interface GameProfile {
  /** Everything the profiler recorded. */
  readonly snapshot: ProfileSnapshot;
  /** Its summary, rates over the game's `dt`. */
  readonly report: ProfileReport;
  /** Whether the game has a frame arena (without one the arena's figures are a stand-in's zeros). */
  readonly hasArena: boolean;
  /** Each system's top allocation sites, when sampled. */
  readonly sites?: readonly (readonly AllocationSite[])[];
  /** How they were sampled. */
  readonly sampling?: SamplingFigures;
}

/**
 * Profiles a game: runs its setup, `warmup` ticks whose recording is thrown away, then `ticks` ticks under a
 * {@link TickProfiler} that counts each system's time, frame-arena bytes and JS-heap garbage and the
 * collections (Node's heap reader and GC observer), and summarizes them; with `sites`, then samples
 * where each system allocates. Every tick resets the game's arena first, then runs every system in
 * order with `dt`. The ticks of one phase run back to back, with a pause for the collector's reports
 * every 60.
 * @throws TypeError or RangeError naming an option of the wrong type or out of range, before anything
 *   runs; GameError naming the game when its setup throws ('setup'), a system throws ('system': which
 *   one, in which tick), or a field is of the wrong shape ('shape'). A tick a system threw in is
 *   abandoned, never recorded.
 */
export async function profileGame(game: GameModule, options: ProfileGameOptions): Promise<GameProfile> {
  const resolved = resolveProfileOptions(options, {
    warmup: DEFAULT_WARMUP,
    samplingInterval: DEFAULT_SAMPLING_INTERVAL,
  });
  const { name, dt, ticks } = resolved;
  requireGameModule(game, name);
  try {
    await game.setup?.();
  } catch (error) {
    throw new GameError('setup', `${name}: setup() threw: ${reasonOf(error)}`, { cause: error });
  }
  requireGameModule(game, name, true);
  const systems = game.systems;
  const arena = game.arena ?? standInArena();
  const gc = new GcObserver();
  let profiler: TickProfiler;
  try {
    profiler = new TickProfiler({
      arena,
      pools: game.pools,
      systems: systems.map((system) => system.name),
      window: ticks,
      heap: createHeapReader(),
      gc,
    });
  } catch (error) {
    gc.disconnect();
    throw new GameError('shape', `${name}: ${reasonOf(error)}`, { cause: error });
  }
  const run = createDriver(game, arena, name, dt, resolved.onProgress);
  try {
    // Warm up recording too, then forget it: the profiler's own code runs compiled from the first
    // profiled tick on (unoptimized, it boxes a number now and then inside a system's window).
    await run('warm-up', resolved.warmup, profiler, gc);
    await gc.flush();
    profiler.clear();
    await run('profile', ticks, profiler, gc);
    // The stretch of recording ends with the last tick: what the wait below collects does not count.
    profiler.enabled = false;
    await gc.flush();
    const snapshot = profiler.snapshot();
    const report = summarize(snapshot, { dt });
    if (!resolved.sites) return { snapshot, report, hasArena: game.arena !== undefined };
    let sampledTicks = 0;
    const sampled = await sampleSites(
      (count) => {
        sampledTicks += count;
        return run('sites', count, undefined, undefined, sampledTicks - count, ticks);
      },
      systems.length,
      ticks,
      resolved.samplingInterval,
      TOP_SITES,
    );
    return { snapshot, report, hasArena: game.arena !== undefined, ...sampled };
  } finally {
    gc.disconnect();
  }
}

/** Runs `count` ticks of `phase`, recorded when a profiler is given (see {@link createDriver}). */
type Driver = (
  phase: ProfilePhase,
  count: number,
  profiler: TickProfiler | undefined,
  gc: GcObserver | undefined,
  before?: number,
  total?: number,
) => Promise<void>;

/**
 * The loop that runs a game's ticks: one closure warms up, profiles and samples, so the JIT compiles it
 * once for all. A closure, not a class: `dt` kept in a class field would be stored unboxed, and
 * passing it to `run` would box it anew in every call, 16 B of garbage charged to the system.
 * Progress counts from `before` of the phase's `total` ticks (a phase run in parts); the collector's
 * reports are awaited every {@link FLUSH_EVERY} ticks.
 */
function createDriver(
  game: GameModule,
  arena: { reset(): void },
  name: string,
  dt: number,
  onProgress: ProgressListener | undefined,
): Driver {
  const systems = game.systems;
  const runs = systems.map((system: GameSystem) => system.run.bind(system));
  const callers: SystemCaller[] = systemCallers(systems.length);
  const tick = (phase: ProfilePhase, at: number, profiler: TickProfiler | undefined): void => {
    arena.reset();
    profiler?.beginTick();
    for (let i = 0; i < runs.length; i++) {
      profiler?.beginSystem(i);
      try {
        callSystem(callers[i], runs[i], dt);
      } catch (error) {
        profiler?.abandonTick();
        throw new GameError(
          'system',
          `${name}: system "${systems[i].name}" threw in ${phase} tick ${at}: ${reasonOf(error)}`,
          { cause: error },
        );
      }
      profiler?.endSystem(i);
    }
    if (profiler === undefined) return;
    const entities = game.entities?.() ?? 0;
    if (!(Number.isSafeInteger(entities) && entities >= 0)) {
      profiler.abandonTick();
      throw new GameError(
        'shape',
        `${name}: entities() must return a whole number ≥ 0, got ${describeValue(entities)}`,
      );
    }
    profiler.endTick(entities);
  };
  return async (phase, count, profiler, gc, before = 0, total = count) => {
    for (let i = 0; i < count; i++) {
      tick(phase, before + i, profiler);
      onProgress?.(phase, before + i + 1, total);
      if (gc !== undefined && i % FLUSH_EVERY === FLUSH_EVERY - 1) await gc.flush();
    }
  };
}

/** The arena a game without one is profiled with: always empty, never reset to anything. */
function standInArena() {
  return { capacity: 0, used: 0, highWater: 0, allocCount: 0, failureCount: 0, reset: () => {} };
}
