/**
 * Minimal hand-written reference implementations: what a programmer who needs no checks, counters or
 * growth would write inline. The library is measured against these.
 */

/** A bump allocator with its `top` in a class field: align, bounds check, bump. */
export class HandBump {
  top = 0;
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  alloc(byteLength: number, alignment: number): number {
    const mask = alignment - 1;
    const offset = (this.top + mask) & ~mask;
    const end = offset + byteLength;
    if (end > this.capacity) throw new RangeError('HandBump: out of memory');
    this.top = end;
    return offset;
  }

  reset(): void {
    this.top = 0;
  }
}

const INDEX_BITS = 20;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
const GEN_MASK = (1 << (30 - INDEX_BITS)) - 1;

/**
 * An Int32Array free list with generation-checked handles `index | gen << 20` (the handle stays
 * below 2^30): LIFO, `free` bumps the slot's generation so a second free of the same handle throws.
 */
export class HandFreeList {
  private readonly next: Int32Array;
  private readonly gen: Int32Array;
  private head = 0;

  constructor(capacity: number) {
    this.next = new Int32Array(capacity);
    this.gen = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.next[i] = i + 1;
    this.next[capacity - 1] = -1;
  }

  alloc(): number {
    const index = this.head;
    if (index === -1) throw new RangeError('HandFreeList: full');
    this.head = this.next[index];
    return index | (this.gen[index] << INDEX_BITS);
  }

  free(handle: number): void {
    const index = handle & INDEX_MASK;
    if (this.gen[index] !== handle >>> INDEX_BITS) throw new RangeError('HandFreeList: stale handle');
    this.gen[index] = (this.gen[index] + 1) & GEN_MASK;
    this.next[index] = this.head;
    this.head = index;
  }
}

/** The record a JS game would otherwise allocate per entity. */
export interface Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

export function newParticle(x: number): Particle {
  return { x, y: 0, vx: 0, vy: 0 };
}

/** The classic JS object pool: a preallocated stack of objects with an explicit top index. */
export class ObjectPool {
  private readonly stack: Particle[];
  private top: number;

  constructor(capacity: number) {
    this.stack = [];
    for (let i = 0; i < capacity; i++) this.stack.push(newParticle(0));
    this.top = capacity;
  }

  alloc(): Particle {
    if (this.top === 0) throw new RangeError('ObjectPool: empty');
    return this.stack[--this.top];
  }

  free(p: Particle): void {
    this.stack[this.top++] = p;
  }
}
