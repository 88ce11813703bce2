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
  /** The entry the next push writes. */
  private next = 0;
  private held = 0;

  /** @throws TypeError or RangeError naming the bad option; nothing is made then. */
  constructor(options: SnapshotRingOptions) {
    requireOptions(options);
    const { capacity, pools = [], buffers = [] } = options;
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
    if (capacity * bytes > MAX_RING_BYTES) {
      throw new RangeError(
        `capacity × ${bytes} bytes per snapshot must be at most ${MAX_RING_BYTES} bytes, got capacity ${capacity}`,
      );
    }
    this.capacity = capacity;
    this.snapshotBytes = bytes;
    this.pools = [...pools];
    this.buffer = new ArrayBuffer(capacity * bytes);
    this.u8 = new Uint8Array(this.buffer);
  }

  /** The ring's bytes: {@link capacity} × {@link snapshotBytes}. */
  get byteLength(): number {
    return this.buffer.byteLength;
  }

  /** Snapshots held now: from 0 (none pushed) up to {@link capacity}. */
  get length(): number {
    return this.held;
  }

  /**
   * Snapshots every pool and buffer into the next entry, overwriting the oldest when the ring is full.
   * @throws RangeError naming `pools[i]` when a pool grew past the room reserved for it (nothing is written).
   */
  push(): void {
    const { pools, poolRoom, poolAt, bytes, bufferAt, u8 } = this;
    for (let i = 0; i < pools.length; i++) {
      if (pools[i].snapshotBytes > poolRoom[i]) {
        throw new RangeError(
          `pools[${i}] grew to ${pools[i].capacity} slots since the ring was made: its snapshot needs ${pools[i].snapshotBytes} bytes, the ring has ${poolRoom[i]}`,
        );
      }
    }
    const at = this.next * this.snapshotBytes;
    for (let i = 0; i < pools.length; i++) pools[i].snapshot(u8, at + poolAt[i]);
    for (let i = 0; i < bytes.length; i++) u8.set(bytes[i], at + bufferAt[i]);
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.held < this.capacity) this.held++;
  }

  /**
   * Brings back the `k`-th newest snapshot (0: the newest) into every pool and buffer. Every pool's
   * snapshot is checked before anything is written, so a refusal leaves them all as they were.
   * @throws RangeError naming `k` unless it is a whole number below {@link length}; what
   *   `MemoryPool.restore` throws when a pool cannot take its snapshot (a reader, a shared pool that
   *   would have to shrink).
   */
  restore(k = 0): void {
    const at = this.entry(k) * this.snapshotBytes;
    const { pools, poolAt, bytes, bufferAt, u8 } = this;
    for (let i = 0; i < pools.length; i++) pools[i].checkSnapshot(u8, at + poolAt[i]);
    for (let i = 0; i < pools.length; i++) pools[i].restore(u8, at + poolAt[i]);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i].set(u8.subarray(at + bufferAt[i], at + bufferAt[i] + bytes[i].length));
    }
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
