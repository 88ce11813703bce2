/**
 * `saveWorld` / `loadWorld`: a world saved between ticks and loaded into another made with the same
 * options plays on exactly as the first; too short a buffer, or a misaligned offset, is refused
 * before anything is written. And `ThreadedSimulation`'s options are checked.
 */
import { describe, expect, it } from 'vitest';
import { createGameWorld, ThreadedSimulation } from '../../../src/game/index.ts';
import { stepGameWorld } from '../../../src/game/step.ts';
import { loadWorld, saveWorld, worldStateBytes } from '../../../src/game/threads/worldState.ts';
import { playScripted, ROOMY } from '../helpers.ts';
import { expectSameWorld, GAME } from './helpers.ts';

function advance(world: ReturnType<typeof createGameWorld>, from: number, to: number): void {
  for (let t = from; t < to; t++) {
    playScripted({ input: world.input, width: world.width, height: world.height } as never, t);
    stepGameWorld(world);
  }
}

describe('saveWorld and loadWorld', () => {
  it('a loaded world plays on exactly as the saved one', () => {
    const a = createGameWorld(GAME);
    advance(a, 0, 200);
    const bytes = new Uint8Array(worldStateBytes(a) + 16);
    saveWorld(a, bytes, 8);
    const b = createGameWorld(GAME);
    advance(b, 0, 30); // a world that went elsewhere is overwritten whole
    loadWorld(b, bytes, 8);
    expectSameWorld(b, a, false);
    advance(a, 200, 400);
    advance(b, 200, 400);
    expectSameWorld(b, a, false);
  });

  it('refuses a short buffer or a misaligned offset, writing and reading nothing', () => {
    const world = createGameWorld(GAME);
    const bytes = worldStateBytes(world);
    expect(() => saveWorld(world, new Uint8Array(bytes - 1))).toThrow(RangeError);
    expect(() => saveWorld(world, new Uint8Array(bytes + 8), 4)).toThrow(RangeError);
    const tick = world.tick;
    expect(() => loadWorld(world, new Uint8Array(bytes), 8)).toThrow(RangeError);
    expect(world.tick).toBe(tick);
  });
});

describe('ThreadedSimulation options', () => {
  it.each([
    [null, TypeError, /^options must be an object/],
    [{ ...ROOMY, spawn: 'worker', maxThreads: 2 }, TypeError, /^spawn must be a function or null/],
    [{ ...ROOMY, spawn: null, maxThreads: 0 }, RangeError, /^maxThreads must be a whole number from 1/],
    [{ ...ROOMY, spawn: null, maxThreads: 1.5 }, RangeError, /^maxThreads must be a whole number from 1/],
    [{ bullets: -1, spawn: null, maxThreads: 2 }, RangeError, /bullets/],
  ])('%j throws naming the option', (options, type, message) => {
    expect(() => new ThreadedSimulation(options as never)).toThrow(type);
    expect(() => new ThreadedSimulation(options as never)).toThrow(message);
  });
});
