import { describeValue } from '../../memory/index.ts';
import { MAX_RING_CAPACITY } from '../index.ts';

/** Which part of a run a progress report is about. */
export type ProfilePhase = 'warm-up' | 'profile' | 'sites';

/** Progress of a run: `done` of `total` ticks of `phase`; called between ticks, never inside one. */
export type ProgressListener = (phase: ProfilePhase, done: number, total: number) => void;

/** Options for {@link profileGame}; the command's flags. */
export interface ProfileGameOptions {
  /** Ticks to profile (all kept). */
  readonly ticks: number;
  /** Ticks run first, their recording thrown away, so the JIT and the game settle. Default 1,000. */
  readonly warmup?: number;
  /** Seconds per tick, passed to every `run(dt)`. Default 1/60. */
  readonly dt?: number;
  /** After the profiled ticks, run as many again under the sampling heap profiler for allocation sites. */
  readonly sites?: boolean;
  /** Mean bytes between samples when sampling sites. Default 32 KiB. */
  readonly samplingInterval?: number;
  /** How messages name the game (its module path). Default 'game'. */
  readonly name?: string;
  /** Told after every tick. */
  readonly onProgress?: ProgressListener;
}

/** The checked options of `profileGame`, defaults filled in. */
export type ResolvedProfileOptions = Required<Omit<ProfileGameOptions, 'onProgress'>> &
  Pick<ProfileGameOptions, 'onProgress'>;

/** Most mean bytes between two samples the sampling heap profiler is asked for: 1 GiB. */
const MAX_INTERVAL = 2 ** 30;

/**
 * `options` checked before anything runs, with the defaults (`warmup`, 1/60 s, no sites, 32 KiB, 'game').
 * @throws TypeError naming the option of the wrong type; RangeError naming the one out of range.
 */
export function resolveProfileOptions(
  options: ProfileGameOptions,
  defaults: { readonly warmup: number; readonly samplingInterval: number },
): ResolvedProfileOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const whole = (name: string, value: unknown, min: number, max: number): number => {
    if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
      const message = `${name} must be a whole number from ${min} to ${max}, got ${describeValue(value)}`;
      throw typeof value === 'number' ? new RangeError(message) : new TypeError(message);
    }
    return value as number;
  };
  const ticks = whole('ticks', options.ticks, 1, MAX_RING_CAPACITY);
  const warmup = whole('warmup', orDefault(options.warmup, defaults.warmup), 0, MAX_RING_CAPACITY);
  const samplingInterval = whole(
    'samplingInterval',
    orDefault(options.samplingInterval, defaults.samplingInterval),
    1,
    MAX_INTERVAL,
  );
  const dt = orDefault(options.dt, 1 / 60);
  if (!(typeof dt === 'number' && dt > 0 && dt <= 60)) {
    const message = `dt must be seconds above 0, at most 60, got ${describeValue(dt)}`;
    throw typeof dt === 'number' ? new RangeError(message) : new TypeError(message);
  }
  const sites = orDefault(options.sites, false);
  if (typeof sites !== 'boolean')
    throw new TypeError(`sites must be true or false, got ${describeValue(sites)}`);
  const name = orDefault(options.name, 'game');
  if (typeof name !== 'string' || name === '') {
    const message = `name must be a non-empty string, got ${describeValue(name)}`;
    throw typeof name === 'string' ? new RangeError(message) : new TypeError(message);
  }
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`onProgress must be a function, got ${describeValue(onProgress)}`);
  }
  return { ticks, warmup, samplingInterval, dt, sites, name, onProgress };
}

/** `value`, or `fallback` when it is undefined (null is a value, and a wrong one). */
function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}
