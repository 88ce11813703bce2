import { type Allocator, VIEW_BYTES, type ViewArray, type ViewType } from './Allocator.ts';
import { MAX_ARENA_BYTES } from './bumpOptions.ts';
import { describeValue, requireCount } from './checks.ts';
import { OutOfMemoryError } from './errors.ts';

/** Elements added per growth step before the 1.5x rule takes over: a cache line's worth, as Zig does. */
const CACHE_LINE = 64;

/**
 * A growable list of one element type in an {@link Allocator}: Zig's `ArrayList`. Make it once and
 * reuse it every tick; its elements live in the allocator, at `view[offset]` to
 * `view[offset + length - 1]`, so a hot loop indexes the allocator's view directly.
 *
 * Growth follows Zig's resize-or-remap: the list grows in place while it is the allocator's last
 * allocation; otherwise it moves (allocates anew, copies with `copyWithin`, frees the old block,
 * which a bump allocator reclaims only at its next reset). A list whose memory was given back (the
 * allocator was reset, or rolled back below the list, since the list last allocated: it sees this
 * through the allocator's epoch) starts empty on its next use; it never writes into memory it no
 * longer owns.
 *
 * @example
 * const hits = new TypedList(arena, 'i32', 256); // once
 * // every tick, after arena.reset():
 * for (const pair of collisions) if (!hits.tryPush(pair)) break; // false when the arena is full
 * for (let i = 0, at = hits.offset; i < hits.length; i++) use(arena.i32[at + i]);
 */
export class TypedList<T extends ViewType = ViewType> {
  // Fields set in the constructor are `declare`d: a bare ES2022 field is first defined as undefined,
  // which widens V8's field type and put a check in front of every load (push ran 2x a plain store).
  /** The allocator the elements live in. */
  declare readonly allocator: Allocator;
  /** The element type, which is also the name of the view the elements are in. */
  declare readonly type: T;
  /** The allocator's view of this element type: the elements are at `view[offset + i]`. */
  declare readonly view: ViewArray<T>;
  /** Elements reserved by the first growth (after construction, and after each time the list starts over). */
  declare readonly initialCapacity: number;
  /** log2 of the element size. */
  declare private readonly shift: number;
  // The list as indices into `view`: elements are [start, end), room is [start, limit). Push checks
  // end against limit and nothing else about the size, which keeps it within 1.5x of a plain store.
  private start = 0;
  private end = 0;
  private limit = 0;
  /** The allocator's epoch when this list last knew its block to be its own. */
  declare private seen: number;

  /**
   * @throws TypeError naming `allocator` when it is not an allocator; RangeError naming `type` or
   *   `initialCapacity` when it is not a view type or a count of elements that could fit.
   */
  constructor(allocator: Allocator, type: T, initialCapacity = 0) {
    requireAllocator(allocator);
    if (typeof type !== 'string' || !Object.hasOwn(VIEW_BYTES, type)) {
      throw new RangeError(
        `type must be one of ${Object.keys(VIEW_BYTES).join(', ')}, got ${describeValue(type)}`,
      );
    }
    requireCount('initialCapacity', initialCapacity);
    const bytes = VIEW_BYTES[type];
    if (initialCapacity * bytes > MAX_ARENA_BYTES) {
      throw new RangeError(
        `initialCapacity must be at most ${MAX_ARENA_BYTES / bytes}, got ${initialCapacity}`,
      );
    }
    this.allocator = allocator;
    this.type = type;
    this.view = allocator[type] as ViewArray<T>;
    this.initialCapacity = initialCapacity;
    this.shift = Math.log2(bytes);
    this.seen = allocator.epoch;
  }

  /** Elements in the list. */
  get length(): number {
    if (this.seen !== this.allocator.epoch) this.sync();
    return this.end - this.start;
  }

  /** Elements the list holds room for now (0 after it started over, until it grows again). */
  get capacity(): number {
    if (this.seen !== this.allocator.epoch) this.sync();
    return this.limit - this.start;
  }

  /** Index of the first element in {@link view} (0 while the list holds no memory). */
  get offset(): number {
    if (this.seen !== this.allocator.epoch) this.sync();
    return this.start;
  }

  /**
   * Appends `value`, growing the list when it is full.
   * @throws OutOfMemoryError when the allocator cannot give the room (the list is unchanged; the
   *   allocator counts the failure); TypeError when `value` is not a number.
   */
  push(value: number): void {
    // One branch for everything unusual: a value that is not a number, a full list, a moved epoch.
    if (typeof value !== 'number' || this.end === this.limit || this.seen !== this.allocator.epoch) {
      if (!this.pushSlow(value)) this.outOfMemory(1);
      return;
    }
    this.view[this.end++] = value;
  }

  /** {@link push} that returns false instead of throwing when the allocator is out of memory. */
  tryPush(value: number): boolean {
    if (typeof value !== 'number' || this.end === this.limit || this.seen !== this.allocator.epoch) {
      return this.pushSlow(value);
    }
    this.view[this.end++] = value;
    return true;
  }

  /**
   * Appends `count` elements (left as the memory holds them) and returns the index in {@link view}
   * of the first, for writing a record at once (Zig's `addManyAsSlice`). The index is good until the
   * list grows again.
   * @throws OutOfMemoryError like {@link push}; RangeError for a bad `count`.
   */
  addMany(count: number): number {
    const at = this.tryAddMany(count);
    if (at === -1) this.outOfMemory(count);
    return at;
  }

  /** {@link addMany} that returns -1 instead of throwing when the allocator is out of memory. */
  tryAddMany(count: number): number {
    if (!(typeof count === 'number' && (count | 0) === count && count >= 0)) requireCount('count', count);
    if (this.seen !== this.allocator.epoch) this.sync();
    const at = this.end;
    if (count > this.limit - at && !this.grow(at - this.start + count)) return -1;
    this.end += count;
    return this.end - count;
  }

  /** Removes and returns the last element; `undefined` when the list is empty (as `Array.prototype.pop`). */
  pop(): number | undefined {
    if (this.seen !== this.allocator.epoch) this.sync();
    return this.end === this.start ? undefined : this.view[--this.end];
  }

  /**
   * The element at `index`.
   * @throws RangeError unless `index` is a whole number below `length`.
   */
  get(index: number): number {
    if (this.seen !== this.allocator.epoch) this.sync();
    if (
      !(typeof index === 'number' && index >= 0 && index < this.end - this.start && (index | 0) === index)
    ) {
      this.badIndex(index);
    }
    return this.view[this.start + index];
  }

  /** Sets the element at `index`; throws like {@link get}. */
  set(index: number, value: number): void {
    if (typeof value !== 'number') this.badValue(value);
    if (this.seen !== this.allocator.epoch) this.sync();
    if (
      !(typeof index === 'number' && index >= 0 && index < this.end - this.start && (index | 0) === index)
    ) {
      this.badIndex(index);
    }
    this.view[this.start + index] = value;
  }

  /** Empties the list and keeps its room (Zig's `clearRetainingCapacity`). */
  clear(): void {
    if (this.seen !== this.allocator.epoch) this.sync();
    this.end = this.start;
  }

  /** The slow path of a push: the bad value's error, a moved epoch, growth. False when out of memory. */
  private pushSlow(value: number): boolean {
    if (typeof value !== 'number') this.badValue(value);
    if (this.seen !== this.allocator.epoch) this.sync();
    if (this.end === this.limit && !this.grow(this.end - this.start + 1)) return false;
    this.view[this.end++] = value;
    return true;
  }

  /** The allocator's epoch moved: keeps the block if no release reached it, else starts over empty. */
  private sync(): void {
    const allocator = this.allocator;
    if (this.limit > this.start && allocator.releasedBelow(this.limit << this.shift, this.seen)) {
      this.start = 0;
      this.end = 0;
      this.limit = 0;
    }
    this.seen = allocator.epoch;
  }

  /**
   * Room for at least `minimum` elements. Zig's growth (1.5x plus a cache line): in place while the
   * list is the last allocation (just enough when the step does not fit), else by moving. A refused
   * push makes one refused allocation, so the allocator's `failureCount` counts it once.
   */
  private grow(minimum: number): boolean {
    const shift = this.shift;
    const most = MAX_ARENA_BYTES >> shift;
    if (minimum > most) return false;
    const reserved = this.limit - this.start;
    let wanted = Math.max(reserved, this.initialCapacity);
    while (wanted < minimum) wanted += (wanted >> 1) + Math.max(1, CACHE_LINE >> shift);
    wanted = Math.min(wanted, most);
    const allocator = this.allocator;
    const oldAt = this.start << shift;
    const oldBytes = reserved << shift;
    if (reserved > 0 && allocator.isLastAllocation(oldAt, oldBytes)) {
      const grown = allocator.resize(oldAt, oldBytes, wanted << shift)
        ? wanted
        : wanted > minimum && allocator.resize(oldAt, oldBytes, minimum << shift)
          ? minimum
          : 0;
      if (grown > 0) {
        this.limit = this.start + grown;
        this.seen = allocator.epoch;
        return true;
      }
    }
    const at = allocator.tryAlloc(wanted << shift, 1 << shift);
    if (at === -1) return false;
    const start = at >> shift;
    if (this.end > this.start) this.view.copyWithin(start, this.start, this.end);
    if (reserved > 0) allocator.free(oldAt, oldBytes);
    this.end = start + (this.end - this.start);
    this.start = start;
    this.limit = start + wanted;
    this.seen = allocator.epoch;
    return true;
  }

  private outOfMemory(count: number): never {
    const bytes = (this.end - this.start + count) << this.shift;
    throw new OutOfMemoryError(bytes, this.allocator.available, this.allocator.capacity);
  }

  private badValue(value: unknown): never {
    throw new TypeError(`value must be a number, got ${describeValue(value)}`);
  }

  private badIndex(index: unknown): never {
    throw new RangeError(
      `index must be a whole number below length (${this.end - this.start}), got ${describeValue(index)}`,
    );
  }
}

/** Throws a TypeError naming `allocator` unless it has an allocator's methods and views. */
function requireAllocator(allocator: unknown): asserts allocator is Allocator {
  const a = allocator as Partial<Allocator> | null;
  if (
    typeof a !== 'object' ||
    a === null ||
    typeof a.tryAlloc !== 'function' ||
    typeof a.resize !== 'function' ||
    typeof a.releasedBelow !== 'function' ||
    typeof a.epoch !== 'number' ||
    !(a.u8 instanceof Uint8Array)
  ) {
    throw new TypeError(
      `allocator must be an Allocator (a FixedBufferAllocator, an ArenaAllocator…), got ${describeValue(allocator)}`,
    );
  }
}
