/**
 * The demo page: the bullet game in one of three storages (the pooled world, bitecs as documented,
 * or naive objects) driven by a fixed-step clock, drawn by the Pixi scene, watched by the memory
 * overlay and stats.js, steered by the keyboard, the mouse, the control bar and `window.demo`.
 */
import { Application, UPDATE_PRIORITY } from 'pixi.js';
import {
  BitecsSimulation,
  createWorldProfiler,
  type GameOptions,
  NaiveSimulation,
  RULES,
  SIMULATION_MODES,
  type Simulation,
  type SimulationMode,
  SPRITE_KINDS,
  type SpriteKind,
  type Threads,
} from '../game/index.ts';
import { advance, createFixedStep } from '../loop/index.ts';
import { describeValue, type PoolFigures } from '../memory/index.ts';
import { GcCanary, toTraceJson } from '../profiler/index.ts';
import { createFrameSample, MemoryOverlay, ProfilerPanel, StatsPanels, timeRender } from '../render/index.ts';
import type { DemoHandle } from './automation.ts';
import { ControlBar, type ControlState, ENEMY_RATE_MAX, FIRE_RATE_MAX, FIRE_RATE_MIN } from './ControlBar.ts';
import { GameScene } from './GameScene.ts';
import { type ActionKey, PlayerControls } from './PlayerControls.ts';
import { PageRewind } from './rewind.ts';
import { SpaceBackdrop } from './SpaceBackdrop.ts';
import { createGameTextures } from './textures.ts';
import { createThreadedGame, nextThreads, ThreadsReadout } from './threads.ts';

/** Slot budgets: the layers are sized to them too. Tens of thousands of bullets and particles. */
const BUDGET = { bullets: 50_000, enemies: 1_500, particles: 60_000 } as const;
/** Every mode plays the same game: same seed, size and budgets. */
const GAME: GameOptions = { seed: 2024, arenaBytes: 1 << 20, ...BUDGET };
/** Pools in the overlay, most watched first. */
const OVERLAY_ORDER: readonly SpriteKind[] = ['bullets', 'enemies', 'particles'];

const app = new Application();
// Transparent canvas over a DOM starfield (SpaceBackdrop explains why that is cheaper).
await app.init({ preference: 'webgl', resizeTo: window, backgroundAlpha: 0, antialias: false });
document.body.appendChild(app.canvas);
const textures = createGameTextures();
new SpaceBackdrop({ sky: textures.sky });

/** The pooled game, on the main thread or in workers (see threads.ts); `pooled` is its main-thread world. */
const threaded = createThreadedGame(GAME);
const pooled = threaded.local;
/** Engine-trail particles per second (the game's default until a script sets it). */
let exhaustRate = pooled.input.exhaustRate;
const threadsReadout = new ThreadsReadout(threaded);
/** Each mode's game, made the first time it is chosen; each keeps its state while another runs. */
const games: Record<SimulationMode, Simulation | null> = { pooled: threaded, bitecs: null, naive: null };
const makers: Record<SimulationMode, () => Simulation> = {
  pooled: () => threaded,
  bitecs: () => new BitecsSimulation(GAME),
  naive: () => new NaiveSimulation(GAME),
};
let sim: Simulation = threaded;
// Recorded from tick 0 while the pooled game runs on this thread: R plays it backwards, L saves its replay.
const pageRewind = new PageRewind(pooled, window, () => sim === threaded && threaded.runsHere);
threaded.stepHere = () => pageRewind.step();
const state: ControlState = {
  mode: 'pooled',
  threads: threaded.threads,
  paused: false,
  overlay: true,
  autoFire: false,
  fireRate: pooled.input.fireRate,
  enemyRate: 3,
};

const scene = new GameScene(textures, BUDGET);
app.stage.addChild(scene.world);
const fitToScreen = () => scene.fit(app.screen.width, app.screen.height, pooled.width, pooled.height);
fitToScreen();
app.renderer.on('resize', fitToScreen);

/** The overlay's view of one kind, read from whichever simulation is running. */
function figuresView(kind: SpriteKind): PoolFigures {
  const figures: PoolFigures = { live: 0, capacity: 0, highWater: 0, failureCount: 0 };
  return {
    get live() {
      return sim.figures(kind, figures).live;
    },
    get capacity() {
      return sim.figures(kind, figures).capacity;
    },
    get highWater() {
      return sim.figures(kind, figures).highWater;
    },
    get failureCount() {
      return sim.figures(kind, figures).failureCount;
    },
  };
}

const memory = performance as Performance & { memory?: { usedJSHeapSize: number } };
// Counts the page's collections (Chromium reclaims it in every minor one): the overlay shows them, and
// switching from pooled to naive shows what they cost.
const canary = new GcCanary();
const overlay = new MemoryOverlay({
  arena: pooled.arena,
  pools: OVERLAY_ORDER.map((kind) => ({ name: kind, pool: figuresView(kind) })),
  rows: [
    { label: 'live', value: () => sim.liveCount() },
    { label: 'kills', value: () => sim.kills },
    ...pageRewind.overlayRows(),
    { label: 'sim workers', value: () => threadsReadout.workers },
    { label: 'worker tick', value: () => finiteOr0(threaded.workerTickMs), decimals: 2, unit: 'ms' },
    { label: 'frame JS', value: () => threadsReadout.frameMs, decimals: 2, unit: 'ms' },
  ],
  status: () => threadsReadout.status(),
  garbage: {
    canary,
    heapBytes: () => (memory.memory ? memory.memory.usedJSHeapSize : Number.NaN),
  },
});
app.stage.addChild(overlay.view);

// The frame-allocation profiler records every pooled tick; its panel sits under the overlay.
const profiler = createWorldProfiler(pooled.world, { window: 600 });
pooled.profiler = profiler;
const profiled: Simulation = threaded;
const profilerPanel = new ProfilerPanel({ profiler });
app.stage.addChild(profilerPanel.view);

/** Room kept free at the bottom of the screen for the control bar. */
const CONTROL_BAR_ROOM = 100;
const overlayHeight = overlay.view.height;
const hudHeight = overlayHeight + 8 + profilerPanel.view.height;

/** Stacks the overlay and the profile panel top-left, scaled down when the screen is too short for them. */
function layoutHud(): void {
  const scale = Math.min(1, (app.screen.height - CONTROL_BAR_ROOM - overlay.view.y) / hudHeight);
  overlay.view.scale.set(scale);
  profilerPanel.view.scale.set(scale);
  profilerPanel.view.position.set(overlay.view.x, overlay.view.y + (overlayHeight + 8) * scale);
}
layoutHud();
app.renderer.on('resize', layoutHud);
const stats = new StatsPanels({ arenaCapacity: pooled.arena.capacity });

const controls = new PlayerControls(window, onAction);
const bar = new ControlBar(document.body, {
  setMode,
  togglePause: () => setPaused(!state.paused),
  step: () => stepNow(1),
  toggleOverlay: () => setOverlay(!overlay.visible),
  setAutoFire: setFiring,
  setFireRate,
  setEnemyRate,
  cycleThreads: () => void setThreads(nextThreads(threaded)),
});
pageRewind.addButton(bar.element.querySelector('.controls')!, bar.element.querySelector('.keys')!);
threaded.onFailure = () => {
  state.threads = threaded.threads;
  showProfilerPanel();
  bar.show(state);
};
applyRates(pooled);
bar.show(state);

/** What each action key does. */
const ACTIONS: Readonly<Record<ActionKey, () => void>> = {
  mode: () => setMode(SIMULATION_MODES[(SIMULATION_MODES.indexOf(state.mode) + 1) % SIMULATION_MODES.length]),
  pause: () => setPaused(!state.paused),
  step: () => stepNow(1),
  overlay: () => setOverlay(!overlay.visible),
  autoFire: () => setFiring(!controls.autoFire),
  faster: () => setFireRate(state.fireRate * 1.5),
  slower: () => setFireRate(state.fireRate / 1.5),
  moreEnemies: () => setEnemyRate(state.enemyRate + 1),
  fewerEnemies: () => setEnemyRate(state.enemyRate - 1),
  trace: saveTrace,
  threads: () => void setThreads(nextThreads(threaded)),
};

function onAction(action: ActionKey): void {
  ACTIONS[action]();
}

/** Downloads the profiler's window as a Chrome trace (open it in Perfetto or Chrome's Performance panel). */
function saveTrace(): void {
  const blob = new Blob([toTraceJson(profiler.snapshot())], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `framepool-trace-tick${pooled.tick}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function setMode(mode: SimulationMode): void {
  if (!SIMULATION_MODES.includes(mode)) {
    throw new RangeError(`mode must be one of ${SIMULATION_MODES.join(', ')}, got ${describeValue(mode)}`);
  }
  sim = games[mode] ??= makers[mode]();
  state.mode = mode;
  lastArenaFailures = sim.arena?.failureCount ?? 0;
  showProfilerPanel();
  applyRates(sim);
  bar.show(state);
}

/** Moves the pooled game to the main thread or to workers (see `ThreadedSimulation.setThreads`). */
function setThreads(threads: Threads): Promise<void> {
  const moved = threaded.setThreads(threads);
  state.threads = threads;
  showProfilerPanel();
  bar.show(state);
  return moved.then(() => {
    state.threads = threaded.threads;
    showProfilerPanel();
    bar.show(state);
  });
}

function finiteOr0(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

function setPaused(paused: boolean): void {
  requireBoolean('paused', paused);
  state.paused = paused;
  clock.accumulator = 0;
  bar.show(state);
}

function setOverlay(visible: boolean): void {
  requireBoolean('visible', visible);
  overlay.visible = visible;
  state.overlay = visible;
  showProfilerPanel();
  bar.show(state);
}

/**
 * The profile panel describes the profiled simulation, so it shows with the overlay while that one
 * runs on this thread (the workers' ticks are not profiled).
 */
function showProfilerPanel(): void {
  profilerPanel.visible = state.overlay && sim === profiled && threaded.threads === 'main';
}

function setFiring(on: boolean): void {
  requireBoolean('on', on);
  controls.autoFire = on;
  state.autoFire = on;
  bar.show(state);
}

function setFireRate(perSecond: number): void {
  state.fireRate = Math.round(clampRate('perSecond', perSecond, FIRE_RATE_MIN, FIRE_RATE_MAX));
  applyRates(sim);
  bar.show(state);
}

function setEnemyRate(perSecond: number): void {
  state.enemyRate = Math.round(clampRate('perSecond', perSecond, 0, ENEMY_RATE_MAX) * 2) / 2;
  applyRates(sim);
  bar.show(state);
}

function clampRate(name: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describeValue(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
  return Math.min(max, Math.max(min, value));
}

function requireBoolean(name: string, value: boolean): void {
  if (typeof value !== 'boolean')
    throw new TypeError(`${name} must be true or false, got ${describeValue(value)}`);
}

function applyRates(target: Simulation): void {
  target.input.fireRate = state.fireRate;
  target.input.enemyRate = state.enemyRate;
  target.input.exhaustRate = exhaustRate;
}

function setExhaustRate(perSecond: number): void {
  exhaustRate = clampRate('perSecond', perSecond, 0, RULES.maxSpawnRate);
  applyRates(sim);
}

// --- the frame loop -----------------------------------------------------------------------------

const clock = createFixedStep(RULES.tickHz, 4);
const sample = createFrameSample();
let pendingSteps = 0;
let last = performance.now();
let lastArenaFailures = 0;
/** JS milliseconds of this frame's update (input, ticks, sync, overlay); the render's come from timeRender. */
let frameUpdateMs = 0;
/** Ticks the workers may be behind before the clock stops adding more. */
const MAX_BEHIND = 8;

/** Most ticks one `demo.step` call may ask for (about 10 s of game time). */
const MAX_STEP_REQUEST = 600;

function stepNow(ticks: number): void {
  if (!(typeof ticks === 'number' && Number.isInteger(ticks) && ticks >= 0 && ticks <= MAX_STEP_REQUEST)) {
    throw new RangeError(
      `ticks must be a whole number from 0 to ${MAX_STEP_REQUEST}, got ${describeValue(ticks)}`,
    );
  }
  pendingSteps += ticks;
}

/** One simulation tick, and the arena figures the overlay shows for it (zeros for a game without one). */
function tick(): void {
  sim.step();
  const arena = sim.arena;
  const failures = arena === null ? 0 : arena.failureCount;
  overlay.recordTick(arena === null ? 0 : arena.highWater, failures - lastArenaFailures);
  lastArenaFailures = failures;
  sample.arenaUsed = arena === null ? 0 : arena.used;
  sample.arenaPeak = arena === null ? 0 : arena.highWater;
  sample.arenaFailureCount = failures;
}

const fullest: PoolFigures = { live: 0, capacity: 1, highWater: 0, failureCount: 0 };

/** The highest occupancy of the running simulation's stores, 0 to 1. */
function fullestOccupancy(): number {
  let max = 0;
  for (let i = 0; i < SPRITE_KINDS.length; i++) {
    sim.figures(SPRITE_KINDS[i], fullest);
    max = Math.max(max, fullest.live / fullest.capacity);
  }
  return max;
}

app.ticker.add(
  () => {
    stats.begin();
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    controls.apply(sim.input, scene);
    // Workers that fall behind the clock get no more clock ticks until they catch up, as a main-thread
    // game drops steps past the clock's catch-up limit; asked-for steps always go.
    const clockSteps = state.paused ? 0 : advance(clock, elapsed);
    // Held R: a tick back for every tick the clock gives (one a frame while paused), and none forwards.
    const back = pageRewind.rewinding ? pageRewind.stepBack(state.paused ? 1 : clockSteps) : -1;
    const behind = sim === threaded && threaded.behind > MAX_BEHIND;
    const steps = back !== -1 ? 0 : (behind ? 0 : clockSteps) + pendingSteps;
    pendingSteps = 0;
    for (let i = 0; i < steps; i++) tick();
    sample.ticks = steps;
    if (steps > 0) sample.tickMs = (performance.now() - now) / steps;
    scene.sync(sim);
    overlay.update(sample);
    profilerPanel.update(now);
    frameUpdateMs = performance.now() - now;
  },
  null,
  UPDATE_PRIORITY.HIGH,
);
timeRender(app.ticker, (renderMs) => {
  sample.renderMs = renderMs;
  threadsReadout.recordFrame(frameUpdateMs, renderMs);
  stats.end(sample.arenaPeak, fullestOccupancy());
});

const demo: DemoHandle = {
  snapshot() {
    const pools: Record<string, PoolFigures> = {};
    for (const kind of SPRITE_KINDS) {
      pools[kind] = sim.figures(kind, { live: 0, capacity: 0, highWater: 0, failureCount: 0 });
    }
    const arena = sim.arena;
    return {
      tick: sim.tick,
      live: sim.liveCount(),
      mode: state.mode,
      paused: state.paused,
      kills: sim.kills,
      fireRate: state.fireRate,
      ship: { x: sim.ship.x, y: sim.ship.y },
      arena: {
        used: arena === null ? 0 : arena.used,
        highWater: arena === null ? 0 : arena.highWater,
        capacity: arena === null ? 0 : arena.capacity,
        failureCount: arena === null ? 0 : arena.failureCount,
      },
      pools,
      gc: { count: canary.count, perMinute: canary.perMinute() },
      rewind: pageRewind.figures(),
      threads: {
        threads: threaded.threads,
        isolated: globalThis.crossOriginIsolated === true,
        unavailable: threaded.unavailable,
        failure: threaded.failure,
        status: threadsReadout.status(),
        workerTickMs: finiteOr0(threaded.workerTickMs),
        frameMs: threadsReadout.frameMs,
        updateMs: threadsReadout.updateMs,
        behind: threaded.behind,
        skippedDraws: threaded.skippedDraws,
      },
    };
  },
  rewind: (ticks: number) => pageRewind.rewindBy(ticks),
  saveReplay: () => pageRewind.saveReplay(),
  setThreads,
  setExhaustRate,
  setMode,
  setFireRate,
  setSpawnRate: setFireRate,
  setEnemyRate,
  setFiring,
  setPaused,
  step: (ticks = 1) => stepNow(ticks),
  overlayVisible: () => overlay.visible,
  setOverlay,
};
window.demo = demo;
