import { BumpAllocator } from './BumpAllocator.ts';
import { type BumpAllocatorOptions, MAX_ARENA_BYTES } from './bumpOptions.ts';
import { describeValue, requireCount, requireFlag, requireOptions } from './checks.ts';
import { requireDescription, requireSharedMemory, type SharedAllocatorDescription } from './SharedState.ts';

/** Options for {@link FixedBufferAllocator}. */
export interface FixedBufferAllocatorOptions extends BumpAllocatorOptions {
  /** With a byte capacity: make the buffer a `SharedArrayBuffer`, so it can be {@link BumpAllocator.share}d. Default false. */
  shared?: boolean;
}

/**
 * A bump allocator over one fixed buffer, after Zig's `std.heap.FixedBufferAllocator`: the frame
 * arena of a game, reset at the start of every tick. Its whole state is `used` (Zig's `end_index`)
 * over `buffer`; allocation moves `used` forward and returns a byte offset into the whole-buffer
 * views (`u8`, `i32`, `u32`, `f32`, `f64`) that were created once, so the hot path creates no objects.
 *
 * An offset is valid until the next `reset` (or a `rollback`/`free` below it); after that the same
 * bytes are handed out again.
 *
 * @example
 * const arena = new FixedBufferAllocator(64 * 1024);
 * arena.reset(); // start of tick
 * const xs = arena.allocF32(count); // element index into arena.f32
 * for (let i = 0; i < count; i++) arena.f32[xs + i] = i;
 */
export class FixedBufferAllocator extends BumpAllocator {
  /**
   * @param source a capacity in bytes (a new buffer is made), or an existing fixed-length
   *   `ArrayBuffer` or `SharedArrayBuffer` to allocate from (up to {@link MAX_ARENA_BYTES}).
   * @throws TypeError or RangeError naming `source` or the bad option; nothing is made then.
   */
  constructor(source: number | ArrayBuffer | SharedArrayBuffer, options: FixedBufferAllocatorOptions = {}) {
    requireOptions(options);
    requireFlag('shared', options.shared);
    super(fixedBuffer(source, options.shared === true), options, false);
  }

  /** The most bytes it can hand out: its {@link capacity}. */
  get maxBytes(): number {
    return this.capacity;
  }

  /**
   * A second view of a shared allocator's memory, in this thread: it reads the bytes and the owner's
   * figures; it allocates and frees only when `description` handed it ownership (`share({ owner: true })`).
   * @throws TypeError when `description` is not one `share()` made for a FixedBufferAllocator.
   */
  static attach(description: SharedAllocatorDescription): FixedBufferAllocator {
    const valid = requireDescription(description, 'FixedBufferAllocator');
    const view = new FixedBufferAllocator(valid.buffer, { poison: valid.poison });
    view.joinShared(valid);
    return view;
  }

  protected shape() {
    return { kind: 'FixedBufferAllocator' as const, initialBytes: 0, chunkBytes: 0, maxBytes: this.capacity };
  }

  protected commit(end: number): boolean {
    return end <= this.capacity;
  }
}

/** The buffer a FixedBufferAllocator allocates from, made or checked. */
function fixedBuffer(source: unknown, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  if (typeof source === 'number') {
    requireCount('source', source);
    if (source > MAX_ARENA_BYTES) {
      throw new RangeError(`source must be at most ${MAX_ARENA_BYTES} bytes, got ${source}`);
    }
    if (!shared) return new ArrayBuffer(source);
    requireSharedMemory('shared');
    return new SharedArrayBuffer(source);
  }
  if (!isBuffer(source)) {
    throw new TypeError(
      `source must be a byte capacity, an ArrayBuffer or a SharedArrayBuffer, got ${describeValue(source)}`,
    );
  }
  if (shared && !(source instanceof SharedArrayBuffer)) {
    throw new TypeError(
      'shared: true needs a byte capacity or a SharedArrayBuffer source, got an ArrayBuffer',
    );
  }
  if (source.byteLength > MAX_ARENA_BYTES) {
    throw new RangeError(`source must be at most ${MAX_ARENA_BYTES} bytes, got ${source.byteLength}`);
  }
  if (('resizable' in source && source.resizable) || ('growable' in source && source.growable)) {
    throw new RangeError('source must be a fixed-length buffer, got a resizable one (use ArenaAllocator)');
  }
  return source;
}

function isBuffer(value: unknown): value is ArrayBuffer | SharedArrayBuffer {
  return (
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}
