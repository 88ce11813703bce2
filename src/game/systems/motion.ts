import type { GameWorld } from '../GameWorld.ts';
import { dragged, integrateBody, particleDrag, particleLife, seek, seekTurn, steerShip } from '../rules.ts';

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
    body.vx[s] = dragged(body.vx[s], drag);
    body.vy[s] = dragged(body.vy[s], drag);
    integrateBody(body, s, dt);
    const life = particleLife(body.age[s], body.ttl[s]);
    if (life <= 0) pool.free(pool.handleAt(s));
    else body.alpha[s] = life;
  }
}
