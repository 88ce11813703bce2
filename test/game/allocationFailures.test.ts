/**
 * The pooled game under fault injection: checkAllAllocationFailures runs a stretch of scripted play
 * once per frame-arena allocation it makes, failing that allocation and every later one, and each
 * pool's `failAt` does the same for every allocation of the bullet, enemy and particle pools. The game
 * must survive every failure point: the tick goes on without collisions (or without a burst, a bullet,
 * an enemy, a particle), the refusal is counted in the arena's or the pool's failureCount, and nothing
 * crashes or falls out of step.
 */
import { describe, expect, it } from 'vitest';
import { type GameWorld, PooledSimulation } from '../../src/game/index.ts';
import {
  type Allocator,
  checkAllAllocationFailures,
  FixedBufferAllocator,
  type MemoryPool,
} from '../../src/memory/index.ts';
import { expectBookkeeping, playScripted, run } from './helpers.ts';

/** Long enough for enemies to arrive, be hit and explode: every kind of arena allocation happens. */
const TICKS = 100;
const BUDGETS = { bullets: 1_500, enemies: 120, particles: 3_000 } as const;

describe("the demo's tick under every arena allocation failure", () => {
  it('survives each failure point: counted drops, never a crash, bookkeeping intact', () => {
    const outcomes: Array<{ kills: number; failures: number; ticks: number }> = [];
    const report = checkAllAllocationFailures(
      (arena: Allocator) => {
        const sim = new PooledSimulation({ seed: 11, ...BUDGETS, arena });
        run(sim, TICKS, playScripted);
        expectBookkeeping(sim.world);
        expect(sim.world.bullets.live + sim.world.particles.live).toBeGreaterThan(0);
        outcomes.push({ kills: sim.kills, failures: arena.failureCount, ticks: sim.tick });
      },
      { inner: () => new FixedBufferAllocator(1 << 20) },
    );
    // Every tick makes a grid, its item list and a damage array, and most fill both lists.
    expect(report.allocations).toBeGreaterThan(3 * TICKS);
    expect(report.runs.map((r) => r.outcome)).toEqual(new Array(report.allocations + 1).fill('returned'));
    expect(report.problems).toEqual([]);
    const [clean, ...failed] = outcomes;
    expect([clean.failures, clean.ticks]).toEqual([0, TICKS]);
    expect(clean.kills).toBeGreaterThan(0);
    for (const outcome of failed) {
      expect(outcome.ticks).toBe(TICKS);
      expect(outcome.failures).toBeGreaterThan(0);
      expect(outcome.kills).toBeLessThanOrEqual(clean.kills);
    }
    // A failure in the last tick's collisions still lets the earlier kills stand.
    expect(failed[failed.length - 1].kills).toBeGreaterThan(0);
  }, 60_000);
});

/** The game's pools by name, as fault injection reaches them. */
const POOLS: Array<[string, (world: GameWorld) => MemoryPool]> = [
  ['bullets', (world) => world.bullets],
  ['enemies', (world) => world.enemies.pool],
  ['particles', (world) => world.particles],
];

describe("the demo's tick under every pool allocation failure", () => {
  it.each(POOLS)(
    'survives each failure point of the %s pool: counted drops, never a crash, bookkeeping intact',
    (_name, poolOf) => {
      const clean = new PooledSimulation({ seed: 11, ...BUDGETS });
      run(clean, TICKS, playScripted);
      const allocations = poolOf(clean.world).allocCount;
      // Enemies arrive, bullets fly and explosions burst within the stretch: each pool allocates.
      expect(allocations).toBeGreaterThan(10);
      expect(poolOf(clean.world).failureCount).toBe(0);
      // As checkAllAllocationFailures does: one run per allocation, failing it and every later one.
      for (let failAt = 0; failAt < allocations; failAt++) {
        const sim = new PooledSimulation({ seed: 11, ...BUDGETS });
        const pool = poolOf(sim.world);
        pool.failAt = failAt;
        run(sim, TICKS, playScripted);
        expectBookkeeping(sim.world);
        expect([sim.tick, pool.allocCount]).toEqual([TICKS, failAt]);
        // (Fewer bullets may change which enemies are hit, and when: kills are not bounded by the clean run's.)
        expect(pool.failureCount).toBeGreaterThan(0);
      }
    },
    60_000,
  );
});
