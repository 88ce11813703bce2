/** Probes of the bullet game: its three simulations, its world, its scenario and its input. */
import {
  BitecsSimulation,
  createGameWorld,
  createInput,
  createWorldProfiler,
  type GameInput,
  type GameOptions,
  type GameWorld,
  NaiveSimulation,
  PooledSimulation,
  requireWorldProfiler,
  type Simulation,
  type SpriteKind,
  type SpriteSink,
  startSteady,
  steadyWorldOptions,
  steerSteady,
  stepGameWorld,
} from '../../../src/game/index.ts';
import type { PoolFigures } from '../../../src/memory/index.ts';
import type { TickProfiler } from '../../../src/profiler/index.ts';
import { playScripted, RecordingSink } from '../../game/helpers.ts';
import { acceptsKinds, type Probe, probe } from '../probe.ts';
import type { Bad } from '../values.ts';

/** Small budgets, so that making a simulation per case is cheap. */
const SMALL: GameOptions = {
  seed: 1,
  width: 1280,
  height: 720,
  arenaBytes: 1 << 16,
  bullets: 64,
  enemies: 8,
  particles: 64,
};
const OPTION_KEYS = ['seed', 'width', 'height', 'arenaBytes', 'bullets', 'enemies', 'particles'] as const;
const MAKERS = {
  PooledSimulation: (options: GameOptions) => new PooledSimulation(options),
  BitecsSimulation: (options: GameOptions) => new BitecsSimulation(options),
  NaiveSimulation: (options: GameOptions) => new NaiveSimulation(options),
} as const;
type SimulationName = keyof typeof MAKERS;
const NAMES = Object.keys(MAKERS) as SimulationName[];

/** Whether `bad` is a valid value of option `key` after all (a seed may be any whole number …). */
function validOption(key: (typeof OPTION_KEYS)[number], bad: Bad): boolean {
  const v = bad.value;
  if (v === undefined) return true;
  if (typeof v !== 'number') return false;
  if (key === 'seed') return Number.isSafeInteger(v);
  if (key === 'width' || key === 'height') return v >= 64 && v <= 100_000;
  return false;
}

/** A simulation of each kind in play, shared by the probes that only read it. */
const played = new Map<SimulationName, Simulation>();
function playedSim(name: SimulationName): Simulation {
  let sim = played.get(name);
  if (sim === undefined) {
    sim = MAKERS[name]({ ...SMALL, bullets: 400, enemies: 40, particles: 400 });
    for (let t = 0; t < 90; t++) {
      playScripted(sim, t);
      sim.step();
    }
    played.set(name, sim);
  }
  return sim;
}

const simState = (sim: Simulation) => ({ tick: sim.tick, live: sim.liveCount(), kills: sim.kills });
const PROFILER_OPTIONS = ['window', 'clock', 'enabled', 'tagging', 'tags'];
const INPUT_KEYS: readonly (keyof GameInput)[] = [
  'moveX',
  'moveY',
  'aimX',
  'aimY',
  'firing',
  'fireRate',
  'enemyRate',
  'exhaustRate',
];

/** Whether a simulation is sane after a step: its figures within budgets, its ship where numbers are. */
function sane(sim: Simulation): boolean {
  const out: PoolFigures = { live: 0, capacity: 0, highWater: 0, failureCount: 0 };
  const { x, y, angle } = sim.ship;
  return (
    (['bullets', 'enemies', 'particles'] as const).every((kind) => {
      sim.figures(kind, out);
      return out.live >= 0 && (sim.mode === 'naive' || out.live <= out.capacity);
    }) &&
    Number.isFinite(x) &&
    Number.isFinite(y) &&
    Number.isFinite(angle)
  );
}

/**
 * Whether a sane input brings the game back: bullets and enemies spawn again (no debt stuck at NaN or
 * Infinity), as many as the rates ask for, within the budgets.
 */
function recovers(sim: Simulation): boolean {
  Object.assign(sim.input, {
    firing: true,
    fireRate: 60,
    enemyRate: 60,
    aimX: 100,
    aimY: 100,
    moveX: 0,
    moveY: 0,
  });
  const out: PoolFigures = { live: 0, capacity: 0, highWater: 0, failureCount: 0 };
  const counts = () =>
    (['bullets', 'enemies'] as const).map((kind) => {
      sim.figures(kind, out);
      return { live: out.live, room: out.capacity - out.live };
    });
  const before = counts();
  sim.step();
  const after = counts();
  // One of each a tick (60 a second), where there was room.
  return after.every((figures, i) => figures.live > before[i].live || before[i].room <= 0);
}

function perSimulation(make: (name: SimulationName) => Probe): Probe[] {
  return NAMES.map(make);
}

export const GAME_PROBES: readonly Probe[] = [
  ...perSimulation((name) =>
    probe({
      name: `new ${name}`,
      params: OPTION_KEYS,
      make: () => null,
      valid: () => OPTION_KEYS.map((key) => SMALL[key]),
      call: (_, args) => MAKERS[name](Object.fromEntries(OPTION_KEYS.map((key, i) => [key, args[i]]))),
      accepts: (index, bad) =>
        validOption(OPTION_KEYS[index], bad) ? (sim) => typeof sim === 'object' : null,
    }),
  ),
  ...perSimulation((name) =>
    probe({
      name: `${name}#draw`,
      params: ['kind', 'sink'],
      make: () => playedSim(name),
      valid: (): [SpriteKind, SpriteSink] => ['bullets', new RecordingSink()],
      call: (sim, [kind, sink]) => sim.draw(kind as SpriteKind, sink as SpriteSink),
      state: simState,
    }),
  ),
  ...perSimulation((name) =>
    probe({
      name: `${name}#figures`,
      params: ['kind', 'out'],
      make: () => playedSim(name),
      valid: () => ['enemies', { live: 0, capacity: 0, highWater: 0, failureCount: 0 }],
      call: (sim, [kind, out]) => sim.figures(kind as SpriteKind, out as PoolFigures),
      state: simState,
      // Any object takes the figures (an array too: it is an object with properties).
      accepts: acceptsKinds(
        { 1: ['object', 'array'] },
        (out) => typeof (out as PoolFigures).live === 'number',
      ),
    }),
  ),
  ...perSimulation((name) =>
    probe({
      name: `${name}#pool`,
      params: ['kind'],
      make: () => playedSim(name),
      valid: () => ['particles'],
      call: (sim, [kind]) => sim.pool(kind as SpriteKind),
      state: simState,
    }),
  ),
  // The input is a plain object the page mutates: any value in any field must leave a step sane.
  ...perSimulation((name) =>
    probe({
      name: `${name}#step after a bad input`,
      params: INPUT_KEYS,
      make: () => MAKERS[name]({ ...SMALL }),
      valid: () => [0.5, -0.5, 100, 100, true, 6_000, 30, 90],
      call: (sim, args) => {
        INPUT_KEYS.forEach((key, i) => {
          (sim.input as unknown as Record<string, unknown>)[key] = args[i];
        });
        for (let t = 0; t < 3; t++) sim.step();
        return sim;
      },
      accepts: () => (sim) => sane(sim as Simulation) && recovers(sim as Simulation),
    }),
  ),
  probe({
    name: 'createInput',
    params: ['width', 'height'],
    make: () => null,
    valid: () => [1280, 720],
    call: (_, [w, h]) => createInput(w as number, h as number),
    accepts: acceptsKinds({ 0: ['negative', 'fraction', 'huge'], 1: ['negative', 'fraction', 'huge'] }),
  }),
  probe({
    name: 'stepGameWorld',
    params: ['world', 'profiler'],
    make: () => {
      const world = createGameWorld(SMALL);
      return { world, profiler: createWorldProfiler(world) };
    },
    valid: ({ world, profiler }) => [world, profiler],
    call: (_, [world, profiler]) => stepGameWorld(world as GameWorld, profiler as TickProfiler),
    state: ({ world }) => ({
      tick: world.tick,
      arena: world.arena.used,
      rng: world.rng.state[0],
      ship: world.ship.x,
    }),
    // No profiler at all is the unprofiled step.
    accepts: (index, bad) => (index === 1 && bad.kind === 'undefined' ? () => true : null),
  }),
  probe({
    name: 'createWorldProfiler',
    params: ['world', 'options'],
    make: () => createGameWorld(SMALL),
    valid: (world) => [world, { window: 8 }],
    call: (_, [world, options]) => createWorldProfiler(world as GameWorld, options as { window: number }),
    // Options are optional; an object without any of them takes every default (other keys are ignored).
    accepts: (index, bad) =>
      index === 1 &&
      (bad.kind === 'undefined' ||
        ((bad.kind === 'object' || bad.kind === 'array') &&
          !PROFILER_OPTIONS.some((key) => key in (bad.value as object))))
        ? () => true
        : null,
  }),
  probe({
    name: 'requireWorldProfiler',
    params: ['world', 'profiler'],
    make: () => {
      const world = createGameWorld(SMALL);
      return { world, profiler: createWorldProfiler(world) };
    },
    valid: ({ world, profiler }) => [world, profiler],
    call: (_, [world, profiler]) => requireWorldProfiler(world as GameWorld, profiler as TickProfiler),
  }),
  probe({
    name: 'steadyWorldOptions',
    params: ['entities', 'seed'],
    make: () => null,
    valid: () => [10_000, 42],
    call: (_, [entities, seed]) => steadyWorldOptions(entities as number, seed as number),
    // A seed is any safe whole number; without one, the default seed.
    accepts: (index, bad) =>
      index === 1 && (bad.kind === 'undefined' || Number.isSafeInteger(bad.value))
        ? (o) => typeof o === 'object'
        : null,
  }),
  ...perSimulation((name) =>
    probe({
      name: `startSteady(${name})`,
      params: ['sim', 'entities'],
      make: () => MAKERS[name]({ ...SMALL }),
      valid: (sim) => [sim, 1_000],
      call: (_, [sim, entities]) => startSteady(sim as Simulation, entities as number),
      state: (sim) => ({ ...sim.input }),
    }),
  ),
  probe({
    name: 'steerSteady',
    params: ['sim'],
    make: () => new PooledSimulation(SMALL),
    valid: (sim) => [sim],
    call: (_, [sim]) => steerSteady(sim as Simulation),
  }),
];
