import { argumentError, positionError } from './checks.ts';

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
  /**
   * Value number `index`, oldest first (0 is the oldest kept). Throws a RangeError naming `index`
   * unless it is a whole number in `[0, length)`, a TypeError when it is no number.
   */
  get(index: number): number;
  /** Value `age` steps back from the newest (0 is the newest). Same rule as {@link get}, naming `age`. */
  recent(age: number): number;
  /**
   * Copies the values oldest first into `out` (a Float64Array or Float32Array) from `outOffset`;
   * returns how many were copied. Throws, copying nothing, when they do not fit.
   */
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
   * @throws RangeError for a bad capacity; TypeError for a capacity that is no number or another ArrayType.
   */
  constructor(capacity: number, ArrayType?: RingArrayType<A>) {
    requireRingCapacity(capacity);
    const given: unknown = ArrayType;
    if (!(given === undefined || given === Float64Array || given === Float32Array)) {
      throw argumentError('ArrayType', 'Float64Array or Float32Array', ArrayType, true);
    }
    this.capacity = capacity;
    // The cast is sound: without a type argument A defaults to Float64Array.
    const Type = ArrayType ?? (Float64Array as unknown as RingArrayType<A>);
    this.data = new Type(capacity);
  }

  /** Values held now. */
  get length(): number {
    return this.count;
  }

  /**
   * Appends `value`, overwriting the oldest one when full. Stored as the typed array stores it: pass
   * numbers (a BigInt throws before anything changes).
   */
  push(value: number): void {
    const head = this.head;
    this.data[head] = value;
    this.head = head + 1 === this.capacity ? 0 : head + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** @inheritDoc ReadonlyRing.get */
  get(index: number): number {
    if (!(Number.isInteger(index) && index >= 0 && index < this.count)) {
      throw positionError('index', index, this.count, 'values kept');
    }
    return this.data[this.slot(index)];
  }

  /** @inheritDoc ReadonlyRing.recent */
  recent(age: number): number {
    if (!(Number.isInteger(age) && age >= 0 && age < this.count)) {
      throw positionError('age', age, this.count, 'values kept');
    }
    return this.data[this.slot(this.count - 1 - age)];
  }

  /**
   * Overwrites the value `age` steps back from the newest (0 is the newest): for a figure learned after
   * its tick was recorded, such as a collection the collector reported late. Same rule for `age` as
   * {@link recent}; a `value` that is no number throws a TypeError naming it. Nothing changes on a throw.
   */
  setRecent(age: number, value: number): void {
    if (!(Number.isInteger(age) && age >= 0 && age < this.count && typeof value === 'number')) {
      throw Number.isInteger(age) && age >= 0 && age < this.count
        ? argumentError('value', 'a number', value, true)
        : positionError('age', age, this.count, 'values kept');
    }
    this.data[this.slot(this.count - 1 - age)] = value;
  }

  /** @inheritDoc ReadonlyRing.copyTo */
  copyTo(out: RingArray, outOffset = 0): number {
    const count = this.count;
    if (!(out instanceof Float64Array || out instanceof Float32Array)) {
      throw argumentError('out', 'a Float64Array or Float32Array', out, true);
    }
    if (out.length < count) {
      throw new RangeError(`out has ${out.length} elements, too few for the ${count} values held`);
    }
    if (!(Number.isInteger(outOffset) && outOffset >= 0 && outOffset + count <= out.length)) {
      const room = `a whole number from 0 to ${out.length - count} (${count} values into ${out.length})`;
      throw argumentError('outOffset', room, outOffset, typeof outOffset !== 'number');
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

  /** Where value number `index` (oldest first, already checked) is in `data`. */
  private slot(index: number): number {
    const slot = this.oldestSlot() + index;
    return slot >= this.capacity ? slot - this.capacity : slot;
  }
}

/** Largest ring capacity: 2^24 values (128 MiB as Float64) is far beyond any sensible window. */
export const MAX_RING_CAPACITY = 2 ** 24;

/**
 * Throws unless `capacity` is a whole number from 1 to {@link MAX_RING_CAPACITY}: a TypeError naming
 * `name` for a non-number, else a RangeError.
 */
export function requireRingCapacity(capacity: unknown, name = 'capacity'): asserts capacity is number {
  if (
    !(Number.isInteger(capacity) && (capacity as number) >= 1 && (capacity as number) <= MAX_RING_CAPACITY)
  ) {
    throw argumentError(
      name,
      `a whole number from 1 to ${MAX_RING_CAPACITY}`,
      capacity,
      typeof capacity !== 'number',
    );
  }
}
