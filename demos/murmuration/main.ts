/**
 * Murmuration: a flock of starlings that swirls, splits and rejoins as hawks dive through it.
 * Lure the flock with the left mouse button, scatter it with the right one, release hawks with H.
 *
 * Written as a user of the framepool package would write it: everything comes from the package's
 * public entry points (`framepool` for the memory module, `framepool/loop` for the fixed step and the
 * random numbers, `framepool/pixi` for the overlay and the particle layers) plus pixi.js itself.
 */
import type { PoolFigures } from 'framepool';
import { advance, createFixedStep } from 'framepool/loop';
import {
  createFrameSample,
  GlyphText,
  HUD_FONT,
  installHudFont,
  MemoryOverlay,
  ParticleLayer,
  StatsPanels,
  timeRender,
} from 'framepool/pixi';
import { Application, Container, Graphics, Sprite, UPDATE_PRIORITY } from 'pixi.js';
import type { MurmurationHandle } from './automation.ts';
import { BUDGET, COLORS, FLOCK, MAX_CATCH_UP, POINTER, TICK_HZ } from './config.ts';
import { Flock } from './flock.ts';
import { PlayerInput } from './input.ts';
import { createFlockTextures } from './textures.ts';

const app = new Application();
// A transparent canvas over the page's CSS dusk gradient: no full-screen quad to fill every frame.
await app.init({ preference: 'webgl', resizeTo: window, backgroundAlpha: 0, antialias: false });
document.body.appendChild(app.canvas);
const textures = createFlockTextures();
const flock = new Flock(app.screen.width, app.screen.height);

// --- scene: one particle per pool slot, created once -----------------------------------------------
const featherLayer = new ParticleLayer({
  texture: textures.glow,
  capacity: BUDGET.feathers,
  blendMode: 'add',
  label: 'feathers',
});
const hawkGlowLayer = new ParticleLayer({
  texture: textures.glow,
  capacity: BUDGET.hawks,
  blendMode: 'add',
  label: 'hawk glow',
});
const birdLayer = new ParticleLayer({
  texture: textures.bird,
  capacity: BUDGET.boids,
  blendMode: 'add',
  label: 'starlings',
});
const hawkLayer = new ParticleLayer({ texture: textures.hawk, capacity: BUDGET.hawks, label: 'hawks' });
// The pointer: a small ring sprite, and the reach of the lure or the scare as stroked circles
// (drawn once; a scaled sprite would fill a quad the size of the circle, costly in software GL).
const pointer = new Sprite(textures.ring);
pointer.anchor.set(0.5);
pointer.alpha = 0;
const lureReach = reachRing(POINTER.lureRadius, COLORS.lure);
const scareReach = reachRing(POINTER.scareRadius, COLORS.scare);

function reachRing(radius: number, color: number): Graphics {
  const ring = new Graphics()
    .circle(0, 0, radius)
    .stroke({ color, alpha: 0.12, width: 10 })
    .circle(0, 0, radius)
    .stroke({ color, alpha: 0.55, width: 1.5 });
  ring.visible = false;
  return ring;
}
app.stage.addChild(
  featherLayer.container,
  hawkGlowLayer.container,
  birdLayer.container,
  hawkLayer.container,
  lureReach,
  scareReach,
  pointer,
);

// --- HUD: the package's memory overlay and stats panels, and a score line ------------------------
const overlay = new MemoryOverlay({
  arena: flock.arena,
  pools: [
    { name: 'boids', pool: flock.boids },
    { name: 'hawks', pool: flock.hawks },
    { name: 'feathers', pool: flock.feathers },
  ],
  rows: [
    { label: 'caught', value: () => flock.caught },
    { label: 'grid cells', value: () => flock.gridCells },
    { label: 'checks/bird', value: () => flock.checksPerBoid, decimals: 1 },
    { label: 'stale targets', value: () => flock.staleTargets },
  ],
});
app.stage.addChild(overlay.view);
const stats = new StatsPanels({ arenaCapacity: flock.arena.capacity });
installHudFont();
// The score line: a panel drawn once, and glyphs that change only when a figure does.
const scoreBox = new Container({ label: 'score' });
const score = new GlyphText({ fontName: HUD_FONT, fontSize: 14, maxChars: 48, align: 1, tint: 0xc5d3f0 });
scoreBox.addChild(
  new Graphics()
    .roundRect(-318, -5, 330, 28, 8)
    .fill({ color: 0x060a18, alpha: 0.78 })
    .stroke({ color: 0x38d6ff, alpha: 0.35, width: 1 }),
  score.view,
);
app.stage.addChild(scoreBox);
const placeHud = () => scoreBox.position.set(Math.round(app.screen.width - 24), 70);
placeHud();
app.renderer.on('resize', (width: number, height: number) => {
  flock.resize(width, height);
  placeHud();
});

// --- controls -------------------------------------------------------------------------------------
let paused = false;
let pendingSteps = 0;

function setPaused(value: boolean): void {
  paused = value;
  document.body.classList.toggle('paused', value);
}

function setFlockSize(size: number): void {
  if (!Number.isFinite(size)) throw new RangeError(`flock size must be a number, got ${String(size)}`);
  flock.target = Math.round(Math.min(FLOCK.max, Math.max(FLOCK.min, size)));
}

const input = new PlayerInput(app.canvas, {
  togglePause: () => setPaused(!paused),
  toggleOverlay: () => overlay.toggle(),
  hawk: () => {
    const state = input.state;
    flock.addHawk(
      state.inside ? state.pointerX : app.screen.width / 2,
      state.inside ? state.pointerY : app.screen.height / 3,
    );
  },
  clearHawks: () => flock.clearHawks(),
  flock: (direction) => setFlockSize(flock.target + direction * FLOCK.step),
  reset: () => flock.reset(),
});

// --- drawing: pools → particle layers, no objects made ---------------------------------------------
/** Channel-wise mix of two 0xRRGGBB colours, `t` from 0 to 1 (a small integer result: never boxed). */
function mix(a: number, b: number, t: number): number {
  const r = ((a >> 16) & 0xff) + (((b >> 16) & 0xff) - ((a >> 16) & 0xff)) * t;
  const g = ((a >> 8) & 0xff) + (((b >> 8) & 0xff) - ((a >> 8) & 0xff)) * t;
  const bl = (a & 0xff) + ((b & 0xff) - (a & 0xff)) * t;
  return ((r & 0xff) << 16) | ((g & 0xff) << 8) | (bl & 0xff);
}

let pointerMode = -1;
let pulse = 0;

function draw(): void {
  const b = flock.boids.fields;
  let n = 0;
  for (let s = flock.boids.nextLive(-1); s !== -1; s = flock.boids.nextLive(s)) {
    const panic = b.panic[s];
    const calm = mix(COLORS.calmA, COLORS.calmB, b.shade[s] / 255);
    const tint = panic > 0.02 ? mix(calm, COLORS.panic, panic) : calm;
    birdLayer.set(n++, b.x[s], b.y[s], Math.atan2(b.vy[s], b.vx[s]), 1 + panic * 0.2, tint, 0.9);
  }
  birdLayer.finish(n);

  const h = flock.hawks.fields;
  pulse += 0.08;
  const glowAlpha = 0.4 + 0.12 * Math.sin(pulse);
  n = 0;
  for (let s = flock.hawks.nextLive(-1); s !== -1; s = flock.hawks.nextLive(s)) {
    const resting = h.rest[s] > 0;
    hawkLayer.set(n, h.x[s], h.y[s], Math.atan2(h.vy[s], h.vx[s]), 1, resting ? 0xff9aae : COLORS.hawk, 1);
    hawkGlowLayer.set(n, h.x[s], h.y[s], 0, resting ? 3 : 4.5, COLORS.hawkGlow, resting ? 0.25 : glowAlpha);
    n++;
  }
  hawkLayer.finish(n);
  hawkGlowLayer.finish(n);

  const f = flock.feathers.fields;
  n = 0;
  for (let s = flock.feathers.nextLive(-1); s !== -1; s = flock.feathers.nextLive(s)) {
    const fade = f.life[s] / f.maxLife[s];
    featherLayer.set(n++, f.x[s], f.y[s], f.rot[s], f.size[s] * (0.5 + 0.5 * fade), f.tint[s], fade);
  }
  featherLayer.finish(n);

  // The pointer: a small ring, and the reach of the lure or the scare while a button is held.
  const state = input.state;
  const mode = !state.inside ? 0 : state.scare ? 3 : state.lure ? 2 : 1;
  if (mode !== pointerMode) {
    // Tints go through pixi's Color and visibility rebuilds the render list: only on a change.
    pointerMode = mode;
    pointer.tint = mode === 3 ? COLORS.scare : mode === 2 ? COLORS.lure : COLORS.idle;
    pointer.alpha = mode === 0 ? 0 : 0.8;
    lureReach.visible = mode === 2;
    scareReach.visible = mode === 3;
  }
  if (mode !== 0) {
    pointer.position.set(state.pointerX, state.pointerY);
    pointer.scale.set(0.32 + (mode >= 2 ? 0.05 * Math.sin(pulse * 2) : 0));
    (mode === 3 ? scareReach : lureReach).position.set(state.pointerX, state.pointerY);
  }
}

// Score line, redrawn only when a figure changes.
let shownCaught = -1;
let shownHawks = -1;
let shownFlock = -1;
function drawScore(): void {
  const hawks = flock.hawks.live;
  if (flock.caught === shownCaught && hawks === shownHawks && flock.target === shownFlock) return;
  shownCaught = flock.caught;
  shownHawks = hawks;
  shownFlock = flock.target;
  score
    .begin()
    .string('FLOCK ')
    .number(flock.target)
    .string('  ·  HAWKS ')
    .number(hawks)
    .string('  ·  CAUGHT ')
    .number(flock.caught)
    .end();
}

// --- the frame loop: fixed steps, then draw ---------------------------------------------------------
const clock = createFixedStep(TICK_HZ, MAX_CATCH_UP);
const sample = createFrameSample();
let last = performance.now();

function tick(): void {
  const arena = flock.arena;
  const failuresBefore = arena.failureCount;
  flock.step(input.state);
  overlay.recordTick(arena.highWater, arena.failureCount - failuresBefore);
  sample.arenaUsed = arena.used;
  sample.arenaPeak = arena.highWater;
  sample.arenaFailureCount = arena.failureCount;
}

app.ticker.add(
  () => {
    stats.begin();
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    // Too far behind (a background tab, a breakpoint), the clock drops the backlog beyond
    // MAX_CATCH_UP steps instead of spiralling, and keeps the remainder.
    let steps = paused ? 0 : advance(clock, elapsed);
    steps += pendingSteps;
    pendingSteps = 0;
    for (let i = 0; i < steps; i++) tick();
    sample.ticks = steps;
    if (steps > 0) sample.tickMs = (performance.now() - now) / steps;
    draw();
    drawScore();
    overlay.update(sample, now);
  },
  null,
  UPDATE_PRIORITY.HIGH,
);
timeRender(app.ticker, (renderMs) => {
  sample.renderMs = renderMs;
  stats.end(sample.arenaPeak, flock.boids.occupancy);
});

// --- automation --------------------------------------------------------------------------------------
/** A copy of a pool's figures: the snapshot must not change as the pool does. */
function figures(pool: PoolFigures): PoolFigures {
  const { live, capacity, highWater, failureCount } = pool;
  return { live, capacity, highWater, failureCount };
}

const handle: MurmurationHandle = {
  snapshot() {
    const b = flock.boids.fields;
    let sx = 0;
    let sy = 0;
    for (let s = flock.boids.nextLive(-1); s !== -1; s = flock.boids.nextLive(s)) {
      sx += b.x[s];
      sy += b.y[s];
    }
    const live = Math.max(1, flock.boids.live);
    return {
      tick: flock.tick,
      paused,
      flockTarget: flock.target,
      caught: flock.caught,
      staleTargets: flock.staleTargets,
      flockCenter: { x: sx / live, y: sy / live },
      overlayVisible: overlay.visible,
      arena: {
        used: flock.arena.used,
        highWater: flock.arena.highWater,
        capacity: flock.arena.capacity,
        failureCount: flock.arena.failureCount,
      },
      pools: { boids: figures(flock.boids), hawks: figures(flock.hawks), feathers: figures(flock.feathers) },
    };
  },
  setPaused,
  step(ticks = 1) {
    if (!(Number.isInteger(ticks) && ticks >= 0))
      throw new RangeError(`ticks must be a whole number, got ${ticks}`);
    pendingSteps += ticks;
  },
  setFlockSize,
  addHawk: (x, y) => flock.addHawk(x, y),
  clearHawks: () => flock.clearHawks(),
  countNear(x, y, radius) {
    const b = flock.boids.fields;
    let count = 0;
    for (let s = flock.boids.nextLive(-1); s !== -1; s = flock.boids.nextLive(s)) {
      const dx = b.x[s] - x;
      const dy = b.y[s] - y;
      if (dx * dx + dy * dy < radius * radius) count++;
    }
    return count;
  },
  overlayVisible: () => overlay.visible,
  setOverlay(visible) {
    overlay.visible = visible;
  },
};
window.murmurationDemo = handle;
