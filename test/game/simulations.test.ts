/**
 * The three simulations behind one interface: the pooled world, bitecs as documented and naive
 * objects. They take every number and decision from the same rules, so they play the same game: the
 * lockstep test runs them side by side and demands equal kills, live counts and sprites, tick by tick.
 */
import { describe, expect, it } from 'vitest';
import {
  BitecsSimulation,
  BULLET_TINT,
  ENEMY_TINTS,
  EXHAUST_TINT,
  type GameOptions,
  NaiveSimulation,
  PooledSimulation,
  RULES,
  type Simulation,
  SPARK_TINT,
  SPRITE_KINDS,
  type SpriteKind,
} from '../../src/game/index.ts';
import {
  drawn,
  figuresOf,
  liveRecords,
  playScripted,
  RecordingSink,
  ROOMY,
  run,
  shipFields,
  sortRows,
} from './helpers.ts';

const MAKERS = {
  pooled: (options: GameOptions) => new PooledSimulation(options),
  bitecs: (options: GameOptions) => new BitecsSimulation(options),
  naive: (options: GameOptions) => new NaiveSimulation(options),
} as const;
const MODES = Object.keys(MAKERS) as (keyof typeof MAKERS)[];

/** A game in full swing per mode, shared by the read-only tests. */
const played = new Map<string, Simulation>();
function playedSim(mode: keyof typeof MAKERS): Simulation {
  let sim = played.get(mode);
  if (!sim) {
    sim = MAKERS[mode]({ seed: 7, ...ROOMY });
    run(sim, 240);
    played.set(mode, sim);
  }
  return sim;
}

/** Every sprite of every kind, sorted: the observable state of a game, whatever its storage order. */
function sprites(sim: Simulation): number[][][] {
  return SPRITE_KINDS.map((kind) => sortRows(drawn(sim, kind).sprites));
}

describe.each(MODES)('%s', (mode) => {
  it('plays: bullets, enemies, kills and particles after 240 scripted ticks', () => {
    const sim = playedSim(mode);
    expect(sim.mode).toBe(mode);
    expect(sim.tick).toBe(240);
    expect(sim.kills).toBeGreaterThan(0);
    for (const kind of SPRITE_KINDS) expect(figuresOf(sim, kind).live).toBeGreaterThan(0);
  });

  it.each(SPRITE_KINDS)('draw(%s) writes exactly `live` sprites at indices 0..n-1', (kind) => {
    const sim = playedSim(mode);
    const { count, indices } = drawn(sim, kind);
    expect(count).toBe(figuresOf(sim, kind).live);
    expect(indices).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it.each(SPRITE_KINDS)('draw(%s) stops at the sink capacity, densely', (kind) => {
    const sim = playedSim(mode);
    const cap = Math.floor(figuresOf(sim, kind).live / 2);
    const result = drawn(sim, kind, cap);
    expect(result.count).toBe(cap);
    expect(result.indices).toEqual(Array.from({ length: cap }, (_, i) => i));
  });

  it.each(SPRITE_KINDS)('draws plausible %s: near the world, visible, in their colours', (kind) => {
    const sim = playedSim(mode);
    const tints: Record<SpriteKind, readonly number[]> = {
      bullets: [BULLET_TINT],
      enemies: ENEMY_TINTS,
      particles: [...ENEMY_TINTS, EXHAUST_TINT, SPARK_TINT],
    };
    // Enemies arrive from just outside the edges; particles then coast at most speed / drag further.
    const margin = RULES.enemyRadiusMax + RULES.particleSpeedMax / RULES.particleDrag;
    const implausible = drawn(sim, kind).sprites.filter(
      ([x, y, , scale, tint, alpha]) =>
        !(x > -margin && x < sim.width + margin && y > -margin && y < sim.height + margin) ||
        !(scale > 0 && alpha > 0 && alpha <= 1 && tints[kind].includes(tint)),
    );
    expect(implausible).toEqual([]);
  });

  it.each(SPRITE_KINDS)('figures(%s, out) fills and returns out: the budget, peak and refusals', (kind) => {
    const sim = playedSim(mode);
    const out = { live: -1, capacity: -1, highWater: -1, failureCount: -1 };
    expect(sim.figures(kind, out)).toBe(out);
    expect(out.capacity).toBe(ROOMY[kind]);
    expect(out.highWater).toBeGreaterThanOrEqual(out.live);
    expect(out.failureCount).toBe(0);
  });

  it('liveCount() is the sum of the live counts', () => {
    const sim = playedSim(mode);
    expect(sim.liveCount()).toBe(SPRITE_KINDS.reduce((sum, kind) => sum + figuresOf(sim, kind).live, 0));
  });

  it.each([['bogus'], ['constructor'], [''], [undefined], [null], [3]])(
    'draw, figures and pool reject the kind %s with a RangeError that names it',
    (kind) => {
      const sim = playedSim(mode);
      const bad = kind as unknown as SpriteKind;
      const sink = new RecordingSink();
      expect(() => sim.draw(bad, sink)).toThrow(/kind must be one of particles, enemies, bullets, got/);
      expect(() => sim.figures(bad, { live: 0, capacity: 0, highWater: 0, failureCount: 0 })).toThrow(
        RangeError,
      );
      expect(() => sim.pool(bad)).toThrow(RangeError);
      expect(sink.indices).toEqual([]);
    },
  );

  it.each([
    [{ width: Number.NaN }, /width must be a number from 64/],
    [{ height: Number.POSITIVE_INFINITY }, /height/],
    [{ width: -5 }, /width/],
    [{ height: 'abc' }, /height must be a number, got "abc"/],
    [{ particles: -1 }, /particles must be a whole number/],
    [{ bullets: 1.5 }, /bullets/],
    [{ enemies: 2 ** 40 }, /enemies/],
    [{ arenaBytes: -1 }, /arenaBytes/],
    [{ seed: 1n }, /seed must be a number, got 1n/],
  ])('rejects the option %o with an error that names it', (options, message) => {
    expect(() => MAKERS[mode](options as unknown as GameOptions)).toThrow(message);
  });

  it('rejects options that are not an object', () => {
    expect(() => MAKERS[mode](null as unknown as GameOptions)).toThrow(TypeError);
    expect(() => MAKERS[mode](5 as unknown as GameOptions)).toThrow(/options must be an object/);
  });
});

describe('pool(kind)', () => {
  it('is the storing MemoryPool in the pooled world, null where things are not in framepool pools', () => {
    const sim = playedSim('pooled') as PooledSimulation;
    expect(sim.pool('bullets')).toBe(sim.world.bullets);
    expect(sim.pool('enemies')).toBe(sim.world.enemies.pool);
    expect(sim.pool('particles')).toBe(sim.world.particles);
    for (const mode of ['bitecs', 'naive'] as const) {
      for (const kind of SPRITE_KINDS) expect(playedSim(mode).pool(kind)).toBeNull();
    }
  });

  it.each(SPRITE_KINDS)('the pooled world draws exactly the live records of the %s pool', (kind) => {
    const sim = playedSim('pooled') as PooledSimulation;
    const expected = liveRecords(sim.pool(kind)).map((r) => [r.x, r.y, r.rotation, r.scale, r.tint, r.alpha]);
    expect(sortRows(drawn(sim, kind).sprites)).toEqual(sortRows(expected));
  });
});

describe('the same game in three storages', () => {
  const TICKS = 600;

  /** Plays the three side by side for `ticks`, demanding the same game tick by tick. */
  function lockstep(options: GameOptions, ticks: number): Simulation[] {
    const sims = MODES.map((mode) => MAKERS[mode](options));
    const [pooled, bitecs, naive] = sims;
    for (let t = 0; t < ticks; t++) {
      for (const sim of sims) {
        playScripted(sim, t);
        sim.step();
      }
      const counts = (sim: Simulation) =>
        SPRITE_KINDS.map((kind) => [figuresOf(sim, kind).live, figuresOf(sim, kind).failureCount]);
      for (const other of [bitecs, naive]) {
        expect([counts(other), other.kills, shipFields(other.ship)], `${other.mode} at tick ${t}`).toEqual([
          counts(pooled),
          pooled.kills,
          shipFields(pooled.ship),
        ]);
      }
      if (t % 25 === 24) {
        const expected = sprites(pooled);
        expect(sprites(bitecs), `sprites at tick ${t}`).toEqual(expected);
        expect(sprites(naive), `sprites at tick ${t}`).toEqual(expected);
      }
    }
    return sims;
  }

  // Each rule stores float32 results, and no outcome depends on the order a storage keeps its things
  // in, so the three agree exactly, not just within rounding.
  it.each([1, 2, 3, 4])(
    'play in lockstep for 600 ticks: same ship, kills, live counts and sprites (seed %d)',
    (seed) => {
      const [pooled] = lockstep({ seed, ...ROOMY }, TICKS);
      // The comparison saw a real game, within the budgets.
      expect(pooled.kills).toBeGreaterThan(20);
      for (const kind of SPRITE_KINDS) expect(figuresOf(pooled, kind).failureCount).toBe(0);
      expect((pooled as PooledSimulation).world.arena.failureCount).toBe(0);
    },
  );

  // Bullets and enemies spawn in the same order in every storage, so their budgets refuse the same
  // spawns, counted alike: the games stay identical while those budgets bind.
  it('stay in lockstep when the bullet and enemy budgets bind, refusing the same spawns', () => {
    const sims = lockstep({ seed: 5, ...ROOMY, bullets: 150, enemies: 40 }, TICKS);
    for (const sim of sims) {
      expect(figuresOf(sim, 'bullets').failureCount).toBeGreaterThan(0);
      expect(figuresOf(sim, 'enemies').failureCount).toBeGreaterThan(0);
      expect(figuresOf(sim, 'enemies').highWater).toBe(40);
    }
  });

  // Which bursts a full particle budget cuts short depends on the order a storage finds its enemies,
  // so from the first such refusal the games differ; each still keeps its budget and counts refusals.
  it.each(MODES)('%s keeps a binding particle budget and counts what it refuses', (mode) => {
    const sim = MAKERS[mode]({ seed: 5, ...ROOMY, particles: 300 });
    for (let t = 0; t < 300; t++) {
      playScripted(sim, t);
      sim.step();
      expect(figuresOf(sim, 'particles').live).toBeLessThanOrEqual(300);
    }
    expect(figuresOf(sim, 'particles').highWater).toBe(300);
    expect(figuresOf(sim, 'particles').failureCount).toBeGreaterThan(0);
    expect(sim.kills).toBeGreaterThan(0);
  });
});
