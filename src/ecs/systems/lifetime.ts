import { removeEntity } from 'bitecs';
import type { GameWorld } from '../GameWorld.ts';

/** Bullets die when their time is up or when they leave the world. */
export function expireBullets(world: GameWorld): void {
  const { pool, handles } = world.bullets;
  const body = pool.fields;
  const dense = world.bulletQuery.dense;
  const { width, height, ecs } = world;
  // bitecs defers query removals to commitRemovals, so `dense` holds still while we remove.
  for (let i = 0; i < dense.length; i++) {
    const eid = dense[i];
    const s = pool.slotOf(handles[eid]);
    const x = body.x[s];
    const y = body.y[s];
    if (body.age[s] >= body.ttl[s] || x < 0 || y < 0 || x > width || y > height) removeEntity(ecs, eid);
  }
}
