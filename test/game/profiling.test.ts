import { describe, expect, it } from 'vitest';
import {
  createWorldProfiler,
  liveCount,
  PooledSimulation,
  SYSTEMS,
  stepGameWorld,
} from '../../src/game/index.ts';
import { ProfilerStateError, TickProfiler } from '../../src/profiler/index.ts';
import { playScripted, ROOMY, worldState } from './helpers.ts';

const TICKS = 300;

function pooled(seed = 7): PooledSimulation {
  return new PooledSimulation({ seed, ...ROOMY });
}

/** Drives `sim` for `ticks` scripted ticks, stepping the world with `step`, checking `after` each tick. */
function drive(sim: PooledSimulation, ticks: number, step: () => void, after?: () => void): void {
  for (let t = 0; t < ticks; t++) {
    playScripted(sim, sim.tick);
    step();
    after?.();
  }
}

/** A world played for TICKS ticks under a fresh world profiler, and that profiler's snapshot. */
function profiledRun() {
  const sim = pooled();
  const profiler = createWorldProfiler(sim.world, { window: TICKS });
  const perTick = { arenaPeak: [] as number[], arenaUsed: [] as number[], entities: [] as number[] };
  drive(
    sim,
    TICKS,
    () => stepGameWorld(sim.world, profiler),
    () => {
      perTick.arenaPeak.push(sim.world.arena.highWater);
      perTick.arenaUsed.push(sim.world.arena.used);
      perTick.entities.push(liveCount(sim.world));
    },
  );
  return { sim, profiler, perTick, snapshot: profiler.snapshot() };
}

describe('createWorldProfiler', () => {
  it("watches the world's arena, its three pools and one system per entry of SYSTEMS, ids in order", () => {
    const sim = pooled();
    const profiler = createWorldProfiler(sim.world, { window: 16 });
    expect(profiler.arena).toBe(sim.world.arena);
    expect(profiler.window).toBe(16);
    expect(profiler.pools.map((p) => p.name)).toEqual(['bullets', 'enemies', 'particles']);
    expect(profiler.systems.map((s) => s.name)).toEqual(SYSTEMS.map((s) => s.name));
    expect(profiler.systems.map((s) => s.name)).toEqual([
      'ship',
      'spawn',
      'motion',
      'lifetime',
      'collision',
      'particles',
    ]);
    SYSTEMS.forEach((s, i) => {
      expect(profiler.systemId(s.name)).toBe(i);
    });
  });
});

describe('stepGameWorld with a profiler', () => {
  it('leaves the world exactly as stepGameWorld does for the same seed and inputs', () => {
    const [plain, profiled] = [pooled(), pooled()];
    const profiler = createWorldProfiler(profiled.world, { window: 64 });
    drive(plain, TICKS, () => stepGameWorld(plain.world));
    drive(profiled, TICKS, () => stepGameWorld(profiled.world, profiler));
    // Includes the arena's and every pool's high-water marks, which the profiler borrows inside a tick.
    expect(worldState(profiled.world)).toEqual(worldState(plain.world));
    expect(profiled.world.arena.highWater).toBe(plain.world.arena.highWater);
    expect(profiler.totalTicks).toBe(TICKS);
    // The scenario did something worth profiling.
    expect(plain.kills).toBeGreaterThan(0);
  });

  it("records each tick's live count, arena use and peak as the world counts them", () => {
    const { perTick, snapshot } = profiledRun();
    expect(Array.from(snapshot.ticks.entities)).toEqual(perTick.entities);
    expect(Array.from(snapshot.ticks.arenaUsed)).toEqual(perTick.arenaUsed);
    expect(Array.from(snapshot.ticks.arenaPeak)).toEqual(perTick.arenaPeak);
    expect(Array.from(snapshot.ticks.tick)).toEqual(Array.from({ length: TICKS }, (_, t) => t));
  });

  it("attributes every arena byte and allocation of a tick to its systems: they sum to the tick's figures", () => {
    const { snapshot } = profiledRun();
    for (let t = 0; t < TICKS; t++) {
      let bytes = 0;
      let allocations = 0;
      for (const system of snapshot.systems) {
        bytes += system.series.bytes[t];
        allocations += system.series.allocations[t];
        expect(system.series.calls[t]).toBe(1);
      }
      expect(bytes).toBe(snapshot.ticks.arenaUsed[t]);
      expect(allocations).toBe(snapshot.ticks.arenaAllocations[t]);
    }
  });

  it('shows collision as the system that uses the arena, and no other', () => {
    const { snapshot } = profiledRun();
    for (const system of snapshot.systems) {
      const total = (values: Float64Array) => values.reduce((sum, v) => sum + v, 0);
      if (system.name === 'collision') {
        expect(Math.min(...system.series.bytes)).toBeGreaterThan(0);
        expect(Math.min(...system.series.allocations)).toBeGreaterThan(0);
        expect(Math.max(...system.series.peakBytes)).toBe(snapshot.arena.peak);
      } else {
        expect({ system: system.name, bytes: total(system.series.bytes) }).toEqual({
          system: system.name,
          bytes: 0,
        });
        expect(total(system.series.allocations)).toBe(0);
      }
    }
  });

  it('records nothing while the profiler is disabled, and the world still steps', () => {
    const sim = pooled();
    const profiler = createWorldProfiler(sim.world, { enabled: false });
    drive(sim, 10, () => stepGameWorld(sim.world, profiler));
    expect(sim.tick).toBe(10);
    expect(profiler.totalTicks).toBe(0);
    expect(profiler.isTickOpen).toBe(false);
  });

  it("abandons the profiler's tick when a system throws, so the next step records normally", () => {
    const sim = pooled();
    // From here on particles die every tick, and the particles system frees them by handle.
    drive(sim, 120, () => sim.step());
    const profiler = createWorldProfiler(sim.world);
    const pool = sim.world.particles;
    // Make that free fail once, inside a profiled tick.
    let fail = true;
    const handleAt = pool.handleAt;
    pool.handleAt = (slot: number) => {
      if (fail) {
        fail = false;
        throw new Error('boom');
      }
      return handleAt.call(pool, slot);
    };
    playScripted(sim, sim.tick);
    expect(() => stepGameWorld(sim.world, profiler)).toThrow('boom');
    expect(profiler.isTickOpen).toBe(false);
    expect(profiler.totalTicks).toBe(0);
    stepGameWorld(sim.world, profiler);
    expect(profiler.totalTicks).toBe(1);
    expect(profiler.systems[profiler.systemId('particles')].calls.recent(0)).toBe(1);
  });
});

describe('PooledSimulation.profiler', () => {
  it('is absent by default; once assigned, step() records every tick', () => {
    const sim = pooled();
    expect(sim.profiler).toBeUndefined();
    const profiler: TickProfiler = createWorldProfiler(sim.world);
    sim.profiler = profiler;
    expect(sim.profiler).toBe(profiler);
    drive(sim, 5, () => sim.step());
    expect(profiler.totalTicks).toBe(5);
    expect(profiler.ticks.entities.recent(0)).toBe(sim.liveCount());
    sim.profiler = undefined;
    sim.step();
    expect(profiler.totalTicks).toBe(5);
  });

  it("refuses a profiler made for another world's arena or without the world's systems", () => {
    const sim = pooled();
    expect(() => {
      sim.profiler = createWorldProfiler(pooled().world);
    }).toThrow(/another arena/);
    const reversed = new TickProfiler({
      arena: sim.world.arena,
      systems: SYSTEMS.map((s) => s.name).reverse(),
    });
    expect(() => {
      sim.profiler = reversed;
    }).toThrow(/profiler system 0 is "particles", expected "ship"/);
    const none = new TickProfiler({ arena: sim.world.arena });
    expect(() => {
      sim.profiler = none;
    }).toThrow(/profiler system 0 is missing/);
    expect(sim.profiler).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a number', 5],
    ['a plain object', {}],
  ])('refuses %s as a profiler with a TypeError, keeping the one it had', (_, bad) => {
    const sim = pooled();
    const profiler = createWorldProfiler(sim.world);
    sim.profiler = profiler;
    expect(() => {
      sim.profiler = bad as unknown as TickProfiler;
    }).toThrow(TypeError);
    expect(sim.profiler).toBe(profiler);
  });
});

describe('stepGameWorld with a wrong profiler', () => {
  const wrong: [string, (sim: PooledSimulation) => unknown][] = [
    ['null', () => null],
    ['5', () => 5],
    ['{}', () => ({})],
    ['one of another world', () => createWorldProfiler(pooled().world)],
    [
      'one with two systems',
      (sim) => new TickProfiler({ arena: sim.world.arena, systems: ['ship', 'spawn'] }),
    ],
  ];

  it('throws before anything moves when the profiler has a tick open', () => {
    const sim = pooled();
    const profiler = createWorldProfiler(sim.world);
    drive(sim, 30, () => stepGameWorld(sim.world, profiler));
    // (The open tick borrows the pools' high-water marks, as the profiler documents.)
    profiler.beginTick();
    const before = worldState(sim.world);
    expect(() => stepGameWorld(sim.world, profiler)).toThrow(ProfilerStateError);
    expect(worldState(sim.world)).toEqual(before);
  });

  it.each(wrong)('throws before anything moves, for %s', (_, make) => {
    const sim = pooled();
    drive(sim, 30, () => sim.step());
    const before = worldState(sim.world);
    expect(() => stepGameWorld(sim.world, make(sim) as TickProfiler)).toThrow(/profiler/);
    expect(worldState(sim.world)).toEqual(before);
  });
});
