/**
 * framepool's game-loop helpers: a fixed-timestep clock and seeded random numbers. No dependencies
 * (it imports only the memory module), so any game uses them, with or without bitecs or Pixi.
 *
 * - {@link createFixedStep} + {@link advance}: equal simulation steps whatever the display rate.
 * - {@link createRng} + {@link nextFloat}: a seeded generator whose state is one uint32 in a typed array.
 *
 * @module framepool/loop
 */
export { advance, alpha, createFixedStep, type FixedStep, MAX_CATCH_UP_STEPS, MAX_HZ } from './FixedStep.ts';
export {
  createRng,
  drawFloat,
  MAX_INT_RANGE,
  mixSeed,
  nextFloat,
  nextInt,
  nextRange,
  type Rng,
  reseed,
} from './Rng.ts';
