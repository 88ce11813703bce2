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
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) integrateBody(body, s, dt);
}

/** Enemies drift and turn slowly toward the ship. */
export function moveEnemies(world: GameWorld, dt: number): void {
  const { pool, handles } = world.enemies;
  const body = pool.fields;
  const dense = world.enemyQuery.dense;
  const shipX = world.ship.x;
  const shipY = world.ship.y;
  const turn = seekTurn(dt);
  const velocity = world.pair;
  for (let i = 0; i < dense.length; i++) {
    const s = pool.slotOf(handles[dense[i]]);
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
  // Freeing the slot being visited is safe: nextLive only looks further on.
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) {
    body.vx[s] = dragged(body.vx[s], drag);
    body.vy[s] = dragged(body.vy[s], drag);
    integrateBody(body, s, dt);
    const life = particleLife(body.age[s], body.ttl[s]);
    if (life <= 0) pool.free(pool.handleAt(s));
    else body.alpha[s] = life;
  }
}
