import { argumentError, requireShape } from './checks.ts';
import { type Clock, defaultClock } from './clock.ts';
import { RingBuffer, requireRingCapacity } from './RingBuffer.ts';

/** Options for {@link GcCanary}. */
export interface GcCanaryOptions {
  /** Time source in ms for {@link GcCanary.countWithin}. Default `defaultClock` (`performance.now`). */
  readonly clock?: Clock;
  /** Collection times kept for {@link GcCanary.countWithin}, 1 to 2^24. Default 1024. */
  readonly capacity?: number;
}

/**
 * Counts garbage collections where nothing reports them, as in a browser page: a small object is
 * registered with a `FinalizationRegistry` and dropped at once; when a collection reclaims it, the
 * registry's cleanup callback counts one and registers a new one. So it costs one object per collection
 * and nothing per frame while none happens.
 *
 * What it can see: cleanup callbacks run as tasks after the collection, so several collections before
 * the next task count as one, and the time kept is the callback's, not the collection's. Chromium
 * (156) reclaims the canary in every minor collection (checked against V8's trace events: 63 of 63);
 * Node 20's V8 (11.3) keeps weak targets through minor collections, so there it counts only major ones:
 * in Node use `GcObserver` from `framepool/profiler/node`.
 *
 * @example
 * const canary = new GcCanary();
 * // per frame, garbage-free:
 * overlay.gcLine(canary.count, canary.countWithin(10_000));
 */
export class GcCanary {
  private readonly clock: Clock;
  private readonly times: RingBuffer;
  private readonly registry: FinalizationRegistry<number>;
  private readonly born: number;
  private total = 0;
  private disposed = false;

  /**
   * @throws TypeError naming `options`, `clock` or `capacity` when one has the wrong type; RangeError for
   *   a capacity out of range. Before anything is registered.
   */
  constructor(options: GcCanaryOptions = {}) {
    requireShape('options', options, { capacity: 'number?' }, '');
    const clock = options.clock === undefined ? defaultClock : options.clock;
    if (typeof clock !== 'function') throw argumentError('clock', 'a function', clock, true);
    const capacity = options.capacity ?? 1024;
    requireRingCapacity(capacity, 'capacity');
    this.clock = clock;
    this.born = clock();
    this.times = new RingBuffer(capacity);
    this.registry = new FinalizationRegistry(() => this.collected());
    this.arm();
  }

  /** Collections noticed since construction. */
  get count(): number {
    return this.total;
  }

  /**
   * Collections noticed in the last `ms` milliseconds (at most the capacity kept). Allocation-free.
   * @throws RangeError naming `ms` unless it is a number ≥ 0 (TypeError when it is no number).
   */
  countWithin(ms: number): number {
    if (!(typeof ms === 'number' && ms >= 0))
      throw argumentError('ms', 'a number ≥ 0', ms, typeof ms !== 'number');
    const since = this.clock() - ms;
    const times = this.times;
    let n = 0;
    while (n < times.length && times.recent(n) >= since) n++;
    return n;
  }

  /**
   * Collections a minute over the last `windowMs` (default 10 s), or over the time since construction
   * when that is shorter; 0 before any time has passed.
   * @throws RangeError naming `windowMs` unless it is a number above 0 (TypeError when it is no number).
   */
  perMinute(windowMs = 10_000): number {
    if (!(typeof windowMs === 'number' && windowMs > 0)) {
      throw argumentError('windowMs', 'a number above 0', windowMs, typeof windowMs !== 'number');
    }
    const span = Math.min(windowMs, this.clock() - this.born);
    return span > 0 ? (this.countWithin(windowMs) * 60_000) / span : 0;
  }

  /** Stops counting: the canary out is not replaced when it is collected. */
  dispose(): void {
    this.disposed = true;
  }

  private collected(): void {
    if (this.disposed) return;
    this.total++;
    this.times.push(this.clock());
    this.arm();
  }

  private arm(): void {
    // The object is unreachable as soon as this returns: the next collection that looks at it frees it.
    this.registry.register({}, 0);
  }
}
