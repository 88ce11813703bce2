/**
 * The small shared header between the page's thread and the simulation's workers: one
 * SharedArrayBuffer of int32 slots (the ones threads wait on and hand over with `Atomics`) and
 * float64 slots (the input going in, the published figures coming out). No entity data goes through
 * it: the renderer reads the shared pools themselves, under the seqlock below.
 *
 * The seqlock: the owner worker makes `seq` odd before it writes a tick and even after the tick is
 * written and packed, then stores the tick in `published`. The renderer takes the `hold`, reads `seq`,
 * and draws only when `seq` is even, and the owner, having made `seq` odd, waits while the hold is
 * taken. Both sides store, then load, through `Atomics` (sequentially consistent), so one of them
 * always sees the other: the renderer never draws a half-written tick, and it never waits (the page's
 * main thread may not block); only the worker does, for as long as one draw call takes.
 */

import type { GameInput } from '../InputState.ts';

/** Int32 slots, in order. */
const INT_SLOTS = [
  /** Odd while the owner writes a tick. */
  'seq',
  /** 1 while the renderer reads the pools. */
  'hold',
  /** The tick the page wants the world to reach: it adds to it, the owner runs up to it. */
  'target',
  /** The last tick written and packed. */
  'published',
  /** 1: the workers stop at the next tick boundary. */
  'stop',
  /** Fork: the owner adds 1 to release the helpers into a tick's parallel part. */
  'go',
  /** Join: helpers done with the parallel part; the owner waits for all of them (the one barrier). */
  'joined',
  /** The checkpoint slot (0 or 1) holding the last published tick, -1 before the first. */
  'checkpoint',
  /** Live records per pool at the fork, the ranges the workers split. */
  'bullets',
  'particles',
  /** Where the collision grid is in the arena's int32 view, or -1 when the arena had no room for it. */
  'grid',
  /** Draws refused because the owner was writing (the renderer kept the previous tick). */
  'skippedDraws',
] as const;

/** Float64 slots, in order. */
const FLOAT_SLOTS = [
  // Out: the ship where the enemies seek it (for the helpers), and the published world's figures.
  'shipX',
  'shipY',
  'shipVx',
  'shipVy',
  'shipAngle',
  'kills',
  'bulletsLive',
  'bulletsHighWater',
  'bulletsFailures',
  'enemiesLive',
  'enemiesHighWater',
  'enemiesFailures',
  'particlesLive',
  'particlesHighWater',
  'particlesFailures',
  'arenaUsed',
  'arenaHighWater',
  'arenaFailures',
  /**
   * The owner's last tick, wall milliseconds: all of it (the checkpoint aside), the parts only it runs
   * (ship, spawn, frees, collisions, packing), its own slot ranges, and its wait at the barrier.
   */
  'tickMs',
  'serialMs',
  'rangeMs',
  'barrierMs',
  /** The last checkpoint's milliseconds. */
  'checkpointMs',
  /** Milliseconds the owner waited for the renderer's hold, summed. */
  'holdMs',
] as const;

/**
 * The owner saves the world every this many ticks (and when it stops): a failure loses at most these
 * ticks' work, which the page runs again from the ring of controls. Saving every tick would copy every
 * pool every tick.
 */
export const CHECKPOINT_EVERY = 30;

/** Slots for per-worker counts of marked records (each worker's dead list), after the named ones. */
export const MAX_WORKERS = 16;

/** Names of the int32 slots. */
export type IntSlot = (typeof INT_SLOTS)[number];
/** Names of the float64 slots. */
export type FloatSlot = (typeof FLOAT_SLOTS)[number];

/** Index of each named int32 slot. */
export const I = Object.fromEntries(INT_SLOTS.map((name, i) => [name, i])) as Record<IntSlot, number>;
/** Index of each named float64 slot. */
export const F = Object.fromEntries(FLOAT_SLOTS.map((name, i) => [name, i])) as Record<FloatSlot, number>;
/** Int32 slot of worker `k`'s count of expired bullets, of dead particles, and of hits. */
export const DEAD_BULLETS = INT_SLOTS.length;
export const DEAD_PARTICLES = DEAD_BULLETS + MAX_WORKERS;
export const HITS = DEAD_PARTICLES + MAX_WORKERS;

const INT_BYTES = (HITS + MAX_WORKERS) * 4;

/**
 * The controls of each tick asked for and not yet run, in a ring after the named float64 slots: tick
 * t's are at `INPUT_AT + (t % INPUT_RING) * INPUT_FLOATS`, in this order. Each tick runs with the
 * controls it was asked for with, however far the workers are behind (up to the ring's length).
 */
export const INPUT_FIELDS = [
  'moveX',
  'moveY',
  'aimX',
  'aimY',
  'fireRate',
  'enemyRate',
  'exhaustRate',
  'firing',
] as const;
export const INPUT_FLOATS = INPUT_FIELDS.length;
export const INPUT_RING = 4096;
export const INPUT_AT = FLOAT_SLOTS.length;
const FLOAT_COUNT = INPUT_AT + INPUT_RING * INPUT_FLOATS;

/** Bytes of a header. */
export const HEADER_BYTES = INT_BYTES + FLOAT_COUNT * 8;

/** Where tick `tick`'s controls are in the float64 slots. */
export function inputAt(tick: number): number {
  return INPUT_AT + (tick % INPUT_RING) * INPUT_FLOATS;
}

/** One thread's views of a header. */
export interface Header {
  readonly buffer: SharedArrayBuffer;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
}

/** Views of `buffer` (a new header when none is given, `checkpoint` -1). */
export function openHeader(buffer?: SharedArrayBuffer): Header {
  const memory = buffer ?? new SharedArrayBuffer(HEADER_BYTES);
  const header = {
    buffer: memory,
    i32: new Int32Array(memory, 0, INT_BYTES / 4),
    f64: new Float64Array(memory, INT_BYTES, FLOAT_COUNT),
  };
  if (buffer === undefined) header.i32[I.checkpoint] = -1;
  return header;
}

/** The slice `[from, to)` of `n` records that worker `k` of `workers` takes: contiguous, sizes differ by at most one. */
export function rangeStart(n: number, k: number, workers: number): number {
  return Math.floor((n * k) / workers);
}

/** Numeric controls, as named in {@link INPUT_FIELDS}. */
type NumericInput = Exclude<(typeof INPUT_FIELDS)[number], 'firing'>;

/** Writes `input` into `f64` at `at`, in {@link INPUT_FIELDS} order (firing as 1 or 0). */
export function writeInput(f64: Float64Array, at: number, input: GameInput): void {
  for (let i = 0; i < INPUT_FLOATS - 1; i++) f64[at + i] = input[INPUT_FIELDS[i] as NumericInput];
  f64[at + INPUT_FLOATS - 1] = input.firing ? 1 : 0;
}

/** Reads controls written by {@link writeInput} at `at` into `input`. */
export function readInput(f64: Float64Array, at: number, input: GameInput): void {
  for (let i = 0; i < INPUT_FLOATS - 1; i++) input[INPUT_FIELDS[i] as NumericInput] = f64[at + i];
  input.firing = f64[at + INPUT_FLOATS - 1] === 1;
}
