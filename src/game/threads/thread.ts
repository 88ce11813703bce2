/**
 * What runs in each simulation worker, in a browser's Web Worker and in Node's `worker_threads`
 * alike: the owner holds the world (its pools in shared memory, its bitecs world, its generators) and
 * runs ticks up to the page's target; helpers take their slot ranges of each tick's parallel part.
 * Every wait is `Atomics.wait` on the header, never a message: the page only ever adds to `target`.
 */
import { FixedBufferAllocator, MemoryPool, type SharedPoolDescription } from '../../memory/index.ts';
import { createGameWorld, type GameWorld } from '../GameWorld.ts';
import { type GameOptions, resolveGameOptions } from '../options.ts';
import type { BodySchema, EnemySchema } from '../schema.ts';
import { stepGameWorld } from '../step.ts';
import { WorldState } from '../WorldState.ts';
import { CHECKPOINT_EVERY, F, type Header, I, inputAt, openHeader, readInput } from './header.ts';
import { type RangeWork, runRange, stepSplit } from './split.ts';

/** The shared pools and dead lists the owner hands to the helpers. */
export interface SharedWorld {
  readonly bullets: SharedPoolDescription;
  readonly enemies: SharedPoolDescription;
  readonly particles: SharedPoolDescription;
  readonly deadBullets: SharedArrayBuffer;
  readonly deadParticles: SharedArrayBuffer;
  readonly hitBullets: SharedArrayBuffer;
  readonly hitEnemies: SharedArrayBuffer;
  /** The owner's frame arena, where the collision grid is. */
  readonly arena: SharedArrayBuffer;
  readonly width: number;
  readonly height: number;
}

/** The first message to the owner: the world to load (saved by `WorldState.save`) and where to checkpoint it. */
export interface OwnerInit {
  readonly role: 'owner';
  readonly header: SharedArrayBuffer;
  readonly threads: number;
  readonly game: GameOptions;
  readonly state: SharedArrayBuffer;
  /** Two checkpoint slots of `state.byteLength` bytes each: the owner saves every published tick, alternating. */
  readonly checkpoints: SharedArrayBuffer;
}

/** The first message to helper `index` (1 to threads - 1). */
export interface HelperInit {
  readonly role: 'helper';
  readonly header: SharedArrayBuffer;
  readonly threads: number;
  readonly index: number;
  readonly world: SharedWorld;
}

/** What a worker posts: ready (the owner with its shared world), failed, or stopped. */
export type ThreadMessage =
  | { readonly type: 'ready'; readonly world?: SharedWorld }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'stopped' };

/** Runs a worker from its first message until the page stops it; posts what happens through `post`. */
export function runThread(init: OwnerInit | HelperInit, post: (message: ThreadMessage) => void): void {
  try {
    if (init.role === 'owner') runOwner(init, post);
    else runHelper(init, post);
    post({ type: 'stopped' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

function runOwner(init: OwnerInit, post: (message: ThreadMessage) => void): void {
  const header = openHeader(init.header);
  // The arena in shared memory too: the helpers read the collision grid from it.
  const { arenaBytes, ...game } = resolveGameOptions(init.game);
  const arena = new FixedBufferAllocator(new SharedArrayBuffer(arenaBytes));
  const world = createGameWorld({ ...game, arena, shared: true });
  // One state for the worker's life: its copies are reused by every checkpoint.
  const state = new WorldState(world);
  state.load(new Uint8Array(init.state));
  const bytes = state.bytes;
  const checkpoint = new Uint8Array(init.checkpoints);
  const shared: SharedWorld = {
    bullets: world.bullets.share(),
    enemies: world.enemies.pool.share(),
    particles: world.particles.share(),
    deadBullets: new SharedArrayBuffer(world.bullets.capacity * 4),
    deadParticles: new SharedArrayBuffer(world.particles.capacity * 4),
    hitBullets: new SharedArrayBuffer(world.bullets.capacity * 4),
    hitEnemies: new SharedArrayBuffer(world.bullets.capacity * 4),
    arena: arena.buffer as SharedArrayBuffer,
    width: world.width,
    height: world.height,
  };
  const work = rangeWork(header, shared);
  const keys = new Float64Array(world.bullets.capacity);
  const { i32, f64 } = header;
  const threads = init.threads;
  // Timestamps of the parts of a split tick: the owner's serial work, its own ranges, its wait.
  let forkAt = 0;
  let joinAt = 0;
  let joinedAt = 0;
  const fork = () => {
    forkAt = performance.now();
    Atomics.store(i32, I.joined, 0);
    Atomics.add(i32, I.go, 1);
    Atomics.notify(i32, I.go);
  };
  const join = () => {
    joinAt = performance.now();
    for (let j = Atomics.load(i32, I.joined); j < threads - 1; j = Atomics.load(i32, I.joined)) {
      Atomics.wait(i32, I.joined, j);
    }
    joinedAt = performance.now();
  };
  let slot = 0;
  let saved = world.tick;
  const save = () => {
    const start = performance.now();
    state.save(checkpoint, slot * bytes);
    Atomics.store(i32, I.checkpoint, slot);
    slot ^= 1;
    saved = world.tick;
    f64[F.checkpointMs] = performance.now() - start;
  };
  save();
  publish(world, f64);
  post({ type: 'ready', world: shared });
  for (;;) {
    const target = Atomics.load(i32, I.target);
    if (Atomics.load(i32, I.stop) === 1) {
      // A stop the page asked for: the world as it is now goes home.
      if (saved !== world.tick) save();
      return;
    }
    if (world.tick >= target) {
      Atomics.wait(i32, I.target, target);
      continue;
    }
    beginWrite(header);
    const start = performance.now();
    // The controls the page asked for this tick with.
    readInput(f64, inputAt(world.tick), world.input);
    forkAt = joinAt = joinedAt = 0;
    if (threads === 1) stepGameWorld(world);
    else stepSplit(world, work, threads, keys, fork, join);
    publish(world, f64);
    Atomics.add(i32, I.seq, 1);
    const end = performance.now();
    f64[F.tickMs] = end - start;
    f64[F.rangeMs] = joinAt - forkAt;
    f64[F.barrierMs] = joinedAt - joinAt;
    f64[F.serialMs] = end - start - (joinedAt - forkAt);
    if (world.tick % CHECKPOINT_EVERY === 0) save();
    Atomics.store(i32, I.published, world.tick);
    Atomics.notify(i32, I.published);
  }
}

function runHelper(init: HelperInit, post: (message: ThreadMessage) => void): void {
  const header = openHeader(init.header);
  const work = rangeWork(header, init.world);
  const { i32 } = header;
  let go = Atomics.load(i32, I.go);
  post({ type: 'ready' });
  for (;;) {
    Atomics.wait(i32, I.go, go);
    if (Atomics.load(i32, I.stop) === 1) return;
    const now = Atomics.load(i32, I.go);
    if (now === go) continue;
    go = now;
    runRange(work, init.index, init.threads);
    Atomics.add(i32, I.joined, 1);
    Atomics.notify(i32, I.joined);
  }
}

/** A thread's views of the shared world: field arrays through reader pools (the owner's own views are the same memory). */
function rangeWork(header: Header, shared: SharedWorld): RangeWork {
  const fieldsOf = (description: SharedPoolDescription) => MemoryPool.attach(description).fields;
  return {
    header,
    bullets: fieldsOf(shared.bullets) as RangeWork['bullets'],
    enemies: fieldsOf(shared.enemies) as RangeWork['enemies'],
    particles: fieldsOf(shared.particles) as RangeWork['particles'],
    arena: new Int32Array(shared.arena),
    deadBullets: new Int32Array(shared.deadBullets),
    deadParticles: new Int32Array(shared.deadParticles),
    hitBullets: new Int32Array(shared.hitBullets),
    hitEnemies: new Int32Array(shared.hitEnemies),
    width: shared.width,
    height: shared.height,
  };
}

/**
 * Makes `seq` odd, then waits while the renderer holds the pools: after this the renderer sees an odd
 * `seq` and keeps its last frame, until the tick is written.
 */
function beginWrite(header: Header): void {
  const { i32, f64 } = header;
  Atomics.add(i32, I.seq, 1);
  if (Atomics.load(i32, I.hold) === 0) return;
  const start = performance.now();
  while (Atomics.load(i32, I.hold) !== 0) Atomics.wait(i32, I.hold, 1);
  f64[F.holdMs] += performance.now() - start;
}

/** The figures the page shows, for the tick just written (every pool is packed, so `live` is a read). */
function publish(world: GameWorld, f64: Float64Array): void {
  const ship = world.ship;
  f64[F.shipX] = ship.x;
  f64[F.shipY] = ship.y;
  f64[F.shipVx] = ship.vx;
  f64[F.shipVy] = ship.vy;
  f64[F.shipAngle] = ship.angle;
  f64[F.kills] = world.kills;
  publishPool(world.bullets, f64, F.bulletsLive);
  publishPool(world.enemies.pool, f64, F.enemiesLive);
  publishPool(world.particles, f64, F.particlesLive);
  f64[F.arenaUsed] = world.arena.used;
  f64[F.arenaHighWater] = world.arena.highWater;
  f64[F.arenaFailures] = world.arena.failureCount;
}

function publishPool(
  pool: MemoryPool<BodySchema> | MemoryPool<EnemySchema>,
  f64: Float64Array,
  at: number,
): void {
  f64[at] = pool.live;
  f64[at + 1] = pool.highWater;
  f64[at + 2] = pool.failureCount;
}
