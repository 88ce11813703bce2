/**
 * The demo page: the pooled bitecs world (or its naive twin) driven by a fixed-step clock, drawn by
 * the Pixi scene, watched by the memory overlay and stats.js, steered by the keyboard, the mouse,
 * the control bar and `window.demo`.
 */
import { Application, UPDATE_PRIORITY } from 'pixi.js';
import {
  createWorldProfiler,
  NaiveSimulation,
  PooledSimulation,
  type PoolUsage,
  RULES,
  type Simulation,
  SPRITE_KINDS,
  type SpriteKind,
} from '../game/index.ts';
import { advance, createFixedStep } from '../loop/index.ts';
import type { PoolFigures } from '../memory/index.ts';
import { toTraceJson } from '../profiler/index.ts';
import { createFrameSample, MemoryOverlay, ProfilerPanel, StatsPanels, timeRender } from '../render/index.ts';
import type { DemoHandle } from './automation.ts';
import { ControlBar, type ControlState, ENEMY_RATE_MAX, FIRE_RATE_MAX, FIRE_RATE_MIN } from './ControlBar.ts';
import { GameScene } from './GameScene.ts';
import { type ActionKey, PlayerControls } from './PlayerControls.ts';
import { SpaceBackdrop } from './SpaceBackdrop.ts';
import { createGameTextures } from './textures.ts';

/** Slot budgets: the layers are sized to them too. Tens of thousands of bullets and particles. */
const BUDGET = { bullets: 50_000, enemies: 1_500, particles: 60_000 } as const;
const ARENA_BYTES = 1 << 20;
const SEED = 2024;
/** Pools in the overlay, most watched first. */
const OVERLAY_ORDER: readonly SpriteKind[] = ['bullets', 'enemies', 'particles'];

const app = new Application();
// Transparent canvas over a DOM starfield (SpaceBackdrop explains why that is cheaper).
await app.init({ preference: 'webgl', resizeTo: window, backgroundAlpha: 0, antialias: false });
document.body.appendChild(app.canvas);
const textures = createGameTextures();
new SpaceBackdrop({ sky: textures.sky });

const pooled = new PooledSimulation({ seed: SEED, arenaBytes: ARENA_BYTES, ...BUDGET });
let naive: NaiveSimulation | null = null;
let sim: Simulation = pooled;
const state: ControlState = {
  mode: 'pooled',
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

/**
 * One kind's storage in the running simulation. The naive game's arrays have no budget, so there
 * `capacity` is the pooled game's budget for the kind: the bars then compare the two modes on one scale.
 */
function usageOf(kind: SpriteKind, out: PoolUsage): PoolUsage {
  sim.usage(kind, out);
  if (sim !== pooled) out.capacity = BUDGET[kind];
  return out;
}

/** The overlay's view of one kind, read from whichever simulation is running. */
function usageView(kind: SpriteKind): PoolFigures {
  const usage: PoolUsage = { live: 0, capacity: 0, highWater: 0, dropped: 0 };
  return {
    get live() {
      return usageOf(kind, usage).live;
    },
    get capacity() {
      return usageOf(kind, usage).capacity;
    },
    get highWater() {
      return usageOf(kind, usage).highWater;
    },
    get failureCount() {
      return usageOf(kind, usage).dropped;
    },
  };
}

const memory = performance as Performance & { memory?: { usedJSHeapSize: number } };
const overlay = new MemoryOverlay({
  arena: pooled.world.arena,
  pools: OVERLAY_ORDER.map((kind) => ({ name: kind, pool: usageView(kind) })),
  rows: [
    { label: 'entities', value: () => sim.entityCount() },
    { label: 'kills', value: () => sim.kills },
    {
      label: 'JS heap',
      value: () => (memory.memory ? memory.memory.usedJSHeapSize / 1e6 : Number.NaN),
      decimals: 1,
      unit: 'MB',
    },
  ],
});
app.stage.addChild(overlay.view);

// The frame-allocation profiler records every pooled tick; its panel sits under the overlay.
const profiler = createWorldProfiler(pooled.world, { window: 600 });
pooled.profiler = profiler;
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
const stats = new StatsPanels({ arenaCapacity: ARENA_BYTES });

const controls = new PlayerControls(window, onAction);
const bar = new ControlBar(document.body, {
  setMode,
  togglePause: () => setPaused(!state.paused),
  step: () => stepNow(1),
  toggleOverlay: () => setOverlay(!overlay.visible),
  setAutoFire: setFiring,
  setFireRate,
  setEnemyRate,
});
applyRates(pooled);
bar.show(state);

/** What each action key does. */
const ACTIONS: Readonly<Record<ActionKey, () => void>> = {
  mode: () => setMode(state.mode === 'pooled' ? 'naive' : 'pooled'),
  pause: () => setPaused(!state.paused),
  step: () => stepNow(1),
  overlay: () => setOverlay(!overlay.visible),
  autoFire: () => setFiring(!controls.autoFire),
  faster: () => setFireRate(state.fireRate * 1.5),
  slower: () => setFireRate(state.fireRate / 1.5),
  moreEnemies: () => setEnemyRate(state.enemyRate + 1),
  fewerEnemies: () => setEnemyRate(state.enemyRate - 1),
  trace: saveTrace,
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

function setMode(mode: 'pooled' | 'naive'): void {
  if (mode !== 'pooled' && mode !== 'naive')
    throw new RangeError(`mode must be 'pooled' or 'naive', got ${String(mode)}`);
  naive ??= new NaiveSimulation({ seed: SEED, width: pooled.width, height: pooled.height });
  sim = mode === 'pooled' ? pooled : naive;
  state.mode = mode;
  showProfilerPanel();
  applyRates(sim);
  bar.show(state);
}

function setPaused(paused: boolean): void {
  state.paused = paused;
  clock.accumulator = 0;
  bar.show(state);
}

function setOverlay(visible: boolean): void {
  overlay.visible = visible;
  state.overlay = visible;
  showProfilerPanel();
  bar.show(state);
}

/** The profile describes the pooled world, so its panel shows with the overlay in pooled mode only. */
function showProfilerPanel(): void {
  profilerPanel.visible = state.overlay && state.mode === 'pooled';
}

function setFiring(on: boolean): void {
  controls.autoFire = on;
  state.autoFire = on;
  bar.show(state);
}

function setFireRate(perSecond: number): void {
  state.fireRate = Math.round(clampRate(perSecond, FIRE_RATE_MIN, FIRE_RATE_MAX));
  applyRates(sim);
  bar.show(state);
}

function setEnemyRate(perSecond: number): void {
  state.enemyRate = Math.round(clampRate(perSecond, 0, ENEMY_RATE_MAX) * 2) / 2;
  applyRates(sim);
  bar.show(state);
}

function clampRate(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`rate must be a finite number, got ${String(value)}`);
  return Math.min(max, Math.max(min, value));
}

function applyRates(target: Simulation): void {
  target.input.fireRate = state.fireRate;
  target.input.enemyRate = state.enemyRate;
}

// --- the frame loop -----------------------------------------------------------------------------

const clock = createFixedStep(RULES.tickHz, 4);
const sample = createFrameSample();
let pendingSteps = 0;
let last = performance.now();

function stepNow(ticks: number): void {
  if (!(Number.isInteger(ticks) && ticks >= 0))
    throw new RangeError(`ticks must be a whole number, got ${ticks}`);
  pendingSteps += ticks;
}

/** One simulation tick, and the arena figures the overlay shows for it. */
function tick(): void {
  sim.step();
  if (sim === pooled) {
    const world = pooled.world;
    overlay.recordTick(world.arenaPeak, world.arena.failureCount);
    sample.arenaUsed = world.arenaUsed;
    sample.arenaPeak = world.arenaPeak;
    sample.arenaOverflows = world.arenaOverflows;
  } else {
    overlay.recordTick(0, 0);
    sample.arenaUsed = 0;
    sample.arenaPeak = 0;
  }
}

app.ticker.add(
  () => {
    stats.begin();
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    controls.apply(sim.input, scene);
    const steps = (state.paused ? 0 : advance(clock, elapsed)) + pendingSteps;
    pendingSteps = 0;
    for (let i = 0; i < steps; i++) tick();
    sample.ticks = steps;
    if (steps > 0) sample.tickMs = (performance.now() - now) / steps;
    scene.sync(sim);
    overlay.update(sample);
    profilerPanel.update(now);
  },
  null,
  UPDATE_PRIORITY.HIGH,
);
timeRender(app.ticker, (renderMs) => {
  sample.renderMs = renderMs;
  const w = pooled.world;
  const fullest =
    sim === pooled
      ? Math.max(w.bullets.pool.occupancy, w.enemies.pool.occupancy, w.particles.pool.occupancy)
      : 0;
  stats.end(sample.arenaPeak, fullest);
});

const demo: DemoHandle = {
  snapshot() {
    const pools: Record<string, { live: number; capacity: number; highWater: number; dropped: number }> = {};
    for (const kind of SPRITE_KINDS)
      pools[kind] = usageOf(kind, { live: 0, capacity: 0, highWater: 0, dropped: 0 });
    const world = pooled.world;
    const inPool = sim === pooled;
    return {
      tick: sim.tick,
      entities: sim.entityCount(),
      mode: state.mode,
      paused: state.paused,
      kills: sim.kills,
      fireRate: state.fireRate,
      ship: { x: sim.ship.x, y: sim.ship.y },
      arena: {
        used: inPool ? world.arenaUsed : 0,
        peak: inPool ? world.arenaPeak : 0,
        capacity: world.arena.capacity,
        overflows: inPool ? world.arenaOverflows : 0,
      },
      pools,
    };
  },
  setMode,
  setSpawnRate: setFireRate,
  setEnemyRate,
  setFiring,
  setPaused,
  step: (ticks = 1) => stepNow(ticks),
  overlayVisible: () => overlay.visible,
  setOverlay,
};
window.demo = demo;
