/**
 * The options every simulation of the game takes, checked once at the boundary: a bad one throws a
 * TypeError or RangeError naming it, before anything is built.
 */
import { describeValue, MAX_ARENA_BYTES, MAX_POOL_CAPACITY } from '../memory/index.ts';

/** Sizes, budgets and seed of a game; every budget is fixed for the game's life. */
export interface GameOptions {
  /** Seed of the game's random numbers, a whole number (taken modulo 2^32). Default 1. */
  seed?: number;
  /** World width in units, 64 to 100,000. Default 1280. */
  width?: number;
  /** World height in units, 64 to 100,000. Default 720. */
  height?: number;
  /** Frame arena capacity in bytes, up to 1 GiB (a small one makes the game skip collisions). Default 1 MiB. */
  arenaBytes?: number;
  /** Bullets alive at once, at most. Default 60,000. */
  bullets?: number;
  /** Enemies alive at once, at most. Default 2,000. */
  enemies?: number;
  /** Particles alive at once, at most. Default 60,000. */
  particles?: number;
}

/** {@link GameOptions} with every default filled in. */
export type ResolvedGameOptions = Readonly<Required<GameOptions>>;

const DEFAULTS: ResolvedGameOptions = {
  seed: 1,
  width: 1280,
  height: 720,
  arenaBytes: 1 << 20,
  bullets: 60_000,
  enemies: 2_000,
  particles: 60_000,
};

/** The accepted range of each option: [min, max]. */
const RANGES: Readonly<Record<keyof GameOptions, readonly [number, number]>> = {
  seed: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  width: [64, 100_000],
  height: [64, 100_000],
  arenaBytes: [0, MAX_ARENA_BYTES],
  bullets: [1, MAX_POOL_CAPACITY],
  enemies: [1, MAX_POOL_CAPACITY],
  particles: [1, MAX_POOL_CAPACITY],
};

/** Whole-number options (all but the world's size). */
const WHOLE: ReadonlySet<keyof GameOptions> = new Set([
  'seed',
  'arenaBytes',
  'bullets',
  'enemies',
  'particles',
]);

/**
 * Checks `options` and fills in the defaults.
 * @throws TypeError when `options` is not an object or an option is not a number; RangeError naming
 *   the option when it is outside its range (or fractional where it must be whole).
 */
export function resolveGameOptions(options: GameOptions = {}): ResolvedGameOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const resolved: Record<string, number> = { ...DEFAULTS };
  for (const key of Object.keys(RANGES) as (keyof GameOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'number')
      throw new TypeError(`${key} must be a number, got ${describeValue(value)}`);
    const [min, max] = RANGES[key];
    if (!(value >= min && value <= max) || (WHOLE.has(key) && !Number.isInteger(value))) {
      const kind = WHOLE.has(key) ? 'a whole number' : 'a number';
      throw new RangeError(`${key} must be ${kind} from ${min} to ${max}, got ${value}`);
    }
    resolved[key] = value;
  }
  return resolved as ResolvedGameOptions;
}
