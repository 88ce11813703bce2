/**
 * One tick of the pooled world split across K workers. The work that touches each record alone runs
 * on slot ranges in parallel: bullets move, and each is marked expired or tested against the
 * collision grid (the part of collisions that reads only); the particles there were before
 * collisions age, and the dead ones are marked. Everything structural stays on the owner, the pools'
 * single writer: ship, spawn, the enemies' motion and grid (a few thousand), every free, the hits'
 * outcome, the particles collisions spawn, packing. Per tick: the owner runs its serial start,
 * releases the helpers (the fork), takes range 0 itself, waits for them all (the one barrier), then
 * runs its serial end.
 *
 * The result is bit-identical to `stepGameWorld`: each record's arithmetic is the same function on
 * the same inputs; the owner frees marked records in the order the single-threaded walks free them
 * (slots descending: the last range first, each list already descending); and it lists the hits in
 * the order `collide` finds them (by bullet slot once the expired bullets are gone and the pool is
 * packed), so the bullets are spent in the same order.
 */
import { commitRemovals } from 'bitecs';
import type { FieldArrays, MemoryPool } from '../../memory/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { bulletExpired, integrateBody, STEP_SECONDS } from '../rules.ts';
import type { BodySchema, EnemySchema } from '../schema.ts';
import { beginTick, endTick } from '../step.ts';
import { buildEnemyGrid, resolveHits, targetAt } from '../systems/collision.ts';
import { spawnAll } from '../systems/index.ts';
import { ageParticles, moveEnemies, moveShip } from '../systems/motion.ts';
import { DEAD_BULLETS, DEAD_PARTICLES, type Header, HITS, I, rangeStart } from './header.ts';

/** What one worker's share of a tick works on: field arrays of shared pools, the arena, the lists it writes. */
export interface RangeWork {
  readonly header: Header;
  readonly bullets: FieldArrays<BodySchema>;
  readonly enemies: FieldArrays<EnemySchema>;
  readonly particles: FieldArrays<BodySchema>;
  /** The owner's frame arena (in shared memory): the collision grid is there. */
  readonly arena: Int32Array;
  /** Slots of expired bullets; worker k writes from the start of its range. */
  readonly deadBullets: Int32Array;
  /** Slots of dead particles; likewise. */
  readonly deadParticles: Int32Array;
  /** Slots of bullets that hit (the owner turns them into handles), and the enemy slot each hit; likewise. */
  readonly hitBullets: Int32Array;
  readonly hitEnemies: Int32Array;
  /** World size, for the bullets' expiry. */
  readonly width: number;
  readonly height: number;
}

/** Worker `k` of `workers` runs its ranges of this tick's parallel part (the ranges the owner published at the fork). */
export function runRange(work: RangeWork, k: number, workers: number): void {
  const i32 = work.header.i32;
  const dt = STEP_SECONDS;
  const bullets = i32[I.bullets];
  const b0 = rangeStart(bullets, k, workers);
  const b1 = rangeStart(bullets, k + 1, workers);
  markBullets(work, b0, b1, k, dt);
  const particles = i32[I.particles];
  const p0 = rangeStart(particles, k, workers);
  const p1 = rangeStart(particles, k + 1, workers);
  i32[DEAD_PARTICLES + k] = ageParticles(work.particles, p0, p1, dt, work.deadParticles, p0);
}

/**
 * Moves the bullets in slots `to - 1` down to `from` and marks them: expired ones in the dead list
 * (the order `expireBullets` frees them in), the others that hit an enemy in the hit lists (when the
 * grid was built). One pass over each record: at a million records the walk is bound by memory.
 */
function markBullets(work: RangeWork, from: number, to: number, k: number, dt: number): void {
  const { bullets: body, enemies, arena, width, height, deadBullets, hitBullets, hitEnemies } = work;
  const i32 = work.header.i32;
  const grid = i32[I.grid];
  let dead = 0;
  let hits = 0;
  for (let s = to - 1; s >= from; s--) {
    integrateBody(body, s, dt);
    const x = body.x[s];
    const y = body.y[s];
    if (bulletExpired(body.age[s], body.ttl[s], x, y, width, height)) {
      deadBullets[from + dead++] = s;
    } else if (grid !== -1) {
      const target = targetAt(arena, grid, enemies, x, y);
      if (target !== -1) {
        hitBullets[from + hits] = s;
        hitEnemies[from + hits++] = target;
      }
    }
  }
  i32[DEAD_BULLETS + k] = dead;
  i32[HITS + k] = hits;
}

/**
 * The owner's tick with `workers` workers (itself included): `fork` releases the helpers and `join`
 * returns once they are done; both are the owner loop's, so this stays free of waiting. `keys` is
 * scratch for sorting the hits, a bullet capacity long.
 */
export function stepSplit(
  world: GameWorld,
  work: RangeWork,
  workers: number,
  keys: Float64Array,
  fork: () => void,
  join: () => void,
): void {
  const i32 = work.header.i32;
  const dt = STEP_SECONDS;
  beginTick(world);
  moveShip(world, dt);
  spawnAll(world, dt);
  moveEnemies(world, dt);
  // Collisions begin here, as `collide` does: a mark, then the grid of the moved enemies.
  const arena = world.arena;
  const mark = arena.mark();
  const grid = buildEnemyGrid(world);
  i32[I.grid] = grid;
  const bullets = world.bullets;
  const n = bullets.live;
  i32[I.bullets] = n;
  const before = world.particles.live;
  i32[I.particles] = before;
  fork();
  runRange(work, 0, workers);
  join();
  // Hits name bullets by handle before any free moves them.
  for (let k = 0; k < workers; k++) {
    const from = rangeStart(n, k, workers);
    for (let i = 0, count = i32[HITS + k]; i < count; i++) {
      work.hitBullets[from + i] = bullets.handleAt(work.hitBullets[from + i]);
    }
  }
  freeMarked(bullets, work.deadBullets, i32, DEAD_BULLETS, n, workers);
  const damage = grid === -1 ? -1 : arena.tryAllocI32(world.enemies.pool.capacity);
  if (damage === -1 || !listHits(world, work, keys, n, workers)) arena.rollback(mark);
  else resolveHits(world, damage);
  commitRemovals(world.ecs);
  // The particles collisions spawned are new since the fork: the owner ages them, after the rest in
  // slot order, so they and the helpers' dead ones are freed slots descending, as in one walk.
  const particles = world.particles;
  const spawned = ageParticles(particles.fields, before, particles.live, dt, work.deadParticles, before);
  for (let i = 0; i < spawned; i++) particles.free(particles.handleAt(work.deadParticles[before + i]));
  freeMarked(particles, work.deadParticles, i32, DEAD_PARTICLES, before, workers);
  endTick(world);
}

/**
 * Lists the workers' hits in `world.hits` in `collide`'s order, by bullet slot in the packed pool (the
 * key `slot × enemies' capacity + enemy` sorts them so); false when the arena has no room for them.
 */
function listHits(
  world: GameWorld,
  work: RangeWork,
  keys: Float64Array,
  n: number,
  workers: number,
): boolean {
  const { bullets, hits } = world;
  const enemies = world.enemies.pool.capacity;
  const i32 = work.header.i32;
  void bullets.live; // packs, as `collide` reads it before its walk
  let count = 0;
  for (let k = 0; k < workers; k++) {
    const from = rangeStart(n, k, workers);
    for (let i = 0, c = i32[HITS + k]; i < c; i++) {
      keys[count++] = bullets.slotOf(work.hitBullets[from + i]) * enemies + work.hitEnemies[from + i];
    }
  }
  shellSort(keys, count);
  hits.clear();
  for (let i = 0; i < count; i++) {
    const slot = Math.floor(keys[i] / enemies);
    if (!(hits.tryPush(bullets.handleAt(slot)) && hits.tryPush(keys[i] - slot * enemies))) return false;
  }
  return true;
}

/** Sorts `keys[0 .. count)` ascending in place (Shell sort, Ciura's gaps): no allocation, a few hundred hits a tick. */
function shellSort(keys: Float64Array, count: number): void {
  for (let g = GAPS.length - 1; g >= 0; g--) {
    const gap = GAPS[g];
    for (let i = gap; i < count; i++) {
      const key = keys[i];
      let j = i;
      for (; j >= gap && keys[j - gap] > key; j -= gap) keys[j] = keys[j - gap];
      keys[j] = key;
    }
  }
}

/** Ciura's gap sequence, extended by ×2.25. */
const GAPS = [1, 4, 10, 23, 57, 132, 301, 701, 1577, 3548, 7983, 17961, 40412, 90927];

/** Frees the records the workers marked in `dead`: the last range first, each list in its order. */
function freeMarked(
  pool: MemoryPool<BodySchema>,
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
