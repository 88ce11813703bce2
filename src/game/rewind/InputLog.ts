import { describeValue } from '../../memory/index.ts';
import type { InputState } from '../InputState.ts';

/** Numbers per recorded tick: the input's seven numbers, then firing as 1 or 0. */
export const INPUT_FLOATS = 8;
const FIRING = 7;
/** The most ticks a log holds: a day at 60 Hz (about 41 MiB). */
export const MAX_LOG_TICKS = 24 * 3600 * 60;

/**
 * The input of every tick, in one Float64Array reserved once: what a step read, recorded before it
 * ran, so the ticks can be played again (a rewind re-simulating from a keyframe, a replay from tick
 * 0). It keeps the last `capacity` ticks; recording a tick again (after a rewind) forgets the ticks
 * after it, which the rewound game will play anew. Recording creates no garbage.
 */
export class InputLog {
  /** Ticks held at most. */
  readonly capacity: number;
  /** The records, {@link INPUT_FLOATS} numbers per tick, tick `t` at `t % capacity`. */
  readonly data: Float64Array;
  private first = 0;
  private end = 0;
  private started = false;

  /** @throws RangeError naming `capacity` unless it is a whole number from 1 to {@link MAX_LOG_TICKS}. */
  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_LOG_TICKS)) {
      throw new RangeError(
        `capacity must be a whole number from 1 to ${MAX_LOG_TICKS}, got ${describeValue(capacity)}`,
      );
    }
    this.capacity = capacity;
    this.data = new Float64Array(capacity * INPUT_FLOATS);
  }

  /** The oldest tick held. */
  get firstTick(): number {
    return this.first;
  }
  /** One past the newest tick held: the next tick to record. */
  get endTick(): number {
    return this.end;
  }
  /** The log's bytes. */
  get byteLength(): number {
    return this.data.byteLength;
  }

  /**
   * Records `input` as the input of `tick`, forgetting any ticks after it. The first record may be
   * of any tick; later ones continue the log or go back into it.
   * @throws RangeError naming `tick` when it would leave a gap or lies before the oldest tick held.
   */
  record(tick: number, input: InputState): void {
    if (!this.started) {
      if (!(Number.isInteger(tick) && tick >= 0)) {
        throw new RangeError(`tick must be a whole number, got ${describeValue(tick)}`);
      }
      this.started = true;
      this.first = tick;
      this.end = tick;
    }
    if (!(Number.isInteger(tick) && tick >= this.first && tick <= this.end)) {
      throw new RangeError(
        `tick must be from ${this.first} to ${this.end} (the log continues without gaps), got ${describeValue(tick)}`,
      );
    }
    writeInputRow(input, this.data, (tick % this.capacity) * INPUT_FLOATS);
    this.end = tick + 1;
    if (this.end - this.first > this.capacity) this.first = this.end - this.capacity;
  }

  /**
   * Forgets every tick held: the log goes on from `tick`, its next record.
   * @throws RangeError naming `tick` unless it is a whole number.
   */
  clear(tick: number): void {
    if (!(Number.isInteger(tick) && tick >= 0)) {
      throw new RangeError(`tick must be a whole number, got ${describeValue(tick)}`);
    }
    this.started = true;
    this.first = tick;
    this.end = tick;
  }

  /**
   * Writes the input recorded for `tick` into `input`.
   * @throws RangeError naming `tick` unless the log holds it.
   */
  read(tick: number, input: InputState): void {
    if (!(Number.isInteger(tick) && tick >= this.first && tick < this.end)) {
      throw new RangeError(
        `tick must be a tick the log holds, ${this.first} to ${this.end - 1}, got ${describeValue(tick)}`,
      );
    }
    readInputRow(this.data, (tick % this.capacity) * INPUT_FLOATS, input);
  }

  /**
   * The ticks from `from` to `to` (excluded) in order, {@link INPUT_FLOATS} numbers each, in a new
   * Float64Array: what a replay file keeps.
   * @throws RangeError naming `from` or `to` unless the log holds every tick between them.
   */
  rows(from: number, to: number): Float64Array {
    if (!(Number.isInteger(from) && from >= this.first && from <= this.end)) {
      throw new RangeError(
        `from must be a tick from ${this.first} to ${this.end}, got ${describeValue(from)}`,
      );
    }
    if (!(Number.isInteger(to) && to >= from && to <= this.end)) {
      throw new RangeError(`to must be a tick from ${from} to ${this.end}, got ${describeValue(to)}`);
    }
    const out = new Float64Array((to - from) * INPUT_FLOATS);
    for (let t = from; t < to; t++) {
      const at = (t % this.capacity) * INPUT_FLOATS;
      out.set(this.data.subarray(at, at + INPUT_FLOATS), (t - from) * INPUT_FLOATS);
    }
    return out;
  }
}

/** Writes `input` as the row at `at` of `rows`: its seven numbers, then firing as 1 or 0. No garbage. */
export function writeInputRow(input: InputState, rows: Float64Array, at: number): void {
  const data = input.data;
  for (let i = 0; i < FIRING; i++) rows[at + i] = data[i];
  rows[at + FIRING] = input.firing ? 1 : 0;
}

/** Sets `input` from the row at `at` of `rows` (see {@link writeInputRow}). No garbage. */
export function readInputRow(rows: Float64Array, at: number, input: InputState): void {
  const data = input.data;
  for (let i = 0; i < FIRING; i++) data[i] = rows[at + i];
  input.firing = rows[at + FIRING] === 1;
}
