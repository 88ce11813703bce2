/**
 * One tick of the pooled world split across K workers. The systems that touch each record alone run
 * on slot ranges in parallel (motion of bullets and enemies, marking expired bullets, ageing the
 * particles there were before collisions and marking the dead ones); everything structural (spawn,
 * every free, collisions, packing) stays on the owner, the pools' single writer. Per tick: the owner
 * runs ship and spawn, releases the helpers (the fork), takes range 0 itself, waits for them all (the
 * one barrier), then frees what they marked, collides, ages the particles collisions spawned, and
 * packs.
 *
 * The result is bit-identical to `stepGameWorld`: each record's arithmetic is the same function on
 * the same inputs, and the owner frees marked records in the order the single-threaded walks free
 * them (slots descending: the last range first, each list already descending).
 */
import type { FieldArrays } from '../../memory/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { STEP_SECONDS } from '../rules.ts';
import type { BodySchema, EnemySchema } from '../schema.ts';
import { beginTick, endTick } from '../step.ts';
import { collideAll, spawnAll } from '../systems/index.ts';
import { markExpiredBullets } from '../systems/lifetime.ts';
import { ageParticles, moveBodies, moveShip, seekShip } from '../systems/motion.ts';
import { DEAD_BULLETS, DEAD_PARTICLES, F, type Header, I, rangeStart } from './header.ts';

/** What one worker's share of a tick works on: field arrays of shared pools, and the dead lists. */
export interface RangeWork {
  readonly header: Header;
  readonly bullets: FieldArrays<BodySchema>;
  readonly enemies: FieldArrays<EnemySchema>;
  readonly particles: FieldArrays<BodySchema>;
  /** Slots of expired bullets; worker k writes from the start of its range. */
  readonly deadBullets: Int32Array;
  /** Slots of dead particles; likewise. */
  readonly deadParticles: Int32Array;
  /** World size, for the bullets' expiry. */
  readonly width: number;
  readonly height: number;
  /** Scratch for the enemies' seek. */
  readonly pair: Float32Array;
}

/** Worker `k` of `workers` runs its ranges of this tick's parallel part (the ranges the owner published at the fork). */
export function runRange(work: RangeWork, k: number, workers: number): void {
  const { i32, f64 } = work.header;
  const dt = STEP_SECONDS;
  const bullets = i32[I.bullets];
  const b0 = rangeStart(bullets, k, workers);
  const b1 = rangeStart(bullets, k + 1, workers);
  moveBodies(work.bullets, b0, b1, dt);
  const enemies = i32[I.enemies];
  const e0 = rangeStart(enemies, k, workers);
  const e1 = rangeStart(enemies, k + 1, workers);
  seekShip(work.enemies, e0, e1, f64[F.shipX], f64[F.shipY], dt, work.pair);
  i32[DEAD_BULLETS + k] = markExpiredBullets(
    work.bullets,
    b0,
    b1,
    work.width,
    work.height,
    work.deadBullets,
    b0,
  );
  const particles = i32[I.particles];
  const p0 = rangeStart(particles, k, workers);
  const p1 = rangeStart(particles, k + 1, workers);
  i32[DEAD_PARTICLES + k] = ageParticles(work.particles, p0, p1, dt, work.deadParticles, p0);
}

/**
 * The owner's tick with `workers` workers (itself included): `fork` releases the helpers and `join`
 * returns once they are done; both are the owner loop's, so this stays free of waiting.
 */
export function stepSplit(
  world: GameWorld,
  work: RangeWork,
  workers: number,
  fork: () => void,
  join: () => void,
): void {
  const { i32, f64 } = work.header;
  const dt = STEP_SECONDS;
  beginTick(world);
  moveShip(world, dt);
  spawnAll(world, dt);
  i32[I.bullets] = world.bullets.live;
  i32[I.enemies] = world.enemies.pool.live;
  const before = world.particles.live;
  i32[I.particles] = before;
  f64[F.shipX] = world.ship.x;
  f64[F.shipY] = world.ship.y;
  fork();
  runRange(work, 0, workers);
  join();
  freeMarked(world.bullets, work.deadBullets, i32, DEAD_BULLETS, i32[I.bullets], workers);
  collideAll(world);
  // The particles collisions spawned are new since the fork: the owner ages them, after the rest in
  // slot order, so they and the helpers' dead ones are freed slots descending, as in one walk.
  const particles = world.particles;
  const spawned = ageParticles(particles.fields, before, particles.live, dt, work.deadParticles, before);
  for (let i = 0; i < spawned; i++) particles.free(particles.handleAt(work.deadParticles[before + i]));
  freeMarked(particles, work.deadParticles, i32, DEAD_PARTICLES, before, workers);
  endTick(world);
}

/** Frees the records the workers marked in `dead`: the last range first, each list in its order. */
function freeMarked(
  pool: GameWorld['bullets'],
  dead: Int32Array,
  i32: Int32Array,
  counts: number,
  n: number,
  workers: number,
): void {
  for (let k = workers - 1; k >= 0; k--) {
    const from = rangeStart(n, k, workers);
    for (let i = 0, count = i32[counts + k]; i < count; i++) pool.free(pool.handleAt(dead[from + i]));
  }
}
