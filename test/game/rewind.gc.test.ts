/**
 * Recording for rewind creates no garbage: windows of 3,000 ticks of steady play with rewind on (the
 * input logged every tick, a keyframe pushed into the ring every K ticks, bitecs's entity index copied
 * with it) trigger no collection, and the recording alone, 100,000 ticks of it, leaves the heap where
 * it was. Runs in the 'gc' project (own process, --expose-gc).
 */
import { describe, expect, it } from 'vitest';
import { PooledSimulation } from '../../src/game/index.ts';
import { Rewind } from '../../src/game/rewind/Rewind.ts';
import { heapWindow } from '../heapWindow.ts';
import { ROOMY } from './helpers.ts';

const WARM_UP = 2_000;
const TICKS = 3_000;
const WINDOWS = 3;
/** Recorded ticks per window of the recording alone. */
const RECORDED = 100_000;
/** Growth allowed per window of the recording alone: an object made per tick (16 bytes or more) fails it 24-fold. */
const TOLERANCE = 64 * 1024;

/** A steady game recorded for rewind; returns it and a function that plays `ticks` of it. */
function steadyGame() {
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
      rewind.step(step);
    }
  };
  return { sim, rewind, play };
}

describe('Rewind steady state', () => {
  it(`${WINDOWS} windows of ${TICKS} ticks with rewind recording collect nothing`, () => {
    const on = steadyGame();
    on.play(WARM_UP);
    for (let w = 0; w < WINDOWS; w++) expect(heapWindow(() => on.play(TICKS)).collections).toEqual([]);
    // It was recording a real game: bullets in flight, enemies dying, and the whole history held.
    expect(on.sim.world.bullets.live).toBeGreaterThan(500);
    expect(on.sim.world.kills).toBeGreaterThan(10);
    expect(on.rewind.heldTicks).toBeGreaterThanOrEqual(600);
    expect(on.rewind.inputs.endTick).toBe(WARM_UP + WINDOWS * TICKS);
  });

  it(`the recording itself allocates nothing: ${RECORDED} ticks' inputs and keyframes of a live world`, () => {
    // The world's own steps are left out (bitecs allocates per enemy): the tick counter moves by hand,
    // so what the heap sees is the input copy, the index copy and a ring push every K ticks.
    const { sim, rewind, play } = steadyGame();
    play(WARM_UP);
    const record = (ticks: number) => {
      for (let i = 0; i < ticks; i++) {
        rewind.beforeStep();
        sim.world.tick++;
        rewind.afterStep();
      }
    };
    record(RECORDED);
    const windows = [heapWindow(() => record(RECORDED)), heapWindow(() => record(RECORDED))];
    for (const { collections } of windows) expect(collections).toEqual([]);
    // What the JIT allocates lands in whichever window it compiles in: the smaller window counts.
    expect(Math.min(...windows.map((w) => w.grown))).toBeLessThan(TOLERANCE);
    expect(rewind.keyframes.length).toBe(rewind.keyframes.capacity);
  });
});
