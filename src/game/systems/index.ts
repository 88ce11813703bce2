import { commitRemovals } from 'bitecs';
import type { GameWorld } from '../GameWorld.ts';
import { collide } from './collision.ts';
import { expireBullets } from './lifetime.ts';
import { moveBullets, moveEnemies, moveShip, updateParticles } from './motion.ts';
import { emitExhaust, fireBullets, spawnEnemies } from './spawn.ts';

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
  { name: 'ship', run: moveShip },
  { name: 'spawn', run: spawnAll },
  { name: 'motion', run: moveAll },
  { name: 'lifetime', run: expireBullets },
  { name: 'collision', run: collideAll },
  { name: 'particles', run: updateParticles },
];

/** The spawn system: bullets, enemies and the engine trail, in that order. */
export function spawnAll(world: GameWorld, dt: number): void {
  fireBullets(world, dt);
  spawnEnemies(world, dt);
  emitExhaust(world, dt);
}

function moveAll(world: GameWorld, dt: number): void {
  moveBullets(world, dt);
  moveEnemies(world, dt);
}

/** The collision system: hits and bursts, then bitecs forgets the removed enemies. */
export function collideAll(world: GameWorld): void {
  collide(world);
  commitRemovals(world.ecs);
}
