import { slotOf, spawnPooled } from '../../ecs/index.ts';
import { nextFloat, nextRange } from '../../loop/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { BULLET_TINT, ENEMY_TINTS, EXHAUST_TINT, RULES } from '../rules.ts';

/** While the guns fire, spawns `input.fireRate` bullets per second from the ship's nose. */
export function fireBullets(world: GameWorld, dt: number): void {
  const { input, ship, rng } = world;
  if (!input.firing) {
    world.fireDebt = 0;
    return;
  }
  world.fireDebt += Math.max(0, input.fireRate) * dt;
  const { pool } = world.bullets;
  const body = pool.fields;
  while (world.fireDebt >= 1) {
    world.fireDebt -= 1;
    const handle = pool.tryAlloc();
    if (handle === -1) {
      world.bullets.dropped++;
      continue;
    }
    const s = pool.slotOf(handle);
    const angle = ship.angle + nextRange(rng, -RULES.bulletSpread, RULES.bulletSpread);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Spread the tick's bullets along their path so a stream looks continuous at any fire rate.
    const lead = RULES.shipRadius + nextFloat(rng) * RULES.bulletSpeed * dt;
    body.x[s] = ship.x + cos * lead;
    body.y[s] = ship.y + sin * lead;
    body.vx[s] = cos * RULES.bulletSpeed + ship.vx;
    body.vy[s] = sin * RULES.bulletSpeed + ship.vy;
    body.rotation[s] = angle;
    body.spin[s] = 0;
    body.age[s] = 0;
    body.ttl[s] = RULES.bulletTtl;
    body.scale[s] = RULES.bulletScale;
    body.alpha[s] = 1;
    body.tint[s] = BULLET_TINT;
  }
}

/** Spawns `input.enemyRate` enemies per second just outside a random edge, heading inwards. */
export function spawnEnemies(world: GameWorld, dt: number): void {
  const { input, rng, width, height } = world;
  world.enemyDebt += Math.max(0, input.enemyRate) * dt;
  const body = world.enemies.pool.fields;
  while (world.enemyDebt >= 1) {
    world.enemyDebt -= 1;
    const eid = spawnPooled(world.ecs, world.enemies);
    if (eid === -1) continue;
    const s = slotOf(world.enemies, eid);
    const radius = nextRange(rng, RULES.enemyRadiusMin, RULES.enemyRadiusMax);
    const edge = Math.floor(nextFloat(rng) * 4);
    const along = nextFloat(rng);
    body.x[s] = edge === 0 ? -radius : edge === 1 ? width + radius : along * width;
    body.y[s] = edge === 2 ? -radius : edge === 3 ? height + radius : along * height;
    const heading = Math.atan2(height / 2 - body.y[s], width / 2 - body.x[s]) + nextRange(rng, -0.6, 0.6);
    const speed = nextRange(rng, RULES.enemySpeedMin, RULES.enemySpeedMax);
    body.vx[s] = Math.cos(heading) * speed;
    body.vy[s] = Math.sin(heading) * speed;
    body.rotation[s] = nextFloat(rng) * Math.PI * 2;
    body.spin[s] = nextRange(rng, -1.5, 1.5);
    body.age[s] = 0;
    body.ttl[s] = 0;
    body.scale[s] = radius / RULES.enemyRadiusMax;
    body.alpha[s] = 1;
    body.tint[s] = ENEMY_TINTS[Math.floor(nextFloat(rng) * ENEMY_TINTS.length)];
    body.hp[s] = Math.round(nextRange(rng, RULES.enemyHpMin, RULES.enemyHpMax));
    body.radius[s] = radius;
  }
}

/** Emits `input.exhaustRate` trail particles per second out of the back of the ship. */
export function emitExhaust(world: GameWorld, dt: number): void {
  const { ship, input } = world;
  world.exhaustDebt += Math.max(0, input.exhaustRate) * dt;
  const count = Math.floor(world.exhaustDebt);
  world.exhaustDebt -= count;
  const back = ship.angle + Math.PI;
  const trail = world.trailBurst;
  writeBurst(
    trail,
    0,
    ship.x + Math.cos(back) * RULES.shipRadius,
    ship.y + Math.sin(back) * RULES.shipRadius,
    count,
    EXHAUST_TINT,
    back,
    RULES.exhaustSpread,
  );
  spawnBurst(world, trail, 0);
}

/**
 * Floats in a burst record: x, y, particle count, tint (exact in a float32 below 2^24), direction and
 * spread in radians. Bursts travel as records in typed arrays (the arena's explosion queue, the
 * world's trail record) so that spawning one passes only integers: doubles passed to a function V8
 * does not inline are boxed, a heap number each.
 */
export const BURST_FLOATS = 6;

/** Writes a burst record at `at`: `count` particles out of (x, y), within `spread` of `direction`. */
export function writeBurst(
  records: Float32Array,
  at: number,
  x: number,
  y: number,
  count: number,
  tint: number,
  direction = 0,
  spread = Math.PI,
): void {
  records[at] = x;
  records[at + 1] = y;
  records[at + 2] = count;
  records[at + 3] = tint;
  records[at + 4] = direction;
  records[at + 5] = spread;
}

/**
 * Throws the particles of the burst record at `at` in `records` (see {@link writeBurst}).
 * Particles that do not fit are dropped and counted: an explosion is never worth a crash.
 */
export function spawnBurst(world: GameWorld, records: Float32Array, at: number): void {
  const x = records[at];
  const y = records[at + 1];
  const count = records[at + 2];
  const tint = records[at + 3];
  const direction = records[at + 4];
  const spread = records[at + 5];
  const { rng } = world;
  const { pool } = world.particles;
  const body = pool.fields;
  for (let i = 0; i < count; i++) {
    const handle = pool.tryAlloc();
    if (handle === -1) {
      world.particles.dropped += count - i;
      return;
    }
    const s = pool.slotOf(handle);
    const angle = direction + nextRange(rng, -spread, spread);
    const speed = nextRange(rng, RULES.particleSpeedMin, RULES.particleSpeedMax);
    body.x[s] = x;
    body.y[s] = y;
    body.vx[s] = Math.cos(angle) * speed;
    body.vy[s] = Math.sin(angle) * speed;
    body.rotation[s] = angle;
    body.spin[s] = nextRange(rng, -6, 6);
    body.age[s] = 0;
    body.ttl[s] = nextRange(rng, RULES.particleTtlMin, RULES.particleTtlMax);
    body.scale[s] = nextRange(rng, 0.4, 1.1);
    body.alpha[s] = 1;
    body.tint[s] = tint;
  }
}
