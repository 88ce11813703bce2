/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * machine, so a simulation is reproducible from its seed and inputs. Its state is one uint32 in a
 * typed array, so drawing numbers creates no garbage.
 */
export interface Rng {
  readonly state: Uint32Array;
}

/** Creates a generator from any integer seed. */
export function createRng(seed: number): Rng {
  const state = new Uint32Array(1);
  state[0] = seed >>> 0;
  return { state };
}

/** Next number in [0, 1). */
export function nextFloat(rng: Rng): number {
  const state = rng.state;
  state[0] = (state[0] + 0x6d2b79f5) >>> 0;
  let t = state[0];
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Next number in [min, max). */
export function nextRange(rng: Rng, min: number, max: number): number {
  return min + (max - min) * nextFloat(rng);
}

/**
 * Restarts `rng` from `seed` without allocating: for counter-based streams, where each event draws
 * from a generator seeded by a hash of its identity, so the numbers it gets do not depend on the
 * order in which events are processed.
 */
export function reseed(rng: Rng, seed: number): void {
  rng.state[0] = seed >>> 0;
}

/**
 * Mixes two integers into a well-spread 32-bit seed (murmur3's finalizer over `a`, then `b`): the
 * same pair always gives the same seed, on every machine.
 */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ b;
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
  return Math.floor(nextFloat(rng) * n);
}
