import type { GameWorld } from '../GameWorld.ts';

/** Bullets die when their time is up or when they leave the world. */
export function expireBullets(world: GameWorld): void {
  const pool = world.bullets.pool;
  const body = pool.fields;
  const { width, height } = world;
  // Freeing the slot being visited is safe: nextLive only looks further on.
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) {
    const x = body.x[s];
    const y = body.y[s];
    if (body.age[s] >= body.ttl[s] || x < 0 || y < 0 || x > width || y > height) pool.free(pool.handleAt(s));
  }
}
