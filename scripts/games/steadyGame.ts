/**
 * The demo's game as a module for `framepool profile`: the steady scenario (src/game/scenario.ts) in
 * any of the three storages, its systems one by one. The pooled world brings its frame arena and
 * pools; the bitecs and naive simulations have neither.
 */
import {
  BitecsSimulation,
  endTick,
  NaiveSimulation,
  PooledSimulation,
  type SimulationMode,
  type SimulationSystem,
  SYSTEMS,
  startSteady,
  steadyWorldOptions,
  steerSteady,
} from '../../src/game/index.ts';
import type { GameModule } from '../../src/profiler/node/index.ts';

/** The scenario's size and seed. */
export interface SteadyGameOptions {
  /** Live records the scenario aims for. Default 10,000. */
  readonly entities?: number;
  /** Seed of the game's random numbers. Default 42. */
  readonly seed?: number;
}

/** The steady scenario's simulation and the game module that drives it. */
export interface SteadyGame {
  /** The simulation, to read between systems. */
  readonly sim: PooledSimulation | BitecsSimulation | NaiveSimulation;
  /** The module `framepool profile` runs. */
  readonly game: GameModule;
}

/**
 * The steady scenario in storage `mode` as a game module. Its first system, `input`, is the player:
 * it counts the step that just ended (from the second tick on), then steers for this one, as
 * `steadyStep` does before `step()`; the rest are the simulation's own systems.
 */
export function createSteadyGame(mode: SimulationMode, options: SteadyGameOptions = {}): SteadyGame {
  const entities = options.entities ?? 10_000;
  const world = steadyWorldOptions(entities, options.seed ?? 42);
  const sim =
    mode === 'pooled'
      ? new PooledSimulation(world)
      : mode === 'bitecs'
        ? new BitecsSimulation(world)
        : new NaiveSimulation(world);
  const systems: readonly SimulationSystem[] =
    sim instanceof PooledSimulation
      ? SYSTEMS.map(({ name, run }) => ({ name, run: (dt: number) => run(sim.world, dt) }))
      : sim.systems;
  const endStep = () => (sim instanceof PooledSimulation ? endTick(sim.world) : sim.endStep());
  let stepped = false;
  const input: SimulationSystem = {
    name: 'input',
    run: () => {
      if (stepped) endStep();
      stepped = true;
      steerSteady(sim);
    },
  };
  const pooled = sim instanceof PooledSimulation ? sim.world : undefined;
  const game: GameModule = {
    systems: [input, ...systems],
    setup: () => startSteady(sim, entities),
    entities: () => sim.liveCount(),
    arena: pooled?.arena,
    pools: pooled && { bullets: pooled.bullets, enemies: pooled.enemies.pool, particles: pooled.particles },
  };
  return { sim, game };
}

/** {@link createSteadyGame}'s module alone. */
export function steadyGame(mode: SimulationMode, options: SteadyGameOptions = {}): GameModule {
  return createSteadyGame(mode, options).game;
}
