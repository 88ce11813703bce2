import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describeValue } from '../../memory/index.ts';
import { GC_KIND, type GcSource } from '../index.ts';

/** Options for {@link GcObserver}. */
export interface GcObserverOptions {
  /** Pauses kept until the profiler reads them, 16 to 2^20; older ones are lost when it falls behind. Default 4096. */
  readonly capacity?: number;
}

const EVENT_WIDTH = 3;

/**
 * A {@link GcSource} for Node: every pause of the garbage collector, from a `PerformanceObserver` of
 * `'gc'` entries, with its start on `performance.now()`'s clock (the profiler's default), its duration
 * and its kind (a scavenge is minor, a mark-sweep-compact major; incremental marking and weak-callback
 * steps only add pause time).
 *
 * Node delivers the entries after the task that ran: a game that steps one tick per task gets them at
 * its next tick; a loop that runs many ticks in one task should `await observer.flush()` before reading
 * a snapshot. Recording them costs nothing inside a tick: the observer's callback runs between tasks
 * and copies each entry into a fixed ring.
 *
 * @example
 * const gc = new GcObserver();
 * const profiler = new TickProfiler({ arena, systems, heap: createHeapReader(), gc });
 * // … ticks …
 * await gc.flush();
 * const report = summarize(profiler.snapshot());
 * gc.disconnect();
 */
export class GcObserver implements GcSource {
  private readonly events: Float64Array;
  private readonly capacity: number;
  private reported = 0;
  private readonly observer: PerformanceObserver;

  /** @throws RangeError naming `capacity` (TypeError for options of the wrong type) before observing anything. */
  constructor(options: GcObserverOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options must be an object, got ${describeValue(options)}`);
    }
    const capacity = options.capacity === undefined ? 4096 : options.capacity;
    if (!(Number.isInteger(capacity) && capacity >= 16 && capacity <= 2 ** 20)) {
      const message = `capacity must be a whole number from 16 to ${2 ** 20}, got ${describeValue(capacity)}`;
      throw typeof capacity === 'number' ? new RangeError(message) : new TypeError(message);
    }
    this.capacity = capacity;
    this.events = new Float64Array(capacity * EVENT_WIDTH);
    this.observer = new PerformanceObserver((list) => this.take(list.getEntries()));
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Pauses reported so far (never decreases). */
  get count(): number {
    return this.reported;
  }

  /**
   * Writes pause number `index` into `out` (start ms, duration ms, kind), or returns false when it is
   * not (or no longer) held. Allocation-free.
   */
  read(index: number, out: Float64Array): boolean {
    if (!(index >= this.reported - this.capacity && index < this.reported && Number.isInteger(index)))
      return false;
    const at = (index % this.capacity) * EVENT_WIDTH;
    out[0] = this.events[at];
    out[1] = this.events[at + 1];
    out[2] = this.events[at + 2];
    return true;
  }

  /**
   * Resolves once the pauses of everything that ran before the call have been reported: Node queues an
   * entry one turn of the event loop after the collection, so this waits one turn and takes the entries
   * the observer holds.
   */
  async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.take(this.observer.takeRecords());
  }

  /** Stops observing (pauses already reported stay readable). */
  disconnect(): void {
    this.take(this.observer.takeRecords());
    this.observer.disconnect();
  }

  private take(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) {
      const at = (this.reported % this.capacity) * EVENT_WIDTH;
      this.events[at] = entry.startTime;
      this.events[at + 1] = entry.duration;
      this.events[at + 2] = kindOf((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind);
      this.reported++;
    }
  }
}

function kindOf(kind: number | undefined): number {
  if (kind === constants.NODE_PERFORMANCE_GC_MINOR) return GC_KIND.minor;
  if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) return GC_KIND.major;
  return GC_KIND.step;
}
