import type { FieldArrays } from '../../memory/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { dragged, integrateBody, particleDrag, particleLife, seek, seekTurn, steerShip } from '../rules.ts';
import type { BodySchema } from '../schema.ts';

// The particles' walk is also a walk over a range of slots, so the threaded world can split it across
// workers (see threads/split.ts) and run the very same arithmetic per record.

/** The ship follows the input. */
export function moveShip(world: GameWorld, dt: number): void {
  steerShip(world.ship, world.input, world.width, world.height, dt);
}

/** Bullets fly straight. */
export function moveBullets(world: GameWorld, dt: number): void {
  const pool = world.bullets;
  const body = pool.fields;
  for (let s = 0, n = pool.live; s < n; s++) integrateBody(body, s, dt);
}

/** Enemies drift and turn slowly toward the ship. */
export function moveEnemies(world: GameWorld, dt: number): void {
  const { pool, fields: body } = world.enemies;
  const shipX = world.ship.x;
  const shipY = world.ship.y;
  const turn = seekTurn(dt);
  const velocity = world.pair;
  // The system touches the enemy component alone, so it walks the component's packed pool.
  for (let s = 0, n = pool.live; s < n; s++) {
    seek(body.vx[s], body.vy[s], shipX - body.x[s], shipY - body.y[s], turn, velocity);
    body.vx[s] = velocity[0];
    body.vy[s] = velocity[1];
    integrateBody(body, s, dt);
  }
}

/** Particles slow down, fade out and return their slot when their time is up. */
export function updateParticles(world: GameWorld, dt: number): void {
  const pool = world.particles;
  const body = pool.fields;
  const drag = particleDrag(dt);
  // Backwards, the pool's way to free while walking: a freed record leaves its hole behind the walk.
  for (let s = pool.live - 1; s >= 0; s--) {
    if (!ageParticle(body, s, drag, dt)) pool.free(pool.handleAt(s));
  }
}

/**
 * Ages the particles in slots `to - 1` down to `from` and writes the slots of those whose time is up
 * into `dead` from `at`, in that (descending) order: the order `updateParticles` frees them in.
 * @returns how many died.
 */
export function ageParticles(
  body: FieldArrays<BodySchema>,
  from: number,
  to: number,
  dt: number,
  dead: Int32Array,
  at: number,
): number {
  const drag = particleDrag(dt);
  let count = 0;
  for (let s = to - 1; s >= from; s--) {
    if (!ageParticle(body, s, drag, dt)) dead[at + count++] = s;
  }
  return count;
}

/** One particle's step: slowed, moved, faded; returns false when its time is up (its alpha is left as it was). */
function ageParticle(body: FieldArrays<BodySchema>, s: number, drag: number, dt: number): boolean {
  body.vx[s] = dragged(body.vx[s], drag);
  body.vy[s] = dragged(body.vy[s], drag);
  integrateBody(body, s, dt);
  const life = particleLife(body.age[s], body.ttl[s]);
  if (life <= 0) return false;
  body.alpha[s] = life;
  return true;
}
