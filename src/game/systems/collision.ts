import { removeEntity } from 'bitecs';
import type { GameWorld } from '../GameWorld.ts';
import { RULES } from '../rules.ts';
import { BURST_FLOATS, spawnBurst, writeBurst } from './spawn.ts';

/**
 * Bullets against enemies, and enemies against the ship, through a uniform grid built in the frame
 * arena each tick; hits and the explosions they cause are per-tick event lists in the arena too.
 * All of it is optional work: if the arena runs out, the tick skips collisions (counted in
 * `arenaOverflows`), rolls the arena back, and the game goes on.
 */
export function collide(world: GameWorld): void {
  const arena = world.arena;
  const mark = arena.mark();
  const grid = buildEnemyGrid(world);
  const hits = grid === -1 ? -1 : findHits(world, grid);
  const bursts =
    hits === -1
      ? -1
      : arena.tryAllocF32(BURST_FLOATS * (2 * arena.i32[hits] + world.enemyQuery.dense.length));
  if (bursts === -1) {
    arena.rollback(mark);
    world.arenaOverflows++;
    return;
  }
  let burstCount = resolveHits(world, hits, bursts);
  burstCount = rammedShip(world, bursts, burstCount);
  for (let i = 0; i < burstCount; i++) spawnBurst(world, arena.f32, bursts + i * BURST_FLOATS);
}

function cellCoord(value: number, cells: number): number {
  const c = Math.floor(value / RULES.cellSize);
  return c < 0 ? 0 : c >= cells ? cells - 1 : c;
}

/** Grid header in arena.i32, before the cell starts: cols, rows, index of the enemy-id list. */
const GRID_HEADER = 3;

/**
 * Counting-sorts enemy ids into the cells their bounding boxes touch. Layout in arena.i32 at the
 * returned index g: cols, rows, items index, then cells + 1 cell starts (the last is the total);
 * cell c holds the ids at items + [start(c), start(c + 1)). Returns -1 when the arena is full.
 * The grid has one more row and column than the world so bodies just outside it still land.
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
 * otherwise it writes each enemy id into its cells' ranges. Returns the number of pairs.
 */
function scatterEnemies(world: GameWorld, g: number, items: number): number {
  const { pool, handles } = world.enemies;
  const body = pool.fields;
  const dense = world.enemyQuery.dense;
  const i32 = world.arena.i32;
  const cols = i32[g];
  const rows = i32[g + 1];
  const start = g + GRID_HEADER;
  let pairs = 0;
  for (let i = 0; i < dense.length; i++) {
    const eid = dense[i];
    const s = pool.slotOf(handles[eid]);
    const r = body.radius[s];
    const x0 = cellCoord(body.x[s] - r, cols);
    const x1 = cellCoord(body.x[s] + r, cols);
    const y0 = cellCoord(body.y[s] - r, rows);
    const y1 = cellCoord(body.y[s] + r, rows);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const cell = start + cy * cols + cx;
        if (items === -1) i32[cell]++;
        else i32[items + --i32[cell]] = eid;
      }
    }
    pairs += (x1 - x0 + 1) * (y1 - y0 + 1);
  }
  return pairs;
}

/**
 * Finds the first enemy each bullet overlaps. Returns the index h of the hit list in arena.i32:
 * h holds the count, then (bullet handle, enemy id) pairs; -1 when the arena is full.
 */
function findHits(world: GameWorld, g: number): number {
  const bulletPool = world.bullets.pool;
  const { pool: enemyPool, handles: enemyHandles } = world.enemies;
  const bullet = bulletPool.fields;
  const enemy = enemyPool.fields;
  const h = world.arena.tryAllocI32(1 + 2 * bulletPool.live);
  if (h === -1) return -1;
  const i32 = world.arena.i32;
  const cols = i32[g];
  const rows = i32[g + 1];
  const items = i32[g + 2];
  const start = g + GRID_HEADER;
  let count = 0;
  for (let b = bulletPool.nextLive(-1); b !== -1; b = bulletPool.nextLive(b)) {
    const x = bullet.x[b];
    const y = bullet.y[b];
    // cellCoord by hand: this loop runs for every bullet, and a call V8 leaves out of line would box
    // its double argument each time.
    let cx = Math.floor(x / RULES.cellSize);
    let cy = Math.floor(y / RULES.cellSize);
    cx = cx < 0 ? 0 : cx >= cols ? cols - 1 : cx;
    cy = cy < 0 ? 0 : cy >= rows ? rows - 1 : cy;
    const cell = start + cy * cols + cx;
    for (let k = i32[cell], end = i32[cell + 1]; k < end; k++) {
      const target = i32[items + k];
      const e = enemyPool.slotOf(enemyHandles[target]);
      const dx = enemy.x[e] - x;
      const dy = enemy.y[e] - y;
      const r = enemy.radius[e];
      if (dx * dx + dy * dy < r * r) {
        i32[h + 1 + 2 * count] = bulletPool.handleAt(b);
        i32[h + 2 + 2 * count] = target;
        count++;
        break;
      }
    }
  }
  i32[h] = count;
  return h;
}

/**
 * Applies the hits: each costs its enemy a hit point and the bullet its life, with a spark; an
 * enemy at zero explodes. Explosions are queued at `bursts`; returns how many were queued.
 */
function resolveHits(world: GameWorld, h: number, bursts: number): number {
  const { arena } = world;
  const { pool, handles } = world.enemies;
  const enemy = pool.fields;
  const i32 = arena.i32;
  let queued = 0;
  for (let i = 0, count = i32[h]; i < count; i++) {
    const bullet = i32[h + 1 + 2 * i];
    const enemyEid = i32[h + 2 + 2 * i];
    // An enemy killed earlier this tick lets later bullets through.
    if (handles[enemyEid] === -1) continue;
    const e = pool.slotOf(handles[enemyEid]);
    world.bullets.pool.free(bullet);
    writeBurst(
      arena.f32,
      bursts + queued++ * BURST_FLOATS,
      enemy.x[e],
      enemy.y[e],
      RULES.sparkPerHit,
      0xffffff,
    );
    if (--enemy.hp[e] <= 0) {
      queued = explode(world, enemyEid, e, bursts, queued);
    }
  }
  return queued;
}

/** Enemies that reach the ship explode against its shield. */
function rammedShip(world: GameWorld, bursts: number, queued: number): number {
  const { pool, handles } = world.enemies;
  const enemy = pool.fields;
  const dense = world.enemyQuery.dense;
  const { x, y } = world.ship;
  for (let i = 0; i < dense.length; i++) {
    const eid = dense[i];
    if (handles[eid] === -1) continue;
    const e = pool.slotOf(handles[eid]);
    const reach = enemy.radius[e] + RULES.shipRadius;
    const dx = enemy.x[e] - x;
    const dy = enemy.y[e] - y;
    if (dx * dx + dy * dy < reach * reach) queued = explode(world, eid, e, bursts, queued);
  }
  return queued;
}

/** Removes an enemy, counts the kill and queues its explosion in its own colour. */
function explode(world: GameWorld, eid: number, slot: number, bursts: number, queued: number): number {
  const enemy = world.enemies.pool.fields;
  const count = Math.round(enemy.radius[slot] * RULES.burstPerRadius);
  writeBurst(
    world.arena.f32,
    bursts + queued * BURST_FLOATS,
    enemy.x[slot],
    enemy.y[slot],
    count,
    enemy.tint[slot],
  );
  removeEntity(world.ecs, eid);
  world.kills++;
  return queued + 1;
}
