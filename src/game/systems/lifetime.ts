import type { GameWorld } from '../GameWorld.ts';
import { bulletExpired } from '../rules.ts';

/** Bullets die when their time is up or when they leave the world. */
export function expireBullets(world: GameWorld): void {
  const pool = world.bullets;
  const body = pool.fields;
  const { width, height } = world;
  // Freeing the slot being visited is safe: nextLive only looks further on.
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) {
    if (bulletExpired(body.age[s], body.ttl[s], body.x[s], body.y[s], width, height)) {
      pool.free(pool.handleAt(s));
    }
  }
}
