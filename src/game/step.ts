import { commitRemovals } from 'bitecs';
import type { TickProfiler } from '../profiler/index.ts';
import type { GameWorld } from './GameWorld.ts';
import { RULES } from './rules.ts';
import { collide } from './systems/collision.ts';
import { expireBullets } from './systems/lifetime.ts';
import { moveBullets, moveEnemies, updateParticles } from './systems/motion.ts';
import { steerShip } from './systems/ship.ts';
import { emitExhaust, fireBullets, spawnEnemies } from './systems/spawn.ts';

/** Seconds per simulation step. */
export const STEP_SECONDS = 1 / RULES.tickHz;

/**
 * The systems of one tick, in order. Each takes the world and the step length; a profiler can time
 * them one by one through this list.
 */
export const SYSTEMS: readonly {
  /** The system's name (as the profiler shows it). */
  readonly name: string;
  /** Runs the system once over `world` for a step of `dt` seconds. */
  readonly run: (world: GameWorld, dt: number) => void;
}[] = [
  { name: 'ship', run: steerShip },
  { name: 'spawn', run: spawnAll },
  { name: 'motion', run: moveAll },
  { name: 'lifetime', run: expireBullets },
  { name: 'collision', run: collideAll },
  { name: 'particles', run: updateParticles },
];

function spawnAll(world: GameWorld, dt: number): void {
  fireBullets(world, dt);
  spawnEnemies(world, dt);
  emitExhaust(world, dt);
}

function moveAll(world: GameWorld, dt: number): void {
  moveBullets(world, dt);
  moveEnemies(world, dt);
}

function collideAll(world: GameWorld): void {
  collide(world);
  commitRemovals(world.ecs);
}

/** Starts a tick: the frame arena is empty again and its peak is measured afresh. */
export function beginTick(world: GameWorld): void {
  world.arena.reset();
  world.arena.resetHighWater();
}

/** Ends a tick: records the arena's use and counts the step. */
export function endTick(world: GameWorld): void {
  world.arenaUsed = world.arena.used;
  world.arenaPeak = world.arena.highWater;
  world.tick++;
}

/** Live records of every kind: bullets, enemies and particles. */
export function liveEntities(world: GameWorld): number {
  return world.bullets.pool.live + world.enemies.pool.live + world.particles.pool.live;
}

/**
 * Advances the world one fixed step: every system, in order, between {@link beginTick} and
 * {@link endTick}. With a `profiler` (one from `createWorldProfiler`, whose system ids are the indices
 * of {@link SYSTEMS}) the step is recorded: its `beginTick` comes after the arena reset, each system
 * runs between `beginSystem`/`endSystem`, and `endTick` gets the live entity count. Without one the
 * step pays a single branch per system. If a system throws, the profiler's tick is abandoned, not left
 * open.
 */
export function stepGameWorld(world: GameWorld, profiler?: TickProfiler): void {
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
    profiler.endTick(liveEntities(world));
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
