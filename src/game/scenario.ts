/**
 * The steady scenario the benchmarks and `npm run profile` drive: a rotating stream of bullets and an
 * engine trail at rates that hold about `entities` live records (half bullets, most of the rest
 * particles), with a few thousand enemies drifting in during the warm-up. A tick then does everything
 * the game does: spawn, move, expire, build the collision grid in the arena, test every bullet against
 * it, and burst particles. Written once so the benchmark's figures and the profiler's describe the
 * same workload.
 */
import { describeValue, MAX_POOL_CAPACITY } from '../memory/index.ts';
import { type GameOptions, resolveGameOptions } from './options.ts';
import { RULES } from './rules.ts';
import { requireSimulation, type Simulation } from './Simulation.ts';

/** Side of the square world of the steady scenario, in units: large enough that the streams spread out. */
export const STEADY_WORLD_SIZE = 4000;

/** Ticks during which enemies arrive, the warm-up of {@link warmUpSteady}: two seconds of game time. */
export const STEADY_WARMUP_TICKS = 2 * RULES.tickHz;

const MEAN_PARTICLE_TTL = (RULES.particleTtlMin + RULES.particleTtlMax) / 2;

/**
 * World options for the steady scenario at `entities` live records: the square world, a 4 MiB arena,
 * and budgets that hold the count near the target: bullets have room to spare, particles get half the
 * target (the trail takes 45 %; explosions fill the rest and past it are dropped, as a budget should
 * do), enemies 8,000 (5 % of the target arrive, up to that budget).
 */
export function steadyWorldOptions(entities: number, seed: number): GameOptions {
  requireEntities(entities);
  return resolveGameOptions({
    width: STEADY_WORLD_SIZE,
    height: STEADY_WORLD_SIZE,
    seed,
    bullets: entities,
    particles: Math.ceil(entities / 2),
    enemies: 8_000,
    arenaBytes: 4 << 20,
  });
}

/** Most live records the steady scenario may aim for: its bullet budget is the target, and a pool holds at most this. */
export const MAX_STEADY_ENTITIES = MAX_POOL_CAPACITY;

/** Throws a RangeError naming `entities` unless it is a whole number from 1 to {@link MAX_STEADY_ENTITIES}. */
function requireEntities(entities: number): void {
  if (
    !(
      typeof entities === 'number' &&
      Number.isInteger(entities) &&
      entities >= 1 &&
      entities <= MAX_STEADY_ENTITIES
    )
  ) {
    throw new RangeError(
      `entities must be a whole number from 1 to ${MAX_STEADY_ENTITIES}, got ${describeValue(entities)}`,
    );
  }
}

/**
 * Sets the controls for about `entities` live records: guns on, and fire and trail rates that balance
 * their lifetimes; enemies arrive at 5% of the target per {@link STEADY_WARMUP_TICKS} until
 * {@link steadyStep} ends the arrivals at that tick. Call it on a fresh simulation (tick 0).
 * @throws RangeError naming `entities` when it is not a whole number from 1 to
 *   {@link MAX_STEADY_ENTITIES}, before any control changes.
 */
export function startSteady(sim: Simulation, entities: number): void {
  requireSimulation(sim);
  requireEntities(entities);
  const input = sim.input;
  input.firing = true;
  input.fireRate = (0.5 * entities) / RULES.bulletTtl;
  input.exhaustRate = (0.45 * entities) / MEAN_PARTICLE_TTL;
  input.enemyRate = (0.05 * entities) / 2;
}

/**
 * The steady scenario's controls for the coming tick: from tick {@link STEADY_WARMUP_TICKS} on no more
 * enemies arrive, and the aim sweeps round the ship so bullets fill the world evenly. Call it before
 * each step; {@link steadyStep} does both.
 */
export function steerSteady(sim: Simulation): void {
  requireSimulation(sim);
  const input = sim.input;
  if (sim.tick >= STEADY_WARMUP_TICKS) input.enemyRate = 0;
  const angle = sim.tick * 0.05;
  input.aimX = sim.ship.x + Math.cos(angle) * 100;
  input.aimY = sim.ship.y + Math.sin(angle) * 100;
}

/** One tick of the steady scenario: {@link steerSteady}, then `sim.step()`. */
export function steadyStep(sim: Simulation): void {
  steerSteady(sim);
  sim.step();
}

/**
 * Warms a fresh `sim` up to about `entities` live records: {@link startSteady}, then
 * {@link steadyStep} until the arrivals are over. Returns `sim`; keep driving it with `steadyStep`.
 */
export function warmUpSteady<S extends Simulation>(sim: S, entities: number): S {
  startSteady(sim, entities);
  // Counted, not `while (sim.tick < …)`: a simulation's tick is only as trustworthy as its step.
  for (let t = sim.tick; t < STEADY_WARMUP_TICKS; t++) steadyStep(sim);
  sim.input.enemyRate = 0;
  return sim;
}
