import { ProfilerStateError, type TickProfiler } from '../profiler/index.ts';
import { type GameWorld, requireGameWorld } from './GameWorld.ts';
import { requireWorldProfiler } from './profiling.ts';
import { STEP_SECONDS } from './rules.ts';
import { SYSTEMS } from './systems/index.ts';

/** Starts a tick: the frame arena is empty again and its peak is measured afresh. */
export function beginTick(world: GameWorld): void {
  world.arena.reset();
  world.arena.resetHighWater();
}

/**
 * Ends a tick: packs the pools and counts the step. Reading a pool's `live` packs it, so packing here
 * leaves every pool as the next tick finds it whoever reads them in between (a profiler, the overlay,
 * the renderer): the storage order does not depend on who watched. The arena keeps the tick's use and
 * peak until the next begins.
 */
export function endTick(world: GameWorld): void {
  liveCount(world);
  world.tick++;
}

/** Live records of every kind: bullets, enemies and particles. */
export function liveCount(world: GameWorld): number {
  return world.bullets.live + world.enemies.pool.live + world.particles.live;
}

/**
 * Advances the world one fixed step: every system, in order, between {@link beginTick} and
 * {@link endTick}. With a `profiler` (one from `createWorldProfiler`, whose system ids are the indices
 * of {@link SYSTEMS}) the step is recorded: its `beginTick` comes after the arena reset, each system
 * runs between `beginSystem`/`endSystem`, and `endTick` gets the live count. Without one the
 * step pays a single branch per system. If a system throws, the profiler's tick is abandoned, not left
 * open.
 * @throws TypeError naming `world` when it is not a world, or TypeError or RangeError (see
 *   `requireWorldProfiler`) for a profiler that does not fit it, before anything changes.
 */
export function stepGameWorld(world: GameWorld, profiler?: TickProfiler): void {
  // Checked before anything moves, so a wrong world or profiler leaves the world as it was.
  if (profiler === undefined) requireGameWorld(world);
  else {
    requireWorldProfiler(world, profiler);
    // Its beginTick would refuse an open tick, but only after the arena reset below.
    if (profiler.isTickOpen) {
      throw new ProfilerStateError(
        'tick-open',
        'stepGameWorld: the profiler has a tick open; end or abandon it first',
      );
    }
  }
  beginTick(world);
  if (profiler === undefined) {
    runSystems(world, undefined);
  } else {
    profiler.beginTick();
    try {
      runSystems(world, profiler);
    } catch (error) {
      profiler.abandonTick();
      throw error;
    }
    profiler.endTick(liveCount(world));
  }
  endTick(world);
}

function runSystems(world: GameWorld, profiler: TickProfiler | undefined): void {
  for (let i = 0; i < SYSTEMS.length; i++) {
    const system = SYSTEMS[i];
    if (profiler === undefined) {
      system.run(world, STEP_SECONDS);
    } else {
      profiler.beginSystem(i);
      system.run(world, STEP_SECONDS);
      profiler.endSystem(i);
    }
  }
}
