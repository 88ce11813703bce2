import { createHash } from 'node:crypto';
/** Fixtures of the threaded-game tests: driving a threaded simulation tick by tick, and comparing worlds byte for byte. */
import { expect } from 'vitest';
import {
  type GameOptions,
  type GameWorld,
  PooledSimulation,
  type Simulation,
} from '../../../src/game/index.ts';
import { ThreadedSimulation } from '../../../src/game/threads/ThreadedSimulation.ts';
import type { MemoryPool } from '../../../src/memory/index.ts';
import { expectBookkeeping, playScripted, ROOMY, sortRows, worldState } from '../helpers.ts';
import { spawnNodeWorker } from './nodeWorkers.ts';

/** A small world with every system busy: enemies arrive fast, bullets hit, bursts fill the particles. */
export const GAME: GameOptions = { seed: 77, ...ROOMY };

/** A threaded simulation of {@link GAME} with Node workers, up to 4 threads. */
export function threaded(game: GameOptions = GAME, spawn = spawnNodeWorker): ThreadedSimulation {
  return new ThreadedSimulation({ ...game, spawn, maxThreads: 4 });
}

/** The single-threaded reference, `ticks` scripted ticks on. */
export function reference(ticks: number, game: GameOptions = GAME): PooledSimulation {
  const sim = new PooledSimulation(game);
  for (let t = 0; t < ticks; t++) {
    playScripted(sim, t);
    sim.step();
  }
  return sim;
}

/** Scripted ticks `from` to `to` (exclusive) on `sim`, each set up with the controls of its own number. */
export function play(sim: Simulation, from: number, to: number): void {
  for (let t = from; t < to; t++) {
    playScripted(sim, t);
    sim.step();
  }
}

/** A short digest of an array's bytes, so a failing comparison prints names, not megabytes. */
function digest(array: ArrayBufferView): string {
  return createHash('sha1')
    .update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
    .digest('hex');
}

/**
 * Every byte of a pool's records (each field array and the raw slots, the whole capacity), the
 * record id in each live slot, its counters; and with `generations` its handles, as generations
 * relative to the first live record's (each pool starts its generations at a value of its own; a pool
 * restored from a snapshot keeps the snapshot's for the slots used then and its own for the rest, so
 * after a move between threads they mix two bases and only liveness and ids compare).
 */
export function poolBytes(pool: MemoryPool, generations = true) {
  const live = pool.live;
  const bits = Math.ceil(Math.log2(pool.maxCapacity));
  const mask = (1 << bits) - 1;
  const first = live === 0 ? 0 : pool.handleAt(0) >>> bits;
  const ids: number[] = [];
  const relative: number[] = [];
  for (let s = 0; s < live; s++) {
    const handle = pool.handleAt(s);
    ids.push(handle & mask);
    relative.push((handle >>> bits) - first);
  }
  const fields = Object.fromEntries(
    Object.entries(pool.fields).map(([name, array]) => [name, digest(array)]),
  );
  return {
    live,
    counters: [pool.highWater, pool.allocCount, pool.freeCount, pool.failureCount],
    fields,
    raw: digest(pool.u8),
    ids,
    generations: generations ? relative : null,
  };
}

/**
 * `actual` is `expected`, tick for tick and byte for byte (the frame arena aside: it is a tick's
 * scratch); `generations`: see {@link poolBytes}.
 */
export function expectSameWorld(actual: GameWorld, expected: GameWorld, generations = true): void {
  expectBookkeeping(actual);
  // bitecs's query order is the order entities joined it: a restored world rebuilt them in slot order.
  const plain = (world: GameWorld) => {
    const state = worldState(world);
    return {
      ...state,
      arena: null,
      burstRng: world.burstRng.state[0],
      enemyEntities: sortRows(state.enemyEntities),
    };
  };
  expect(plain(actual)).toEqual(plain(expected));
  for (const pick of [
    (w: GameWorld) => w.bullets,
    (w: GameWorld) => w.enemies.pool,
    (w: GameWorld) => w.particles,
  ]) {
    expect(poolBytes(pick(actual), generations)).toEqual(poolBytes(pick(expected), generations));
  }
}
