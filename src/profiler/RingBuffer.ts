/** The typed arrays a {@link RingBuffer} can store its values in. */
export type RingArray = Float64Array | Float32Array;

/** A constructor of a {@link RingArray}, such as `Float64Array` or `Float32Array`. */
export type RingArrayType<A extends RingArray> = new (length: number) => A;

/**
 * The read side of a {@link RingBuffer}: what a report, an exporter or an overlay may do with a series
 * the profiler owns. Every method is allocation-free except {@link toArray}.
 */
export interface ReadonlyRing {
  /** Most values the series keeps; older ones are overwritten. */
  readonly capacity: number;
  /** Values held now, from 0 up to `capacity`. */
  readonly length: number;
  /** Value number `index`, oldest first (0 is the oldest kept). Throws a RangeError outside `[0, length)`. */
  get(index: number): number;
  /** Value `age` steps back from the newest (0 is the newest). Throws a RangeError outside `[0, length)`. */
  recent(age: number): number;
  /** Copies the values oldest first into `out` from `outOffset`; returns how many were copied. */
  copyTo(out: RingArray, outOffset?: number): number;
  /** A new Float64Array of the values, oldest first. Allocates: for reports, not for the tick loop. */
  toArray(): Float64Array;
}

/**
 * A fixed-size series of numbers in one typed array that overwrites its oldest value when full, so
 * recording a value never allocates: the per-tick storage of the profiler.
 *
 * @example
 * const tickMs = new RingBuffer(3, Float32Array);
 * for (const ms of [4, 5, 6, 7]) tickMs.push(ms);
 * tickMs.get(0); // 5: the 4 was overwritten
 * tickMs.recent(0); // 7
 */
export class RingBuffer<A extends RingArray = Float64Array> implements ReadonlyRing {
  /** The backing store, in write order modulo `capacity` (not oldest first: use {@link get}). */
  readonly data: A;
  /** Most values kept. */
  readonly capacity: number;
  /** Index in `data` the next push writes to. */
  private head = 0;
  private count = 0;

  /**
   * @param capacity most values kept, a whole number from 1 to 2^24.
   * @param ArrayType the typed array to store in; Float64Array by default. Float32Array halves the
   *   memory for values that tolerate 24 bits of precision (durations), not for byte counts.
   * @throws RangeError for a bad capacity.
   */
  constructor(capacity: number, ArrayType?: RingArrayType<A>) {
    requireRingCapacity(capacity);
    this.capacity = capacity;
    // The cast is sound: without a type argument A defaults to Float64Array.
    const Type = ArrayType ?? (Float64Array as unknown as RingArrayType<A>);
    this.data = new Type(capacity);
  }

  /** Values held now. */
  get length(): number {
    return this.count;
  }

  /** Appends `value`, overwriting the oldest one when full. */
  push(value: number): void {
    const head = this.head;
    this.data[head] = value;
    this.head = head + 1 === this.capacity ? 0 : head + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** @inheritDoc ReadonlyRing.get */
  get(index: number): number {
    return this.data[this.slot(index)];
  }

  /** @inheritDoc ReadonlyRing.recent */
  recent(age: number): number {
    return this.data[this.slot(this.count - 1 - age)];
  }

  /** @inheritDoc ReadonlyRing.copyTo */
  copyTo(out: RingArray, outOffset = 0): number {
    const count = this.count;
    if (!(outOffset >= 0 && Number.isInteger(outOffset) && outOffset + count <= out.length)) {
      throw new RangeError(`copyTo needs ${count} elements from offset ${outOffset}; out has ${out.length}`);
    }
    // Oldest first: the part from the oldest value to the end of `data`, then the wrapped part.
    const start = this.oldestSlot();
    const firstPart = Math.min(count, this.capacity - start);
    out.set(this.data.subarray(start, start + firstPart), outOffset);
    if (firstPart < count) out.set(this.data.subarray(0, count - firstPart), outOffset + firstPart);
    return count;
  }

  /** @inheritDoc ReadonlyRing.toArray */
  toArray(): Float64Array {
    const out = new Float64Array(this.count);
    this.copyTo(out);
    return out;
  }

  /** Forgets every value (the memory is kept). */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private oldestSlot(): number {
    const start = this.head - this.count;
    return start < 0 ? start + this.capacity : start;
  }

  private slot(index: number): number {
    if (!(index >= 0 && index < this.count && Number.isInteger(index))) {
      throw new RangeError(`index must be a whole number from 0 to ${this.count - 1}, got ${index}`);
    }
    const slot = this.oldestSlot() + index;
    return slot >= this.capacity ? slot - this.capacity : slot;
  }
}

/** Largest ring capacity: 2^24 values (128 MiB as Float64) is far beyond any sensible window. */
export const MAX_RING_CAPACITY = 2 ** 24;

/** Throws a RangeError unless `capacity` is a whole number from 1 to {@link MAX_RING_CAPACITY}. */
export function requireRingCapacity(capacity: number, name = 'capacity'): void {
  if (!(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_RING_CAPACITY)) {
    throw new RangeError(
      `${name} must be a whole number from 1 to ${MAX_RING_CAPACITY}, got ${String(capacity)}`,
    );
  }
}
