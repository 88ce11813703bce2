/**
 * Page entry: a small self-contained scene that proves the render pieces (particle layers,
 * textures, memory overlay, stats panels) against the memory module. The real game (src/ecs)
 * replaces this wiring; everything here is plain typed arrays on purpose.
 */
import { Application, BitmapText, Sprite, UPDATE_PRIORITY } from 'pixi.js';
import { FixedBufferAllocator, MemoryPool } from './memory/index.ts';
import { createFrameSample, HUD_FONT, MemoryOverlay } from './render/MemoryOverlay.ts';
import { ParticleLayer } from './render/ParticleLayer.ts';
import { SpaceBackdrop } from './render/SpaceBackdrop.ts';
import { StatsPanels } from './render/StatsPanels.ts';
import { createGameTextures } from './render/textures.ts';

/** The automation handle tests (and curious users in the console) use. */
export interface DemoHandle {
  /** Whether the memory overlay is shown. */
  overlayVisible(): boolean;
  /** Plain-number state of the scene; a fresh object per call. */
  snapshot(): {
    tick: number;
    entities: number;
    mode: 'pooled';
    arena: { used: number; peak: number; capacity: number };
    pools: Record<string, { live: number; capacity: number }>;
  };
}
declare global {
  interface Window {
    demo?: DemoHandle;
  }
}

const TICK_S = 1 / 60;
const MAX_STEPS = 4;
const ENEMIES = 12;
const BULLETS_PER_TICK = 14;
const PALETTE = [0x4de8ff, 0xff4dd8, 0xffe14d, 0x7dff8a];

const app = new Application();
// Transparent canvas: the starfield is a DOM backdrop behind it (see SpaceBackdrop for why).
await app.init({ preference: 'webgl', resizeTo: window, backgroundAlpha: 0, antialias: false });
document.body.appendChild(app.canvas);
const tex = createGameTextures();
new SpaceBackdrop({ sky: tex.sky });

const arena = new FixedBufferAllocator(64 * 1024);
const bullets = new MemoryPool({
  capacity: 4096,
  fields: { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32', life: 'f32', color: 'u8' },
});
const sparks = new MemoryPool({
  capacity: 8192,
  fields: { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32', life: 'f32', color: 'u8' },
});
const enemy = {
  x: new Float32Array(ENEMIES),
  y: new Float32Array(ENEMIES),
  vy: new Float32Array(ENEMIES),
  hp: new Float32Array(ENEMIES),
  flash: new Float32Array(ENEMIES),
};

const bulletLayer = new ParticleLayer({ texture: tex.bullet, capacity: bullets.capacity, blendMode: 'add' });
const sparkLayer = new ParticleLayer({ texture: tex.spark, capacity: sparks.capacity, blendMode: 'add' });
const enemyLayer = new ParticleLayer({ texture: tex.enemy, capacity: ENEMIES });
const ship = new Sprite({ texture: tex.ship, anchor: 0.5 });
app.stage.addChild(enemyLayer.container, sparkLayer.container, bulletLayer.container, ship);

let kills = 0;
const overlay = new MemoryOverlay({
  arena,
  pools: [
    { name: 'bullets', pool: bullets },
    { name: 'sparks', pool: sparks },
  ],
  rows: [
    { label: 'entities', value: () => bullets.live + sparks.live + ENEMIES },
    { label: 'kills', value: () => kills },
  ],
});
const hint = new BitmapText({
  text: 'O  memory overlay     MOUSE  aim',
  style: { fontFamily: HUD_FONT, fontSize: 12 },
});
hint.tint = 0x7f8fb5;
app.stage.addChild(overlay.view, hint);
const stats = new StatsPanels({ arenaCapacity: arena.capacity });

// LCG state in a typed array: a uint32 kept in a closure variable would be a heap number per call.
const seed = new Uint32Array([12345]);
const random = () => {
  seed[0] = Math.imul(seed[0], 1664525) + 1013904223;
  return seed[0] / 4294967296;
};
const placeEnemy = (i: number, x: number) => {
  enemy.x[i] = x;
  enemy.y[i] = 60 + random() * (app.screen.height - 120);
  enemy.vy[i] = (random() - 0.5) * 60;
  enemy.hp[i] = 30;
};
for (let i = 0; i < ENEMIES; i++) placeEnemy(i, app.screen.width * (0.45 + random() * 0.55));

const aim = { x: app.screen.width, y: app.screen.height / 2, mouse: false };
window.addEventListener('pointermove', (e) => {
  aim.x = e.clientX;
  aim.y = e.clientY;
  aim.mouse = true;
});
window.addEventListener('keydown', (e) => {
  if (e.key === 'o' || e.key === 'O') overlay.toggle();
});

function burst(x: number, y: number, count: number, color: number, speed: number): void {
  const f = sparks.fields;
  for (let k = 0; k < count; k++) {
    const h = sparks.tryAlloc();
    if (h === -1) return; // pool full: the spawn is dropped and counted in sparks.failureCount
    const s = sparks.slotOf(h);
    const a = random() * Math.PI * 2;
    const v = speed * (0.3 + random());
    f.x[s] = x;
    f.y[s] = y;
    f.vx[s] = Math.cos(a) * v;
    f.vy[s] = Math.sin(a) * v;
    f.life[s] = 0.4 + random() * 0.5;
    f.color[s] = color;
  }
}

let tick = 0;
/** One fixed simulation step; per-tick temporaries come from the arena only. */
function step(): void {
  arena.reset();
  arena.resetHighWater();
  tick++;
  const { width, height } = app.screen;
  const t = tick * TICK_S;
  ship.x = width * 0.2 + Math.sin(t * 0.7) * width * 0.08;
  ship.y = height * 0.5 + Math.sin(t * 1.1) * height * 0.3;
  const aimX = aim.mouse ? aim.x : width;
  const aimY = aim.mouse ? aim.y : height * 0.5 + Math.sin(t * 0.5) * height * 0.35;
  ship.rotation = Math.atan2(aimY - ship.y, aimX - ship.x);

  const b = bullets.fields;
  for (let k = 0; k < BULLETS_PER_TICK; k++) {
    const h = bullets.tryAlloc();
    if (h === -1) break;
    const s = bullets.slotOf(h);
    const a = ship.rotation + (random() - 0.5) * 0.3 + Math.sin(t * 2.3) * 0.12;
    const speed = 560 + random() * 260;
    b.x[s] = ship.x + Math.cos(ship.rotation) * 22;
    b.y[s] = ship.y + Math.sin(ship.rotation) * 22;
    b.vx[s] = Math.cos(a) * speed;
    b.vy[s] = Math.sin(a) * speed;
    b.life[s] = 2;
    b.color[s] = (tick >> 5) & 3;
  }

  // Move bullets; record the live ones densely in arena temporaries (slot list + hit flags).
  const live = bullets.live;
  const slots = arena.allocI32(live);
  const hitEnemy = arena.allocI32(live);
  let n = 0;
  for (let s = bullets.nextLive(-1); s !== -1; s = bullets.nextLive(s)) {
    b.x[s] += b.vx[s] * TICK_S;
    b.y[s] += b.vy[s] * TICK_S;
    b.life[s] -= TICK_S;
    arena.i32[slots + n++] = s;
  }
  for (let k = 0; k < n; k++) {
    const s = arena.i32[slots + k];
    let hit = -1;
    for (let e = 0; e < ENEMIES && hit === -1; e++) {
      const dx = b.x[s] - enemy.x[e];
      const dy = b.y[s] - enemy.y[e];
      if (dx * dx + dy * dy < 26 * 26) hit = e;
    }
    arena.i32[hitEnemy + k] = hit;
  }
  for (let k = 0; k < n; k++) {
    const s = arena.i32[slots + k];
    const e = arena.i32[hitEnemy + k];
    if (e !== -1) {
      burst(b.x[s], b.y[s], 5, b.color[s], 260);
      enemy.flash[e] = 1;
      if (--enemy.hp[e] <= 0) {
        burst(enemy.x[e], enemy.y[e], 120, 1, 420);
        kills++;
        placeEnemy(e, width + 60);
      }
      bullets.free(bullets.handleAt(s));
    } else if (
      b.life[s] <= 0 ||
      b.x[s] < -20 ||
      b.x[s] > width + 20 ||
      b.y[s] < -20 ||
      b.y[s] > height + 20
    ) {
      bullets.free(bullets.handleAt(s));
    }
  }

  const f = sparks.fields;
  const drag = 1 - 2.2 * TICK_S;
  for (let s = sparks.nextLive(-1); s !== -1; s = sparks.nextLive(s)) {
    f.vx[s] *= drag;
    f.vy[s] *= drag;
    f.x[s] += f.vx[s] * TICK_S;
    f.y[s] += f.vy[s] * TICK_S;
    f.life[s] -= TICK_S;
    if (f.life[s] <= 0) sparks.free(sparks.handleAt(s));
  }
  for (let e = 0; e < ENEMIES; e++) {
    enemy.x[e] -= 40 * TICK_S;
    enemy.y[e] += enemy.vy[e] * TICK_S;
    if (enemy.y[e] < 40 || enemy.y[e] > height - 40) enemy.vy[e] = -enemy.vy[e];
    enemy.flash[e] = Math.max(0, enemy.flash[e] - 4 * TICK_S);
    if (enemy.x[e] < -60) placeEnemy(e, width + 60);
  }
}

/** Copies the pools into the particle layers, densely. */
function sync(): void {
  const b = bullets.fields;
  let n = 0;
  for (let s = bullets.nextLive(-1); s !== -1; s = bullets.nextLive(s)) {
    bulletLayer.set(n++, b.x[s], b.y[s], 0, 0.55, PALETTE[b.color[s]], 1);
  }
  bulletLayer.finish(n);
  const f = sparks.fields;
  n = 0;
  for (let s = sparks.nextLive(-1); s !== -1; s = sparks.nextLive(s)) {
    const life = f.life[s];
    const speed = Math.abs(f.vx[s]) + Math.abs(f.vy[s]);
    const stretch = 0.35 + Math.min(speed / 400, 1);
    sparkLayer.setStretched(
      n++,
      f.x[s],
      f.y[s],
      Math.atan2(f.vy[s], f.vx[s]),
      stretch,
      0.6,
      PALETTE[f.color[s]],
      life > 0.6 ? 1 : life / 0.6,
    );
  }
  sparkLayer.finish(n);
  for (let e = 0; e < ENEMIES; e++) {
    const pulse = 1 + Math.sin(tick * 0.12 + e) * 0.04 + enemy.flash[e] * 0.15;
    enemyLayer.set(
      e,
      enemy.x[e],
      enemy.y[e],
      tick * 0.02 + e,
      pulse,
      enemy.flash[e] > 0.5 ? 0xffffff : 0xffd0f4,
      1,
    );
  }
  enemyLayer.finish(ENEMIES);
  hint.position.set(14, app.screen.height - 24);
}

const sample = createFrameSample();
let last = performance.now();
let accumulator = 0;
let renderStart = 0;
app.ticker.add(
  () => {
    stats.begin();
    const now = performance.now();
    accumulator = Math.min(accumulator + (now - last) / 1000, MAX_STEPS * TICK_S);
    last = now;
    let ticks = 0;
    while (accumulator >= TICK_S) {
      step();
      accumulator -= TICK_S;
      ticks++;
      // End of tick, before the next reset: the arena figures the overlay shows.
      overlay.recordTick(arena.highWater, arena.failureCount);
      sample.arenaOverflows += arena.failureCount;
    }
    sample.ticks = ticks;
    sample.tickMs = ticks > 0 ? (performance.now() - now) / ticks : 0;
    sample.arenaUsed = arena.used;
    sample.arenaPeak = arena.highWater;
    sync();
    overlay.update(sample);
  },
  null,
  UPDATE_PRIORITY.HIGH,
);
// Bracket pixi's own render (UPDATE_PRIORITY.LOW) to time it.
app.ticker.add(
  () => {
    renderStart = performance.now();
  },
  null,
  UPDATE_PRIORITY.LOW + 1,
);
app.ticker.add(
  () => {
    sample.renderMs = performance.now() - renderStart;
    stats.end(sample.arenaPeak, Math.max(bullets.occupancy, sparks.occupancy));
  },
  null,
  UPDATE_PRIORITY.UTILITY,
);

window.demo = {
  overlayVisible: () => overlay.visible,
  snapshot: () => ({
    tick,
    entities: bullets.live + sparks.live + ENEMIES,
    mode: 'pooled',
    arena: { used: arena.used, peak: arena.highWater, capacity: arena.capacity },
    pools: {
      bullets: { live: bullets.live, capacity: bullets.capacity },
      sparks: { live: sparks.live, capacity: sparks.capacity },
    },
  }),
};
