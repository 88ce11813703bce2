/**
 * `WorldState.save` / `load`, how the threaded game moves its world between threads: a world saved
 * between ticks and loaded into another made with the same options plays on exactly as the first, bitecs
 * handing out the same ids (also when the world loaded into made ids past the saved world's highest);
 * too short a buffer, a misaligned offset or a buffer holding no saved world is refused before anything
 * is written. And `ThreadedSimulation`'s options are checked.
 */
import { getAllEntities } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { createGameWorld, ThreadedSimulation } from '../../../src/game/index.ts';
import { stepGameWorld } from '../../../src/game/step.ts';
import { WorldState } from '../../../src/game/WorldState.ts';
import { playScripted, ROOMY } from '../helpers.ts';
import { expectSameWorld, GAME } from './helpers.ts';

function advance(world: ReturnType<typeof createGameWorld>, from: number, to: number): void {
  for (let t = from; t < to; t++) {
    playScripted({ input: world.input, width: world.width, height: world.height } as never, t);
    stepGameWorld(world);
  }
}

describe('WorldState.save and load', () => {
  it.each([
    ['a world that went elsewhere', 30],
    ['a world that made more ids than the saved one', 400],
  ])('a world loaded into %s plays on exactly as the saved one', (_, elsewhere) => {
    const a = createGameWorld(GAME);
    advance(a, 0, 200);
    const saved = new WorldState(a);
    const bytes = new Uint8Array(saved.bytes + 16);
    saved.save(bytes, 8);
    const b = createGameWorld(GAME);
    advance(b, 0, elsewhere); // overwritten whole
    new WorldState(b).load(bytes, 8);
    expectSameWorld(b, a, false);
    expect(getAllEntities(b.ecs).length).toBe(a.enemies.pool.live);
    advance(a, 200, 400);
    advance(b, 200, 400);
    expectSameWorld(b, a, false);
  });

  it('a save after a load writes the same bytes as the world saved', () => {
    const a = createGameWorld(GAME);
    advance(a, 0, 150);
    const first = new WorldState(a);
    const bytes = new Uint8Array(first.bytes);
    first.save(bytes);
    const b = createGameWorld(GAME);
    const second = new WorldState(b);
    second.load(bytes);
    const again = new Uint8Array(second.bytes);
    second.save(again);
    advance(a, 150, 151);
    first.save(bytes); // the next tick's state differs from the loaded one
    expect(Buffer.compare(again, bytes)).not.toBe(0);
    advance(b, 150, 151);
    second.save(again);
    expect(Buffer.compare(again, bytes)).toBe(0);
  });

  it('refuses a short buffer, a misaligned offset or one holding no saved world, changing nothing', () => {
    const world = createGameWorld(GAME);
    advance(world, 0, 60);
    const state = new WorldState(world);
    const bytes = state.bytes;
    expect(() => state.save(new Uint8Array(bytes - 1))).toThrow(/^into must be a Uint8Array/);
    expect(() => state.save(new Uint8Array(bytes + 8), 4)).toThrow(RangeError);
    expect(() => state.save([] as never)).toThrow(RangeError);
    const before = new Uint8Array(bytes);
    state.save(before);
    const tick = world.tick;
    expect(() => state.load(new Uint8Array(bytes), 8)).toThrow(/^from must be a Uint8Array/);
    expect(() => state.load(new Uint8Array(bytes), -8)).toThrow(RangeError);
    // Room enough, but zeros where the pools' snapshots should be.
    expect(() => state.load(new Uint8Array(bytes))).toThrow(TypeError);
    expect(world.tick).toBe(tick);
    const after = new Uint8Array(bytes);
    state.save(after);
    expect(Buffer.compare(after, before)).toBe(0);
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
