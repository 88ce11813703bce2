import { slotsOf } from './slots.ts';

/**
 * A source of time in milliseconds; only differences between readings matter. Inject a fake one in
 * tests so durations are exact.
 *
 * @example
 * let now = 0;
 * const fake: Clock = () => now; // advance with `now += 2` between calls
 */
export type Clock = () => number;

/**
 * `performance.now()`: a monotonic, sub-millisecond clock present in browsers, workers and Node 16+.
 * Looked up on `globalThis` so the module has no Node or DOM import; falls back to `Date.now` for
 * hosts without `performance`.
 */
export const defaultClock: Clock =
  typeof globalThis.performance?.now === 'function' ? () => globalThis.performance.now() : () => Date.now();

const READING_NAMES = ['tickStart', 'latest'] as const;
/**
 * The profiler's clock readings: at `beginTick`, and the latest (at the last `beginSystem`,
 * `endSystem` or `endTick`). They live in one Float64Array shared by the protocol and the system
 * tracker, so that a reading never crosses a call as a boxed double.
 */
export const READING = slotsOf(READING_NAMES);
/** Length of the clock readings array. */
export const READINGS = READING_NAMES.length;
