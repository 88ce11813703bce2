/**
 * Rewind of the pooled world: a rewound world is byte for byte the world it was at that tick and plays
 * on exactly as the original did; backwards play walks the same states; the history and its bounds;
 * bad options and arguments. The model test drives random steps, rewinds and steps back against the
 * states a plain list remembers.
 */
import { entityExists, getAllEntities } from 'bitecs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputState, PooledSimulation, stepGameWorld } from '../../src/game/index.ts';
import { Rewind } from '../../src/game/rewind/Rewind.ts';
import { stateBytes, stateHash } from '../../src/game/rewind/stateBytes.ts';
import { WorldState } from '../../src/game/WorldState.ts';
import { SnapshotRing } from '../../src/memory/index.ts';
import { playScripted, ROOMY } from './helpers.ts';

function setUp(options: ConstructorParameters<typeof Rewind>[1] = {}, seed = 7) {
  const sim = new PooledSimulation({ seed, ...ROOMY });
  const rewind = new Rewind(sim.world, options);
  return { sim, rewind };
}

/** Plays `ticks` scripted ticks through the rewind; `states[t]` gets the bytes of the world at tick t. */
function play(sim: PooledSimulation, rewind: Rewind, ticks: number, states?: Uint8Array[]): void {
  for (let i = 0; i < ticks; i++) {
    playScripted(sim, sim.tick);
    rewind.step(() => sim.step());
    if (states) states[sim.tick] = stateBytes(rewind.state).slice();
  }
}

/**
 * Plays `ticks` ticks with the inputs the log holds for them, read out first: recording a tick again
 * forgets the log's later ticks.
 */
function replayLogged(sim: PooledSimulation, rewind: Rewind, ticks: number): void {
  const from = sim.tick;
  const inputs = Array.from({ length: ticks }, (_, i) => {
    const input = new InputState(0, 0);
    rewind.inputs.read(from + i, input);
    return input;
  });
  for (const input of inputs) {
    rewind.state.input.data.set(input.data);
    rewind.state.input.firing = input.firing;
    rewind.step();
  }
}

/**
 * Byte-for-byte equality, as the first differing offset (-1: none): vitest's deep equality walks a
 * megabyte of typed array element by element and takes seconds.
 */
function expectBytes(actual: Uint8Array, expected: Uint8Array): void {
  let at = actual.length === expected.length ? -1 : Math.min(actual.length, expected.length);
  for (let i = 0; at === -1 && i < actual.length; i++) if (actual[i] !== expected[i]) at = i;
  expect(at, `the first differing byte of ${actual.length} and ${expected.length}`).toBe(-1);
}

/** bitecs's side agrees with the enemy pool: one live entity per live record, each with its record. */
function expectEntitiesMatchPool(sim: PooledSimulation): void {
  const { ecs, enemies } = sim.world;
  const live = enemies.pool.live;
  expect(getAllEntities(ecs).length).toBe(live);
  for (let s = 0; s < live; s++) {
    const eid = enemies.entities[s];
    expect(entityExists(ecs, eid)).toBe(true);
    expect(enemies.pool.slotOf(enemies.handles[eid])).toBe(s);
  }
}

describe('Rewind', () => {
  it('plays 600 ticks, rewinds 300, plays the same 300 again: the world equals tick 600 byte for byte', () => {
    const { sim, rewind } = setUp();
    const states: Uint8Array[] = [];
    play(sim, rewind, 600, states);
    const at600 = stateBytes(rewind.state).slice();
    expect(sim.world.kills).toBeGreaterThan(50);
    expect(rewind.rewind(300)).toBe(300);
    expect(sim.tick).toBe(300);
    expectBytes(stateBytes(rewind.state), states[300]);
    expectEntitiesMatchPool(sim);
    replayLogged(sim, rewind, 300);
    expect(sim.tick).toBe(600);
    expectBytes(stateBytes(rewind.state), at600);
  });

  it('restart forgets the history of a world that went on unrecorded and records again from there', () => {
    const { sim, rewind } = setUp();
    play(sim, rewind, 100);
    for (let t = 100; t < 150; t++) {
      playScripted(sim, t);
      sim.step(); // elsewhere: in workers, say
    }
    rewind.restart();
    expect([rewind.heldTicks, rewind.inputs.firstTick, rewind.inputs.endTick]).toEqual([0, 150, 150]);
    expect(rewind.rewind(10)).toBe(0);
    const at150 = stateBytes(rewind.state).slice();
    const states: Uint8Array[] = [];
    play(sim, rewind, 60, states);
    expect(rewind.heldTicks).toBe(60);
    expect(rewind.rewind(100)).toBe(60);
    expect(sim.tick).toBe(150);
    expectBytes(stateBytes(rewind.state), at150);
    replayLogged(sim, rewind, 60);
    expectBytes(stateBytes(rewind.state), states[210]);
  });

  it('replayed in a fresh world from tick 0, the recorded inputs give the same state hash', () => {
    const { sim, rewind } = setUp();
    play(sim, rewind, 400);
    rewind.rewind(150);
    play(sim, rewind, 200);
    const fresh = new PooledSimulation({ seed: 7, ...ROOMY });
    const copy = new Rewind(fresh.world);
    for (let t = 0; t < sim.tick; t++) {
      rewind.inputs.read(t, copy.state.input);
      stepGameWorld(fresh.world);
    }
    expect(stateHash(copy.state)).toBe(stateHash(rewind.state));
    // The hash sees the game: one tick more, or another seed, gives another.
    const other = new Rewind(new PooledSimulation({ seed: 8, ...ROOMY }).world);
    expect(stateHash(other.state)).not.toBe(
      stateHash(new Rewind(new PooledSimulation({ seed: 7, ...ROOMY }).world).state),
    );
    fresh.step();
    expect(stateHash(copy.state)).not.toBe(stateHash(rewind.state));
  });

  it('steps back one tick at a time through every state of the history, across keyframes, then plays on as before', () => {
    const { sim, rewind } = setUp({ seconds: 2, keyframeEvery: 7 });
    const states: Uint8Array[] = [];
    play(sim, rewind, 200, states);
    const at200 = stateBytes(rewind.state).slice();
    const oldest = rewind.oldestTick;
    expect(oldest).toBeLessThanOrEqual(200 - 120);
    while (rewind.stepBack()) {
      expectBytes(stateBytes(rewind.state), states[sim.tick]);
      if (sim.tick % 20 === 0) expectEntitiesMatchPool(sim);
    }
    expect(sim.tick).toBe(oldest);
    expect(rewind.heldTicks).toBe(0);
    expect(rewind.stepBack()).toBe(false);
    expect(sim.tick).toBe(oldest);
    replayLogged(sim, rewind, 200 - oldest);
    expectBytes(stateBytes(rewind.state), at200);
  });

  it('keeps the seconds asked for, plus less than a keyframe span, and reaches no further', () => {
    const { sim, rewind } = setUp({ seconds: 1, keyframeEvery: 8 });
    play(sim, rewind, 30);
    expect([rewind.heldTicks, rewind.oldestTick]).toEqual([30, 0]);
    play(sim, rewind, 300);
    expect(rewind.heldTicks).toBeGreaterThanOrEqual(60);
    expect(rewind.heldTicks).toBeLessThan(60 + 8);
    expect(rewind.seconds).toBe(rewind.heldTicks / 60);
    const held = rewind.heldTicks;
    expect(rewind.rewind(10_000)).toBe(held);
    expect(sim.tick).toBe(330 - held);
    expect(rewind.rewind(0)).toBe(0);
    expect(rewind.heldTicks).toBe(0);
  });

  it('a rewound world that plays on differently makes new enemies with ids bitecs agrees with', () => {
    const { sim, rewind } = setUp();
    play(sim, rewind, 300);
    rewind.rewind(200);
    for (let i = 0; i < 300; i++) {
      playScripted(sim, sim.tick + 1000);
      sim.input.enemyRate = 40;
      rewind.step();
    }
    expectEntitiesMatchPool(sim);
    expect(sim.world.enemiesSpawned).toBeGreaterThan(100);
  });

  it('with a memory budget keeps what fits: packed snapshots, the newest history, the same states', () => {
    const sim = new PooledSimulation({ seed: 7, ...ROOMY });
    const whole = new SnapshotRing(new WorldState(sim.world).ringOptions(1)).snapshotBytes;
    const rewind = new Rewind(sim.world, { seconds: 10, keyframeEvery: 10, bytes: 12 * whole });
    const states: Uint8Array[] = [];
    play(sim, rewind, 700, states);
    expect(rewind.byteLength).toBe(12 * whole + rewind.inputs.byteLength);
    expect(rewind.usedBytes).toBeLessThanOrEqual(rewind.byteLength);
    // The keyframes' share (61 of 71 snapshots) is 10.3 whole snapshots: whole, at most 100 ticks
    // of history; packed, this game (particles past a quarter of their pool) keeps more.
    expect(rewind.heldTicks).toBeGreaterThan(120);
    const held = rewind.heldTicks;
    expect(rewind.rewind(held)).toBe(held);
    expectBytes(stateBytes(rewind.state), states[700 - held]);
    expect(() => new Rewind(sim.world, { bytes: whole })).toThrow(/bytes must be a whole number from/);
  });

  it('reports its memory: two rings and the input log', () => {
    const { rewind } = setUp({ seconds: 10, keyframeEvery: 12 });
    expect(rewind.keyframes.capacity).toBe(51);
    expect(rewind.segment.capacity).toBe(12);
    expect(rewind.byteLength).toBe(
      rewind.keyframes.byteLength + rewind.segment.byteLength + rewind.inputs.byteLength,
    );
    expect(rewind.keyframes.byteLength).toBe(51 * rewind.keyframes.snapshotBytes);
  });

  it.each([
    [{ seconds: 0 }, /seconds/],
    [{ seconds: 601 }, /seconds/],
    [{ seconds: 1.5 }, /seconds/],
    [{ seconds: '10' }, /seconds/],
    [{ keyframeEvery: 0 }, /keyframeEvery/],
    [{ keyframeEvery: Number.NaN }, /keyframeEvery/],
    [{ recordTicks: 100 }, /recordTicks/],
  ])('refuses options %o with a RangeError naming the option', (options, name) => {
    const sim = new PooledSimulation({ seed: 1, ...ROOMY });
    expect(() => new Rewind(sim.world, options as never)).toThrow(RangeError);
    expect(() => new Rewind(sim.world, options as never)).toThrow(name);
  });

  it('refuses a non-world and non-object options with a TypeError', () => {
    expect(() => new Rewind({} as never)).toThrow(/world/);
    expect(() => new Rewind(new PooledSimulation(ROOMY).world, null as never)).toThrow(TypeError);
  });

  it.each([[-1], [1.5], [Number.NaN], ['3']])(
    'rewind(%o) throws a RangeError naming ticks, changing nothing',
    (ticks) => {
      const { sim, rewind } = setUp();
      play(sim, rewind, 50);
      const before = stateBytes(rewind.state).slice();
      expect(() => rewind.rewind(ticks as never)).toThrow(/ticks/);
      expectBytes(stateBytes(rewind.state), before);
    },
  );

  it('matches a model of the timeline under random steps, rewinds and steps back', () => {
    const command = fc.oneof(
      fc.record({
        kind: fc.constant('play' as const),
        ticks: fc.integer({ min: 1, max: 40 }),
        salt: fc.integer({ min: 0, max: 1000 }),
      }),
      fc.record({ kind: fc.constant('rewind' as const), ticks: fc.integer({ min: 0, max: 200 }) }),
      fc.record({ kind: fc.constant('back' as const), ticks: fc.integer({ min: 1, max: 15 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(0, 2, 3, 8),
        (commands, every, budget) => {
          const sim = new PooledSimulation({ seed: 3, bullets: 600, enemies: 60, particles: 1500 });
          // With a budget, snapshots are packed and the history is what fits: the same timeline, shorter.
          const whole = new Rewind(sim.world, { seconds: 1, keyframeEvery: 1 }).keyframes.snapshotBytes;
          const rewind = new Rewind(sim.world, {
            seconds: 2,
            keyframeEvery: every,
            bytes: budget === 0 ? undefined : budget * whole,
          });
          // The model: the world's bytes at every tick of the timeline as played now.
          const timeline: Uint8Array[] = [stateBytes(rewind.state).slice()];
          for (const c of commands) {
            if (c.kind === 'play') {
              for (let i = 0; i < c.ticks; i++) {
                playScripted(sim, sim.tick + c.salt);
                rewind.step();
                timeline[sim.tick] = stateBytes(rewind.state).slice();
              }
              timeline.length = sim.tick + 1;
            } else if (c.kind === 'rewind') {
              const expected = Math.min(c.ticks, rewind.heldTicks);
              expect(rewind.rewind(c.ticks)).toBe(expected);
            } else {
              for (let i = 0; i < c.ticks; i++) rewind.stepBack();
            }
            expectBytes(stateBytes(rewind.state), timeline[sim.tick]);
            expect(sim.tick - rewind.oldestTick).toBe(rewind.heldTicks);
            expect(rewind.heldTicks).toBeLessThan(120 + every);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
