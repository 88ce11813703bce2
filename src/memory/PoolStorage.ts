import { POISON_BYTE } from './bumpOptions.ts';
import { describeValue } from './checks.ts';
import {
  ARRAY_TYPES,
  type FieldArray,
  type FieldArrays,
  type FieldSchema,
  type FieldType,
} from './fields.ts';

/** A typed-array constructor the storage can make per-slot arrays of. */
type ArrayType = (typeof ARRAY_TYPES)[FieldType];

/** How many slots the storage has and may have, and what kind of buffers hold them. */
export interface StorageShape {
  readonly slots: number;
  readonly maxSlots: number;
  readonly growable: boolean;
  /** `SharedArrayBuffer`s (growable ones when `growable`) instead of `ArrayBuffer`s. */
  readonly shared: boolean;
}

/** The bookkeeping arrays of a pool as a snapshot holds them, read in place for checking. */
export interface Bookkeeping {
  readonly generation: Uint32Array;
  readonly slotById: Int32Array;
  readonly idBySlot: Int32Array;
  readonly holes: Int32Array;
}

/** Poison of a 4-byte field: a float32 NaN, or 0xAA bytes. */
const F32_POISON = 0x7fc00000;
const BYTE_POISON_32 = 0xaaaaaaaa | 0;
/** The high word of a float64 NaN (the low word is 0). */
const F64_POISON_HIGH = 0x7ff80000;

/**
 * The typed arrays behind a {@link MemoryPool}: the pool's bookkeeping (per id a generation and a slot,
 * per slot an id, the freed ids), the struct-of-arrays fields and the raw byte slots, each in a buffer
 * of its own sized per slot, so that growth resizes them all in place (ES2024 resizable buffers: views
 * made without a length follow the new size, and the arrays callers hold stay valid). It moves a record
 * from one slot to another (how the pool stays packed), poisons what a freed record leaves behind, and
 * copies the first slots of every buffer out to a snapshot and back.
 * @internal
 */
export class PoolStorage<S extends FieldSchema> {
  // `declare`d for the reason MemoryPool gives: assigned in the constructor, typed precisely for V8.
  /** One typed array per schema field, indexed by slot. */
  declare readonly fields: FieldArrays<S>;
  /** Whole-pool views of the raw slots, `slotBytes` bytes per slot. */
  declare readonly u8: Uint8Array;
  declare readonly i32: Int32Array;
  declare readonly u32: Uint32Array;
  declare readonly f32: Float32Array;
  declare readonly f64: Float64Array;
  /** Per id: its generation, odd while its record is live. */
  declare readonly generation: Uint32Array;
  /** Per id: the slot of its record. */
  declare readonly slotById: Int32Array;
  /** Per slot: the id whose record is there. */
  declare readonly idBySlot: Int32Array;
  /** The ids freed since the last packing. */
  declare readonly holes: Int32Array;
  declare private readonly slotBytes: number;
  declare private readonly shape: StorageShape;
  declare private slots: number;
  // Records are copied through integer views grouped by width: bit-exact (a float view may rewrite a
  // NaN's payload) and one element type per loop, so each copy site stays monomorphic in V8.
  /** A 32-bit integer view of every 4-byte field, and two words per element of every 8-byte field. */
  declare private readonly words: Int32Array[];
  declare private readonly doubleWords: Int32Array[];
  declare private readonly halves: Int16Array[];
  declare private readonly bytes: Int8Array[];
  /** What debug mode writes over each 4-byte field of a freed record. */
  declare private readonly wordPoison: number[];
  /** Every backing buffer, bookkeeping first, so growth resizes them together and snapshots copy them in order. */
  private readonly stores: BackingStore[] = [];
  /** Buffers handed over by `attach`, taken in the order they are made. */
  declare private readonly given: readonly unknown[] | undefined;
  /** Slots the snapshot views cover (-1: none made yet). */
  private prefixSlots = -1;

  /** @throws TypeError naming `description.buffers[i]` when a given buffer does not fit. */
  constructor(shape: StorageShape, fields: S | undefined, slotBytes: number, given?: readonly unknown[]) {
    this.shape = shape;
    this.slots = shape.slots;
    this.slotBytes = slotBytes;
    this.given = given;
    this.words = [];
    this.doubleWords = [];
    this.halves = [];
    this.bytes = [];
    this.wordPoison = [];
    this.generation = new Uint32Array(this.makeBuffer(4));
    this.slotById = new Int32Array(this.makeBuffer(4));
    this.idBySlot = new Int32Array(this.makeBuffer(4));
    this.holes = new Int32Array(this.makeBuffer(4));
    const arrays: Record<string, FieldArray<FieldType>> = {};
    for (const name in fields) {
      const Type = ARRAY_TYPES[fields[name]];
      const buffer = this.makeBuffer(Type.BYTES_PER_ELEMENT);
      arrays[name] = new Type(buffer as ArrayBuffer);
      this.addCopyView(buffer, Type);
    }
    this.fields = arrays as FieldArrays<S>;
    // The raw-slot buffer is sized in whole 8-byte words so every view covers it.
    const raw = this.makeBuffer(slotBytes, 8);
    this.u8 = new Uint8Array(raw);
    this.i32 = new Int32Array(raw);
    this.u32 = new Uint32Array(raw);
    this.f32 = new Float32Array(raw);
    this.f64 = new Float64Array(raw);
    if (given !== undefined && given.length !== this.stores.length) {
      throw new TypeError(
        `description.buffers must hold the pool's ${this.stores.length} buffers, got ${given.length}`,
      );
    }
  }

  /** Every backing buffer, in the order `attach` takes them. */
  get buffers(): (ArrayBuffer | SharedArrayBuffer)[] {
    return this.stores.map((store) => store.buffer);
  }

  /**
   * Resizes every buffer to `slots` slots, or none: if one cannot, those already resized are put back
   * and the error is rethrown.
   */
  resize(slots: number): void {
    const stores = this.stores;
    let done = 0;
    try {
      for (; done < stores.length; done++) resizeStore(stores[done], slots);
    } catch (error) {
      for (let i = 0; i < done; i++) resizeStore(stores[i], this.slots);
      throw error;
    }
    this.slots = slots;
    this.prefixSlots = -1;
  }

  /** Copies the record in slot `from` (every field and its raw bytes) over the record in slot `to`. */
  move(from: number, to: number): void {
    const words = this.words;
    for (let k = 0; k < words.length; k++) words[k][to] = words[k][from];
    const doubleWords = this.doubleWords;
    for (let k = 0; k < doubleWords.length; k++) {
      const a = doubleWords[k];
      a[2 * to] = a[2 * from];
      a[2 * to + 1] = a[2 * from + 1];
    }
    const halves = this.halves;
    for (let k = 0; k < halves.length; k++) halves[k][to] = halves[k][from];
    const bytes = this.bytes;
    for (let k = 0; k < bytes.length; k++) bytes[k][to] = bytes[k][from];
    const slotBytes = this.slotBytes;
    if ((slotBytes & 3) === 0) {
      const i32 = this.i32;
      const n = slotBytes >> 2;
      for (let k = 0; k < n; k++) i32[to * n + k] = i32[from * n + k];
    } else {
      const u8 = this.u8;
      for (let k = 0; k < slotBytes; k++) u8[to * slotBytes + k] = u8[from * slotBytes + k];
    }
  }

  /** Debug mode: writes NaN over the float fields of `slot` and 0xAA bytes over the rest and its raw bytes. */
  poison(slot: number): void {
    for (let k = 0; k < this.words.length; k++) this.words[k][slot] = this.wordPoison[k];
    for (const a of this.doubleWords) {
      a[2 * slot] = 0;
      a[2 * slot + 1] = F64_POISON_HIGH;
    }
    for (const a of this.halves) a[slot] = BYTE_POISON_32;
    for (const a of this.bytes) a[slot] = BYTE_POISON_32;
    this.u8.fill(POISON_BYTE, slot * this.slotBytes, (slot + 1) * this.slotBytes);
  }

  /** Zeroes the fields and raw bytes of slots `from` to `to` - 1, as a new pool has them. */
  clear(from: number, to: number): void {
    for (const group of [this.words, this.halves, this.bytes]) for (const a of group) a.fill(0, from, to);
    for (const a of this.doubleWords) a.fill(0, 2 * from, 2 * to);
    this.u8.fill(0, from * this.slotBytes, to * this.slotBytes);
  }

  /** Bytes {@link copyOut} writes for the first `slots` slots: each buffer's part, padded to 8 bytes. */
  payloadBytes(slots: number): number {
    let bytes = 0;
    for (const store of this.stores) bytes += roundUp(storeBytes(store, slots), 8);
    return bytes;
  }

  /**
   * Copies the first `slots` slots of every buffer into `into` from `at`, one `set` per buffer. The
   * views it copies from are made when `slots` changes, so a steady pool's snapshots make no objects.
   */
  copyOut(into: Uint8Array, at: number, slots: number): void {
    const stores = this.stores;
    if (slots !== this.prefixSlots) {
      for (const store of stores) store.prefix = new Uint8Array(store.buffer, 0, storeBytes(store, slots));
      this.prefixSlots = slots;
    }
    for (let i = 0; i < stores.length; i++) {
      const store = stores[i];
      into.set(store.prefix!, at);
      at += roundUp(store.prefix!.length, 8);
    }
  }

  /** Copies what {@link copyOut} wrote for `slots` slots back from `from` at `at`. */
  copyIn(from: Uint8Array, at: number, slots: number): void {
    for (const store of this.stores) {
      const bytes = storeBytes(store, slots);
      new Uint8Array(store.buffer, 0, bytes).set(from.subarray(at, at + bytes));
      at += roundUp(bytes, 8);
    }
  }

  /** The bookkeeping arrays of a snapshot of `slots` slots written at `at` of `from`, for checking. */
  bookkeepingIn(from: Uint8Array, at: number, slots: number): Bookkeeping {
    const start = from.byteOffset + at;
    const stride = roundUp(4 * slots, 8);
    // Read in place when aligned, as a ring lays snapshots out; a copy otherwise.
    const source = start % 4 === 0 ? from.buffer : from.slice(at, at + 4 * stride).buffer;
    const base = start % 4 === 0 ? start : 0;
    return {
      generation: new Uint32Array(source, base, slots),
      slotById: new Int32Array(source, base + stride, slots),
      idBySlot: new Int32Array(source, base + 2 * stride, slots),
      holes: new Int32Array(source, base + 3 * stride, slots),
    };
  }

  private addCopyView(buffer: ArrayBuffer | SharedArrayBuffer, Type: ArrayType): void {
    const width = Type.BYTES_PER_ELEMENT;
    if (width === 8) this.doubleWords.push(new Int32Array(buffer));
    else if (width === 4) {
      this.words.push(new Int32Array(buffer));
      this.wordPoison.push(Type === Float32Array ? F32_POISON : BYTE_POISON_32);
    } else if (width === 2) this.halves.push(new Int16Array(buffer));
    else this.bytes.push(new Int8Array(buffer));
  }

  /** One backing buffer of `bytesPerSlot * slots` bytes (or the next given one), resizable up to `maxSlots` when growable. */
  private makeBuffer(bytesPerSlot: number, align = 1): ArrayBuffer | SharedArrayBuffer {
    const { growable, shared, maxSlots } = this.shape;
    const byteLength = roundUp(this.slots * bytesPerSlot, align);
    const maxByteLength = roundUp(maxSlots * bytesPerSlot, align);
    let buffer: ArrayBuffer | SharedArrayBuffer;
    if (this.given !== undefined) {
      buffer = givenBuffer(this.given, this.stores.length, byteLength, growable ? maxByteLength : -1);
    } else if (shared) {
      buffer = growable
        ? new SharedArrayBuffer(byteLength, { maxByteLength })
        : new SharedArrayBuffer(byteLength);
    } else {
      buffer = growable ? new ArrayBuffer(byteLength, { maxByteLength }) : new ArrayBuffer(byteLength);
    }
    this.stores.push({ buffer, bytesPerSlot, align, prefix: null });
    return buffer;
  }
}

interface BackingStore {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly bytesPerSlot: number;
  readonly align: number;
  /** A view of the bytes of the first slots a snapshot copies, made when that count changes. */
  prefix: Uint8Array | null;
}

/**
 * Given buffer `index`, checked to be a shared buffer of `byteLength` bytes (at least: its owner may
 * have grown it since), growable to exactly `maxByteLength` bytes (-1: not growable).
 */
function givenBuffer(given: readonly unknown[], index: number, byteLength: number, maxByteLength: number) {
  const buffer = given[index];
  const fits =
    buffer instanceof SharedArrayBuffer &&
    buffer.byteLength >= byteLength &&
    (maxByteLength === -1 ? !buffer.growable : buffer.growable && buffer.maxByteLength === maxByteLength);
  if (!fits) {
    throw new TypeError(
      `description.buffers[${index}] must be the pool's ${maxByteLength === -1 ? '' : 'growable '}SharedArrayBuffer of ${byteLength} bytes, got ${describeValue(buffer)}`,
    );
  }
  return buffer;
}

/** Bytes of `store` that hold its first `slots` slots. */
function storeBytes(store: BackingStore, slots: number): number {
  return roundUp(slots * store.bytesPerSlot, store.align);
}

function resizeStore(store: BackingStore, slots: number): void {
  const byteLength = storeBytes(store, slots);
  if (store.buffer instanceof ArrayBuffer) store.buffer.resize(byteLength);
  else store.buffer.grow(byteLength);
}

function roundUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}
