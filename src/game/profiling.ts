/**
 * The frame-allocation profiler attached to the pooled world: one place that knows which arena, pools
 * and systems a {@link GameWorld} has, shared by `npm run profile` and the in-game overlay.
 *
 * @example
 * const profiler = createWorldProfiler(world, { window: 600 });
 * for (let t = 0; t < 600; t++) stepProfiled(world, profiler);
 * console.log(formatReport(summarize(profiler.snapshot())));
 */
import { TickProfiler, type TickProfilerOptions } from '../profiler/index.ts';
import type { GameWorld } from './GameWorld.ts';
import { SYSTEMS, stepGameWorld } from './step.ts';

/** What {@link createWorldProfiler} lets the caller choose: everything but what the world fixes. */
export type WorldProfilerOptions = Omit<TickProfilerOptions, 'arena' | 'pools' | 'systems'>;

/**
 * A {@link TickProfiler} watching `world`: its frame arena, its pools (`bullets`, `enemies`,
 * `particles`) and one system per entry of {@link SYSTEMS}, with ids equal to their indices there.
 * Step the world with {@link stepProfiled} (or `stepGameWorld(world, profiler)`) to record.
 */
export function createWorldProfiler(world: GameWorld, options: WorldProfilerOptions = {}): TickProfiler {
  return new TickProfiler({
    ...options,
    arena: world.arena,
    pools: { bullets: world.bullets.pool, enemies: world.enemies.pool, particles: world.particles.pool },
    systems: SYSTEMS.map((system) => system.name),
  });
}

/**
 * Advances `world` one step under `profiler`: the arena reset, `profiler.beginTick()`, each system
 * between `beginSystem`/`endSystem`, `profiler.endTick(live entities)`, then the world's tick
 * bookkeeping. Creates no garbage; the world ends in the same state as after `stepGameWorld(world)`.
 */
export function stepProfiled(world: GameWorld, profiler: TickProfiler): void {
  stepGameWorld(world, profiler);
}

/**
 * Throws unless `profiler` fits `world` as {@link createWorldProfiler} makes it: the world's arena and
 * the systems of {@link SYSTEMS} registered first, in order (so system ids are their indices).
 * @throws RangeError describing the mismatch.
 */
export function requireWorldProfiler(world: GameWorld, profiler: TickProfiler): void {
  if (profiler.arena !== world.arena) {
    throw new RangeError('profiler watches another arena: create it with createWorldProfiler(world)');
  }
  for (let i = 0; i < SYSTEMS.length; i++) {
    const name = profiler.systems[i]?.name;
    if (name !== SYSTEMS[i].name) {
      throw new RangeError(
        `profiler system ${i} is ${name === undefined ? 'missing' : `"${name}"`}, expected "${SYSTEMS[i].name}": create it with createWorldProfiler(world)`,
      );
    }
  }
}
