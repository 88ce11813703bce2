/**
 * The burst record: a spray of particles to throw, written by whoever causes it (the engine trail,
 * a hit, an explosion) and spawned by the particle store. Bursts travel as records in float32 arrays
 * (the arena's burst queue, a world's trail record) so that queueing one passes only integers: doubles
 * passed to a function V8 does not inline are boxed, a heap number each.
 */

/** Index of the burst's x in its record. */
export const BURST_X = 0;
/** Index of the burst's y. */
export const BURST_Y = 1;
/** Index of its particle count. */
export const BURST_COUNT = 2;
/** Index of its tint (0xRRGGBB, exact in a float32 below 2^24). */
export const BURST_TINT = 3;
/** Index of the direction particles fly in, radians. */
export const BURST_DIRECTION = 4;
/** Index of the half-angle of the spray around the direction, radians (π: all round). */
export const BURST_SPREAD = 5;
/** Index of its key, which seeds its particles' generator (see `burstKey` in the rules). */
export const BURST_KEY = 6;
/** Floats in a burst record. */
export const BURST_FLOATS = 7;

/** Writes a burst record at `at` of `records`: `count` particles out of (x, y) within `spread` of `direction`. */
export function writeBurst(
  records: Float32Array,
  at: number,
  x: number,
  y: number,
  count: number,
  tint: number,
  direction: number,
  spread: number,
  key: number,
): void {
  records[at + BURST_X] = x;
  records[at + BURST_Y] = y;
  records[at + BURST_COUNT] = count;
  records[at + BURST_TINT] = tint;
  records[at + BURST_DIRECTION] = direction;
  records[at + BURST_SPREAD] = spread;
  records[at + BURST_KEY] = key;
}
