/**
 * Saving a world creates no garbage: the threaded game's owner saves a checkpoint every 30 ticks, so
 * `WorldState.save` of a live world (its pools' snapshots, its buffers, bitecs's entity index) into
 * the same buffer, 20,000 times a window, triggers no collection and leaves the heap where it was.
 * Runs in the 'gc' project (own process, --expose-gc).
 */
import { describe, expect, it } from 'vitest';
import { PooledSimulation } from '../../src/game/index.ts';
import { WorldState } from '../../src/game/WorldState.ts';
import { heapWindow } from '../heapWindow.ts';
import { playScripted, ROOMY } from './helpers.ts';

const SAVES = 20_000;
/** Growth allowed per window: an object made per save (16 bytes or more) fails it 5-fold. */
const TOLERANCE = 64 * 1024;

describe('WorldState.save steady state', () => {
  it(`${SAVES} saves of a live world into two checkpoint slots collect nothing`, () => {
    const sim = new PooledSimulation({ seed: 3, ...ROOMY });
    for (let t = 0; t < 600; t++) {
      playScripted(sim, t);
      sim.step();
    }
    expect(sim.world.enemies.pool.live).toBeGreaterThan(0);
    const state = new WorldState(sim.world);
    const checkpoints = new Uint8Array(new SharedArrayBuffer(2 * state.bytes));
    const save = (saves: number) => {
      for (let i = 0; i < saves; i++) state.save(checkpoints, (i & 1) * state.bytes);
    };
    save(SAVES);
    const windows = [heapWindow(() => save(SAVES)), heapWindow(() => save(SAVES))];
    for (const { collections } of windows) expect(collections).toEqual([]);
    expect(Math.min(...windows.map((w) => w.grown))).toBeLessThan(TOLERANCE);
  });
});
