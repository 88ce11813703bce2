import type { Allocator } from './Allocator.ts';
import { ArenaAllocator } from './ArenaAllocator.ts';
import { MAX_ALIGNMENT } from './bumpOptions.ts';
import { describeValue, requireCount, requireOptions, requirePowerOfTwo } from './checks.ts';
import { OutOfMemoryError } from './errors.ts';

/** Options for {@link failingAllocator}. */
export interface FailingAllocatorOptions {
  /**
   * Index of the first allocation that fails, counting from 0 as Zig's `fail_index` does: `failAt: 2`
   * lets two allocations succeed and fails the third and every one after it. `Infinity` never fails.
   */
  failAt: number;
}

/**
 * An {@link Allocator} around another that makes allocations fail on purpose, after Zig's
 * `FailingAllocator`: the `failAt`-th allocation (from 0) and every one after it fail as if memory ran
 * out: `alloc` throws `OutOfMemoryError`, `tryAlloc` returns -1, a growing `resize` returns false.
 * Every `alloc`, `tryAlloc`, typed allocation and growing `resize` that succeeds counts as one
 * allocation; frees, rollbacks and resets pass through. A refused allocation counts in
 * `failureCount` as a real one does (a refused resize, as a real one, does not).
 */
export class FailingAllocator implements Allocator {
  /** The allocator that serves the allocations that do not fail. */
  readonly inner: Allocator;
  /** Index of the first allocation that fails. */
  readonly failAt: number;
  /** Allocations that succeeded through this wrapper (Zig's `alloc_index`). */
  allocations = 0;
  /** Allocations (not resizes) this wrapper refused on purpose. */
  injectedFailures = 0;

  /** @throws TypeError or RangeError naming `inner` or `failAt`. */
  constructor(inner: Allocator, options: FailingAllocatorOptions) {
    if (typeof inner !== 'object' || inner === null || typeof inner.tryAlloc !== 'function') {
      throw new TypeError(`inner must be an Allocator, got ${describeValue(inner)}`);
    }
    requireOptions(options);
    const { failAt } = options;
    if (failAt !== Number.POSITIVE_INFINITY) requireCount('failAt', failAt);
    this.inner = inner;
    this.failAt = failAt;
  }

  // Read through to the inner allocator: defined on the prototype below, from FORWARDED.
  declare readonly buffer: ArrayBuffer | SharedArrayBuffer;
  declare readonly u8: Uint8Array;
  declare readonly i32: Int32Array;
  declare readonly u32: Uint32Array;
  declare readonly f32: Float32Array;
  declare readonly f64: Float64Array;
  declare readonly capacity: number;
  declare readonly used: number;
  declare readonly available: number;
  declare readonly allocCount: number;
  declare readonly epoch: number;
  // Passed through to the inner allocator: defined on the prototype below, from PASSED.
  declare free: (offset: number, byteLength: number) => void;
  declare isLastAllocation: (offset: number, byteLength: number) => boolean;
  declare owns: (offset: number) => boolean;
  declare mark: () => number;
  declare rollback: (mark: number) => void;
  declare reset: () => void;
  declare resetHighWater: () => void;
  declare releasedBelow: (end: number, epoch: number) => boolean;

  /** The inner allocator's peak (writable, as the interface asks). */
  get highWater() {
    return this.inner.highWater;
  }
  set highWater(value: number) {
    this.inner.highWater = value;
  }
  /** The inner allocator's refusals plus the failures injected here. */
  get failureCount() {
    return this.inner.failureCount + this.injectedFailures;
  }
  /** See {@link Allocator.alloc}; fails on purpose from the `failAt`-th allocation on. */
  alloc(byteLength: number, alignment = 8): number {
    return this.mustFit(this.tryAlloc(byteLength, alignment), byteLength);
  }
  /** See {@link Allocator.tryAlloc}. */
  tryAlloc(byteLength: number, alignment = 8): number {
    requireCount('byteLength', byteLength);
    requirePowerOfTwo('alignment', alignment, MAX_ALIGNMENT);
    return this.admit() ? this.counted(this.inner.tryAlloc(byteLength, alignment)) : -1;
  }
  /** See {@link Allocator.allocF32}. */
  allocF32(count: number): number {
    return this.mustFit(this.tryAllocF32(count), count * 4);
  }
  /** See {@link Allocator.allocF64}. */
  allocF64(count: number): number {
    return this.mustFit(this.tryAllocF64(count), count * 8);
  }
  /** See {@link Allocator.allocI32}. */
  allocI32(count: number): number {
    return this.mustFit(this.tryAllocI32(count), count * 4);
  }
  /** See {@link Allocator.allocU32}. */
  allocU32(count: number): number {
    return this.mustFit(this.tryAllocU32(count), count * 4);
  }
  /** See {@link Allocator.allocU8}. */
  allocU8(count: number): number {
    return this.mustFit(this.tryAllocU8(count), count);
  }
  /** See {@link Allocator.tryAllocF32}. */
  tryAllocF32(count: number): number {
    return this.admitCount(count) ? this.counted(this.inner.tryAllocF32(count)) : -1;
  }
  /** See {@link Allocator.tryAllocF64}. */
  tryAllocF64(count: number): number {
    return this.admitCount(count) ? this.counted(this.inner.tryAllocF64(count)) : -1;
  }
  /** See {@link Allocator.tryAllocI32}. */
  tryAllocI32(count: number): number {
    return this.admitCount(count) ? this.counted(this.inner.tryAllocI32(count)) : -1;
  }
  /** See {@link Allocator.tryAllocU32}. */
  tryAllocU32(count: number): number {
    return this.admitCount(count) ? this.counted(this.inner.tryAllocU32(count)) : -1;
  }
  /** See {@link Allocator.tryAllocU8}. */
  tryAllocU8(count: number): number {
    return this.admitCount(count) ? this.counted(this.inner.tryAllocU8(count)) : -1;
  }

  /** See {@link Allocator.resize}; a resize that would grow the last allocation counts as an allocation. */
  resize(offset: number, oldByteLength: number, newByteLength: number): boolean {
    requireCount('newByteLength', newByteLength);
    if (newByteLength > oldByteLength && this.inner.isLastAllocation(offset, oldByteLength)) {
      // Refused as memory that ran out would refuse it: false, and (like a real resize) not counted.
      if (this.allocations >= this.failAt) return false;
      const grown = this.inner.resize(offset, oldByteLength, newByteLength);
      if (grown) this.allocations++;
      return grown;
    }
    return this.inner.resize(offset, oldByteLength, newByteLength);
  }
  /** Whether the next allocation may go through; counts the failure when it may not. */
  private admit(): boolean {
    if (this.allocations < this.failAt) return true;
    this.injectedFailures++;
    return false;
  }

  private admitCount(count: number): boolean {
    requireCount('count', count);
    return this.admit();
  }

  private counted(result: number): number {
    if (result !== -1) this.allocations++;
    return result;
  }

  private mustFit(result: number, byteLength: number): number {
    if (result === -1) throw new OutOfMemoryError(byteLength, this.inner.available, this.inner.capacity);
    return result;
  }
}

/** The figures and views a FailingAllocator reads from its inner allocator as they are. */
const FORWARDED = [
  'buffer',
  'u8',
  'i32',
  'u32',
  'f32',
  'f64',
  'capacity',
  'used',
  'available',
  'allocCount',
  'epoch',
] as const;
/** The calls a FailingAllocator passes to its inner allocator unchanged: nothing of them allocates. */
const PASSED = [
  'free',
  'isLastAllocation',
  'owns',
  'mark',
  'rollback',
  'reset',
  'resetHighWater',
  'releasedBelow',
] as const;
for (const name of FORWARDED) {
  Object.defineProperty(FailingAllocator.prototype, name, {
    get(this: FailingAllocator) {
      return this.inner[name];
    },
  });
}
for (const name of PASSED) {
  Object.defineProperty(FailingAllocator.prototype, name, {
    value(this: FailingAllocator, ...args: unknown[]) {
      return Reflect.apply(this.inner[name], this.inner, args);
    },
    writable: true,
  });
}

/** Wraps `inner` so that its `failAt`-th allocation (from 0) and every later one fail; see {@link FailingAllocator}. */
export function failingAllocator(inner: Allocator, options: FailingAllocatorOptions): FailingAllocator {
  return new FailingAllocator(inner, options);
}

/** One run of {@link checkAllAllocationFailures}. */
export interface AllocationFailureRun {
  /** The allocation made to fail (`Infinity` for the first run, which fails none and counts them). */
  readonly failAt: number;
  /** `'returned'`, `'out-of-memory'` (threw the documented `OutOfMemoryError`) or `'threw'` (anything else). */
  readonly outcome: 'returned' | 'out-of-memory' | 'threw';
  /** What it threw, if it threw. */
  readonly error?: unknown;
  /** What is wrong with the run, or empty: it threw something else, or left the allocator inconsistent. */
  readonly problem: string;
}

/** What {@link checkAllAllocationFailures} found. */
export interface AllocationFailureReport {
  /** Allocations `fn` made when none failed: one run was made per allocation. */
  readonly allocations: number;
  /** Every run, the counting run first. */
  readonly runs: readonly AllocationFailureRun[];
  /** The runs with a problem; empty when `fn` handles every failure point. */
  readonly problems: readonly AllocationFailureRun[];
}

/** Options for {@link checkAllAllocationFailures}. */
export interface CheckAllocationFailuresOptions {
  /** Makes the fresh allocator each run wraps. Default: a 16 MiB `ArenaAllocator` growing by 64 KiB. */
  inner?: () => Allocator;
}

/**
 * After Zig's `std.testing.checkAllAllocationFailures`: runs `fn` once with no failure to count its
 * allocations, then once per allocation with that one (and every later one) failing, each time on a
 * fresh {@link failingAllocator}. `fn` builds its own state from the allocator it is given and may
 * check that state itself (a throw is reported). A run has a problem when `fn` throws anything but
 * `OutOfMemoryError`, when the allocator is left inconsistent (`used` past `capacity`, a peak below
 * `used`), or when the failure point is never reached (memory use that depends on more than the
 * failures, as Zig's `NondeterministicMemoryUsage`).
 * @throws TypeError when `fn` is not a function or `options.inner` does not make an Allocator.
 */
export function checkAllAllocationFailures(
  fn: (allocator: Allocator) => void,
  options: CheckAllocationFailuresOptions = {},
): AllocationFailureReport {
  if (typeof fn !== 'function') throw new TypeError(`fn must be a function, got ${describeValue(fn)}`);
  const makeInner = options.inner ?? defaultInner;
  const runs: AllocationFailureRun[] = [];
  const counting = runOnce(fn, new FailingAllocator(makeInner(), { failAt: Number.POSITIVE_INFINITY }));
  runs.push(counting.run);
  for (let failAt = 0; failAt < counting.allocations; failAt++) {
    runs.push(runOnce(fn, new FailingAllocator(makeInner(), { failAt })).run);
  }
  return { allocations: counting.allocations, runs, problems: runs.filter((run) => run.problem !== '') };
}

function defaultInner(): Allocator {
  return new ArenaAllocator({ initialBytes: 0, chunkBytes: 64 * 1024, maxBytes: 16 << 20 });
}

function runOnce(fn: (allocator: Allocator) => void, allocator: FailingAllocator) {
  let outcome: AllocationFailureRun['outcome'] = 'returned';
  let error: unknown;
  try {
    fn(allocator);
  } catch (thrown) {
    error = thrown;
    outcome = thrown instanceof OutOfMemoryError ? 'out-of-memory' : 'threw';
  }
  const problems: string[] = [];
  if (outcome === 'threw') problems.push(`threw ${describeError(error)}`);
  if (!(allocator.used <= allocator.capacity))
    problems.push(`used ${allocator.used} is past capacity ${allocator.capacity}`);
  if (!(allocator.highWater >= allocator.used))
    problems.push(`highWater ${allocator.highWater} is below used ${allocator.used}`);
  if (allocator.failAt !== Number.POSITIVE_INFINITY && allocator.injectedFailures === 0) {
    problems.push(`allocation ${allocator.failAt} was never made: memory use differs between runs`);
  }
  const run: AllocationFailureRun = {
    failAt: allocator.failAt,
    outcome,
    problem: problems.join('; '),
    ...(outcome === 'returned' ? {} : { error }),
  };
  return { run, allocations: allocator.allocations };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error);
}
