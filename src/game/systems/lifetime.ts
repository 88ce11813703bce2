import type { FieldArrays } from '../../memory/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { bulletExpired } from '../rules.ts';
import type { BodySchema } from '../schema.ts';

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

/**
 * Marks the expired bullets in slots `to - 1` down to `from`: writes their slots into `dead` from `at`,
 * in the (descending) order `expireBullets` frees them in. Frees nothing.
 * @returns how many expired.
 */
export function markExpiredBullets(
  body: FieldArrays<BodySchema>,
  from: number,
  to: number,
  width: number,
  height: number,
  dead: Int32Array,
  at: number,
): number {
  let count = 0;
  for (let s = to - 1; s >= from; s--) {
    if (bulletExpired(body.age[s], body.ttl[s], body.x[s], body.y[s], width, height)) dead[at + count++] = s;
  }
  return count;
}
