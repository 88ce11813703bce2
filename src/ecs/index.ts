/**
 * framepool's bitecs integration: a bitecs 0.4 world whose component stores are MemoryPools, a
 * fixed-step clock and seeded random numbers, and the bullet game's systems. No Pixi here: the
 * whole simulation runs headless in Node.
 *
 * @module framepool/ecs
 */
export { advance, alpha, createFixedStep, type FixedStep } from './FixedStep.ts';
export { createGameWorld, type GameWorld, type GameWorldOptions, type PooledStore } from './GameWorld.ts';
export { type NaiveOptions, NaiveSimulation } from './NaiveSimulation.ts';
export {
  attachPooledComponent,
  createPooledComponent,
  type PooledComponent,
  type PooledComponentOptions,
  slotOf,
  spawnPooled,
  tryAddPooled,
} from './PooledComponent.ts';
export { PooledSimulation } from './PooledSimulation.ts';
export {
  createWorldProfiler,
  requireWorldProfiler,
  stepProfiled,
  type WorldProfilerOptions,
} from './profiling.ts';
export { createRng, nextFloat, nextRange, type Rng } from './Rng.ts';
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
