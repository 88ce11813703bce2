import { captureSite } from './AllocationLog.ts';
import { requireFlag, requireOptions } from './checks.ts';
import { NotOwnerError, StaleHandleError } from './errors.ts';
import type { FieldSchema } from './fields.ts';
import { groupLeaks, HandleLog, type PoolLeak } from './HandleLog.ts';
import { Count, PackedPool } from './PackedPool.ts';
import { checkBookkeeping } from './poolCheck.ts';
import { layoutText, type MemoryPoolOptions, requireFailAt, resolvePoolOptions } from './poolOptions.ts';
import { requirePoolDescription, type SharedPoolDescription } from './SharedPool.ts';
import { mirrorFigure, SharedState } from './SharedState.ts';
import {
  FIGURES_AT,
  requireSnapshotBuffer,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_KINDS,
  SnapshotHeader,
  type Snapshottable,
  shapeHash,
} from './Snapshot.ts';

/** The description of the pool `attach` is making; read once by the constructor. */
let attaching: SharedPoolDescription | null = null;

/** A snapshot's figures, after the header's own slots: capacity, slots copied, then counts and counters. */
const S_SLOTS = FIGURES_AT;
const S_COPIED = FIGURES_AT + 1;
const S_COUNTS = FIGURES_AT + 2;
const S_COUNTERS = FIGURES_AT + 5;
const COUNTERS = ['highWater', 'allocCount', 'freeCount', 'failureCount'] as const;

/** `mode` bits. Any bit set sends `alloc` and `free` through their checked paths. */
const DEBUG = 1;
const FAILING = 2;
const SHARED = 4;
const READER = 8;

/**
 * A pool of fixed-size records with generation-checked handles, after Zig's `std.heap.MemoryPool`:
 * the storage of a component type in an ECS. Records live in struct-of-arrays typed arrays (`fields`)
 * or raw byte slots (`slotBytes`), indexed by slot, packed into slots 0 .. live - 1 (see
 * {@link PackedPool}). `alloc` hands out a handle that encodes the record's id and a generation;
 * freeing bumps the generation, so a freed or reused handle is caught, never read.
 *
 * After Zig's allocators it also has a debug mode (allocation sites, {@link leaks}, poisoned records),
 * fault injection ({@link failAt}), shared memory with one owner ({@link share},
 * {@link MemoryPool.attach}) and snapshots of its whole state ({@link snapshot}, {@link restore}).
 * All of them are off by default, and then cost alloc and free one branch each.
 *
 * @example
 * const bullets = new MemoryPool({ capacity: 10_000, fields: { x: 'f32', vx: 'f32', life: 'u16' } });
 * const h = bullets.alloc();
 * bullets.fields.x[bullets.slotOf(h)] = 100;
 * const { x, vx } = bullets.fields;
 * for (let s = 0, n = bullets.live; s < n; s++) x[s] += vx[s];
 * bullets.free(h); // bullets.isAlive(h) is now false, and free(h) again throws StaleHandleError
 */
export class MemoryPool<S extends FieldSchema = FieldSchema> extends PackedPool<S> implements Snapshottable {
  /** Allocations from this count on fail (Zig's `fail_index`). */
  declare private failLimit: number;
  private log: HandleLog | null = null;
  private ownership: SharedState | null = null;
  private header: SnapshotHeader | null = null;

  /** @throws TypeError or RangeError naming the bad option; nothing is made then. */
  constructor(options: MemoryPoolOptions<S>) {
    super(resolvePoolOptions(options), takeAttaching());
    this.failLimit = Number.POSITIVE_INFINITY;
    this.failAt = this.layout.failAt;
    if (this.layout.debug) {
      this.log = new HandleLog();
      this.mode |= DEBUG;
    }
  }

  /**
   * A second view of a shared pool, in this thread: it reads the records, liveness and figures; it
   * allocates and frees only when `description` handed it ownership (`share({ owner: true })`).
   * @throws TypeError naming `description` when it is not one `share()` made; NotOwnerError when
   *   another view claimed the ownership it hands over first.
   */
  static attach(description: SharedPoolDescription): MemoryPool {
    const layout = requirePoolDescription(description);
    attaching = description;
    const pool = new MemoryPool({ ...layout, fields: layout.fields ?? {} });
    pool.ownership = SharedState.join(description);
    pool.mode |= SHARED;
    if (description.owner) {
      const published = pool.published;
      for (let k = 0; k < COUNTERS.length; k++) pool[COUNTERS[k]] = published[k];
    } else {
      pool.becomeReader();
    }
    return pool;
  }

  /** Whether debug mode records allocation sites and poisons freed records. */
  get debug(): boolean {
    return this.log !== null;
  }
  /** False only for a view of a shared pool that is not its owner (it may read, not allocate). */
  get owner(): boolean {
    return (this.mode & READER) === 0;
  }

  /**
   * Fault injection (Zig's `fail_index`): allocation number `failAt`, counted from 0 by `allocCount`,
   * and every later one fail as a full pool's do. `Infinity` (the default) fails none.
   * @throws RangeError naming `failAt` when set to anything but a whole number or `Infinity`.
   */
  get failAt(): number {
    return this.failLimit;
  }
  set failAt(failAt: number) {
    requireFailAt(failAt);
    this.failLimit = failAt;
    this.mode = failAt === Number.POSITIVE_INFINITY ? this.mode & ~FAILING : this.mode | FAILING;
  }

  /** Frees every record at once: every handle handed out so far is dead, and slot 0 is next. */
  reset(): void {
    this.requireOwner('reset');
    const { generation, idBySlot, counts, log } = this;
    const freedAt = log === null ? '' : captureSite();
    for (let s = 0; s < counts[Count.End]; s++) {
      const id = idBySlot[s];
      if ((generation[id] & 1) === 0) continue;
      if (log !== null) {
        log.released(id, (generation[id] << this.indexBits) | id, freedAt);
        this.storage.poison(s);
      }
      generation[id] = (generation[id] + 1) & this.generationMask;
    }
    this.freeCount += counts[Count.End] - counts[Count.Holes];
    counts[Count.End] = 0;
    counts[Count.Holes] = 0;
    this.publish();
  }

  /** Starts a new peak measurement from the current `live`. */
  resetHighWater(): void {
    this.requireOwner('resetHighWater');
    this.highWater = this.liveCount();
    this.publish();
  }

  /**
   * The live handles grouped by where they were allocated, the largest group first: what a game
   * calls at level end or shutdown to find leaks. Sites are recorded in debug mode; without it every
   * live handle is in one group whose site is empty.
   */
  leaks(): PoolLeak[] {
    const handles: number[] = [];
    for (let s = 0, end = this.counts[Count.End]; s < end; s++) {
      const handle = this.handleAt(s);
      if (handle !== -1) handles.push(handle);
    }
    const log = this.log;
    return groupLeaks(handles, (handle) => (log === null ? '' : log.siteOf(handle & this.indexMask)));
  }

  /**
   * Describes this pool for another thread: post the description (it is structured-cloneable) and
   * call {@link MemoryPool.attach} there. The pool must have been made with `shared: true`. With
   * `owner: true` the view that attaches becomes the one that allocates and frees, and this one only
   * reads from then on. Sharing sends every alloc and free of the owner through its checked path,
   * which publishes the counters.
   * @throws TypeError when the pool is not shared or `owner` is not a flag; NotOwnerError when a
   *   reader asks to give ownership.
   */
  share(options: { owner?: boolean } = {}): SharedPoolDescription {
    requireOptions(options);
    requireFlag('owner', options.owner);
    if (!this.layout.shared) {
      throw new TypeError('share: this pool is not in shared memory; make it with shared: true');
    }
    if (this.ownership === null) {
      this.ownership = SharedState.create(this.counts.buffer);
      this.mode |= SHARED;
    }
    const owner = options.owner === true;
    if (this.owner) this.publish();
    if (owner) {
      this.ownership.handOver();
      this.becomeReader();
    }
    const { fields, slotBytes, growable, maxCapacity } = this.layout;
    return {
      kind: 'MemoryPool',
      state: this.ownership.memory,
      owner,
      counts: this.counts.buffer as SharedArrayBuffer,
      buffers: this.storage.buffers as SharedArrayBuffer[],
      fields: { ...fields },
      slotBytes,
      growable,
      maxCapacity,
      generationBase: this.generationBase,
    };
  }

  /** The most bytes a {@link snapshot} takes now: the header and every state array at full capacity. */
  get snapshotBytes(): number {
    return SNAPSHOT_HEADER_BYTES + this.storage.payloadBytes(this.slots);
  }

  /**
   * Writes the pool's whole state into `into` from `offset`: counts, counters, and the first slots of
   * every state array (generations, slots and ids, freed ids, fields, raw bytes) up to the slots ever
   * used, rounded up to a sixteenth of the pool. Holes stay holes: nothing is packed. A steady pool's
   * snapshots create no objects.
   * @returns the bytes written, at most {@link snapshotBytes}.
   * @throws TypeError naming `into` when it is not a Uint8Array; RangeError naming `into` when it
   *   has too little room from `offset`, or `offset` when that is not a whole number.
   */
  snapshot(into: Uint8Array, offset = 0): number {
    const slots = this.slots;
    const counts = this.counts;
    // Slots past Count.Touched are as new, so they are left out; the views copied from are made again only
    // when the slots used pass the next step.
    const step = Math.max(64, slots >> 4);
    const copied = Math.min(slots, Math.ceil(counts[Count.Touched] / step) * step);
    const bytes = SNAPSHOT_HEADER_BYTES + this.storage.payloadBytes(copied);
    requireSnapshotBuffer('into', into, offset, bytes);
    const header = this.snapshotHeader();
    const figures = header.slots;
    figures[S_SLOTS] = slots;
    figures[S_COPIED] = copied;
    for (let k = 0; k < 3; k++) figures[S_COUNTS + k] = counts[k];
    figures[S_COUNTERS] = this.highWater;
    figures[S_COUNTERS + 1] = this.allocCount;
    figures[S_COUNTERS + 2] = this.freeCount;
    figures[S_COUNTERS + 3] = this.failureCount;
    header.write(into, offset, bytes);
    this.storage.copyOut(into, offset + SNAPSHOT_HEADER_BYTES, copied);
    return bytes;
  }

  /**
   * Reads back a snapshot written by {@link snapshot} (of this pool or one of the same layout): every
   * handle live then is live again, on the same record, and every other handle is stale, as then. A
   * growable pool that grew since shrinks back (or grows to the snapshot's capacity). The whole
   * snapshot is checked before anything is written. Debug mode forgets its sites.
   * @throws TypeError naming `from` when it holds no snapshot of a pool of this layout at `offset`,
   *   or a corrupt one; RangeError naming `from` when this pool cannot take its capacity (a fixed pool
   *   of another capacity, a shared pool that would have to shrink); NotOwnerError on a reader.
   */
  restore(from: Uint8Array, offset = 0): void {
    const { slots, copied, counts, counters } = this.check(from, offset);
    const used = Math.min(this.counts[Count.Touched], slots);
    if (slots !== this.slots) this.storage.resize(slots);
    this.slots = slots;
    this.storage.copyIn(from, offset + SNAPSHOT_HEADER_BYTES, copied);
    // What lies past the copied slots was as new then: make it so again (the hole stack too, so the
    // next snapshots are byte for byte the ones the pool wrote then).
    if (used > copied) {
      this.storage.clear(copied, used);
      this.holes.fill(0, copied, used);
    }
    this.generation.fill(this.generationBase, copied, slots);
    this.addFreeIds(copied, slots);
    this.counts.set(counts);
    this.counts[Count.Slots] = slots;
    [this.highWater, this.allocCount, this.freeCount, this.failureCount] = counters;
    this.log?.forget();
    this.publish();
  }

  /**
   * Checks a snapshot as {@link restore} does, writing nothing: what a {@link SnapshotRing} does for
   * every pool before it restores any.
   * @throws what {@link restore} throws for the same arguments.
   */
  checkSnapshot(from: Uint8Array, offset = 0): void {
    this.check(from, offset);
  }

  /** Reads and checks the snapshot at `offset` of `from` whole; see {@link restore}. */
  private check(from: Uint8Array, offset: number) {
    this.requireOwner('restore');
    const header = this.snapshotHeader();
    const bytes = header.read(from, offset);
    const slots = header.figure(S_SLOTS, 'capacity', 1, this.maxCapacity);
    const copied = header.figure(S_COPIED, 'slots copied', 0, slots);
    const touched = header.figure(S_COUNTS + Count.Touched, 'slots used', 0, copied);
    const end = header.figure(S_COUNTS + Count.End, 'end', 0, touched);
    const holes = header.figure(S_COUNTS + Count.Holes, 'holes', 0, end);
    const counters = COUNTERS.map((name, k) => header.figure(S_COUNTERS + k, name, 0, 2 ** 53 - 1));
    if (bytes !== SNAPSHOT_HEADER_BYTES + this.storage.payloadBytes(copied)) {
      throw new TypeError(`from holds a corrupt snapshot: ${bytes} bytes for ${copied} slots`);
    }
    if (slots !== this.slots && (!this.growable || (slots < this.slots && this.layout.shared))) {
      throw new RangeError(
        `from holds a snapshot of ${slots} slots; this pool has ${this.slots} and ${this.growable ? 'its shared memory cannot shrink' : 'a fixed capacity'}`,
      );
    }
    const book = this.storage.bookkeepingIn(from, offset + SNAPSHOT_HEADER_BYTES, copied);
    checkBookkeeping(book, touched, end, holes, this.generationMask);
    const counts = [0, 0, 0];
    counts[Count.End] = end;
    counts[Count.Holes] = holes;
    counts[Count.Touched] = touched;
    return { slots, copied, counts, counters };
  }

  /** {@link tryAlloc} in debug mode, under fault injection or in shared memory. */
  protected tryAllocChecked(): number {
    this.requireOwner('alloc');
    let handle = -1;
    if (this.allocCount < this.failLimit) handle = this.take();
    else this.failureCount++;
    if (handle !== -1 && this.log !== null) this.log.allocated(handle & this.indexMask);
    this.publish();
    return handle;
  }

  /** {@link free} in debug mode, under fault injection or in shared memory. */
  protected freeChecked(handle: number): void {
    this.requireOwner('free');
    if (this.log !== null) {
      const id = handle & this.indexMask;
      this.log.released(id, handle, captureSite());
      this.storage.poison(this.slotById[id]);
    }
    this.release(handle);
    this.publish();
  }

  /** Only the owner packs; debug mode poisons the slots packing vacates. */
  protected packing(): boolean {
    this.requireOwner('pack');
    return this.log !== null;
  }

  /** The error for a use of `handle`, which is not live: debug mode names its sites when it knows them. */
  protected stale(handle: number): StaleHandleError {
    return this.log === null || typeof handle !== 'number'
      ? new StaleHandleError(handle)
      : this.log.staleError(handle, handle & this.indexMask);
  }

  private snapshotHeader(): SnapshotHeader {
    if (this.header === null) {
      this.header = new SnapshotHeader(SNAPSHOT_KINDS.pool, shapeHash(layoutText(this.layout)));
    }
    return this.header;
  }

  private requireOwner(operation: string): void {
    if ((this.mode & READER) !== 0) throw new NotOwnerError(operation);
  }

  /** A shared pool's owner writes its counters where readers read them. */
  private publish(): void {
    if ((this.mode & (SHARED | READER)) !== SHARED) return;
    const published = this.published;
    published[0] = this.highWater;
    published[1] = this.allocCount;
    published[2] = this.freeCount;
    published[3] = this.failureCount;
  }

  /** From now on this view reads the owner's capacity and counters, and refuses every change. */
  private becomeReader(): void {
    this.mode |= READER;
    const { counts, published } = this;
    mirrorFigure(this, 'slots', () => counts[Count.Slots]);
    COUNTERS.forEach((name, k) => {
      mirrorFigure(this, name, () => published[k]);
    });
  }
}

/** The description `attach` handed over, taken once by the pool being made. */
function takeAttaching(): SharedPoolDescription | undefined {
  const given = attaching ?? undefined;
  attaching = null;
  return given;
}
