/**
 * The bad-input issue's reproductions in the game, each as the call that went wrong: now a clear error
 * with nothing changed, or bounded work.
 */
import { describe, expect, it } from 'vitest';
import {
  createGameWorld,
  NaiveSimulation,
  PooledSimulation,
  STEADY_WARMUP_TICKS,
  startSteady,
  warmUpSteady,
} from '../../src/game/index.ts';
import { run, worldState } from './helpers.ts';

describe('the issue’s reproductions', () => {
  it('warmUpSteady(sim, 8n) throws before it sets input.firing', () => {
    const sim = new PooledSimulation();
    const before = { ...sim.input };
    expect(() => warmUpSteady(sim, 8n as unknown as number)).toThrow(/entities must be a whole number/);
    expect(sim.input).toEqual(before);
    expect(sim.tick).toBe(0);
  });

  it.each([
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('startSteady and warmUpSteady refuse %s entities, leaving the debts and rates alone', (_, entities) => {
    for (const sim of [new PooledSimulation(), new NaiveSimulation()]) {
      const before = { ...sim.input };
      expect(() => startSteady(sim, entities as number)).toThrow(RangeError);
      expect(() => warmUpSteady(sim, entities as number)).toThrow(/entities/);
      expect(sim.input).toEqual(before);
    }
  });

  it('after a NaN rate the enemy debt recovers: enemies spawn again once the rate is fixed', () => {
    const sim = new PooledSimulation({ seed: 3 });
    sim.input.enemyRate = Number.NaN;
    run(sim, 10, null);
    expect(Array.from(sim.world.debts).every((d) => d >= 0 && d < 1)).toBe(true);
    sim.input.enemyRate = 60;
    run(sim, 10, null);
    expect(sim.world.enemiesSpawned).toBe(10);
  });

  it.each([
    ['width: NaN', { width: Number.NaN }, /width/],
    ['width: Infinity', { width: Number.POSITIVE_INFINITY }, /width/],
    ['height: -1', { height: -1 }, /height/],
    ['height: "abc"', { height: 'abc' }, /height/],
    ['particles: -1', { particles: -1 }, /particles/],
    ['bullets: -1', { bullets: -1 }, /bullets/],
    ['enemies: 0', { enemies: 0 }, /enemies/],
    ['arenaBytes: 1.5', { arenaBytes: 1.5 }, /arenaBytes/],
  ])('createGameWorld({ %s }) is refused up front, naming the option', (_, options, name) => {
    expect(() => createGameWorld(options as never)).toThrow(name);
  });

  it('createGameWorld(null) is a TypeError naming options', () => {
    expect(() => createGameWorld(null as never)).toThrow(/options must be an object, got null/);
  });

  it('a fire rate of 1e9 on a 16-slot pool costs one refusal a tick, not a billion attempts', () => {
    const sim = new PooledSimulation({ bullets: 16 });
    sim.input.firing = true;
    sim.input.fireRate = 1e9;
    run(sim, STEADY_WARMUP_TICKS, null);
    expect(sim.world.bullets.live).toBeLessThanOrEqual(16);
    expect(sim.world.bullets.failureCount).toBeLessThanOrEqual(STEADY_WARMUP_TICKS);
    expect(sim.world.bullets.allocCount + sim.world.bullets.failureCount).toBeLessThanOrEqual(
      STEADY_WARMUP_TICKS * 17,
    );
  });

  it('a world that refused a bad step plays on exactly as one that never saw it', () => {
    const [a, b] = [new PooledSimulation({ seed: 5 }), new PooledSimulation({ seed: 5 })];
    run(a, 20);
    run(b, 20);
    expect(() => a.draw('bogus' as never, { capacity: 1, set() {} })).toThrow(RangeError);
    expect(() =>
      a.figures('constructor' as never, { live: 0, capacity: 0, highWater: 0, failureCount: 0 }),
    ).toThrow(RangeError);
    run(a, 20);
    run(b, 20);
    expect(worldState(a.world)).toEqual(worldState(b.world));
  });
});
