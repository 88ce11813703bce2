import { describeValue } from '../memory/index.ts';

/**
 * A fixed-timestep clock: the simulation advances in equal steps whatever the display rate, so it
 * is deterministic, and a slow frame is caught up with at most `maxSteps` steps (the rest of the
 * backlog is dropped rather than spiralling). Plain numbers in a plain object: no garbage.
 */
export interface FixedStep {
  /** Milliseconds per simulation step. */
  readonly stepMs: number;
  /** Most steps one `advance` may ask for. */
  readonly maxSteps: number;
  /** Time owed to the simulation, below `stepMs` after each `advance`. */
  accumulator: number;
  /** Milliseconds of backlog thrown away because a frame needed more than `maxSteps` steps. */
  droppedMs: number;
}

/** The most steps a clock runs per second. */
export const MAX_HZ = 100_000;
/** The most steps one `advance` may ask for: it bounds a frame's work. */
export const MAX_CATCH_UP_STEPS = 1024;

/**
 * Creates a clock that runs `hz` steps per simulated second, and catches up at most `maxSteps` per
 * `advance`.
 * @throws RangeError naming `hz` (a number above 0, up to {@link MAX_HZ}) or `maxSteps` (a whole number
 *   from 1 to {@link MAX_CATCH_UP_STEPS}).
 */
export function createFixedStep(hz = 60, maxSteps = 5): FixedStep {
  if (!(typeof hz === 'number' && hz > 0 && hz <= MAX_HZ)) {
    throw new RangeError(`hz must be a number above 0, up to ${MAX_HZ}, got ${describeValue(hz)}`);
  }
  if (
    !(
      typeof maxSteps === 'number' &&
      Number.isInteger(maxSteps) &&
      maxSteps >= 1 &&
      maxSteps <= MAX_CATCH_UP_STEPS
    )
  ) {
    throw new RangeError(
      `maxSteps must be a whole number from 1 to ${MAX_CATCH_UP_STEPS}, got ${describeValue(maxSteps)}`,
    );
  }
  return { stepMs: 1000 / hz, maxSteps, accumulator: 0, droppedMs: 0 };
}

/**
 * Adds `elapsedMs` of real time and returns how many steps to simulate now. Negative, NaN or
 * infinite elapsed time (a clock jump) counts as zero.
 * @throws TypeError naming `clock` when it is not a clock made by {@link createFixedStep} (or one
 *   whose fields were broken), or `elapsedMs` when it is not a number; the clock is unchanged then.
 */
export function advance(clock: FixedStep, elapsedMs: number): number {
  requireClock(clock);
  if (typeof elapsedMs !== 'number') {
    throw new TypeError(`elapsedMs must be a number, got ${describeValue(elapsedMs)}`);
  }
  if (elapsedMs > 0 && Number.isFinite(elapsedMs)) clock.accumulator += elapsedMs;
  // `%` is exact, so the time owed stays in [0, stepMs); dividing first and subtracting
  // steps × stepMs could round to a hair below zero (115 Hz) or to a whole step still owed.
  const rest = clock.accumulator % clock.stepMs;
  const steps = Math.round((clock.accumulator - rest) / clock.stepMs);
  if (steps > clock.maxSteps) clock.droppedMs += clock.accumulator - rest - clock.maxSteps * clock.stepMs;
  clock.accumulator = rest;
  return Math.min(steps, clock.maxSteps);
}

/**
 * How far the display is between the last step and the next, in [0, 1): for interpolation.
 * @throws TypeError naming `clock` when it is not a clock made by {@link createFixedStep}.
 */
export function alpha(clock: FixedStep): number {
  requireClock(clock);
  return clock.accumulator / clock.stepMs;
}

/** Throws a TypeError naming `clock` unless its fields hold what {@link createFixedStep} puts there. */
function requireClock(clock: FixedStep): void {
  if (
    !(
      typeof clock === 'object' &&
      clock !== null &&
      typeof clock.stepMs === 'number' &&
      typeof clock.maxSteps === 'number' &&
      clock.stepMs > 0 &&
      clock.stepMs < Number.POSITIVE_INFINITY &&
      clock.maxSteps >= 1 &&
      clock.maxSteps <= MAX_CATCH_UP_STEPS &&
      clock.accumulator >= 0 &&
      clock.accumulator < Number.POSITIVE_INFINITY &&
      typeof clock.accumulator === 'number' &&
      typeof clock.droppedMs === 'number'
    )
  ) {
    throw new TypeError(`clock must be a clock made by createFixedStep, got ${describeValue(clock)}`);
  }
}
