import { BumpAllocator } from './BumpAllocator.ts';
import { type BumpAllocatorOptions, MAX_ARENA_BYTES } from './bumpOptions.ts';
import { describeValue, requireCount, requireFlag, requireOptions } from './checks.ts';
import { requireDescription, requireSharedMemory, type SharedAllocatorDescription } from './SharedState.ts';

/**
 * How much committed memory a {@link ArenaAllocator.reset} keeps, after Zig's `ResetMode`:
 * `'retainCapacity'` keeps all of it, `'freeAll'` shrinks back to `initialBytes`, a number N keeps at
 * most N bytes.
 */
export type ResetMode = 'retainCapacity' | 'freeAll' | number;

/** Options for {@link ArenaAllocator}. */
export interface ArenaAllocatorOptions extends BumpAllocatorOptions {
  /** Bytes committed at construction and after `reset('freeAll')`, 0 to `maxBytes`. */
  initialBytes: number;
  /** Bytes committed per growth step, 1 to `maxBytes`; an allocation larger than a chunk commits just enough. */
  chunkBytes: number;
  /** Bytes reserved: the arena never grows past them. 1 to {@link MAX_ARENA_BYTES}. */
  maxBytes: number;
  /** Reserve a growable `SharedArrayBuffer` instead of a resizable `ArrayBuffer`, so it can be shared. Default false. */
  shared?: boolean;
}

/** The buffer of the arena `attach` is making; read once by the constructor. */
let attaching: SharedArrayBuffer | null = null;

/**
 * A bump allocator that grows: one resizable `ArrayBuffer` (or growable `SharedArrayBuffer`) reserves
 * `maxBytes`, and the arena commits `chunkBytes` more whenever an allocation passes the committed
 * end, so a growth step costs at most one chunk. Offsets stay valid across growth, and the views
 * (`u8`, `i32`, `u32`, `f32`, `f64`) follow the buffer's length, so they are made once and never
 * fetched again. Past `maxBytes`, `alloc` throws `OutOfMemoryError` and `tryAlloc` returns -1.
 *
 * Memory is committed in whole 8-byte words (so `capacity` may pass a request by up to 7 bytes,
 * never `maxBytes`). The views follow the buffer's length, which V8 makes slower to index than a fixed-length view's in
 * some versions: see the README's measurement before putting one in an inner loop.
 *
 * @example
 * const scratch = new ArenaAllocator({ initialBytes: 64 * 1024, chunkBytes: 64 * 1024, maxBytes: 16 << 20 });
 * const ids = scratch.allocI32(100_000); // commits what it needs; scratch.i32 sees it
 * scratch.reset('freeAll');              // back to 64 KiB committed
 */
export class ArenaAllocator extends BumpAllocator {
  /** Bytes committed at construction and after `reset('freeAll')`. */
  declare readonly initialBytes: number;
  /** Bytes committed per growth step. */
  declare readonly chunkBytes: number;
  /** Bytes reserved: the most the arena can ever commit. */
  declare readonly maxBytes: number;

  /** @throws TypeError or RangeError naming the bad option; nothing is made then. */
  constructor(options: ArenaAllocatorOptions) {
    const given = attaching;
    attaching = null;
    requireOptions(options);
    const { initialBytes, chunkBytes, maxBytes, shared } = options;
    requireCount('maxBytes', maxBytes);
    if (maxBytes < 1 || maxBytes > MAX_ARENA_BYTES) {
      throw new RangeError(`maxBytes must be from 1 to ${MAX_ARENA_BYTES}, got ${maxBytes}`);
    }
    requireCount('chunkBytes', chunkBytes);
    if (chunkBytes < 1 || chunkBytes > maxBytes) {
      throw new RangeError(`chunkBytes must be from 1 to maxBytes (${maxBytes}), got ${chunkBytes}`);
    }
    requireCount('initialBytes', initialBytes);
    if (initialBytes > maxBytes) {
      throw new RangeError(`initialBytes must be at most maxBytes (${maxBytes}), got ${initialBytes}`);
    }
    requireFlag('shared', shared);
    const buffer = given ?? reserve(words(initialBytes), words(maxBytes), shared === true);
    super(buffer, options, true);
    this.initialBytes = initialBytes;
    this.chunkBytes = chunkBytes;
    this.maxBytes = maxBytes;
    this.updateFastEnd();
  }

  /** Committed bytes: what can be handed out now without growing (at most `maxBytes`). */
  override get capacity(): number {
    return Math.min(this.buffer.byteLength, this.maxBytes);
  }

  /**
   * A second view of a shared arena, in this thread: it reads the bytes (its views follow the
   * owner's growth) and the owner's figures; it allocates only when `description` handed it
   * ownership (`share({ owner: true })`).
   * @throws TypeError when `description` is not one `share()` made for an ArenaAllocator.
   */
  static attach(description: SharedAllocatorDescription): ArenaAllocator {
    const valid = requireDescription(description, 'ArenaAllocator');
    if (!valid.buffer.growable || valid.buffer.maxByteLength !== words(valid.maxBytes)) {
      throw new TypeError(
        `description.buffer must be the arena's growable SharedArrayBuffer of ${valid.maxBytes} bytes`,
      );
    }
    attaching = valid.buffer;
    const view = new ArenaAllocator(valid);
    view.joinShared(valid);
    return view;
  }

  /**
   * Frees everything, and keeps as much committed memory as `mode` says (Zig's `ResetMode`).
   * @returns false when it could not shrink as asked (a shared arena's memory cannot shrink), true otherwise.
   * @throws RangeError naming `mode` when it is none of the modes (nothing changes).
   */
  override reset(mode: ResetMode = 'retainCapacity'): boolean {
    const keep = this.bytesKept(mode);
    super.reset();
    if (keep >= this.buffer.byteLength) return true;
    if (!(this.buffer instanceof ArrayBuffer)) return false;
    this.buffer.resize(Math.max(0, keep - (keep % 8)));
    this.updateFastEnd();
    return true;
  }

  protected shape() {
    const { initialBytes, chunkBytes, maxBytes } = this;
    return { kind: 'ArenaAllocator' as const, initialBytes, chunkBytes, maxBytes };
  }

  protected commit(end: number): boolean {
    const committed = this.buffer.byteLength;
    if (end <= this.capacity) return true;
    if (end > this.maxBytes) return false;
    // One chunk per step; an allocation larger than a chunk gets just enough.
    const wanted = end - committed <= this.chunkBytes ? committed + this.chunkBytes : end;
    const target = Math.min(words(wanted), words(this.maxBytes));
    try {
      if (this.buffer instanceof ArrayBuffer) this.buffer.resize(target);
      else this.buffer.grow(target);
    } catch {
      // The system would not give the memory: the allocation fails like any other that does not fit.
      return false;
    }
    this.updateFastEnd();
    return true;
  }

  /** The committed bytes `mode` keeps at most. */
  private bytesKept(mode: ResetMode): number {
    if (mode === 'retainCapacity') return Number.POSITIVE_INFINITY;
    if (mode === 'freeAll') return words(this.initialBytes);
    if (typeof mode === 'number') {
      requireCount('mode', mode);
      return mode;
    }
    throw new RangeError(
      `mode must be 'retainCapacity', 'freeAll' or a byte count, got ${describeValue(mode)}`,
    );
  }
}

/**
 * `bytes` rounded up to whole 8-byte words. The buffer's length is always a multiple of 8: a view
 * that follows a resizable buffer can only be made while its length is a whole number of elements
 * (an arena attached in another thread makes its views from the buffer as it then is).
 */
function words(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** The reservation: `maxBytes` of address space, `initialBytes` of it committed. */
function reserve(initialBytes: number, maxBytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  if (!shared) return new ArrayBuffer(initialBytes, { maxByteLength: maxBytes });
  requireSharedMemory('shared');
  return new SharedArrayBuffer(initialBytes, { maxByteLength: maxBytes });
}
