import { RingBuffer } from './RingBuffer.ts';
import type { SeriesArrays, SeriesRings, SeriesTable } from './seriesTables.ts';
import { type Slots, slotsOf } from './slots.ts';

/** The position of every series in `table`: recording code writes a value at `base + slots.key`. */
export function seriesSlots<T extends SeriesTable>(table: T): Slots<keyof T & string> {
  return slotsOf(Object.keys(table) as (keyof T & string)[]);
}

/**
 * The rings of one series group for every subject added to it (each pool, system or tag; the tick
 * group has one subject), made from the group's table, and the open tick's values they record.
 *
 * Recording code computes the tick's figures into {@link values}, `width` slots per subject in table
 * order (subject `i`, series `key` at `i * width + slots.key`); {@link record} then pushes every value
 * into its ring. Every ring therefore gets exactly one value per tick, so the series of a group always
 * line up, and adding a series takes its table entry and the line that computes it.
 */
export class SeriesStore<T extends SeriesTable> {
  /** The table's keys, in table (column) order. */
  readonly keys: readonly (keyof T & string)[];
  /** Series per subject. */
  readonly width: number;
  /** The open tick's values, `width` per subject: a Float64Array so that writing one never allocates. */
  values = new Float64Array(0);
  /** Every subject's rings, `width` per subject, in the layout of {@link values}. */
  private readonly rings: RingBuffer<Float64Array | Float32Array>[] = [];

  constructor(
    readonly table: T,
    readonly window: number,
  ) {
    this.keys = Object.keys(table) as (keyof T & string)[];
    this.width = this.keys.length;
  }

  /**
   * Adds a subject: rings for every series and `width` more values (the values array is replaced, so
   * read {@link values} afresh after adding). Returns its rings by key, the live view callers get.
   */
  add(): SeriesRings<T> {
    const window = this.window;
    const added = this.keys.map((key) => new RingBuffer(window, this.table[key].array));
    this.rings.push(...added);
    this.values = new Float64Array(this.rings.length);
    // Object.fromEntries forgets the keys' types; the entries are exactly the table's keys.
    return Object.fromEntries(this.keys.map((key, slot) => [key, added[slot]])) as unknown as SeriesRings<T>;
  }

  /** Subjects added so far. */
  get subjects(): number {
    return this.rings.length / this.width;
  }

  /** The ring of series `slot` (a position from {@link seriesSlots}) of subject `subject`, for late corrections. */
  ring(subject: number, slot: number): RingBuffer<Float64Array | Float32Array> {
    return this.rings[subject * this.width + slot];
  }

  /** Pushes every value into its ring: the end of a recorded tick. */
  record(): void {
    const rings = this.rings;
    const values = this.values;
    for (let i = 0; i < rings.length; i++) rings[i].push(values[i]);
  }

  /** Forgets every recorded value (the rings keep their memory). */
  clear(): void {
    for (const ring of this.rings) ring.clear();
  }

  /** Copies subject `subject`'s window into new arrays, oldest first (allocates). */
  copy(subject: number): SeriesArrays<T> {
    const base = subject * this.width;
    // As in add: one entry per key of the table.
    return Object.fromEntries(
      this.keys.map((key, slot) => [key, this.rings[base + slot].toArray()]),
    ) as SeriesArrays<T>;
  }
}
