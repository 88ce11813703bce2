/**
 * The expected garbage of the bitecs-idiomatic and naive simulations' systems, computed from what each
 * system does in a tick (how many things it spawns, removes or copies, which arrays it rebuilds) times
 * what one such operation allocates, measured here on its own: never through the profiler or the game's
 * systems, so that the profiler's figures can be checked against it.
 */
import { getHeapStatistics } from 'node:v8';
import { addComponent, addEntity, commitRemovals, createWorld, registerQuery, removeEntity } from 'bitecs';
import { BURST_FLOATS, cellOf, type Simulation, type SpriteKind } from '../../../src/game/index.ts';
import { createRng } from '../../../src/loop/index.ts';
import type { GameModule } from '../../../src/profiler/node/index.ts';

const heap = () => getHeapStatistics().used_heap_size;
/** Where measured work puts its results, so that the JIT cannot drop the allocation. */
const sink: { value: unknown } = { value: undefined };

/** Bytes one run of `work` allocates (the reading's own cost taken out); negative when a collection ran. */
function bytesOnce(work: () => void): number {
  const a = heap();
  const b = heap();
  work();
  return heap() - b - (b - a);
}

/** The median of the non-negative samples (a collection shrank the others). */
function median(samples: readonly number[]): number {
  const counted = samples.filter((s) => s >= 0).sort((x, y) => x - y);
  return counted[counted.length >> 1];
}

/** Bytes `work` allocates: the median over `runs` runs, after a few to warm up. */
export function bytesOf(work: () => void, runs = 15): number {
  for (let i = 0; i < 5; i++) work();
  return median(Array.from({ length: runs }, () => bytesOnce(work)));
}

/** Per-operation costs memoized by size: the same `n` always costs the same. */
function bySize(measure: (n: number) => number): (n: number) => number {
  const known = new Map<number, number>();
  return (n) => {
    if (!known.has(n)) known.set(n, measure(n));
    return known.get(n)!;
  };
}

const SOURCE = Array.from({ length: 200_000 }, (_, i) => ({ i }));
const F32 = new Float32Array(14).map((_, i) => i + 0.5);

/** An object of the naive game's shape (`Thing`): fourteen fields read from a float32 record. */
function thing() {
  return {
    x: F32[0],
    y: F32[1],
    vx: F32[2],
    vy: F32[3],
    rotation: F32[4],
    spin: F32[5],
    age: F32[6],
    ttl: F32[7],
    scale: F32[8],
    alpha: F32[9],
    tint: F32[10],
    hp: F32[11],
    radius: F32[12],
    serial: F32[13],
  };
}

/** What one operation of the naive game allocates, measured on its own. */
export function naiveCosts() {
  const things = new Array(1000);
  const arrayOf = (n: number) => 48 + 8 * n;
  const thingBytes =
    (bytesOf(() => {
      for (let i = 0; i < 1000; i++) things[i] = thing();
      sink.value = things.slice();
    }) -
      arrayOf(1000)) /
    1000;
  const grid = new Map<string, object[]>([['3,4', [{}]]]);
  const velocity = new Float32Array(2);
  const target = { vx: 0, vy: 0 };
  return {
    /** A new thing: one object. */
    thing: thingBytes,
    /** `filter` keeping `n` things: the result array, grown as it fills. */
    filter: bySize((n) =>
      bytesOf(() => {
        sink.value = SOURCE.filter((_, i) => i < n);
      }, 5),
    ),
    /** `concat` of arrays totalling `n` things. */
    concat: bySize((n) =>
      bytesOf(() => {
        sink.value = SOURCE.slice(0, 0).concat(SOURCE.slice(0, 0), new Array(n));
      }, 5),
    ),
    /** A burst's `Array.from({ length: n })` (not its things), its record and its generator. */
    burst: bySize((n) =>
      bytesOf(() => {
        sink.value = [Array.from({ length: n }), new Float32Array(BURST_FLOATS), createRng(n)];
      }, 5),
    ),
    /** One bullet's look into the collision grid: the cell key, the lookup, `filter`, `sort`, the destructuring. */
    lookup:
      bytesOf(() => {
        for (let i = 0; i < 1000; i++) {
          const [hit] = (grid.get(`${cellOf(i * 37.3)},${cellOf(i * 11.1)}`) ?? [])
            .filter((e) => e !== target)
            .sort(() => 0);
          sink.value = hit;
        }
      }) / 1000,
    /** One enemy's `[vx, vy] = velocity`. */
    destructure:
      bytesOf(() => {
        for (let i = 0; i < 1000; i++) [target.vx, target.vy] = velocity;
      }) / 1000,
  };
}

/**
 * What spawning and removing one entity allocates in a bitecs world shaped like the simulation's:
 * `live` entities over three tagged queries, a batch of `batch` spawned, then as many removed at random
 * (as bullets expire and particles fade) and the removals committed, as a system does.
 */
export function bitecsCosts(live: number, batch = 50) {
  const world = createWorld();
  const body = { x: new Float32Array(live * 2 + batch * 2) };
  const tags = [{}, {}, {}];
  for (const tag of tags) registerQuery(world, [body, tag]);
  const eids: number[] = [];
  const spawn = () => {
    const eid = addEntity(world);
    addComponent(world, eid, body);
    addComponent(world, eid, tags[eid % 3]);
    eids.push(eid);
  };
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const despawn = () => {
    const at = random(eids.length);
    removeEntity(world, eids[at]);
    eids[at] = eids[eids.length - 1];
    eids.pop();
  };
  for (let i = 0; i < live; i++) spawn();
  const spawned: number[] = [];
  const removed: number[] = [];
  for (let round = 0; round < 25; round++) {
    spawned.push(
      bytesOnce(() => {
        for (let i = 0; i < batch; i++) spawn();
      }),
    );
    removed.push(
      bytesOnce(() => {
        for (let i = 0; i < batch; i++) despawn();
        commitRemovals(world);
      }),
    );
  }
  return { spawn: median(spawned.slice(5)) / batch, remove: median(removed.slice(5)) / batch };
}

/** Live things of each kind, read from the simulation's figures. */
export function liveOf(sim: Simulation): Record<SpriteKind, number> {
  const out = { live: 0, capacity: 0, highWater: 0, failureCount: 0 };
  return {
    bullets: sim.figures('bullets', out).live,
    enemies: sim.figures('enemies', out).live,
    particles: sim.figures('particles', out).live,
  };
}

/** What a system did in a tick: the live things before and after it. */
export interface SystemStep {
  readonly before: Record<SpriteKind, number>;
  readonly after: Record<SpriteKind, number>;
}

/**
 * Replays the game as `framepool profile` runs it (setup, then every system in order for `warmup` and
 * `ticks` ticks) and returns, for each profiled tick, what each system did.
 */
export async function replay(
  game: GameModule,
  sim: Simulation,
  warmup: number,
  ticks: number,
): Promise<Map<string, SystemStep>[]> {
  await game.setup?.();
  const steps: Map<string, SystemStep>[] = [];
  for (let tick = 0; tick < warmup + ticks; tick++) {
    const record = new Map<string, SystemStep>();
    for (const system of game.systems) {
      const before = liveOf(sim);
      system.run(1 / 60);
      record.set(system.name, { before, after: liveOf(sim) });
    }
    if (tick >= warmup) steps.push(record);
  }
  return steps;
}
