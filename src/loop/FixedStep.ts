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

/** Creates a clock that runs `hz` steps per simulated second. */
export function createFixedStep(hz = 60, maxSteps = 5): FixedStep {
  if (!(hz > 0 && Number.isFinite(hz)))
    throw new RangeError(`hz must be a positive finite number, got ${hz}`);
  if (!(Number.isInteger(maxSteps) && maxSteps >= 1)) {
    throw new RangeError(`maxSteps must be a whole number of at least 1, got ${maxSteps}`);
  }
  return { stepMs: 1000 / hz, maxSteps, accumulator: 0, droppedMs: 0 };
}

/**
 * Adds `elapsedMs` of real time and returns how many steps to simulate now. Negative or non-finite
 * elapsed time (a clock jump) counts as zero.
 */
export function advance(clock: FixedStep, elapsedMs: number): number {
  if (elapsedMs > 0 && Number.isFinite(elapsedMs)) clock.accumulator += elapsedMs;
  const steps = Math.floor(clock.accumulator / clock.stepMs);
  if (steps > clock.maxSteps) {
    // `%` is exact: subtracting a rounded (steps - maxSteps) * stepMs from a huge backlog could leave
    // more than a step owed (alpha >= 1) once the backlog's rounding error exceeds a step.
    const rest = clock.accumulator % clock.stepMs;
    clock.droppedMs += clock.accumulator - rest - clock.maxSteps * clock.stepMs;
    clock.accumulator = rest;
    return clock.maxSteps;
  }
  clock.accumulator -= steps * clock.stepMs;
  return steps;
}

/** How far the display is between the last step and the next, in [0, 1): for interpolation. */
export function alpha(clock: FixedStep): number {
  return clock.accumulator / clock.stepMs;
}
