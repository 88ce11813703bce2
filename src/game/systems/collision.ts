import { removeEntity } from 'bitecs';
import { BURST_FLOATS, writeBurst } from '../burst.ts';
import type { GameWorld } from '../GameWorld.ts';
import {
  burstKey,
  cellOf,
  explosionCount,
  overlaps,
  RULES,
  ramsShip,
  SPARK_TINT,
  sparkCount,
} from '../rules.ts';
import { spawnBurst } from './spawn.ts';

/**
 * Bullets against enemies, and enemies against the ship, through a uniform grid built in the frame
 * arena each tick; the hits, each enemy's damage and the bursts they cause are per-tick lists in the
 * arena too. All of it is optional work: if the arena runs out, the tick skips collisions (the arena
 * counts the refused allocation in its `failureCount`), rolls the arena back, and the game goes on.
 *
 * Enemies are named by their slot in the enemy pool throughout: no enemy is freed until the last
 * step, which walks the slots backwards, so every slot stays valid for the whole system.
 */
export function collide(world: GameWorld): void {
  const arena = world.arena;
  const mark = arena.mark();
  const grid = buildEnemyGrid(world);
  const hits = grid === -1 ? -1 : findHits(world, grid);
  const damage = hits === -1 ? -1 : arena.tryAllocI32(world.enemies.pool.capacity);
  // At most a spark and an explosion per enemy.
  const bursts = damage === -1 ? -1 : arena.tryAllocF32(2 * BURST_FLOATS * world.enemies.pool.live);
  if (bursts === -1) {
    arena.rollback(mark);
    return;
  }
  arena.i32.fill(0, damage, damage + world.enemies.pool.capacity);
  spendBullets(world, hits, damage);
  const queued = hurtEnemies(world, damage, bursts);
  for (let i = 0; i < queued; i++) spawnBurst(world, arena.f32, bursts + i * BURST_FLOATS);
}

function clampCell(c: number, cells: number): number {
  return c < 0 ? 0 : c >= cells ? cells - 1 : c;
}

/** Grid header in arena.i32, before the cell starts: cols, rows, index of the enemy-id list. */
const GRID_HEADER = 3;

/**
 * Counting-sorts enemy slots into the cells their bounding boxes touch. Layout in arena.i32 at the
 * returned index g: cols, rows, items index, then cells + 1 cell starts (the last is the total);
 * cell c holds the slots at items + [start(c), start(c + 1)). Returns -1 when the arena is full.
 * The grid has one more row and column than the world, and bodies outside it land in the edge cells.
 */
function buildEnemyGrid(world: GameWorld): number {
  const { arena } = world;
  const cols = Math.ceil(world.width / RULES.cellSize) + 1;
  const rows = Math.ceil(world.height / RULES.cellSize) + 1;
  const cells = cols * rows;
  const g = arena.tryAllocI32(GRID_HEADER + cells + 1);
  if (g === -1) return -1;
  const i32 = arena.i32;
  const start = g + GRID_HEADER;
  i32[g] = cols;
  i32[g + 1] = rows;
  i32.fill(0, start, start + cells + 1);
  const total = scatterEnemies(world, g, -1);
  const items = arena.tryAllocI32(total);
  if (items === -1) return -1;
  i32[g + 2] = items;
  // Inclusive prefix sums give each cell's end; filling by decrement leaves each cell's start.
  for (let c = 1; c < cells; c++) i32[start + c] += i32[start + c - 1];
  i32[start + cells] = total;
  scatterEnemies(world, g, items);
  return g;
}

/**
 * Visits every (enemy, cell) pair of the grid at g: with items = -1 it counts entries per cell,
 * otherwise it writes each enemy slot into its cells' ranges. Returns the number of pairs.
 */
function scatterEnemies(world: GameWorld, g: number, items: number): number {
  const { pool, fields: body } = world.enemies;
  const i32 = world.arena.i32;
  const cols = i32[g];
  const rows = i32[g + 1];
  const start = g + GRID_HEADER;
  let pairs = 0;
  for (let s = 0, n = pool.live; s < n; s++) {
    const r = body.radius[s];
    const x0 = clampCell(cellOf(body.x[s] - r), cols);
    const x1 = clampCell(cellOf(body.x[s] + r), cols);
    const y0 = clampCell(cellOf(body.y[s] - r), rows);
    const y1 = clampCell(cellOf(body.y[s] + r), rows);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const cell = start + cy * cols + cx;
        if (items === -1) i32[cell]++;
        else i32[items + --i32[cell]] = s;
      }
    }
    pairs += (x1 - x0 + 1) * (y1 - y0 + 1);
  }
  return pairs;
}

/**
 * Finds, for each bullet, the overlapping enemy with the lowest serial (an order-free choice). Returns
 * the index h of the hit list in arena.i32: h holds the count, then (bullet handle, enemy slot) pairs;
 * -1 when the arena is full.
 */
function findHits(world: GameWorld, g: number): number {
  const bulletPool = world.bullets;
  const bullet = bulletPool.fields;
  const enemy = world.enemies.fields;
  const bullets = bulletPool.live;
  const h = world.arena.tryAllocI32(1 + 2 * bullets);
  if (h === -1) return -1;
  const i32 = world.arena.i32;
  const cols = i32[g];
  const rows = i32[g + 1];
  const items = i32[g + 2];
  const start = g + GRID_HEADER;
  let count = 0;
  for (let b = 0; b < bullets; b++) {
    const x = bullet.x[b];
    const y = bullet.y[b];
    const cell = start + clampCell(cellOf(y), rows) * cols + clampCell(cellOf(x), cols);
    let target = -1;
    let targetSerial = 0;
    for (let k = i32[cell], end = i32[cell + 1]; k < end; k++) {
      const e = i32[items + k];
      if (
        (target === -1 || enemy.serial[e] < targetSerial) &&
        overlaps(enemy.x[e], enemy.y[e], enemy.radius[e], x, y)
      ) {
        target = e;
        targetSerial = enemy.serial[e];
      }
    }
    if (target !== -1) {
      i32[h + 1 + 2 * count] = bulletPool.handleAt(b);
      i32[h + 2 + 2 * count] = target;
      count++;
    }
  }
  i32[h] = count;
  return h;
}

/** Every bullet that hit is spent, and its enemy takes a point of damage (counted per enemy slot). */
function spendBullets(world: GameWorld, h: number, damage: number): void {
  const i32 = world.arena.i32;
  for (let i = 0, count = i32[h]; i < count; i++) {
    world.bullets.free(i32[h + 1 + 2 * i]);
    i32[damage + i32[h + 2 + 2 * i]]++;
  }
}

/**
 * Each enemy takes its damage with a spark; one at zero hit points, or one that reached the ship,
 * explodes. Queues the bursts at `bursts`; returns how many were queued.
 */
function hurtEnemies(world: GameWorld, damage: number, bursts: number): number {
  const { arena, ship } = world;
  const { pool, fields: enemy, entities } = world.enemies;
  const i32 = arena.i32;
  const f32 = arena.f32;
  let queued = 0;
  // Backwards: an enemy removed here leaves its hole behind the walk, and the slots ahead stay put.
  for (let e = pool.live - 1; e >= 0; e--) {
    const hits = i32[damage + e];
    if (hits > 0) {
      const at = bursts + queued++ * BURST_FLOATS;
      writeBurst(
        f32,
        at,
        enemy.x[e],
        enemy.y[e],
        sparkCount(hits),
        SPARK_TINT,
        0,
        Math.PI,
        burstKey(enemy.serial[e], false),
      );
      enemy.hp[e] -= hits;
    }
    if (enemy.hp[e] <= 0 || ramsShip(enemy.x[e], enemy.y[e], enemy.radius[e], ship)) {
      const at = bursts + queued++ * BURST_FLOATS;
      writeBurst(
        f32,
        at,
        enemy.x[e],
        enemy.y[e],
        explosionCount(enemy.radius[e]),
        enemy.tint[e],
        0,
        Math.PI,
        burstKey(enemy.serial[e], true),
      );
      // The pooled component's observer frees the record; bitecs defers the query's own removal until
      // commitRemovals (end of system).
      removeEntity(world.ecs, entities[e]);
      world.kills++;
    }
  }
  return queued;
}
