import type { GameWorld } from '../GameWorld.ts';
import { bulletExpired } from '../rules.ts';

/** Bullets die when their time is up or when they leave the world. */
export function expireBullets(world: GameWorld): void {
  const pool = world.bullets;
  const body = pool.fields;
  const { width, height } = world;
  // Backwards, the pool's way to free while walking: a freed record leaves its hole behind the walk.
  for (let s = pool.live - 1; s >= 0; s--) {
    if (bulletExpired(body.age[s], body.ttl[s], body.x[s], body.y[s], width, height)) {
      pool.free(pool.handleAt(s));
    }
  }
}
