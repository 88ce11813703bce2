import { describeValue } from '../memory/index.ts';
import { requireFinite } from './checks.ts';

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * machine, so a simulation is reproducible from its seed and inputs. Its state is one uint32 in a
 * typed array, so drawing numbers creates no garbage.
 */
export interface Rng {
  readonly state: Uint32Array;
}

/**
 * Creates a generator from `seed`, taken as a uint32 (`seed >>> 0`: -1 is 2^32 - 1, 7.9 is 7).
 * @throws TypeError naming `seed` when it is not a finite number.
 */
export function createRng(seed: number): Rng {
  requireFinite('seed', seed);
  const state = new Uint32Array(1);
  state[0] = seed >>> 0;
  return { state };
}

/**
 * Next number in [0, 1).
 * @throws TypeError naming `rng` when it is not a generator made by {@link createRng}.
 */
export function nextFloat(rng: Rng): number {
  return drawFloat(stateOf(rng));
}

/**
 * The next number in [0, 1) from a generator's state, unchecked: for hot paths that hold a generator
 * made by {@link createRng}. Small enough for V8 to inline wherever it is called, so its double is
 * never boxed (behind `nextFloat`'s check, a caller that is not inlined itself returns a heap number).
 * @internal
 */
export function drawFloat(state: Uint32Array): number {
  state[0] = (state[0] + 0x6d2b79f5) >>> 0;
  let t = state[0];
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Next number in [min, max) (in (max, min] when max < min).
 * @throws TypeError naming `rng`, `min` or `max` when one is not a generator or a finite number.
 */
export function nextRange(rng: Rng, min: number, max: number): number {
  if (!(typeof min === 'number' && typeof max === 'number' && Number.isFinite(max - min))) {
    requireFinite('min', min);
    requireFinite('max', max);
    throw new RangeError(`max must lie within a finite distance of min, got min ${min} and max ${max}`);
  }
  return min + (max - min) * drawFloat(stateOf(rng));
}

/**
 * Restarts `rng` from `seed` without allocating: for counter-based streams, where each event draws
 * from a generator seeded by a hash of its identity, so the numbers it gets do not depend on the
 * order in which events are processed.
 */
export function reseed(rng: Rng, seed: number): void {
  const state = stateOf(rng);
  requireFinite('seed', seed);
  state[0] = seed >>> 0;
}

/**
 * Mixes a seed and a key (taken as int32s) into a well-spread 32-bit seed (murmur3's finalizer over
 * `seed`, then `key`): the same pair always gives the same seed, on every machine. Chain it to mix in
 * more keys.
 * @throws TypeError naming `seed` or `key` when it is not a number.
 */
export function mixSeed(seed: number, key: number): number {
  if (typeof seed !== 'number') throw new TypeError(`seed must be a number, got ${describeValue(seed)}`);
  if (typeof key !== 'number') throw new TypeError(`key must be a number, got ${describeValue(key)}`);
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ key;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Next whole number in [0, `n`), for `n` from 1 to 2^30. A whole number that small stays a small
 * integer in V8, so unlike {@link nextFloat} it is never boxed, even when the call is not inlined:
 * the draw for hot loops.
 */
export function nextInt(rng: Rng, n: number): number {
  if (!(typeof n === 'number' && n >= 1 && n <= MAX_INT_RANGE && Math.floor(n) === n)) {
    throw new RangeError(`n must be a whole number from 1 to ${MAX_INT_RANGE}, got ${describeValue(n)}`);
  }
  return Math.floor(drawFloat(stateOf(rng)) * n);
}

/** The largest `n` of {@link nextInt}: its results then stay small integers. */
export const MAX_INT_RANGE = 2 ** 30;

/** The state of a generator made by {@link createRng}, or a TypeError naming `rng`. */
function stateOf(rng: Rng): Uint32Array {
  const state = typeof rng === 'object' && rng !== null ? rng.state : undefined;
  if (state instanceof Uint32Array && state.length === 1) return state;
  throw new TypeError(`rng must be a generator made by createRng, got ${describeValue(rng)}`);
}
