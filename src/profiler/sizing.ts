import { MAX_ARENA_BYTES, MAX_POOL_CAPACITY } from '../memory/index.ts';
import { argumentError, requireNumberIn, requireObject, requireShape } from './checks.ts';
import type { SnapshotArena, SnapshotPool } from './snapshot.ts';

/** What a buffer is: the frame arena (sized in bytes) or a pool (sized in slots). */
export type BufferKind = 'arena' | 'pool';

/** Observed use of one buffer: the input of {@link adviseSizing}. */
export interface BufferUsage {
  /** Name shown in the advice ('arena' or the pool's attach name). */
  readonly name: string;
  /** Arena (bytes) or pool (slots). */
  readonly kind: BufferKind;
  /** Size now. */
  readonly capacity: number;
  /** Size when profiling started; defaults to `capacity`. Less than `capacity` when a growable pool grew. */
  readonly initialCapacity?: number;
  /** The size it can never exceed (a growable pool's `maxCapacity`); defaults to `capacity`. */
  readonly maxCapacity?: number;
  /** Highest observed use (bytes or live slots). */
  readonly peak: number;
  /** Refused allocations observed. */
  readonly failures: number;
}

/** Options for {@link adviseSizing}. */
export interface SizingOptions {
  /** Extra room on top of the observed peak, as a fraction: 0.25 recommends peak × 1.25 (rounded up). */
  readonly headroom?: number;
  /** Warn when the peak came within this fraction of the limit: 0.1 warns at ≥ 90% use. */
  readonly nearLimit?: number;
}

/** Default {@link SizingOptions.headroom}: 25% above the observed peak. */
export const DEFAULT_HEADROOM = 0.25;
/** Default {@link SizingOptions.nearLimit}: warn at 90% of the limit. */
export const DEFAULT_NEAR_LIMIT = 0.1;

/** How close a buffer came to its limit: `ran-out` (refused allocations) is worse than `near-capacity`. */
export type SizingStatus = 'ok' | 'near-capacity' | 'ran-out';

/** A recommended size for one buffer, with the evidence and warnings behind it. */
export interface SizingAdvice {
  /** The buffer's name. */
  readonly name: string;
  /** Arena or pool. */
  readonly kind: BufferKind;
  /** 'bytes' for the arena, 'slots' for a pool. */
  readonly unit: 'bytes' | 'slots';
  /** Size now. */
  readonly capacity: number;
  /** The size that bounds use: `maxCapacity` (equal to `capacity` unless the pool is growable). */
  readonly limit: number;
  /** Highest observed use. */
  readonly peak: number;
  /** `peak / limit` (0 for a zero limit). */
  readonly use: number;
  /** Refused allocations observed. */
  readonly failures: number;
  /** The headroom the recommendation includes, as a fraction. */
  readonly headroom: number;
  /** Recommended capacity: the need (`peak`, or at least `limit` after a run-out) × (1 + headroom), rounded up by {@link niceSize}. */
  readonly recommended: number;
  /** Worst condition seen. */
  readonly status: SizingStatus;
  /** Sentences for a person: run-outs, near misses, growth, clamping. Empty when all is well. */
  readonly warnings: readonly string[];
}

/**
 * Recommends a capacity for one buffer from its observed peak, and warns when it ran out or came
 * within `nearLimit` of its limit.
 *
 * After a run-out the peak understates the need (the refused requests never showed up in it, and the
 * memory module does not record their sizes), so the advice then starts from the limit itself and is a
 * lower bound: profile again with the larger size.
 *
 * @throws TypeError naming the field when `usage` or `options` has a field of the wrong type (a
 *   headroom of '0.5' is no number); RangeError for a headroom outside 0 to 10 or a nearLimit outside
 *   0 to 1, or a `kind` other than 'arena' and 'pool'.
 * @example
 * adviseSizing({ name: 'arena', kind: 'arena', capacity: 65536, peak: 40000, failures: 0 });
 * // recommended 53248 (40000 × 1.25 = 50000 rounded up to 52 KiB), status 'ok'
 */
export function adviseSizing(usage: BufferUsage, options: SizingOptions = {}): SizingAdvice {
  requireUsage(usage);
  requireSizingOptions(options);
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  const nearLimit = options.nearLimit ?? DEFAULT_NEAR_LIMIT;
  const { name, kind, capacity, peak, failures } = usage;
  const unit = kind === 'arena' ? 'bytes' : 'slots';
  const limit = usage.maxCapacity ?? capacity;
  const initial = usage.initialCapacity ?? capacity;
  const use = limit > 0 ? peak / limit : 0;
  const warnings: string[] = [];

  let status: SizingStatus = 'ok';
  if (failures > 0) {
    status = 'ran-out';
    warnings.push(
      `ran out: ${failures} allocation${failures === 1 ? ' was' : 's were'} refused, so the real need is above ` +
        `the observed peak; the recommendation starts from the limit (${limit} ${unit}) and is a lower bound`,
    );
  } else if (peak >= (1 - nearLimit) * limit && peak > 0) {
    status = 'near-capacity';
    warnings.push(
      `near capacity: peak ${peak} of ${limit} ${unit} (${percent(use)}), within ${percent(nearLimit)} of running out`,
    );
  }
  if (capacity > initial) {
    warnings.push(
      `grew from ${initial} to ${capacity} ${unit} while profiling; growth copies the storage, so start at the recommended size`,
    );
  }

  const need = failures > 0 ? Math.max(peak, limit) : peak;
  const max = kind === 'arena' ? MAX_ARENA_BYTES : MAX_POOL_CAPACITY;
  let recommended = Math.max(kind === 'pool' ? 1 : 0, niceSize(Math.ceil(need * (1 + headroom)), unit));
  if (recommended > max) {
    recommended = max;
    warnings.push(
      `the recommendation is clamped to the largest ${kind} the memory module allows (${max} ${unit})`,
    );
  }
  return { name, kind, unit, capacity, limit, peak, use, failures, headroom, recommended, status, warnings };
}

/**
 * Rounds `value` up to a size a person would pick, overshooting by less than 1/8 (bytes) or 1/10 (slots):
 * - bytes: a multiple of 2^k / 8 where 2^k ≤ value < 2^(k+1) (1, 1.125, 1.25 … 1.875 × 2^k), and of 8
 *   at least, so every typed-array view of the arena covers it — 50,000 → 53,248 (52 KiB);
 * - slots: 2 significant decimal digits — 12,345 → 13,000; 10,000 stays.
 * A size of 0 or less rounds to 0.
 * @throws TypeError or RangeError naming `value` (not a finite number) or `unit` (not 'bytes' or 'slots').
 * @example
 * niceSize(128_000, 'bytes'); // 131072 (128 KiB)
 */
export function niceSize(value: number, unit: 'bytes' | 'slots'): number {
  if (unit !== 'bytes' && unit !== 'slots')
    throw argumentError('unit', "'bytes' or 'slots'", unit, typeof unit !== 'string');
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw argumentError('value', 'a finite number', value, typeof value !== 'number');
  }
  if (!(value > 0)) return 0;
  const base = unit === 'bytes' ? 2 : 10;
  // base^magnitude ≤ value < base^(magnitude + 1); the logarithm alone can be off by one near powers.
  let magnitude = Math.floor(Math.log(value) / Math.log(base));
  if (base ** magnitude > value) magnitude--;
  if (base ** (magnitude + 1) <= value) magnitude++;
  const step = unit === 'bytes' ? Math.max(8, 2 ** (magnitude - 3)) : Math.max(1, 10 ** (magnitude - 1));
  return Math.ceil(value / step) * step;
}

/** The lifetime figures {@link bufferUsages} reads: a `ProfileSnapshot` has them. */
export interface LifetimeFigures {
  readonly arena: Pick<SnapshotArena, 'capacity' | 'peak' | 'failures'>;
  readonly pools: readonly Pick<
    SnapshotPool,
    'name' | 'capacity' | 'initialCapacity' | 'maxCapacity' | 'peak' | 'failures'
  >[];
}

/**
 * The arena and every pool as {@link BufferUsage}, from lifetime peaks and failures: of a snapshot,
 * or of a profiler as it records (`profiler.bufferUsages()`).
 * @throws TypeError naming the argument when `figures` has no `arena` object or `pools` array.
 */
export function bufferUsages(figures: LifetimeFigures): BufferUsage[] {
  requireShape('figures', figures, { arena: 'object', pools: 'array' });
  const { arena } = figures;
  return [
    { name: 'arena', kind: 'arena', capacity: arena.capacity, peak: arena.peak, failures: arena.failures },
    ...figures.pools.map(
      (pool): BufferUsage => ({
        name: pool.name,
        kind: 'pool',
        capacity: pool.capacity,
        initialCapacity: pool.initialCapacity,
        maxCapacity: pool.maxCapacity,
        peak: pool.peak,
        failures: pool.failures,
      }),
    ),
  ];
}

/**
 * Throws unless `options` is an object whose `headroom` (0 to 10) and `nearLimit` (0 to 1) are
 * numbers in range or undefined: what {@link adviseSizing} and `summarize` accept.
 */
export function requireSizingOptions(options: SizingOptions, name = 'options'): void {
  requireObject(name, options);
  if (options.headroom !== undefined) requireNumberIn('headroom', options.headroom, 0, 10);
  if (options.nearLimit !== undefined) requireNumberIn('nearLimit', options.nearLimit, 0, 1);
}

function requireUsage(usage: BufferUsage): void {
  requireShape('usage', usage, {
    name: 'string',
    kind: 'string',
    capacity: 'number',
    initialCapacity: 'number?',
    maxCapacity: 'number?',
    peak: 'number',
    failures: 'number',
  });
  if (usage.kind !== 'arena' && usage.kind !== 'pool') {
    throw argumentError('usage.kind', "'arena' or 'pool'", usage.kind, false);
  }
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
