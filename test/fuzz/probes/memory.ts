/** Probes of `framepool`: the pool, field arrays and the frame arena. */
import {
  createFieldArrays,
  FixedBufferAllocator,
  MemoryPool,
  NotOwnerError,
  OutOfMemoryError,
  SnapshotRing,
  StaleHandleError,
} from '../../../src/memory/index.ts';
import { churnedPool, poolState } from '../../memory/helpers.ts';
import { acceptsKinds, type Probe, probe } from '../probe.ts';
import { type Bad, isWhole } from '../values.ts';

type Pool = ReturnType<typeof churnedPool>;
const FIELDS = { x: 'f32', hp: 'i16' } as const;
const pooled = () => churnedPool({ fields: FIELDS, slotBytes: 8 });
/** Freed handles of the pool, and live handles of another pool just like it. */
const staleHandles = ({ freed }: Pool) => [...freed, ...churnedPool({ fields: FIELDS, slotBytes: 8 }).live];
const state = ({ pool }: Pool) => ({
  ...poolState(pool),
  x: Array.from(pool.fields.x),
  u8: Array.from(pool.u8),
});
/** Handles come from `alloc`: anything else is a stale handle, the documented StaleHandleError. */
const STALE = { 0: [StaleHandleError] };

/** A whole number that is a valid size but too large to fit, so the call may refuse it as out of memory. */
const hugeCount = (bad: Bad) => bad.kind === 'huge' && isWhole(bad.value);

/** An arena mid-tick: three allocations, the last one [24, 32). */
function busyArena(): FixedBufferAllocator {
  const arena = new FixedBufferAllocator(256);
  arena.alloc(10);
  arena.alloc(4);
  arena.alloc(8);
  return arena;
}
const arenaState = (arena: FixedBufferAllocator) => ({
  used: arena.used,
  highWater: arena.highWater,
  allocCount: arena.allocCount,
  failureCount: arena.failureCount,
  u8: Array.from(arena.u8),
});
/** The state an allocation may not change even when it fails: all but the count of refusals. */
const allocationState = (arena: FixedBufferAllocator) => ({ ...arenaState(arena), failureCount: 0 });

/** `name(size)` on a busy arena: a bad size is a RangeError naming it; a huge whole one does not fit. */
function arenaSizeProbe(
  name: string,
  param: string,
  call: (arena: FixedBufferAllocator, size: unknown) => unknown,
) {
  const tries = name.startsWith('try');
  return probe({
    name: `FixedBufferAllocator#${name}`,
    params: [param],
    make: busyArena,
    valid: () => [8],
    call: (arena, [size]) => call(arena, size),
    state: allocationState,
    accepts: (_, bad) => (tries && hugeCount(bad) ? (result) => result === -1 : null),
    errors: tries ? {} : { 0: [OutOfMemoryError] },
  });
}

/** A shared pool in use, as `share` and `attach` see it. */
function sharedPool(): MemoryPool {
  const pool = new MemoryPool({ capacity: 8, fields: FIELDS, shared: true });
  pool.alloc();
  pool.free(pool.alloc());
  return pool;
}

/** A ring of a churned pool and a buffer, holding two snapshots. */
function busyRing() {
  const { pool, live } = pooled();
  const ship = new Float64Array(2);
  const ring = new SnapshotRing({ capacity: 4, pools: [pool], buffers: [ship] });
  ring.push();
  pool.free(live[0]);
  ship[0] = 5;
  ring.push();
  return { pool, ship, ring };
}
const ringState = ({ pool, ship, ring }: ReturnType<typeof busyRing>) => ({
  pool: poolState(pool),
  ship: Array.from(ship),
  length: ring.length,
});

interface Snapshotting {
  readonly snapshotBytes: number;
  snapshot(into: Uint8Array, offset?: number): number;
}

/** `name(into, offset)`: anything but a Uint8Array with room is refused, naming into or offset. */
function snapshotProbe<S>(
  name: string,
  param: string,
  make: () => S,
  of: (subject: S) => Snapshotting,
  call: (subject: S, into: unknown, offset: unknown) => unknown,
) {
  return probe({
    name,
    params: [param, 'offset'],
    make,
    valid: (subject) => [new Uint8Array(of(subject).snapshotBytes + 8), 8],
    call: (subject, [into, offset]) => call(subject, into, offset),
    // The offset has a default.
    accepts: acceptsKinds({ 1: ['undefined'] }, (bytes) => typeof bytes === 'number'),
  });
}

/** `name(from, offset)` given the subject's own snapshot: anything else is refused and nothing changes. */
function restoreProbe<S>(
  name: string,
  make: () => S,
  of: (subject: S) => Snapshotting,
  state: (subject: S) => unknown,
  call: (subject: S, from: unknown, offset: unknown) => unknown,
) {
  return probe({
    name,
    params: ['from', 'offset'],
    make,
    valid: (subject) => {
      const from = new Uint8Array(of(subject).snapshotBytes);
      of(subject).snapshot(from);
      return [from, 0];
    },
    call: (subject, [from, offset]) => call(subject, from, offset),
    state,
    // The offset defaults to 0, where the snapshot is: restoring the subject's own state changes nothing.
    accepts: acceptsKinds({ 1: ['undefined'] }),
    errors: { 0: [NotOwnerError] },
  });
}

export const MEMORY_PROBES: readonly Probe[] = [
  probe({
    name: 'new MemoryPool',
    params: ['capacity', 'fields', 'slotBytes', 'growable', 'maxCapacity', 'debug', 'failAt', 'shared'],
    make: () => null,
    valid: () => [8, FIELDS, 4, true, 64, true, 100, true],
    call: (_, [capacity, fields, slotBytes, growable, maxCapacity, debug, failAt, shared]) =>
      new MemoryPool({
        capacity: capacity as number,
        fields: fields as typeof FIELDS,
        slotBytes: slotBytes as number,
        growable: growable as boolean,
        maxCapacity: maxCapacity as number,
        debug: debug as boolean,
        failAt: failAt as number,
        shared: shared as boolean,
      }),
    // Fields and raw bytes are optional, the flags off unless `true`, the growth bound has a default,
    // and failAt may be Infinity (no failure).
    accepts: (index, bad) =>
      (bad.kind === 'undefined' && index !== 0) ||
      (index === 1 && bad.kind === 'object' && Object.keys(bad.value as object).length === 0) ||
      (index === 6 && (bad.value === Number.POSITIVE_INFINITY || hugeCount(bad)))
        ? (pool) => pool instanceof MemoryPool
        : null,
  }),
  probe({
    name: 'MemoryPool#free',
    params: ['handle'],
    make: pooled,
    stale: staleHandles,
    valid: ({ live }) => [live[0]],
    call: ({ pool }, [handle]) => pool.free(handle as number),
    state,
    errors: STALE,
  }),
  probe({
    name: 'MemoryPool#slotOf',
    params: ['handle'],
    make: pooled,
    stale: staleHandles,
    valid: ({ live }) => [live[0]],
    call: ({ pool }, [handle]) => pool.slotOf(handle as number),
    state,
    errors: STALE,
  }),
  probe({
    name: 'MemoryPool#offsetOf',
    params: ['handle'],
    make: pooled,
    stale: staleHandles,
    valid: ({ live }) => [live[0]],
    call: ({ pool }, [handle]) => pool.offsetOf(handle as number),
    state,
    errors: STALE,
  }),
  probe({
    name: 'MemoryPool#isAlive',
    params: ['handle'],
    make: pooled,
    stale: staleHandles,
    valid: ({ live }) => [live[0]],
    call: ({ pool }, [handle]) => pool.isAlive(handle as number),
    accepts: () => (alive) => alive === false,
  }),
  probe({
    name: 'MemoryPool#handleAt',
    params: ['slot'],
    make: pooled,
    valid: () => [0],
    call: ({ pool }, [slot]) => pool.handleAt(slot as number),
    accepts: () => (handle) => handle === -1,
  }),
  probe({
    name: 'MemoryPool#nextLive',
    params: ['slot'],
    make: pooled,
    valid: () => [-1],
    call: ({ pool }, [slot]) => pool.nextLive(slot as number),
    state,
    // -1 starts the walk; a slot past the end has no live slot after it.
    accepts: (_, bad) =>
      bad.value === -1 ? (next) => next === 0 : hugeCount(bad) ? (next) => next === -1 : null,
  }),
  probe({
    name: 'MemoryPool#forEachLive',
    params: ['visit'],
    make: pooled,
    valid: () => [() => {}],
    call: ({ pool }, [visit]) => pool.forEachLive(visit as () => void),
    state,
    // Any function is a visitor.
    accepts: acceptsKinds({ 0: ['function'] }),
  }),
  probe({
    name: 'MemoryPool#failAt (set)',
    params: ['failAt'],
    make: pooled,
    valid: () => [3],
    call: ({ pool }, [failAt]) => {
      pool.failAt = failAt as number;
    },
    state: ({ pool }) => ({ ...state({ pool } as Pool), failAt: pool.failAt }),
    accepts: (_, bad) => (bad.value === Number.POSITIVE_INFINITY || hugeCount(bad) ? () => true : null),
  }),
  probe({
    name: 'MemoryPool#share',
    params: ['owner'],
    make: sharedPool,
    valid: () => [true],
    call: (pool, [owner]) => pool.share({ owner: owner as boolean }),
    state: (pool) => ({ ...poolState(pool), owner: pool.owner }),
    accepts: acceptsKinds({ 0: ['undefined'] }, (description) => typeof description === 'object'),
  }),
  probe({
    name: 'MemoryPool.attach',
    params: ['description'],
    make: sharedPool,
    valid: (pool) => [pool.share()],
    call: (_, [description]) => MemoryPool.attach(description as never),
    state: poolState,
  }),
  snapshotProbe(
    'MemoryPool#snapshot',
    'into',
    pooled,
    ({ pool }) => pool,
    ({ pool }, into, offset) => pool.snapshot(into as Uint8Array, offset as number),
  ),
  restoreProbe(
    'MemoryPool#restore',
    pooled,
    ({ pool }) => pool,
    state,
    ({ pool }, from, offset) => pool.restore(from as Uint8Array, offset as number),
  ),
  restoreProbe(
    'MemoryPool#checkSnapshot',
    pooled,
    ({ pool }) => pool,
    state,
    ({ pool }, from, offset) => pool.checkSnapshot(from as Uint8Array, offset as number),
  ),
  snapshotProbe(
    'FixedBufferAllocator#snapshot',
    'into',
    busyArena,
    (arena) => arena,
    (arena, into, offset) => arena.snapshot(into as Uint8Array, offset as number),
  ),
  restoreProbe(
    'FixedBufferAllocator#restore',
    busyArena,
    (arena) => arena,
    arenaState,
    (arena, from, offset) => arena.restore(from as Uint8Array, offset as number),
  ),
  probe({
    name: 'new SnapshotRing',
    params: ['capacity', 'pools', 'buffers'],
    make: () => null,
    valid: () => [4, [pooled().pool], [new Float64Array(2)]],
    call: (_, [capacity, pools, buffers]) =>
      new SnapshotRing({ capacity: capacity as number, pools: pools as never, buffers: buffers as never }),
    // Pools and buffers are optional, and an empty list of either is a list.
    accepts: (index, bad) =>
      index > 0 && (bad.kind === 'undefined' || (Array.isArray(bad.value) && bad.value.length === 0))
        ? (ring) => ring instanceof SnapshotRing
        : null,
  }),
  probe({
    name: 'SnapshotRing#restore',
    params: ['k'],
    make: busyRing,
    valid: () => [1],
    call: ({ ring }, [k]) => ring.restore(k as number),
    state: ringState,
    accepts: acceptsKinds({ 0: ['undefined'] }),
  }),
  probe({
    name: 'SnapshotRing#drop',
    params: ['count'],
    make: busyRing,
    valid: () => [1],
    call: ({ ring }, [count]) => ring.drop(count as number),
    state: ringState,
    accepts: (_, bad) => (bad.kind === 'undefined' ? () => true : null),
  }),
  probe({
    name: 'createFieldArrays',
    params: ['fields', 'length'],
    make: () => null,
    valid: () => [FIELDS, 16],
    call: (_, [fields, length]) => createFieldArrays(fields as typeof FIELDS, length as number),
    accepts: (index, bad) =>
      index === 0 && bad.kind === 'object' && Object.keys(bad.value as object).length === 0
        ? () => true
        : null,
  }),
  arenaSizeProbe('alloc', 'byteLength', (arena, size) => arena.alloc(size as number)),
  arenaSizeProbe('tryAlloc', 'byteLength', (arena, size) => arena.tryAlloc(size as number)),
  arenaSizeProbe('allocF32', 'count', (arena, size) => arena.allocF32(size as number)),
  arenaSizeProbe('tryAllocF64', 'count', (arena, size) => arena.tryAllocF64(size as number)),
  arenaSizeProbe('allocI32', 'count', (arena, size) => arena.allocI32(size as number)),
  arenaSizeProbe('tryAllocU8', 'count', (arena, size) => arena.tryAllocU8(size as number)),
  probe({
    name: 'FixedBufferAllocator#alloc (alignment)',
    params: ['alignment'],
    make: busyArena,
    valid: () => [16],
    call: (arena, [alignment]) => arena.alloc(8, alignment as number),
    state: arenaState,
    accepts: acceptsKinds({ 0: ['undefined'] }),
  }),
  probe({
    name: 'FixedBufferAllocator#resize',
    params: ['offset', 'oldByteLength', 'newByteLength'],
    make: busyArena,
    valid: () => [24, 8, 4],
    call: (arena, [offset, oldLength, newLength]) =>
      arena.resize(offset as number, oldLength as number, newLength as number),
    state: arenaState,
    // A whole new length that cannot fit: resize says no.
    accepts: (index, bad) => (index === 2 && hugeCount(bad) ? (grown) => grown === false : null),
  }),
  probe({
    name: 'FixedBufferAllocator#free',
    params: ['offset', 'byteLength'],
    make: busyArena,
    valid: () => [24, 8],
    call: (arena, [offset, byteLength]) => arena.free(offset as number, byteLength as number),
    state: arenaState,
  }),
  probe({
    name: 'FixedBufferAllocator#rollback',
    params: ['mark'],
    make: busyArena,
    valid: () => [14],
    call: (arena, [mark]) => arena.rollback(mark as number),
    state: arenaState,
  }),
  probe({
    name: 'FixedBufferAllocator#isLastAllocation',
    params: ['offset', 'byteLength'],
    make: busyArena,
    valid: () => [24, 8],
    call: (arena, [offset, byteLength]) => arena.isLastAllocation(offset as number, byteLength as number),
    accepts: () => (last) => last === false,
  }),
  probe({
    name: 'FixedBufferAllocator#owns',
    params: ['offset'],
    make: busyArena,
    valid: () => [3],
    call: (arena, [offset]) => arena.owns(offset as number),
    accepts: () => (owned) => owned === false,
  }),
  probe({
    name: 'new FixedBufferAllocator',
    params: ['source', 'options'],
    make: () => null,
    valid: () => [256, { poison: true }],
    call: (_, [capacity, options]) =>
      new FixedBufferAllocator(capacity as number, options as { poison: boolean }),
    // Options are optional; an object without `poison` leaves it off.
    accepts: (index, bad) =>
      index === 1 &&
      (bad.kind === 'undefined' ||
        ((bad.kind === 'object' || bad.kind === 'array') && !('poison' in (bad.value as object))))
        ? (arena) => arena instanceof FixedBufferAllocator
        : null,
  }),
];
