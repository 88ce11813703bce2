/**
 * The bullet game: its world, rules, systems, the steady scenario and the simulations the demo,
 * the benchmarks and the profile command drive. Not a package entry: it is built on the public
 * entries (`framepool`, `framepool/loop`, `framepool/ecs`, `framepool/profiler`) like any game.
 */
export { createGameWorld, type GameWorld, type GameWorldOptions, type PooledStore } from './GameWorld.ts';
export { type NaiveOptions, NaiveSimulation } from './NaiveSimulation.ts';
export { PooledSimulation } from './PooledSimulation.ts';
export {
  createWorldProfiler,
  requireWorldProfiler,
  stepProfiled,
  type WorldProfilerOptions,
} from './profiling.ts';
export { BULLET_TINT, ENEMY_TINTS, EXHAUST_TINT, RULES } from './rules.ts';
export { ShipBody } from './ShipBody.ts';
export {
  createInput,
  type GameInput,
  type PoolUsage,
  type ShipState,
  type Simulation,
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
export { beginTick, endTick, liveEntities, STEP_SECONDS, SYSTEMS, stepGameWorld } from './step.ts';
export { integrateBody } from './systems/motion.ts';
export { BURST_FLOATS, spawnBurst, writeBurst } from './systems/spawn.ts';
