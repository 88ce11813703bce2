/**
 * Recording for rewind creates no garbage: windows of 3,000 ticks of steady play with rewind on (the
 * input logged every tick, a keyframe pushed into the ring every K ticks, bitecs's entity index copied
 * with it) trigger no collection, and grow the heap no more than the same game without rewind does
 * (bitecs itself allocates per enemy, and the JIT settles). Runs in the 'gc' project (own process,
 * --expose-gc).
 */
import { describe, expect, it } from 'vitest';
import { PooledSimulation } from '../../src/game/index.ts';
import { Rewind } from '../../src/game/rewind/Rewind.ts';
import { type HeapWindow, heapWindow } from '../heapWindow.ts';
import { ROOMY } from './helpers.ts';

const WARM_UP = 2_000;
const TICKS = 3_000;
const WINDOWS = 3;
/**
 * Growth allowed over the game without rewind, per window: about 21 bytes a tick, so an object made
 * per tick (24 bytes or more) fails it. Measured: the smallest windows differ by -100 to +31 KiB.
 */
const TOLERANCE = 64 * 1024;

/** A steady game, with or without rewind recording; returns a function that plays `ticks` of it. */
function steadyGame(recording: boolean) {
  const sim = new PooledSimulation({ seed: 5, ...ROOMY });
  const rewind = new Rewind(sim.world, { seconds: 10, keyframeEvery: 12 });
  const step = () => sim.step();
  const play = (ticks: number): void => {
    const { input } = sim;
    for (let i = 0; i < ticks; i++) {
      const t = sim.tick;
      input.firing = true;
      input.fireRate = 1200;
      input.enemyRate = 1;
      input.aimX = sim.width / 2 + 400 * Math.cos(t / 40);
      input.aimY = sim.height / 2 + 250 * Math.sin(t / 40);
      input.moveX = Math.sin(t / 90);
      if (recording) rewind.step(step);
      else sim.step();
    }
  };
  return { sim, rewind, play };
}

describe('Rewind steady state', () => {
  it(`${TICKS} ticks with rewind recording collect nothing and grow the heap no more than without`, () => {
    const on = steadyGame(true);
    const off = steadyGame(false);
    on.play(WARM_UP);
    off.play(WARM_UP);
    const windows = { on: [] as HeapWindow[], off: [] as HeapWindow[] };
    for (let w = 0; w < WINDOWS; w++) {
      windows.on.push(heapWindow(() => on.play(TICKS)));
      windows.off.push(heapWindow(() => off.play(TICKS)));
    }

    for (const { collections } of windows.on) expect(collections).toEqual([]);
    // What the JIT allocates lands in whichever window it compiles in: the smallest window counts.
    const smallest = (list: { grown: number }[]) => Math.min(...list.map((w) => w.grown));
    expect(smallest(windows.on)).toBeLessThan(smallest(windows.off) + TOLERANCE);
    // It was recording a real game: bullets in flight, enemies dying, and the whole history held.
    expect(on.sim.world.bullets.live).toBeGreaterThan(500);
    expect(on.sim.world.kills).toBeGreaterThan(10);
    expect(on.rewind.heldTicks).toBeGreaterThanOrEqual(600);
    expect(on.rewind.inputs.endTick).toBe(WARM_UP + WINDOWS * TICKS);
  });
});
