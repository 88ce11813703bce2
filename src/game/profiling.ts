/**
 * The frame-allocation profiler attached to the pooled world: one place that knows which arena, pools
 * and systems a {@link GameWorld} has, shared by `npm run profile` and the in-game overlay.
 *
 * @example
 * const profiler = createWorldProfiler(world, { window: 600 });
 * for (let t = 0; t < 600; t++) stepGameWorld(world, profiler);
 * console.log(formatReport(summarize(profiler.snapshot())));
 */
import { describeValue } from '../memory/index.ts';
import { TickProfiler, type TickProfilerOptions } from '../profiler/index.ts';
import { type GameWorld, requireGameWorld } from './GameWorld.ts';
import { SYSTEMS } from './systems/index.ts';

/** What {@link createWorldProfiler} lets the caller choose: everything but what the world fixes. */
export type WorldProfilerOptions = Omit<TickProfilerOptions, 'arena' | 'pools' | 'systems'>;

/**
 * A {@link TickProfiler} watching `world`: its frame arena, its pools (`bullets`, `enemies`,
 * `particles`) and one system per entry of {@link SYSTEMS}, with ids equal to their indices there.
 * Step the world with `stepGameWorld(world, profiler)` to record.
 */
export function createWorldProfiler(world: GameWorld, options: WorldProfilerOptions = {}): TickProfiler {
  requireGameWorld(world);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  return new TickProfiler({
    ...options,
    arena: world.arena,
    pools: { bullets: world.bullets, enemies: world.enemies.pool, particles: world.particles },
    systems: SYSTEMS.map((system) => system.name),
  });
}

/**
 * Throws unless `profiler` fits `world` as {@link createWorldProfiler} makes it: a TickProfiler on the
 * world's arena with the systems of {@link SYSTEMS} registered first, in order (so system ids are
 * their indices). Allocates nothing when it passes, so a step may call it every tick.
 * @throws TypeError when `world` is not a world or `profiler` not a TickProfiler; RangeError
 *   describing the mismatch.
 */
export function requireWorldProfiler(world: GameWorld, profiler: TickProfiler): void {
  requireGameWorld(world);
  if (!(profiler instanceof TickProfiler)) {
    throw new TypeError(
      `profiler must be a TickProfiler made by createWorldProfiler(world), got ${describeValue(profiler)}`,
    );
  }
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
