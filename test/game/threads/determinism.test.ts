/**
 * The split tick is the single-threaded tick: 600 ticks of the scripted game on this thread, in one
 * worker and in two, compared byte for byte in every pool; and switching threads back and forth while
 * ticks are asked for keeps the tick count and the state exact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadedSimulation } from '../../../src/game/threads/ThreadedSimulation.ts';
import { expectSameWorld, play, reference, threaded } from './helpers.ts';

const TICKS = 600;
let sims: ThreadedSimulation[] = [];

afterEach(async () => {
  await Promise.all(sims.map((sim) => sim.dispose()));
  sims = [];
});

function make(): ThreadedSimulation {
  const sim = threaded();
  sims.push(sim);
  return sim;
}

describe('the threaded game', { timeout: 60_000 }, () => {
  it.each([1, 2, 3])(
    '%i worker(s): 600 ticks bit-identical to the single-threaded world',
    async (threads) => {
      const expected = reference(TICKS);
      expect(expected.kills).toBeGreaterThan(0); // collisions, bursts and frees all ran
      const sim = make();
      await sim.setThreads(threads);
      expect(sim.threads).toBe(threads);
      for (let t = 0; t < TICKS; t += 100) {
        play(sim, t, t + 100);
        await sim.settle();
        expect(sim.tick).toBe(t + 100);
      }
      expect(sim.liveCount()).toBe(expected.liveCount());
      expect(sim.kills).toBe(expected.kills);
      await sim.setThreads('main');
      expect(sim.failure).toBeNull();
      expectSameWorld(sim.local.world, expected.world);
    },
  );

  it('switching threads while ticks are asked for keeps the tick count and the state exact', async () => {
    const expected = reference(TICKS);
    const sim = make();
    const plan = [2, 1, 'main', 3, 2, 'main'] as const;
    let t = 0;
    for (const threads of plan) {
      play(sim, t, t + 50);
      t += 50;
      const moved = sim.setThreads(threads);
      // Asked for mid-switch: they wait for the switch and run there.
      play(sim, t, t + 50);
      t += 50;
      await moved;
      expect(sim.failure).toBeNull();
      expect(sim.threads).toBe(threads);
    }
    await sim.settle();
    expect(sim.tick).toBe(TICKS);
    expect(sim.failure).toBeNull();
    expectSameWorld(sim.local.world, expected.world, false);
  });

  it('runs every tick of this thread through stepHere: asked for, and queued during a switch', async () => {
    const sim = make();
    let here = 0;
    sim.stepHere = () => {
      here++;
      sim.local.step();
    };
    expect(sim.runsHere).toBe(true);
    play(sim, 0, 30);
    const moved = sim.setThreads(1);
    expect(sim.runsHere).toBe(false);
    await moved;
    play(sim, 30, 60);
    const home = sim.setThreads('main');
    play(sim, 60, 70); // queued during the switch, then run here
    await home;
    await sim.settle();
    expect(sim.runsHere).toBe(true);
    play(sim, 70, 80);
    expect([sim.tick, here]).toEqual([80, 30 + 10 + 10]);
    expectSameWorld(sim.local.world, reference(80).world, false);
  });

  it('switching while paused changes neither the tick nor the state', async () => {
    const sim = make();
    play(sim, 0, 120);
    const before = reference(120);
    for (const threads of [2, 'main', 1, 'main'] as const) {
      await sim.setThreads(threads);
      expect(sim.tick).toBe(120);
      expect(sim.liveCount()).toBe(before.liveCount());
    }
    expectSameWorld(sim.local.world, before.world, false);
  });
});
