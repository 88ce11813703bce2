import { entityExists, getAllEntities } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { slotOf, spawnPooled } from '../../src/ecs/index.ts';
import {
  ENEMY_TINTS,
  EXHAUST_TINT,
  type GameOptions,
  type GameWorld,
  type GameWorldOptions,
  PooledSimulation,
  RULES,
  SPARK_TINT,
  STEP_SECONDS,
} from '../../src/game/index.ts';
import { ArenaAllocator, FixedBufferAllocator, StaleHandleError } from '../../src/memory/index.ts';
import { expectBookkeeping, liveRecords, playScripted, quiet, ROOMY, run, worldState } from './helpers.ts';

const TICKS = 600;

function pooled(options: GameWorldOptions = {}): PooledSimulation {
  return new PooledSimulation({ seed: 7, ...ROOMY, ...options });
}

describe('determinism by seed', () => {
  it('two pooled worlds with the same seed and inputs stay identical, tick by tick', () => {
    const [a, b] = [pooled(), pooled()];
    run(a, TICKS, playScripted, (t) => {
      playScripted(b, b.tick);
      b.step();
      if (t % 100 === 99) expect(worldState(b.world)).toEqual(worldState(a.world));
    });
    // The scenario exercises everything: bullets, enemies, kills, explosions.
    expect(a.kills).toBeGreaterThan(20);
    expect(a.world.bullets.live).toBeGreaterThan(100);
    expect(a.world.enemies.pool.live).toBeGreaterThan(0);
    expect(a.world.particles.live).toBeGreaterThan(100);
  });

  it('a different seed diverges', () => {
    const [a, b] = [pooled({ seed: 7 }), pooled({ seed: 8 })];
    run(a, 120);
    run(b, 120);
    const [sa, sb] = [worldState(a.world), worldState(b.world)];
    expect(sb.rng).not.toBe(sa.rng);
    expect(sb.bullets).not.toEqual(sa.bullets);
    expect(sb.enemies).not.toEqual(sa.enemies);
    // The player's inputs are the same, so the ship flies the same path.
    expect(sb.ship).toEqual(sa.ship);
  });
});

describe('slots and entities', () => {
  it('every tick, the enemy pool matches its query and bitecs has no other entity', () => {
    const sim = pooled();
    run(sim, TICKS, playScripted, () => expectBookkeeping(sim.world));
    expect(sim.world.bullets.freeCount).toBeGreaterThan(0);
    expect(sim.world.enemies.pool.freeCount).toBeGreaterThan(0);
  });

  it('frees every bullet slot once the bullets have expired', () => {
    const sim = pooled();
    const { bullets } = sim.world;
    run(sim, 120);
    const handle = bullets.handleAt(bullets.nextLive(-1));
    expect(bullets.live).toBeGreaterThan(0);

    quiet(sim);
    run(sim, Math.ceil(RULES.bulletTtl / STEP_SECONDS) + 1, null);
    expect(bullets.live).toBe(0);
    expect(bullets.freeCount).toBe(bullets.allocCount);
    expect(bullets.isAlive(handle)).toBe(false);
    expect(() => bullets.slotOf(handle)).toThrow(StaleHandleError);
    expect(getAllEntities(sim.world.ecs)).toHaveLength(sim.world.enemies.pool.live);
  });

  it('frees every particle slot once the particles have faded', () => {
    const sim = pooled();
    run(sim, 120);
    expect(sim.world.particles.live).toBeGreaterThan(0);
    quiet(sim);
    run(sim, Math.ceil(RULES.particleTtlMax / STEP_SECONDS) + 1, null);
    // Enemies may still ram the ship and explode: only look for bursts older than the longest life.
    const { particles } = sim.world;
    expect(liveRecords(particles).every((p) => p.age < RULES.particleTtlMax)).toBe(true);
    expect(liveRecords(particles).every((p) => p.tint !== EXHAUST_TINT)).toBe(true);
  });
});

describe('pool exhaustion', () => {
  const TINY = { bullets: 10, particles: 20, enemies: 3 };

  it('refuses spawns that do not fit and counts them; step never throws; live never exceeds capacity', () => {
    const sim = pooled(TINY);
    const w = sim.world;
    const ticks = 300;
    run(
      sim,
      ticks,
      (s, t) => {
        playScripted(s, t);
        s.input.fireRate = 6_000;
        s.input.enemyRate = 120;
      },
      () => {
        for (const pool of [w.bullets, w.enemies.pool, w.particles]) {
          expect(pool.live).toBeLessThanOrEqual(pool.capacity);
        }
        expectBookkeeping(w);
      },
    );
    expect(sim.tick).toBe(ticks);
    for (const pool of [w.bullets, w.enemies.pool, w.particles]) {
      expect(pool.failureCount).toBeGreaterThan(0);
      expect(pool.highWater).toBe(pool.capacity);
    }
    // Spawning stops at the first refusal: one per spawning system and tick at most, not one per
    // bullet the rate asked for (6,000/s is 100 a tick).
    expect(w.bullets.failureCount).toBeLessThanOrEqual(ticks);
    expect(w.enemies.pool.failureCount).toBeLessThanOrEqual(ticks);
  });

  it.each([
    ['Infinity', Number.POSITIVE_INFINITY],
    ['1e9', 1e9],
    ['NaN', Number.NaN],
    ['-5', -5],
    ['a string', '500' as unknown as number],
  ])('a rate of %s neither hangs nor poisons the debts; a sane rate afterwards plays on', (_, rate) => {
    const sim = pooled({ bullets: 16, enemies: 4, particles: 64 });
    const w = sim.world;
    w.input.firing = true;
    w.input.fireRate = rate;
    w.input.enemyRate = rate;
    w.input.exhaustRate = rate;
    run(sim, 5, null);
    for (const debt of w.debts) expect(debt >= 0 && debt < 1).toBe(true);
    for (const pool of [w.bullets, w.enemies.pool, w.particles])
      expect(pool.live).toBeLessThanOrEqual(pool.capacity);
    const spawned = w.enemiesSpawned;
    w.input.enemyRate = 60;
    run(sim, 2, null);
    // An enemy a tick, unless the budget is full.
    expect(w.enemiesSpawned > spawned || w.enemies.pool.available === 0).toBe(true);
  });
});

describe('arena overflow', () => {
  /** The scripted game for 300 ticks; reports whether bullets kept moving and expiring meanwhile. */
  function scenario(arenaBytes: number) {
    const sim = pooled({ arenaBytes });
    const w = sim.world;
    let bulletsMoved = 0;
    let overflowTicks = 0;
    let overflows = 0;
    let firstBullet: Record<string, number> = { slot: -1, x: 0 };
    run(
      sim,
      300,
      (s, t) => {
        playScripted(s, t);
        overflows = w.arena.failureCount;
        firstBullet = liveRecords(w.bullets)[0] ?? { slot: -1, x: 0 };
      },
      () => {
        if (w.arena.failureCount > overflows) overflowTicks++;
        const same = liveRecords(w.bullets).find((b) => b.slot === firstBullet.slot);
        if (same && same.x !== firstBullet.x) bulletsMoved++;
        expect(w.arena.highWater).toBeLessThanOrEqual(w.arena.capacity);
        expectBookkeeping(w);
      },
    );
    return { sim, w, bulletsMoved, overflowTicks };
  }

  it('with a tiny arena, collisions are skipped every tick and counted, and the rest goes on', () => {
    const { sim, w, bulletsMoved, overflowTicks } = scenario(256);
    // The grid alone needs an int32 per 64-unit cell, (1280 / 64) × (720 / 64) × 4 bytes > 256.
    expect(overflowTicks).toBe(300);
    expect(w.arena.failureCount).toBe(300);
    expect(sim.kills).toBe(0);
    expect(bulletsMoved).toBeGreaterThan(100);
    expect(w.bullets.freeCount).toBeGreaterThan(0);
    expect(w.bullets.live).toBeGreaterThan(0);
    expect(w.enemies.pool.live).toBeGreaterThan(0);
    // Only the engine trail makes particles: no sparks, no explosions.
    expect(liveRecords(w.particles).every((p) => p.tint === EXHAUST_TINT)).toBe(true);
  });

  it('any Allocator can be the frame arena: a growing ArenaAllocator plays the same game', () => {
    const arena = new ArenaAllocator({ initialBytes: 0, chunkBytes: 4096, maxBytes: 1 << 20 });
    const [growing, fixed] = [pooled({ arena }), pooled({ arenaBytes: 1 << 20 })];
    run(growing, 300);
    run(fixed, 300);
    const state = (w: typeof growing.world) => ({
      ...worldState(w),
      arena: [w.arena.used, w.arena.failureCount],
    });
    expect(state(growing.world)).toEqual(state(fixed.world));
    expect(growing.arena).toBe(arena);
    expect(arena.capacity).toBeGreaterThanOrEqual(arena.highWater);
  });

  it('an arena that is not an Allocator, or one given with arenaBytes, is refused by name', () => {
    expect(() => pooled({ arena: new ArrayBuffer(64) as never })).toThrow(TypeError);
    expect(() => pooled({ arena: 5 as never })).toThrow(/arena must be an Allocator/);
    expect(() => pooled({ arena: new FixedBufferAllocator(64), arenaBytes: 64 })).toThrow(RangeError);
  });

  it('with a big arena the same game records kills and no overflow', () => {
    const { sim, w } = scenario(1 << 20);
    expect(w.arena.failureCount).toBe(0);
    expect(sim.kills).toBeGreaterThan(0);
    expect(w.arena.highWater).toBeGreaterThan(0);
    expect(liveRecords(w.particles).some((p) => p.tint !== EXHAUST_TINT)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Collisions, staged: an enemy and bullets placed by hand in a quiet world
// ---------------------------------------------------------------------------------------------

/** A quiet world with room for a handful of things, the ship at the centre. */
function stage(options: GameOptions = {}) {
  const sim = new PooledSimulation({ seed: 1, bullets: 16, enemies: 4, particles: 2048, ...options });
  quiet(sim);
  return { sim, w: sim.world };
}

/**
 * Writes a motionless body at (x, y): an enemy entity (`id` is its entity id) or a pooled bullet
 * (`id` is its pool handle).
 */
function placeBody(
  w: GameWorld,
  which: 'bullets' | 'enemies',
  x: number,
  y: number,
): { id: number; s: number } {
  const id = which === 'enemies' ? spawnPooled(w.ecs, w.enemies) : w.bullets.alloc();
  const s = which === 'enemies' ? slotOf(w.enemies, id) : w.bullets.slotOf(id);
  const body = which === 'enemies' ? w.enemies.pool.fields : w.bullets.fields;
  body.x[s] = x;
  body.y[s] = y;
  body.vx[s] = 0;
  body.vy[s] = 0;
  body.age[s] = 0;
  body.ttl[s] = which === 'bullets' ? RULES.bulletTtl : 0;
  body.scale[s] = 1;
  body.alpha[s] = 1;
  return { id, s };
}

function placeEnemy(
  w: GameWorld,
  x: number,
  y: number,
  hp: number,
  radius = 20,
  tint: number = ENEMY_TINTS[0],
) {
  const enemy = placeBody(w, 'enemies', x, y);
  w.enemies.pool.fields.serial[enemy.s] = w.enemiesSpawned++;
  w.enemies.pool.fields.hp[enemy.s] = hp;
  w.enemies.pool.fields.radius[enemy.s] = radius;
  w.enemies.pool.fields.tint[enemy.s] = tint;
  return enemy;
}

function particleTints(w: GameWorld): number[] {
  return liveRecords(w.particles).map((p) => p.tint);
}

const count = (xs: number[], x: number) => xs.filter((v) => v === x).length;

describe('collisions', () => {
  it('a bullet on an enemy costs it a hit point, dies, and throws sparks', () => {
    const { sim, w } = stage();
    const enemy = placeEnemy(w, 300, 200, 3);
    const bullet = placeBody(w, 'bullets', 300, 200);
    sim.step();
    expect(w.enemies.pool.fields.hp[slotOf(w.enemies, enemy.id)]).toBe(2);
    expect(w.bullets.isAlive(bullet.id)).toBe(false);
    expect(w.bullets.live).toBe(0);
    expect(sim.kills).toBe(0);
    expect(particleTints(w)).toEqual(new Array(RULES.sparkPerHit).fill(SPARK_TINT));
  });

  it('the last hit point kills: the enemy is removed and explodes in its colour', () => {
    const { sim, w } = stage();
    const radius = 22;
    const tint = ENEMY_TINTS[2];
    const enemy = placeEnemy(w, 300, 200, 1, radius, tint);
    placeBody(w, 'bullets', 305, 195);
    sim.step();
    expect(sim.kills).toBe(1);
    expect(entityExists(w.ecs, enemy.id)).toBe(false);
    expect(w.enemies.pool.live).toBe(0);
    const tints = particleTints(w);
    expect(count(tints, SPARK_TINT)).toBe(RULES.sparkPerHit);
    expect(count(tints, tint)).toBe(Math.round(radius * RULES.burstPerRadius));
    expect(tints).toHaveLength(RULES.sparkPerHit + Math.round(radius * RULES.burstPerRadius));
  });

  it('every bullet that hits is spent, even past the last hit point; the spark grows with the hits', () => {
    const { sim, w } = stage();
    placeEnemy(w, 300, 200, 1);
    placeBody(w, 'bullets', 300, 200);
    placeBody(w, 'bullets', 301, 201);
    sim.step();
    expect(sim.kills).toBe(1);
    expect(w.bullets.live).toBe(0);
    expect(count(particleTints(w), SPARK_TINT)).toBe(2 * RULES.sparkPerHit);
  });

  it('a bullet over two enemies hits the one spawned first (the lowest serial), whatever the storage order', () => {
    const { sim, w } = stage();
    const older = placeEnemy(w, 300, 200, 5);
    const newer = placeEnemy(w, 305, 200, 5);
    // Swap serials so the entity made second is the older one: the choice follows serials, not slots.
    [w.enemies.pool.fields.serial[older.s], w.enemies.pool.fields.serial[newer.s]] = [1, 0];
    placeBody(w, 'bullets', 302, 200);
    sim.step();
    expect(w.enemies.pool.fields.hp[newer.s]).toBe(4);
    expect(w.enemies.pool.fields.hp[older.s]).toBe(5);
  });

  // An enemy centred on a grid corner, bullets around it in every direction: the grid must find it
  // from each of the four cells it touches.
  const corner = { x: RULES.cellSize * 5, y: RULES.cellSize * 3 };
  const DIRECTIONS = Array.from({ length: 8 }, (_, i) => (i * Math.PI) / 4);

  const RINGS = DIRECTIONS.flatMap((angle) => [
    { angle, distance: 0.9, hits: true },
    { angle, distance: 1.1, hits: false },
  ]);

  it.each(RINGS)(
    'a bullet at $distance radii, angle $angle, hits: $hits (grid cells crossed)',
    ({ angle, distance, hits }) => {
      const { sim, w } = stage();
      const radius = 28;
      const enemy = placeEnemy(w, corner.x, corner.y, 5, radius);
      const [dx, dy] = [Math.cos(angle) * distance * radius, Math.sin(angle) * distance * radius];
      placeBody(w, 'bullets', corner.x + dx, corner.y + dy);
      sim.step();
      expect(w.enemies.pool.fields.hp[enemy.s]).toBe(hits ? 4 : 5);
      expect(w.bullets.live).toBe(hits ? 0 : 1);
      expect(w.particles.live).toBe(hits ? RULES.sparkPerHit : 0);
    },
  );

  it('an enemy that reaches the ship explodes against its shield', () => {
    const { sim, w } = stage();
    const { x, y } = sim.ship;
    const enemy = placeEnemy(w, x + RULES.shipRadius, y, 9);
    sim.step();
    expect(sim.kills).toBe(1);
    expect(entityExists(w.ecs, enemy.id)).toBe(false);
    expect(count(particleTints(w), ENEMY_TINTS[0])).toBe(Math.round(20 * RULES.burstPerRadius));
  });

  it('with an arena too small for the grid, the hit is skipped and counted, and the bullet flies on', () => {
    const { sim, w } = stage({ arenaBytes: 64 });
    const enemy = placeEnemy(w, 300, 200, 3);
    const bullet = placeBody(w, 'bullets', 300, 200);
    sim.step();
    expect(w.arena.failureCount).toBe(1);
    expect(w.enemies.pool.fields.hp[enemy.s]).toBe(3);
    expect(w.bullets.isAlive(bullet.id)).toBe(true);
    expect(w.bullets.fields.age[bullet.s]).toBeCloseTo(STEP_SECONDS, 6);
  });

  it('a burst that does not fit the particle pool is cut short at the first refusal, which the pool counts', () => {
    const { sim, w } = stage({ particles: 50 });
    const radius = 20;
    placeEnemy(w, 300, 200, 1, radius);
    placeBody(w, 'bullets', 300, 200);
    sim.step();
    expect(RULES.sparkPerHit + Math.round(radius * RULES.burstPerRadius)).toBeGreaterThan(50);
    expect(w.particles.live).toBe(50);
    expect(w.particles.failureCount).toBe(1);
  });
});
