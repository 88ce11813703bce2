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
