/**
 * The bullet game: its world, rules, systems, the steady scenario and the three simulations the
 * demo, the benchmarks and the profile command drive. Not a package entry: it is built on the public
 * entries (`framepool`, `framepool/loop`, `framepool/ecs`, `framepool/profiler`) like any game.
 */
export { BitecsSimulation } from './BitecsSimulation.ts';
export { BURST_FLOATS, writeBurst } from './burst.ts';
export { createGameWorld, type GameWorld, type GameWorldOptions, requireGameWorld } from './GameWorld.ts';
export { createInput, type GameInput, InputState } from './InputState.ts';
export { NaiveSimulation } from './NaiveSimulation.ts';
export { type GameOptions, type ResolvedGameOptions, resolveGameOptions } from './options.ts';
export { PooledSimulation } from './PooledSimulation.ts';
export { createWorldProfiler, requireWorldProfiler, type WorldProfilerOptions } from './profiling.ts';
export * from './replay/index.ts';
export * from './rewind/index.ts';
export * from './rules.ts';
export { ShipBody } from './ShipBody.ts';
export {
  requireFiguresOut,
  requireSimulation,
  requireSink,
  requireSpriteKind,
  type ShipState,
  SIMULATION_MODES,
  type Simulation,
  type SimulationMode,
  type SimulationSystem,
  SPRITE_KINDS,
  type SpriteKind,
  type SpriteSink,
} from './Simulation.ts';
export {
  STEADY_WARMUP_TICKS,
  STEADY_WORLD_SIZE,
  startSteady,
  steadyStep,
  steadyWorldOptions,
  steerSteady,
  warmUpSteady,
} from './scenario.ts';
export { BODY_FIELDS, type BodySchema, ENEMY_FIELDS, type EnemySchema } from './schema.ts';
export { beginTick, endTick, liveCount, stepGameWorld } from './step.ts';
export { SYSTEMS } from './systems/index.ts';
export { spawnBurst } from './systems/spawn.ts';
export type { SpawnWorker, WorkerLike } from './threads/Crew.ts';
export { type ThreadedOptions, ThreadedSimulation, type Threads } from './threads/ThreadedSimulation.ts';
export { WorldState } from './WorldState.ts';
