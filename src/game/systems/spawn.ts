import { slotOf, spawnPooled } from '../../ecs/index.ts';
import { reseed } from '../../loop/index.ts';
import { BURST_COUNT, BURST_KEY } from '../burst.ts';
import type { GameWorld } from '../GameWorld.ts';
import {
  bulletsDue,
  burstSeed,
  enemiesDue,
  exhaustDue,
  rollBullet,
  rollEnemy,
  rollParticle,
  writeExhaust,
} from '../rules.ts';

// Spawning stops at the first refusal of a full pool (counted in its failureCount): the work of a
// tick is bounded by the free slots, whatever the rate asks for.

/** While the guns fire, spawns `input.fireRate` bullets per second from the ship's nose. */
export function fireBullets(world: GameWorld, dt: number): void {
  const pool = world.bullets;
  const body = pool.fields;
  for (let n = bulletsDue(world.debts, world.input, dt); n > 0; n--) {
    const handle = pool.tryAlloc();
    if (handle === -1) return;
    rollBullet(body, pool.slotOf(handle), world.rng, world.ship);
  }
}

/** Spawns `input.enemyRate` enemies per second just outside a random edge, heading inwards. */
export function spawnEnemies(world: GameWorld, dt: number): void {
  const enemies = world.enemies;
  for (let n = enemiesDue(world.debts, world.input, dt); n > 0; n--) {
    const eid = spawnPooled(world.ecs, enemies);
    if (eid === -1) return;
    const serial = world.enemiesSpawned++;
    rollEnemy(enemies.fields, slotOf(enemies, eid), world.rng, world.width, world.height, serial);
  }
}

/** Emits `input.exhaustRate` trail particles per second out of the back of the ship. */
export function emitExhaust(world: GameWorld, dt: number): void {
  writeExhaust(world.ship, exhaustDue(world.debts, world.input, dt), world.trailBurst, 0);
  spawnBurst(world, world.trailBurst, 0);
}

/** Throws the particles of the burst record at `at` in `records` (see `burst.ts`), from its own generator. */
export function spawnBurst(world: GameWorld, records: Float32Array, at: number): void {
  const pool = world.particles;
  const body = pool.fields;
  const rng = world.burstRng;
  reseed(rng, burstSeed(world.seed, world.tick, records[at + BURST_KEY]));
  for (let n = records[at + BURST_COUNT]; n > 0; n--) {
    const handle = pool.tryAlloc();
    if (handle === -1) return;
    rollParticle(body, pool.slotOf(handle), rng, records, at);
  }
}
