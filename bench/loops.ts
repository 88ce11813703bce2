/**
 * The memory core's two hot loops, each beside its hand-written baseline, as bench cases. The classes
 * are passed in, so the same loops measure whichever copy of a module a loader produced: the sources
 * under tsx, the Vite library bundle, or Vitest's module runner (bench/loaders.bench.ts).
 *
 * - frame arena: one op is one allocation of 16-64 bytes; frames of `frame` allocations, then a reset.
 * - slot pool: one op is one free + alloc pair; 1,024 live handles, churned 16 at a time.
 * - pool walk: one op is one record moved (x += vx, y += vy) by a loop to `pool.live`, against the
 *   same loop over plain typed arrays of the live length.
 *
 * Every case does the same work as its baseline and consumes each result (writes into the memory or
 * sums the offset/handle into the checksum), so the JIT cannot drop it. Each class has a loop of its
 * own on purpose: closures made from one function literal share their type feedback, so one generic
 * loop over several classes would make its call sites polymorphic and measure V8's dispatch instead.
 */
import type { FixedBufferAllocator, MemoryPool } from '../src/memory/index.ts';
import type { HandBump, HandFreeList } from './baselines.ts';
import type { BenchCase } from './harness.ts';
import { permutation } from './random.ts';

// The loops' constants live in this module: under Vitest's module runner an imported binding is a
// getter on a module object, and reading one in a hot loop costs more than the allocator does.

/** Allocation sizes cycle through these: 16-64 bytes, 40 on average, all at 8-byte alignment. */
export const SIZES = Int32Array.of(16, 24, 32, 40, 48, 56, 64, 40);
/** Room for frames of up to 1,600 allocations (too long a frame throws out of memory). */
const ARENA_BYTES = 64 * 1024;

/** A hand-written bump allocator (`top` in a class field) in frames of `frame` allocations. */
export function handBumpCase(Bump: typeof HandBump, frame: number): BenchCase {
  const arena = new Bump(ARENA_BYTES);
  const f64 = new Float64Array(ARENA_BYTES / 8);
  return {
    name: 'hand-written bump (`top` field)',
    quantum: frame,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; ) {
        arena.reset();
        for (const end = i + frame; i < end; i++) {
          const off = arena.alloc(SIZES[i & 7], 8);
          f64[off >> 3] = i;
          sum = (sum + off) | 0;
        }
      }
      return sum;
    },
  };
}

/** `FixedBufferAllocator.alloc` in frames of `frame` allocations, each frame after a `reset`. */
export function fixedBufferCase(Arena: typeof FixedBufferAllocator, frame: number): BenchCase {
  const arena = new Arena(ARENA_BYTES);
  const f64 = arena.f64;
  return {
    name: 'FixedBufferAllocator.alloc',
    quantum: frame,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; ) {
        arena.reset();
        for (const end = i + frame; i < end; i++) {
          const off = arena.alloc(SIZES[i & 7], 8);
          f64[off >> 3] = i;
          sum = (sum + off) | 0;
        }
      }
      return sum;
    },
  };
}

/** Slot pools: LIVE handles in a ring; each step frees CHURN of them (a fixed random order, distinct
 * within a step) and allocates CHURN new ones into the same ring positions. */
export const POOL_CAPACITY = 4096;
export const LIVE = 1024;
export const CHURN = 16;
export const ORDER = permutation(LIVE, 2);

/** A hand-written `Int32Array` free list with generation-checked handles: `free` + `alloc` pairs. */
export function handFreeListCase(FreeList: typeof HandFreeList): BenchCase {
  const pool = new FreeList(POOL_CAPACITY);
  const ring = new Int32Array(LIVE);
  for (let k = 0; k < LIVE; k++) ring[k] = pool.alloc();
  return {
    name: 'hand-written Int32Array free list + generation',
    quantum: CHURN,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i += CHURN) {
        const base = i & (LIVE - 1);
        for (let j = 0; j < CHURN; j++) pool.free(ring[ORDER[base + j]]);
        for (let j = 0; j < CHURN; j++) {
          const h = pool.alloc();
          ring[ORDER[base + j]] = h;
          sum = (sum + h) | 0;
        }
      }
      return sum;
    },
  };
}

/** `MemoryPool` `free` + `alloc` pairs on a pool of four f32 fields. */
export function memoryPoolCase(Pool: typeof MemoryPool): BenchCase {
  const pool = new Pool({
    capacity: POOL_CAPACITY,
    fields: { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32' },
  });
  const ring = new Int32Array(LIVE);
  for (let k = 0; k < LIVE; k++) ring[k] = pool.alloc();
  return {
    name: 'MemoryPool `free` + `alloc`',
    quantum: CHURN,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i += CHURN) {
        const base = i & (LIVE - 1);
        for (let j = 0; j < CHURN; j++) pool.free(ring[ORDER[base + j]]);
        for (let j = 0; j < CHURN; j++) {
          const h = pool.alloc();
          ring[ORDER[base + j]] = h;
          sum = (sum + h) | 0;
        }
      }
      return sum;
    },
  };
}

/** Records of the walk loops: a busy system's pool, and a multiple of every frame size above. */
export const WALK = 8192;
const STEP = 1 / 60;

/** Four plain `Float32Array`s of `WALK` records: the loop a system over its own arrays would be. */
export function handWalkCase(): BenchCase {
  const [x, y, vx, vy] = [0, 1, 2, 3].map(() => new Float32Array(WALK));
  vx.fill(1);
  vy.fill(-1);
  return {
    name: 'hand-written loop over `Float32Array`s',
    quantum: WALK,
    run(ops) {
      for (let i = 0; i < ops; i += WALK) {
        for (let s = 0; s < WALK; s++) {
          x[s] += vx[s] * STEP;
          y[s] += vy[s] * STEP;
        }
      }
      return x[0] | 0;
    },
  };
}

/** The same loop over a `MemoryPool`'s fields, to `pool.live` (the pool's live records are packed). */
export function poolWalkCase(Pool: typeof MemoryPool): BenchCase {
  const pool = new Pool({ capacity: WALK, fields: { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32' } });
  for (let k = 0; k < WALK; k++) pool.alloc();
  const { x, y, vx, vy } = pool.fields;
  vx.fill(1);
  vy.fill(-1);
  return {
    name: 'MemoryPool walk to `pool.live`',
    quantum: WALK,
    run(ops) {
      for (let i = 0; i < ops; i += WALK) {
        for (let s = 0, n = pool.live; s < n; s++) {
          x[s] += vx[s] * STEP;
          y[s] += vy[s] * STEP;
        }
      }
      return x[0] | 0;
    },
  };
}
