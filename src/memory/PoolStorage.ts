import {
  ARRAY_TYPES,
  type FieldArray,
  type FieldArrays,
  type FieldSchema,
  type FieldType,
} from './fields.ts';

/** A typed-array constructor the storage can make per-slot arrays of. */
type ArrayType = (typeof ARRAY_TYPES)[FieldType];

/**
 * The typed arrays behind a {@link MemoryPool}: the struct-of-arrays fields, the raw byte slots and the
 * pool's own bookkeeping, each in a buffer of its own sized per slot, so that growth resizes them all
 * in place (ES2024 resizable `ArrayBuffer`s: views made without a length follow the new size, and
 * the arrays callers hold stay valid). It also moves a record from one slot to another, which is how
 * the pool keeps its live records packed.
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
  declare private readonly slotBytes: number;
  declare private readonly growable: boolean;
  declare private readonly maxSlots: number;
  declare private slots: number;
  // Records are copied through integer views grouped by width: bit-exact (a float view may rewrite a
  // NaN's payload) and one element type per loop, so each copy site stays monomorphic in V8.
  /** A 32-bit integer view of every 4-byte field, and two words per element of every 8-byte field. */
  declare private readonly words: Int32Array[];
  declare private readonly doubleWords: Int32Array[];
  declare private readonly halves: Int16Array[];
  declare private readonly bytes: Int8Array[];
  /** Every backing buffer, so growth can resize them together. */
  private readonly stores: BackingStore[] = [];

  constructor(slots: number, maxSlots: number, growable: boolean, fields: S | undefined, slotBytes: number) {
    this.slots = slots;
    this.maxSlots = maxSlots;
    this.growable = growable;
    this.slotBytes = slotBytes;
    this.words = [];
    this.doubleWords = [];
    this.halves = [];
    this.bytes = [];
    const arrays: Record<string, FieldArray<FieldType>> = {};
    for (const name in fields) {
      const Type = ARRAY_TYPES[fields[name]];
      const buffer = this.makeBuffer(Type.BYTES_PER_ELEMENT);
      arrays[name] = new Type(buffer);
      this.addCopyView(buffer, Type.BYTES_PER_ELEMENT);
    }
    this.fields = arrays as FieldArrays<S>;
    // The raw-slot buffer is sized in whole 8-byte words so every view covers it.
    const raw = this.makeBuffer(slotBytes, 8);
    this.u8 = new Uint8Array(raw);
    this.i32 = new Int32Array(raw);
    this.u32 = new Uint32Array(raw);
    this.f32 = new Float32Array(raw);
    this.f64 = new Float64Array(raw);
  }

  /** A zero-filled array of one `Type` element per slot that grows with the others (bookkeeping). */
  array<T extends ArrayType>(Type: T): InstanceType<T> {
    return new Type(this.makeBuffer(Type.BYTES_PER_ELEMENT)) as InstanceType<T>;
  }

  /**
   * Resizes every buffer to `slots` slots, or none: if one cannot grow, those already resized are put
   * back and the error is rethrown.
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

  private addCopyView(buffer: ArrayBuffer, width: number): void {
    if (width === 8) this.doubleWords.push(new Int32Array(buffer));
    else if (width === 4) this.words.push(new Int32Array(buffer));
    else if (width === 2) this.halves.push(new Int16Array(buffer));
    else this.bytes.push(new Int8Array(buffer));
  }

  /** One backing buffer of `bytesPerSlot * slots` bytes, resizable up to `maxSlots` when growable. */
  private makeBuffer(bytesPerSlot: number, align = 1): ArrayBuffer {
    const byteLength = roundUp(this.slots * bytesPerSlot, align);
    const buffer = this.growable
      ? new ArrayBuffer(byteLength, { maxByteLength: roundUp(this.maxSlots * bytesPerSlot, align) })
      : new ArrayBuffer(byteLength);
    this.stores.push({ buffer, bytesPerSlot, align });
    return buffer;
  }
}

interface BackingStore {
  readonly buffer: ArrayBuffer;
  readonly bytesPerSlot: number;
  readonly align: number;
}

function resizeStore(store: BackingStore, slots: number): void {
  store.buffer.resize(roundUp(slots * store.bytesPerSlot, store.align));
}

function roundUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}
