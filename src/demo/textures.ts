import { Texture } from 'pixi.js';
import { createRng, nextFloat } from '../loop/index.ts';

/**
 * The game's textures, all drawn once at startup into canvases (no image files to fetch, so the
 * first frame already has everything and the look stays consistent with the code). Every size is
 * even, so a centred anchor gives whole-number vertex offsets (ParticleLayer explains why that
 * keeps pixi's particle upload free of garbage).
 *
 * Glow sprites (`bullet`, `spark`) are white on transparent: the layers tint them per particle and
 * draw them with additive blending, so overlapping bullets brighten like light does.
 */
export interface GameTextures {
  /** 32×32 round bullet: hot white core, soft halo. White, meant to be tinted and added. */
  readonly bullet: Texture;
  /** 32×12 soft streak, long axis along +x: rotate it to the velocity for motion-blurred sparks. */
  readonly spark: Texture;
  /** 72×72 spiky hexagonal enemy with a magenta glow, drawn in colour (tint white to keep it). */
  readonly enemy: Texture;
  /** 64×64 player ship pointing along +x (rotation 0 faces right), cyan engine glow. */
  readonly ship: Texture;
  /** The two sky tiles, for the DOM backdrop behind the canvas (see `SpaceBackdrop`). */
  readonly sky: SkyCanvases;
}

/** The sky tiles as canvases. */
export interface SkyCanvases {
  /** 1024×1024 seamless, opaque deep-space tile: dark blue base, nebula clouds, dim stars. */
  readonly far: HTMLCanvasElement;
  /** 512×512 seamless, transparent tile of sparse bright stars, in front of the far one. */
  readonly near: HTMLCanvasElement;
}

/** Options for {@link createGameTextures}. */
export interface GameTexturesOptions {
  /** Seed of the star and nebula placement, so every load looks the same (default 0x5eed). */
  seed?: number;
}

/** Background colour the starfield is painted on. */
const SPACE_COLOR = 0x04060f;

/**
 * Draws every game texture. Call once after the renderer exists (textures upload lazily on first
 * use, so this costs a few milliseconds of canvas work and no GPU time until then).
 */
export function createGameTextures(options: GameTexturesOptions = {}): GameTextures {
  const sky = drawSky(options.seed);
  return {
    bullet: Texture.from(drawBullet()),
    spark: Texture.from(drawSpark()),
    enemy: Texture.from(drawEnemy()),
    ship: Texture.from(drawShip()),
    sky,
  };
}

/** Draws only the two seamless sky tiles (same seed, same sky as {@link createGameTextures}). */
export function drawSky(seed = 0x5eed): SkyCanvases {
  const rng = createRng(seed);
  const random = () => nextFloat(rng);
  return { far: drawStarfield(random), near: drawNearStars(random) };
}

function canvas2d(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas is not available to draw the game textures');
  return [canvas, context];
}

function drawBullet(): HTMLCanvasElement {
  const size = 32;
  const [canvas, c] = canvas2d(size, size);
  const g = c.createRadialGradient(16, 16, 0, 16, 16, 16);
  // A tight opaque core and a long faint tail read as "bright" once added on a dark background.
  g.addColorStop(0, 'rgba(255,255,255,1)');
  g.addColorStop(0.18, 'rgba(255,255,255,1)');
  g.addColorStop(0.32, 'rgba(255,255,255,0.55)');
  g.addColorStop(0.6, 'rgba(255,255,255,0.14)');
  g.addColorStop(1, 'rgba(255,255,255,0)');
  c.fillStyle = g;
  c.fillRect(0, 0, size, size);
  return canvas;
}

function drawSpark(): HTMLCanvasElement {
  const [canvas, c] = canvas2d(32, 12);
  // An ellipse: a radial gradient squashed vertically, brightest slightly ahead of centre.
  c.save();
  c.translate(18, 6);
  c.scale(1, 6 / 14);
  const g = c.createRadialGradient(0, 0, 0, 0, 0, 14);
  g.addColorStop(0, 'rgba(255,255,255,1)');
  g.addColorStop(0.25, 'rgba(255,255,255,0.8)');
  g.addColorStop(0.6, 'rgba(255,255,255,0.22)');
  g.addColorStop(1, 'rgba(255,255,255,0)');
  c.fillStyle = g;
  c.fillRect(-18, -14, 32, 28);
  c.restore();
  return canvas;
}

function starPath(c: CanvasRenderingContext2D, points: number, outer: number, inner: number, turn = 0): void {
  c.beginPath();
  for (let i = 0; i < points * 2; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = turn + (i * Math.PI) / points;
    if (i === 0) c.moveTo(Math.cos(a) * r, Math.sin(a) * r);
    else c.lineTo(Math.cos(a) * r, Math.sin(a) * r);
  }
  c.closePath();
}

function drawEnemy(): HTMLCanvasElement {
  const size = 72;
  const [canvas, c] = canvas2d(size, size);
  c.translate(size / 2, size / 2);
  const halo = c.createRadialGradient(0, 0, 6, 0, 0, 36);
  halo.addColorStop(0, 'rgba(255,60,200,0.55)');
  halo.addColorStop(0.5, 'rgba(200,40,255,0.18)');
  halo.addColorStop(1, 'rgba(120,0,255,0)');
  c.fillStyle = halo;
  c.fillRect(-36, -36, 72, 72);
  // Twelve spikes around a hexagonal hull; canvas shadows give the neon rim.
  c.shadowColor = 'rgba(255,80,220,1)';
  c.shadowBlur = 8;
  starPath(c, 12, 25, 15);
  c.fillStyle = 'rgba(120,20,120,0.9)';
  c.fill();
  c.lineWidth = 1.5;
  c.strokeStyle = 'rgba(255,120,235,1)';
  c.stroke();
  // Inner hexagonal cockpit.
  c.beginPath();
  for (let i = 0; i < 6; i++) {
    const a = Math.PI / 6 + (i * Math.PI) / 3;
    if (i === 0) c.moveTo(Math.cos(a) * 13, Math.sin(a) * 13);
    else c.lineTo(Math.cos(a) * 13, Math.sin(a) * 13);
  }
  c.closePath();
  c.fillStyle = 'rgba(40,0,50,1)';
  c.fill();
  c.strokeStyle = 'rgba(255,170,250,1)';
  c.lineWidth = 2;
  c.stroke();
  const core = c.createRadialGradient(0, 0, 0, 0, 0, 8);
  core.addColorStop(0, 'rgba(255,255,255,1)');
  core.addColorStop(0.4, 'rgba(255,140,240,1)');
  core.addColorStop(1, 'rgba(255,40,200,0)');
  c.shadowBlur = 0;
  c.fillStyle = core;
  c.beginPath();
  c.arc(0, 0, 8, 0, Math.PI * 2);
  c.fill();
  return canvas;
}

function drawShip(): HTMLCanvasElement {
  const size = 64;
  const [canvas, c] = canvas2d(size, size);
  c.translate(size / 2, size / 2);
  // Engine flame behind the hull (the ship faces +x, so the flame is at -x).
  const flame = c.createRadialGradient(-16, 0, 0, -16, 0, 14);
  flame.addColorStop(0, 'rgba(255,255,255,1)');
  flame.addColorStop(0.3, 'rgba(90,220,255,0.9)');
  flame.addColorStop(1, 'rgba(0,120,255,0)');
  c.fillStyle = flame;
  c.fillRect(-32, -14, 30, 28);
  c.shadowColor = 'rgba(60,220,255,1)';
  c.shadowBlur = 10;
  c.beginPath();
  c.moveTo(24, 0);
  c.lineTo(-10, -17);
  c.lineTo(-4, -6);
  c.lineTo(-14, 0);
  c.lineTo(-4, 6);
  c.lineTo(-10, 17);
  c.closePath();
  const hull = c.createLinearGradient(-14, 0, 24, 0);
  hull.addColorStop(0, 'rgba(20,60,110,1)');
  hull.addColorStop(1, 'rgba(70,170,230,1)');
  c.fillStyle = hull;
  c.fill();
  c.lineWidth = 2;
  c.strokeStyle = 'rgba(170,245,255,1)';
  c.stroke();
  c.shadowBlur = 6;
  c.beginPath();
  c.ellipse(6, 0, 6, 3, 0, 0, Math.PI * 2);
  c.fillStyle = 'rgba(230,255,255,1)';
  c.fill();
  return canvas;
}

/** Draws `paint(x, y)` at the point and at its wrapped copies, so a tile stays seamless. */
function wrapped(
  size: number,
  x: number,
  y: number,
  reach: number,
  paint: (x: number, y: number) => void,
): void {
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const px = x + dx * size;
      const py = y + dy * size;
      if (px + reach >= 0 && px - reach <= size && py + reach >= 0 && py - reach <= size) paint(px, py);
    }
  }
}

function drawStarfield(random: () => number): HTMLCanvasElement {
  const size = 1024;
  const [canvas, c] = canvas2d(size, size);
  c.fillStyle = `#${SPACE_COLOR.toString(16).padStart(6, '0')}`;
  c.fillRect(0, 0, size, size);
  // Nebula: a few large, very faint coloured clouds; additive ('lighter') so they blend into each other.
  c.globalCompositeOperation = 'lighter';
  const hues = ['70,40,160', '20,80,170', '140,30,120', '20,120,150'];
  for (let i = 0; i < 14; i++) {
    const x = random() * size;
    const y = random() * size;
    const r = 120 + random() * 260;
    const rgb = hues[i % hues.length];
    const strength = 0.05 + random() * 0.08;
    wrapped(size, x, y, r, (px, py) => {
      const g = c.createRadialGradient(px, py, 0, px, py, r);
      g.addColorStop(0, `rgba(${rgb},${strength})`);
      g.addColorStop(0.5, `rgba(${rgb},${strength * 0.45})`);
      g.addColorStop(1, `rgba(${rgb},0)`);
      c.fillStyle = g;
      c.fillRect(px - r, py - r, r * 2, r * 2);
    });
  }
  // Dust of dim stars, a few tinted.
  for (let i = 0; i < 1400; i++) {
    const x = random() * size;
    const y = random() * size;
    const b = 0.15 + random() * random() * 0.6;
    const tint = random();
    const rgb = tint < 0.15 ? '255,210,170' : tint < 0.3 ? '170,200,255' : '255,255,255';
    c.fillStyle = `rgba(${rgb},${b})`;
    c.fillRect(x, y, random() < 0.9 ? 1 : 1.6, 1);
  }
  return canvas;
}

function drawNearStars(random: () => number): HTMLCanvasElement {
  const size = 512;
  const [canvas, c] = canvas2d(size, size);
  for (let i = 0; i < 70; i++) {
    const x = random() * size;
    const y = random() * size;
    const r = 1 + random() * 2.2;
    const rgb = random() < 0.3 ? '160,220,255' : '255,255,255';
    wrapped(size, x, y, r * 3, (px, py) => {
      const g = c.createRadialGradient(px, py, 0, px, py, r * 3);
      g.addColorStop(0, `rgba(${rgb},0.95)`);
      g.addColorStop(0.3, `rgba(${rgb},0.35)`);
      g.addColorStop(1, `rgba(${rgb},0)`);
      c.fillStyle = g;
      c.fillRect(px - r * 3, py - r * 3, r * 6, r * 6);
    });
    if (r > 2.6) {
      // The brightest stars get a faint cross flare.
      c.fillStyle = `rgba(${rgb},0.25)`;
      c.fillRect(x - r * 4, y - 0.5, r * 8, 1);
      c.fillRect(x - 0.5, y - r * 4, 1, r * 8);
    }
  }
  return canvas;
}
