/**
 * A pooled world's whole state in one byte buffer: its counters, ship, generators, spawn debts and
 * controls, then a snapshot of each pool. The threaded game moves its world between threads this way
 * (the page's world into the workers, the workers' checkpoint back into the page), and a restore
 * makes bitecs agree with the enemy pool again, so a world loaded here plays on exactly as the one
 * saved. The frame arena is not saved: it is empty between ticks.
 */
import { restorePooledEntities, saveEntityIds } from '../../ecs/index.ts';
import type { GameWorld } from '../GameWorld.ts';

/** The world's numbers outside its pools, in float64 slots: each entry reads and writes one of them. */
const SCALARS: ReadonlyArray<{
  readonly get: (w: GameWorld) => number;
  readonly set: (w: GameWorld, value: number) => void;
}> = [
  {
    get: (w) => w.tick,
    set: (w, v) => {
      w.tick = v;
    },
  },
  {
    get: (w) => w.kills,
    set: (w, v) => {
      w.kills = v;
    },
  },
  {
    get: (w) => w.enemiesSpawned,
    set: (w, v) => {
      w.enemiesSpawned = v;
    },
  },
  {
    get: (w) => w.rng.state[0],
    set: (w, v) => {
      w.rng.state[0] = v;
    },
  },
  {
    get: (w) => w.burstRng.state[0],
    set: (w, v) => {
      w.burstRng.state[0] = v;
    },
  },
  ...[0, 1, 2, 3, 4].map((i) => ({
    get: (w: GameWorld) => w.ship.data[i],
    set: (w: GameWorld, v: number) => {
      w.ship.data[i] = v;
    },
  })),
  ...[0, 1, 2].map((i) => ({
    get: (w: GameWorld) => w.debts[i],
    set: (w: GameWorld, v: number) => {
      w.debts[i] = v;
    },
  })),
  ...(['moveX', 'moveY', 'aimX', 'aimY', 'fireRate', 'enemyRate', 'exhaustRate'] as const).map((key) => ({
    get: (w: GameWorld) => w.input[key],
    set: (w: GameWorld, v: number) => {
      w.input[key] = v;
    },
  })),
  {
    get: (w) => (w.input.firing ? 1 : 0),
    set: (w, v) => {
      w.input.firing = v === 1;
    },
  },
];

const SCALAR_BYTES = SCALARS.length * 8;
/** The numbers pass through here, so saving a world (every tick, for the checkpoint) makes no view. */
const scratch = new Float64Array(SCALARS.length);
const scratchBytes = new Uint8Array(scratch.buffer);

/** Bytes for bitecs's ids: the highest made, the count to recycle, and at most every id. */
function idBytes(world: GameWorld): number {
  return Math.ceil(((2 + world.enemies.handles.length) * 4) / 8) * 8;
}

/** An Int32Array over the whole of `buffer`'s memory, kept for the next call with the same buffer (a checkpoint is saved every tick). */
let ints: Int32Array<ArrayBufferLike> = new Int32Array(0);
function intsOf(bytes: Uint8Array): Int32Array {
  if (ints.buffer !== bytes.buffer) ints = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2);
  return ints;
}

/** The pool saved `k`-th (0, 1, 2): bullets, enemies, particles. */
function poolOf(world: GameWorld, k: number) {
  return k === 0 ? world.bullets : k === 1 ? world.enemies.pool : world.particles;
}

/** Bytes {@link saveWorld} may write for `world`: fixed for its budgets. */
export function worldStateBytes(world: GameWorld): number {
  let bytes = SCALAR_BYTES + idBytes(world);
  for (let k = 0; k < 3; k++) bytes += Math.ceil(poolOf(world, k).snapshotBytes / 8) * 8;
  return bytes;
}

/**
 * Writes `world`'s whole state into `into` from `offset` (a multiple of 8), between ticks.
 * @throws RangeError naming `into` when it has less than {@link worldStateBytes} from `offset`.
 */
export function saveWorld(world: GameWorld, into: Uint8Array, offset = 0): void {
  requireRoom(world, into, offset);
  for (let i = 0; i < SCALARS.length; i++) scratch[i] = SCALARS[i].get(world);
  into.set(scratchBytes, offset);
  saveEntityIds(world.ecs, intsOf(into), (into.byteOffset + offset + SCALAR_BYTES) >> 2);
  let at = offset + SCALAR_BYTES + idBytes(world);
  for (let k = 0; k < 3; k++) {
    const pool = poolOf(world, k);
    pool.snapshot(into, at);
    at += Math.ceil(pool.snapshotBytes / 8) * 8;
  }
}

/**
 * Brings back the state {@link saveWorld} wrote into `world` (one made with the same options): its
 * pools, numbers and controls, and bitecs's enemies, with their ids.
 * @throws what `MemoryPool.restore` throws for a buffer that holds no such state; RangeError naming
 *   `from` when it is too short.
 */
export function loadWorld(world: GameWorld, from: Uint8Array, offset = 0): void {
  requireRoom(world, from, offset);
  let at = offset + SCALAR_BYTES + idBytes(world);
  for (let k = 0; k < 3; k++) {
    const pool = poolOf(world, k);
    pool.restore(from, at);
    at += Math.ceil(pool.snapshotBytes / 8) * 8;
  }
  scratchBytes.set(from.subarray(offset, offset + SCALAR_BYTES));
  for (let i = 0; i < SCALARS.length; i++) SCALARS[i].set(world, scratch[i]);
  restorePooledEntities(
    world.ecs,
    world.enemies,
    intsOf(from),
    (from.byteOffset + offset + SCALAR_BYTES) >> 2,
  );
}

function requireRoom(world: GameWorld, buffer: Uint8Array, offset: number): void {
  const bytes = worldStateBytes(world);
  if (!(buffer instanceof Uint8Array) || offset % 8 !== 0 || offset + bytes > buffer.length) {
    throw new RangeError(
      `the buffer must be a Uint8Array with ${bytes} bytes from an offset that is a multiple of 8, got offset ${offset}`,
    );
  }
}
