/**
 * A SnapshotRing's push creates no garbage: after a warm-up, a game-like loop (pool churn, a walk,
 * packing) that pushes a snapshot of its pools and buffers every frame leaves the JS heap where it was
 * (within what the JIT itself allocates) and triggers no collection. Runs in the 'gc' project (its own process, --expose-gc).
 */
import { describe, expect, it } from 'vitest';
import { MemoryPool, SnapshotRing } from '../../src/memory/index.ts';
import { heapWindow } from '../heapWindow.ts';

const BODY = { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32', age: 'f32', tint: 'u32' } as const;
const WARM_UP_FRAMES = 2_000;
const FRAMES = 100_000;
/** As the other steady-state checks allow for the JIT's own allocations: under 3 bytes a push here. */
const HEAP_TOLERANCE = 256 * 1024;
const LIVE = 2_000;
const CHURN = 100;

function makeWorld(budget: boolean) {
  const bullets = new MemoryPool({ capacity: 4_096, fields: BODY });
  const enemies = new MemoryPool({ capacity: 256, fields: { ...BODY, hp: 'i16' }, slotBytes: 4 });
  const ship = new Float64Array(6);
  const rng = new Uint32Array(1);
  const handles = new Int32Array(LIVE);
  for (let i = 0; i < LIVE; i++) handles[i] = bullets.alloc();
  for (let i = 0; i < 100; i++) enemies.alloc();
  const options = { capacity: 60, pools: [bullets, enemies], buffers: [ship, rng] };
  // With a budget: entries packed by the bytes written, the oldest evicted as the ring wraps.
  const whole = new SnapshotRing({ ...options, capacity: 1 }).snapshotBytes;
  const ring = new SnapshotRing(budget ? { ...options, bytes: 20 * whole } : options);
  return { bullets, enemies, ship, rng, handles, ring };
}

type World = ReturnType<typeof makeWorld>;

/** One frame: bullets die and are replaced, everything moves, the pools pack, the ring takes a snapshot. */
function frame(world: World, n: number): void {
  const { bullets, ship, rng, handles, ring } = world;
  for (let k = 0; k < CHURN; k++) bullets.free(handles[(n * 7 + k * 13) % LIVE]);
  for (let k = 0; k < CHURN; k++) handles[(n * 7 + k * 13) % LIVE] = bullets.alloc();
  const { x, vx } = bullets.fields;
  for (let s = 0, live = bullets.live; s < live; s++) x[s] += vx[s] + 1;
  ship[0] = n * 0.5;
  rng[0] = (rng[0] + 0x9e3779b9) >>> 0;
  ring.push();
}

describe('SnapshotRing steady state', () => {
  it.each([
    ['each snapshot with room for its pools at full capacity', false],
    ['snapshots packed in a memory budget', true],
  ])(
    `${FRAMES} pushes after warm-up, twice, allocate nothing on the JS heap and collect nothing: %s`,
    (_, budget) => {
      const world = makeWorld(budget);
      for (let n = 0; n < WARM_UP_FRAMES; n++) frame(world, n);
      // Garbage made per push grows every window alike; what the JIT allocates (code, feedback) comes
      // once, in whichever window it compiles in, more of it on a loaded machine: the smaller window counts.
      let first = WARM_UP_FRAMES;
      const windows = [0, 0].map(() => {
        const window = heapWindow(() => {
          for (let n = first; n < first + FRAMES; n++) frame(world, n);
        });
        first += FRAMES;
        return window;
      });

      for (const { collections } of windows) expect(collections).toEqual([]);
      // An object made per push, even the smallest (16 bytes), would pass the tolerance sixfold.
      expect(Math.min(...windows.map((w) => w.grown))).toBeLessThan(HEAP_TOLERANCE);
      // The ring did its work: the newest snapshot holds the last frame.
      const { bullets, ship, ring } = world;
      // Packed, the snapshots (2,000 of 4,096 bullets) take about half their full room: more than 20 fit.
      if (budget) expect(ring.length).toBeGreaterThan(20);
      else expect(ring.length).toBe(60);
      expect(ring.usedBytes).toBeLessThanOrEqual(ring.byteLength);
      const x = bullets.fields.x[0];
      ship[0] = -1;
      bullets.fields.x[0] = -1;
      ring.restore(0);
      expect([ship[0], bullets.fields.x[0], bullets.live]).toEqual([
        (WARM_UP_FRAMES + 2 * FRAMES - 1) * 0.5,
        x,
        LIVE,
      ]);
    },
  );
});
