/**
 * What lets two threads see one allocator: its bytes live in a SharedArrayBuffer, and so does a small
 * header with its figures (used, peak, counters, epoch) and the id of the view that owns it. The rule
 * is single-writer: the owner allocates, frees, rolls back and resets, and publishes its figures to the
 * header after each change; every other view only reads (its figures are read from the header, its
 * alloc and free throw {@link NotOwnerError}).
 *
 * The owner keeps its figures in plain fields and routes every allocation through the slow path once
 * it is shared, so an allocator that is never shared pays nothing for this.
 */
import { describeValue, requireObject } from './checks.ts';
import { NotOwnerError } from './errors.ts';

/**
 * A plain, structured-cloneable description of a shared allocator: post it to a worker and call the
 * allocator class's `attach` there. Made by `share()`.
 */
export interface SharedAllocatorDescription {
  /** The class to attach with. */
  readonly kind: 'FixedBufferAllocator' | 'ArenaAllocator';
  /** The allocator's bytes. */
  readonly buffer: SharedArrayBuffer;
  /** Its header: figures and the owner's id. */
  readonly state: SharedArrayBuffer;
  /** Whether attaching takes over ownership (see `share({ owner: true })`). */
  readonly owner: boolean;
  /** Whether released bytes are poisoned. */
  readonly poison: boolean;
  /** The arena's limits (0 for a fixed buffer). */
  readonly initialBytes: number;
  readonly chunkBytes: number;
  readonly maxBytes: number;
}

/** What a description says of the allocator's class and limits. */
export type SharedShape = Pick<
  SharedAllocatorDescription,
  'kind' | 'initialBytes' | 'chunkBytes' | 'maxBytes'
>;

/** The figures a shared allocator publishes; an allocator has them as fields. */
export interface SharedFigures {
  used: number;
  highWater: number;
  allocCount: number;
  failureCount: number;
  epoch: number;
}

// Int32 slots (Atomics), then float64 slots for counters that may pass 2^31.
const OWNER = 0;
const NEXT_VIEW = 1;
const USED = 2;
const HIGH_WATER = 3;
const ALLOC_COUNT = 0;
const FAILURE_COUNT = 1;
const EPOCH = 2;
const F64_AT = 16;
/** Size of the header. */
export const SHARED_STATE_BYTES = F64_AT + 3 * 8;
/** OWNER while ownership is on its way to the view that will attach with it. */
const IN_TRANSIT = 0;

/** One view's handle on the header of a shared allocator: the header and the view's id. */
export class SharedState {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;

  private constructor(
    readonly memory: SharedArrayBuffer,
    private readonly viewId: number,
  ) {
    this.i32 = new Int32Array(memory, 0, F64_AT >> 2);
    this.f64 = new Float64Array(memory, F64_AT, 3);
  }

  /**
   * A new header for `buffer`, owned by the calling view (id 1).
   * @throws TypeError when `buffer` is not shared memory.
   */
  static create(buffer: ArrayBuffer | SharedArrayBuffer): SharedState {
    if (typeof SharedArrayBuffer === 'undefined' || !(buffer instanceof SharedArrayBuffer)) {
      throw new TypeError(
        'share: this allocator is not in shared memory; make it over a SharedArrayBuffer or with shared: true',
      );
    }
    const state = new SharedState(new SharedArrayBuffer(SHARED_STATE_BYTES), 1);
    Atomics.store(state.i32, NEXT_VIEW, 1);
    Atomics.store(state.i32, OWNER, 1);
    return state;
  }

  /**
   * A new view of the header `description` carries; with `description.owner` it takes the ownership
   * that was handed over.
   * @throws NotOwnerError when another view claimed that ownership first.
   */
  static join(description: Pick<SharedAllocatorDescription, 'state' | 'owner'>): SharedState {
    const probe = new SharedState(description.state, 0);
    const state = new SharedState(description.state, Atomics.add(probe.i32, NEXT_VIEW, 1) + 1);
    if (
      description.owner &&
      Atomics.compareExchange(state.i32, OWNER, IN_TRANSIT, state.viewId) !== IN_TRANSIT
    ) {
      throw new NotOwnerError('attach with ownership (another view claimed it first)');
    }
    return state;
  }

  /** The description `share()` returns. */
  describe(
    buffer: SharedArrayBuffer,
    owner: boolean,
    poison: boolean,
    shape: SharedShape,
  ): SharedAllocatorDescription {
    return { ...shape, buffer, state: this.memory, owner, poison };
  }

  /** This view lets ownership go; the next view to {@link join} with an owner's description takes it. */
  handOver(): void {
    if (Atomics.compareExchange(this.i32, OWNER, this.viewId, IN_TRANSIT) !== this.viewId) {
      throw new NotOwnerError('share({ owner: true })');
    }
  }

  /** Writes the owner's figures; `used` last, so a reader that sees it sees the rest. */
  publish(figures: SharedFigures): void {
    this.f64[ALLOC_COUNT] = figures.allocCount;
    this.f64[FAILURE_COUNT] = figures.failureCount;
    this.f64[EPOCH] = figures.epoch;
    Atomics.store(this.i32, HIGH_WATER, figures.highWater);
    Atomics.store(this.i32, USED, figures.used);
  }

  /** Copies the published figures into `into` (a view that becomes the owner starts from them). */
  read(into: SharedFigures): void {
    into.used = Atomics.load(this.i32, USED);
    into.highWater = Atomics.load(this.i32, HIGH_WATER);
    into.allocCount = this.f64[ALLOC_COUNT];
    into.failureCount = this.f64[FAILURE_COUNT];
    into.epoch = this.f64[EPOCH];
  }

  /**
   * Turns `view`'s figure fields into getters of the published figures (setters throw
   * {@link NotOwnerError}): a reader always shows the owner's latest figures.
   */
  mirrorInto(view: SharedFigures): void {
    const { i32, f64 } = this;
    mirrorFigure(view, 'used', () => Atomics.load(i32, USED));
    mirrorFigure(view, 'highWater', () => Atomics.load(i32, HIGH_WATER));
    mirrorFigure(view, 'allocCount', () => f64[ALLOC_COUNT]);
    mirrorFigure(view, 'failureCount', () => f64[FAILURE_COUNT]);
    mirrorFigure(view, 'epoch', () => f64[EPOCH]);
  }
}

/**
 * Turns `view`'s figure `name` into a getter (`get`), whose setter throws {@link NotOwnerError}: how a
 * reader of shared memory always shows the owner's latest figures.
 */
export function mirrorFigure(view: object, name: string, get: () => number): void {
  Object.defineProperty(view, name, {
    get,
    set() {
      throw new NotOwnerError(`set ${name}`);
    },
    configurable: true,
    enumerable: true,
  });
}

/**
 * Checks that `description` is what `share()` makes for `kind`, and returns it typed.
 * @throws TypeError naming `description` (or the field that is wrong).
 */
export function requireDescription(
  description: unknown,
  kind: SharedAllocatorDescription['kind'],
): SharedAllocatorDescription {
  requireObject('description', description);
  if (description.kind !== kind) {
    throw new TypeError(
      `description must describe a shared ${kind} (made by share()), got kind ${describeValue(description.kind)}`,
    );
  }
  const { buffer, state } = description;
  if (typeof SharedArrayBuffer === 'undefined' || !(buffer instanceof SharedArrayBuffer)) {
    throw new TypeError(`description.buffer must be a SharedArrayBuffer, got ${describeValue(buffer)}`);
  }
  if (!(state instanceof SharedArrayBuffer) || state.byteLength !== SHARED_STATE_BYTES) {
    throw new TypeError(`description.state must be the ${SHARED_STATE_BYTES}-byte header made by share()`);
  }
  for (const name of ['owner', 'poison'] as const) {
    if (typeof description[name] !== 'boolean') {
      throw new TypeError(
        `description.${name} must be true or false, got ${describeValue(description[name])}`,
      );
    }
  }
  for (const name of ['initialBytes', 'chunkBytes', 'maxBytes'] as const) {
    const value = description[name];
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
      throw new TypeError(`description.${name} must be a whole number, got ${describeValue(value)}`);
    }
  }
  return description as unknown as SharedAllocatorDescription;
}

/** Throws a TypeError unless shared memory exists here (a page must be cross-origin isolated). */
export function requireSharedMemory(name: string): void {
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new TypeError(
      `${name}: SharedArrayBuffer is not available here (a page needs Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers)`,
    );
  }
}
