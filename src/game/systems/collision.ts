import { removeEntity } from 'bitecs';
import type { FieldArrays } from '../../memory/index.ts';
import { BURST_FLOATS } from '../burst.ts';
import type { GameWorld } from '../GameWorld.ts';
import {
  cellOf,
  clampCell,
  explodes,
  hpAfter,
  overlaps,
  RULES,
  writeExplosion,
  writeSpark,
} from '../rules.ts';
import type { EnemySchema } from '../schema.ts';
import { spawnBurst } from './spawn.ts';

/**
 * Bullets against enemies, and enemies against the ship, through a uniform grid built in the frame
 * arena each tick; each enemy's damage is a per-tick array there, and the hits and the bursts they
 * cause are the world's lists, which live in the arena too and start empty each tick. The grid, the
 * damage and the hits are optional work: if the arena runs out for them, the tick skips collisions
 * (the arena counts the refusal in its `failureCount`), rolls the arena back, and the game goes on. A
 * burst the arena has no room for is dropped (counted the same way); the hit it belongs to still counts.
 *
 * Enemies are named by their slot in the enemy pool throughout: no enemy is freed until the last
 * step, which walks the slots backwards, so every slot stays valid for the whole system.
 */
export function collide(world: GameWorld): void {
  const arena = world.arena;
  const mark = arena.mark();
  const grid = buildEnemyGrid(world);
  // The damage array comes before the lists, so each list grows in place while it is filled.
  const damage = grid === -1 ? -1 : arena.tryAllocI32(world.enemies.pool.capacity);
  if (damage === -1 || !findHits(world, grid)) {
    arena.rollback(mark);
    return;
  }
  resolveHits(world, damage);
}

/**
 * The rest of {@link collide} once `world.hits` lists the tick's hits: bullets spent, enemies hurt or
 * exploded, bursts spawned; `damage` is the zeroed-here per-enemy array in the arena. The threaded
 * world finds the hits in parallel and comes in here.
 */
export function resolveHits(world: GameWorld, damage: number): void {
  const arena = world.arena;
  arena.i32.fill(0, damage, damage + world.enemies.pool.capacity);
  spendBullets(world, damage);
  hurtEnemies(world, damage);
  const bursts = world.bursts;
  for (let i = 0, count = bursts.length; i < count; i += BURST_FLOATS) {
    spawnBurst(world, arena.f32, bursts.offset + i);
  }
}

/** Grid header in arena.i32, before the cell starts: cols, rows, index of the enemy-slot list. */
const GRID_HEADER = 3;

/**
 * Counting-sorts enemy slots into the cells their bounding boxes touch. Layout in arena.i32 at the
 * returned index g: cols, rows, items index, then cells + 1 cell starts (the last is the total);
 * cell c holds the slots at items + [start(c), start(c + 1)). Returns -1 when the arena is full.
 * The grid has one more row and column than the world, and bodies outside it land in the edge cells.
 */
export function buildEnemyGrid(world: GameWorld): number {
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
 * Finds, for each bullet, the overlapping enemy with the lowest serial (an order-free choice), and
 * lists each hit in `world.hits` as a (bullet handle, enemy slot) pair. False when the arena is full.
 */
function findHits(world: GameWorld, g: number): boolean {
  const bulletPool = world.bullets;
  const bullet = bulletPool.fields;
  const enemy = world.enemies.fields;
  const hits = world.hits;
  hits.clear();
  const i32 = world.arena.i32;
  for (let b = 0, bullets = bulletPool.live; b < bullets; b++) {
    const target = targetAt(i32, g, enemy, bullet.x[b], bullet.y[b]);
    if (target !== -1 && !(hits.tryPush(bulletPool.handleAt(b)) && hits.tryPush(target))) return false;
  }
  return true;
}

/**
 * The slot of the enemy a bullet at (`x`, `y`) hits through the grid at `g` in `i32` (the arena's
 * view): the overlapping one with the lowest serial, or -1 for none. Reads only, so threads may share it.
 */
export function targetAt(
  i32: Int32Array,
  g: number,
  enemy: FieldArrays<EnemySchema>,
  x: number,
  y: number,
): number {
  const cols = i32[g];
  const rows = i32[g + 1];
  const items = i32[g + 2];
  const cell = g + GRID_HEADER + clampCell(cellOf(y), rows) * cols + clampCell(cellOf(x), cols);
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
  return target;
}

/** Every bullet that hit is spent, and its enemy takes a point of damage (counted per enemy slot). */
function spendBullets(world: GameWorld, damage: number): void {
  const i32 = world.arena.i32;
  const hits = world.hits;
  for (let i = 0, at = hits.offset, count = hits.length; i < count; i += 2) {
    world.bullets.free(i32[at + i]);
    i32[damage + i32[at + i + 1]]++;
  }
}

/**
 * Each enemy takes its damage with a spark; one at zero hit points, or one that reached the ship,
 * explodes. Queues the bursts in `world.bursts`.
 */
function hurtEnemies(world: GameWorld, damage: number): void {
  const { arena, ship, bursts } = world;
  const { pool, fields: enemy, entities } = world.enemies;
  const i32 = arena.i32;
  const f32 = arena.f32;
  bursts.clear();
  // Backwards: an enemy removed here leaves its hole behind the walk, and the slots ahead stay put.
  for (let e = pool.live - 1; e >= 0; e--) {
    const hits = i32[damage + e];
    if (hits > 0) {
      const at = bursts.tryAddMany(BURST_FLOATS);
      if (at !== -1) writeSpark(f32, at, enemy.x[e], enemy.y[e], hits, enemy.serial[e]);
      enemy.hp[e] = hpAfter(enemy.hp[e], hits);
    }
    if (explodes(enemy.hp[e], enemy.x[e], enemy.y[e], enemy.radius[e], ship)) {
      const at = bursts.tryAddMany(BURST_FLOATS);
      if (at !== -1) {
        writeExplosion(f32, at, enemy.x[e], enemy.y[e], enemy.radius[e], enemy.tint[e], enemy.serial[e]);
      }
      // The pooled component's observer frees the record; bitecs defers the query's own removal until
      // commitRemovals (end of system).
      removeEntity(world.ecs, entities[e]);
      world.kills++;
    }
  }
}
