/**
 * The library's fast paths with no debug, fault-injection or sharing code at all: what debug mode off
 * is measured against (`npm run bench -- memory`, the debug-mode groups). Each copies the library's
 * code line for line except the branch that sends a debug, failing or shared allocator to its checked path.
 */
import { HANDLE_LIMIT, MAX_ALIGNMENT, OutOfMemoryError, StaleHandleError } from '../src/memory/index.ts';

/**
 * FixedBufferAllocator's allocation with no debug code at all: the same inline checks, counters and
 * peak, and the failure counted inline where the library goes to its slow path (which debug mode and
 * shared memory use).
 */
export class NoDebugBump {
  used = 0;
  highWater = 0;
  allocCount = 0;
  failureCount = 0;
  readonly f64: Float64Array;
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.f64 = new Float64Array(capacity / 8);
  }

  alloc(byteLength: number, alignment = 8): number {
    const offset = this.tryAlloc(byteLength, alignment);
    if (offset === -1) throw new OutOfMemoryError(byteLength, 0, this.capacity);
    return offset;
  }

  tryAlloc(byteLength: number, alignment = 8): number {
    if (
      !(typeof byteLength === 'number' && (byteLength | 0) === byteLength && byteLength >= 0) ||
      !(
        typeof alignment === 'number' &&
        (alignment | 0) === alignment &&
        alignment > 0 &&
        alignment <= MAX_ALIGNMENT &&
        (alignment & (alignment - 1)) === 0
      )
    ) {
      throw new RangeError('bad arguments');
    }
    const mask = alignment - 1;
    const offset = (this.used + mask) & ~mask;
    const end = offset + byteLength;
    if (end > this.capacity) {
      this.failureCount++;
      return -1;
    }
    this.used = end;
    if (end > this.highWater) this.highWater = end;
    this.allocCount++;
    return offset;
  }

  reset(): void {
    this.used = 0;
  }
}

/**
 * MemoryPool's alloc and free with no debug, fault-injection or sharing code at all: PackedPool's fast
 * paths copied (alloc, tryAlloc, take and extend; free, isAlive and release) over the same bookkeeping,
 * without the branch on `mode` that sends the others to their checked paths.
 */
export class NoDebugPool {
  highWater = 0;
  allocCount = 0;
  freeCount = 0;
  failureCount = 0;
  declare readonly generation: Uint32Array;
  declare readonly slotById: Int32Array;
  declare readonly idBySlot: Int32Array;
  declare readonly holes: Int32Array;
  declare readonly counts: Int32Array;
  declare readonly slots: number;
  declare readonly indexBits: number;
  declare readonly indexMask: number;
  declare readonly generationMask: number;

  constructor(slots: number) {
    this.slots = slots;
    this.generation = new Uint32Array(slots);
    this.slotById = Int32Array.from({ length: slots }, (_, i) => i);
    this.idBySlot = Int32Array.from({ length: slots }, (_, i) => i);
    this.holes = new Int32Array(slots);
    this.counts = new Int32Array(new ArrayBuffer(48), 0, 4);
    this.indexBits = Math.ceil(Math.log2(slots));
    this.indexMask = (1 << this.indexBits) - 1;
    this.generationMask = (HANDLE_LIMIT >>> this.indexBits) - 1;
  }

  alloc(): number {
    const handle = this.tryAlloc();
    if (handle === -1) throw new OutOfMemoryError(1, 0, this.slots, 'slots');
    return handle;
  }

  tryAlloc(): number {
    return this.take();
  }

  free(handle: number): void {
    if (!this.isAlive(handle)) throw new StaleHandleError(handle);
    this.release(handle);
  }

  isAlive(handle: number): boolean {
    if (!(typeof handle === 'number' && handle >= 0 && handle < HANDLE_LIMIT && (handle | 0) === handle)) {
      return false;
    }
    const id = handle & this.indexMask;
    const generation = this.generation[id];
    return id < this.slots && (generation & 1) === 1 && generation === handle >>> this.indexBits;
  }

  private take(): number {
    const counts = this.counts;
    const holes = counts[1];
    const end = counts[0];
    let id: number;
    if (holes !== 0) {
      id = this.holes[holes - 1];
      counts[1] = holes - 1;
    } else {
      if (end === counts[2] && !this.extend(end)) {
        this.failureCount++;
        return -1;
      }
      id = this.idBySlot[end];
      counts[0] = end + 1;
    }
    const generation = (this.generation[id] + 1) & this.generationMask;
    this.generation[id] = generation;
    const live = end - holes + 1;
    if (live > this.highWater) this.highWater = live;
    this.allocCount++;
    return (generation << this.indexBits) | id;
  }

  private release(handle: number): void {
    const id = handle & this.indexMask;
    this.generation[id] = (this.generation[id] + 1) & this.generationMask;
    const counts = this.counts;
    const holes = counts[1];
    this.holes[holes] = id;
    counts[1] = holes + 1;
    this.freeCount++;
  }

  private extend(end: number): boolean {
    if (end === this.slots) return false;
    this.counts[2] = end + 1;
    return true;
  }
}
