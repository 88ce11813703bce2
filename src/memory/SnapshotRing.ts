import { describeValue, isCount, requireCount, requireOptions } from './checks.ts';
import { MemoryPool } from './MemoryPool.ts';

/** Options for {@link SnapshotRing}. */
export interface SnapshotRingOptions {
  /** How many snapshots the ring holds: each push past them overwrites the oldest. 1 to {@link MAX_RING_SNAPSHOTS}. */
  capacity: number;
  /** Pools whose whole state every snapshot holds. */
  pools?: readonly MemoryPool[];
  /** Plain typed arrays a game owns (its ship, its generator's state, its counters), copied whole. */
  buffers?: readonly ArrayBufferView[];
  /**
   * A memory budget: when given, the ring reserves these bytes and each snapshot takes only what its
   * pools wrote (a pool writes the slots it has used), so it holds as many of the newest snapshots as
   * fit, at most `capacity`; a push evicts the oldest ones in its way. Without it every snapshot has
   * room for its pools at full capacity (`capacity × snapshotBytes`). At least {@link
   * SnapshotRing.snapshotBytes}, at most {@link MAX_RING_BYTES}.
   */
  bytes?: number;
}

/** The most snapshots a ring holds. */
export const MAX_RING_SNAPSHOTS = 2 ** 24;
/** The most bytes a ring reserves: 16 GiB. */
export const MAX_RING_BYTES = 2 ** 34;

/**
 * The last `capacity` snapshots of a set of pools and buffers, in one `ArrayBuffer` reserved once from
 * their byte lengths (each pool's {@link MemoryPool.snapshotBytes} and each buffer's `byteLength`). A
 * game registers its world's pools and buffers once and calls {@link push} every tick: one copy per
 * buffer, no garbage. {@link restore} brings back the k-th newest snapshot, and {@link drop} forgets
 * the newest ones, so rewinding is `drop(1)` then `restore(0)` per step back, and play resumes from
 * there.
 *
 * A pool that grows after the ring was made may outgrow the room reserved for it; `push` then throws
 * a RangeError naming it (make the ring once the pools have their size, or keep them fixed).
 *
 * With a memory budget (the `bytes` option) the ring reserves that many bytes instead and packs each
 * snapshot into what its pools wrote, holding as many of the newest as fit ({@link usedBytes} is
 * what they take): for big pools that are mostly empty, or a history measured in memory, not count.
 *
 * @example
 * const ring = new SnapshotRing({ capacity: 600, pools: [bullets, particles], buffers: [ship, rng.state] });
 * function tick() { step(); ring.push(); }     // every tick
 * ring.restore(59);                            // one second back, at 60 ticks a second
 */
export class SnapshotRing {
  /** The ring's memory. */
  readonly buffer: ArrayBuffer;
  /** How many snapshots it holds at most. */
  readonly capacity: number;
  /** Bytes reserved per snapshot. */
  readonly snapshotBytes: number;
  private readonly u8: Uint8Array;
  private readonly pools: readonly MemoryPool[];
  /** Where each pool's snapshot starts within a ring entry, and the room reserved for it. */
  private readonly poolAt: number[] = [];
  private readonly poolRoom: number[] = [];
  /** The bytes of each buffer, and where they go within a ring entry. */
  private readonly bytes: Uint8Array[] = [];
  private readonly bufferAt: number[] = [];
  /** Where each entry starts and ends in {@link buffer}, and where each of its pools' snapshots starts. */
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly poolStarts: Float64Array;
  /** Whether entries take only the bytes written (the `bytes` option). */
  private readonly packed: boolean;
  /** The entry the next push writes. */
  private next = 0;
  private held = 0;

  /** @throws TypeError or RangeError naming the bad option; nothing is made then. */
  constructor(options: SnapshotRingOptions) {
    requireOptions(options);
    const { capacity, pools = [], buffers = [], bytes: budget } = options;
    requireCount('capacity', capacity);
    if (capacity < 1 || capacity > MAX_RING_SNAPSHOTS) {
      throw new RangeError(`capacity must be from 1 to ${MAX_RING_SNAPSHOTS}, got ${capacity}`);
    }
    requireList('pools', pools, (pool) => pool instanceof MemoryPool, 'a MemoryPool');
    requireList('buffers', buffers, isFixedView, 'a typed array or DataView over a fixed-length buffer');
    let bytes = 0;
    for (const pool of pools) {
      this.poolAt.push(bytes);
      this.poolRoom.push(pool.snapshotBytes);
      bytes += roundUp(pool.snapshotBytes);
    }
    for (const view of buffers) {
      this.bytes.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      this.bufferAt.push(bytes);
      bytes += roundUp(view.byteLength);
    }
    if (budget !== undefined) {
      if (
        !(
          typeof budget === 'number' &&
          Number.isInteger(budget) &&
          budget >= bytes &&
          budget <= MAX_RING_BYTES
        )
      ) {
        throw new RangeError(
          `bytes must be a whole number from ${bytes} (one snapshot at full capacity) to ${MAX_RING_BYTES}, got ${describeValue(budget)}`,
        );
      }
    } else if (capacity * bytes > MAX_RING_BYTES) {
      throw new RangeError(
        `capacity × ${bytes} bytes per snapshot must be at most ${MAX_RING_BYTES} bytes, got capacity ${capacity}`,
      );
    }
    this.capacity = capacity;
    this.snapshotBytes = bytes;
    this.pools = [...pools];
    this.packed = budget !== undefined;
    this.buffer = new ArrayBuffer(budget ?? capacity * bytes);
    this.u8 = new Uint8Array(this.buffer);
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
    this.poolStarts = new Float64Array(capacity * pools.length);
  }

  /** The ring's bytes: {@link capacity} × {@link snapshotBytes}, or the `bytes` budget. */
  get byteLength(): number {
    return this.buffer.byteLength;
  }

  /** Snapshots held now: from 0 (none pushed) up to {@link capacity} (fewer with a budget they do not fit). */
  get length(): number {
    return this.held;
  }

  /**
   * Snapshots every pool and buffer into the next entry, overwriting the oldest when the ring is full
   * (with a budget, also every oldest one in the way of the bytes the entry may take).
   * @throws RangeError naming `pools[i]` when a pool grew past the room reserved for it (nothing is written).
   */
  push(): void {
    const { pools, poolRoom, poolAt, bytes, bufferAt, u8, poolStarts } = this;
    for (let i = 0; i < pools.length; i++) {
      if (pools[i].snapshotBytes > poolRoom[i]) {
        throw new RangeError(
          `pools[${i}] grew to ${pools[i].capacity} slots since the ring was made: its snapshot needs ${pools[i].snapshotBytes} bytes, the ring has ${poolRoom[i]}`,
        );
      }
    }
    const entry = this.next;
    if (this.held === this.capacity) this.held--;
    const at = this.packed ? this.makeRoom() : entry * this.snapshotBytes;
    let end = at;
    for (let i = 0; i < pools.length; i++) {
      const start = this.packed ? end : at + poolAt[i];
      poolStarts[entry * pools.length + i] = start;
      end = start + roundUp(pools[i].snapshot(u8, start));
    }
    if (!this.packed) end = at + (bytes.length > 0 ? bufferAt[0] : this.snapshotBytes);
    for (let i = 0; i < bytes.length; i++) {
      u8.set(bytes[i], end);
      end += roundUp(bytes[i].length);
    }
    this.starts[entry] = at;
    this.ends[entry] = end;
    this.next = entry + 1 === this.capacity ? 0 : entry + 1;
    this.held++;
  }

  /**
   * Where a packed entry goes: after the newest, or at the start when a whole snapshot might not fit
   * before the end; the oldest entries in the way of {@link snapshotBytes} from there are evicted.
   */
  private makeRoom(): number {
    const size = this.snapshotBytes;
    let at = this.held === 0 ? 0 : this.ends[(this.next - 1 + this.capacity) % this.capacity];
    if (at + size > this.buffer.byteLength) at = 0;
    while (this.held > 0) {
      const oldest = (this.next - this.held + this.capacity) % this.capacity;
      if (!(this.starts[oldest] < at + size && this.ends[oldest] > at)) break;
      this.held--;
    }
    return at;
  }

  /**
   * Brings back the `k`-th newest snapshot (0: the newest) into every pool and buffer. Every pool's
   * snapshot is checked before anything is written, so a refusal leaves them all as they were.
   * @throws RangeError naming `k` unless it is a whole number below {@link length}; what
   *   `MemoryPool.restore` throws when a pool cannot take its snapshot (a reader, a shared pool that
   *   would have to shrink).
   */
  restore(k = 0): void {
    const entry = this.entry(k);
    const { pools, poolStarts, bytes, u8 } = this;
    const first = entry * pools.length;
    for (let i = 0; i < pools.length; i++) pools[i].checkSnapshot(u8, poolStarts[first + i]);
    for (let i = 0; i < pools.length; i++) pools[i].restore(u8, poolStarts[first + i]);
    let at = this.ends[entry];
    for (let i = bytes.length - 1; i >= 0; i--) at -= roundUp(bytes[i].length);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i].set(u8.subarray(at, at + bytes[i].length));
      at += roundUp(bytes[i].length);
    }
  }

  /** Bytes the snapshots held now take (with a budget, what they wrote; without, their reserved room). */
  get usedBytes(): number {
    let used = 0;
    for (let k = 0; k < this.held; k++) {
      const e = (this.next - 1 - k + 2 * this.capacity) % this.capacity;
      used += this.packed ? this.ends[e] - this.starts[e] : this.snapshotBytes;
    }
    return used;
  }

  /**
   * Forgets the `count` newest snapshots, so the next push follows the one that is newest now.
   * @throws RangeError naming `count` unless it is a whole number up to {@link length}.
   */
  drop(count = 1): void {
    if (!(isCount(count) && count <= this.held)) {
      throw new RangeError(
        `count must be a whole number from 0 to ${this.held}, got ${describeValue(count)}`,
      );
    }
    this.held -= count;
    this.next = (this.next - count + this.capacity) % this.capacity;
  }

  /** The entry of the `k`-th newest snapshot. */
  private entry(k: number): number {
    if (!(isCount(k) && k < this.held)) {
      throw new RangeError(
        `k must be a whole number below the ${this.held} snapshots held, got ${describeValue(k)}`,
      );
    }
    return (this.next - 1 - k + 2 * this.capacity) % this.capacity;
  }
}

/** Throws a TypeError naming `name` (or `name[i]`) unless `list` is an array whose every item passes `is`. */
function requireList<T>(name: string, list: unknown, is: (item: T) => boolean, what: string): void {
  if (!Array.isArray(list)) throw new TypeError(`${name} must be an array, got ${describeValue(list)}`);
  list.forEach((item, i) => {
    if (!is(item)) throw new TypeError(`${name}[${i}] must be ${what}, got ${describeValue(item)}`);
  });
}

/** A view whose bytes stay where they are: not over a resizable or growable buffer. */
function isFixedView(view: unknown): boolean {
  if (!ArrayBuffer.isView(view)) return false;
  const buffer = view.buffer as ArrayBuffer & { growable?: boolean };
  return !(buffer.resizable === true || buffer.growable === true);
}

/** `bytes` rounded up to whole 8-byte words: every snapshot in the ring starts aligned. */
function roundUp(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}
