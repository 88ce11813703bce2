/**
 * Faults of the threaded game: a worker killed mid-run or one whose system throws is reported (its
 * error in `failure`, `onFailure` and the console) and the game goes on on this thread from the last
 * published tick, with every tick asked for run and nothing in the pools lost; bad thread counts are
 * refused with a RangeError naming `threads`, changing nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThreadedSimulation } from '../../../src/game/threads/ThreadedSimulation.ts';
import { expectSameWorld, GAME, play, reference, threaded } from './helpers.ts';
import { spawnFailing, startedWorkers } from './nodeWorkers.ts';

let sims: ThreadedSimulation[] = [];

afterEach(async () => {
  await Promise.all(sims.map((sim) => sim.dispose()));
  sims = [];
  vi.restoreAllMocks();
});

function make(...args: Parameters<typeof threaded>): ThreadedSimulation {
  const sim = threaded(...args);
  sims.push(sim);
  return sim;
}

describe('a threaded game whose worker fails', { timeout: 60_000 }, () => {
  it.each([
    ['the owner', 0],
    ['a helper', 1],
  ])('%s killed mid-run: reported, and the game goes on here with no tick lost', async (_, index) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sim = make();
    const failures: string[] = [];
    sim.onFailure = (message) => failures.push(message);
    const first = startedWorkers.length;
    await sim.setThreads(2);
    play(sim, 0, 100);
    await sim.settle();
    play(sim, 100, 400);
    // Ticks are in flight: the worker dies wherever it is, mid-tick or between two.
    expect(sim.tick).toBeLessThan(400);
    await startedWorkers[first + index].terminate();
    play(sim, 400, 500);
    await sim.settle();
    expect(sim.threads).toBe('main');
    expect(sim.failure).toMatch(
      new RegExp(
        `^worker ${index}: .*exited with code 1.*the game goes on on the main thread from tick \\d+$`,
        's',
      ),
    );
    expect(failures).toEqual([sim.failure]);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('exited with code'));
    expect(sim.tick).toBe(500);
    expectSameWorld(sim.local.world, reference(500).world, false);
  });

  it.each([
    ['the owner', 0],
    ['a helper', 1],
  ])('%s throwing in a system: its error is reported, and the game goes on here', async (_, index) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sim = make(GAME, spawnFailing(index, 400_000));
    await sim.setThreads(2);
    play(sim, 0, 300);
    await sim.settle();
    expect(sim.threads).toBe('main');
    expect(sim.failure).toMatch(new RegExp(`worker ${index}: Error: boom: a system threw on call 400000`));
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('boom'));
    expect(sim.tick).toBe(300);
    expectSameWorld(sim.local.world, reference(300).world, false);
    // Workers can be asked for again: fresh ones start from here.
    await sim.setThreads(2);
    expect(sim.threads).toBe(2);
  });
});

describe('bad thread counts', { timeout: 60_000 }, () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 5, 17, '2', null, undefined])(
    'setThreads(%s) throws a RangeError naming threads, changing nothing',
    async (threads) => {
      const sim = make();
      await sim.setThreads(1);
      play(sim, 0, 30);
      await sim.settle();
      expect(() => sim.setThreads(threads as number)).toThrow(
        /^threads must be 'main' or a whole number of workers from 1 to 4, got/,
      );
      expect(sim.threads).toBe(1);
      expect(sim.tick).toBe(30);
    },
  );

  it('where workers cannot share memory, only the main thread is offered, and says why', () => {
    const sim = new ThreadedSimulation({
      ...GAME,
      spawn: null,
      maxThreads: 4,
      unavailable: 'the page is not cross-origin isolated',
    });
    expect(sim.unavailable).toBe('the page is not cross-origin isolated');
    expect(() => sim.setThreads(1)).toThrow(
      new RangeError("threads must be 'main' here (the page is not cross-origin isolated), got 1"),
    );
    expect(sim.threads).toBe('main');
  });
});
