import type { FieldArrays } from '../../memory/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { RULES } from '../rules.ts';
import type { BodySchema } from '../schema.ts';

/** Moves one body record by its velocity and spin and ages it: the rule every moving thing shares. */
export function integrateBody(body: FieldArrays<BodySchema>, slot: number, dt: number): void {
  body.x[slot] += body.vx[slot] * dt;
  body.y[slot] += body.vy[slot] * dt;
  body.rotation[slot] += body.spin[slot] * dt;
  body.age[slot] += dt;
}

/** Bullets fly straight. */
export function moveBullets(world: GameWorld, dt: number): void {
  const pool = world.bullets.pool;
  const body = pool.fields;
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) integrateBody(body, s, dt);
}

/** Enemies drift and turn slowly toward the ship. */
export function moveEnemies(world: GameWorld, dt: number): void {
  const { pool, handles } = world.enemies;
  const body = pool.fields;
  const dense = world.enemyQuery.dense;
  const { x: shipX, y: shipY } = world.ship;
  const turn = Math.min(1, RULES.enemySeek * dt);
  for (let i = 0; i < dense.length; i++) {
    const s = pool.slotOf(handles[dense[i]]);
    const dx = shipX - body.x[s];
    const dy = shipY - body.y[s];
    // Math.sqrt rather than Math.hypot: V8 does not inline hypot, and the call boxes its doubles
    // (measured with Chromium's sampling heap profiler).
    const vx = body.vx[s];
    const vy = body.vy[s];
    const speed = Math.sqrt(vx * vx + vy * vy);
    const distance = Math.sqrt(dx * dx + dy * dy) || 1;
    body.vx[s] += ((dx / distance) * speed - body.vx[s]) * turn;
    body.vy[s] += ((dy / distance) * speed - body.vy[s]) * turn;
    integrateBody(body, s, dt);
  }
}

/** Particles slow down, fade out and return their slot when their time is up. */
export function updateParticles(world: GameWorld, dt: number): void {
  const pool = world.particles.pool;
  const body = pool.fields;
  const drag = Math.max(0, 1 - RULES.particleDrag * dt);
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) {
    body.vx[s] *= drag;
    body.vy[s] *= drag;
    integrateBody(body, s, dt);
    const life = 1 - body.age[s] / body.ttl[s];
    if (life <= 0) pool.free(pool.handleAt(s));
    else body.alpha[s] = life;
  }
}
