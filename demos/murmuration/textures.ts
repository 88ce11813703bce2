/**
 * Murmuration's sprites, drawn once into canvases at startup. All white (the particle layers tint
 * them per bird) and all even-sized, so a centred anchor keeps pixi's particle upload free of
 * garbage (see ParticleLayer's notes in framepool/pixi).
 */
import { Texture } from 'pixi.js';

export interface FlockTextures {
  /** 16×16 starling seen from above, beak along +x. */
  bird: Texture;
  /** 40×40 hawk: broad swept wings, beak along +x. */
  hawk: Texture;
  /** 16×16 soft round dot: feathers and embers. */
  glow: Texture;
  /** 64×64 thin ring with a soft edge: the pointer and its reach. */
  ring: Texture;
}

export function createFlockTextures(): FlockTextures {
  return {
    bird: Texture.from(drawBird()),
    hawk: Texture.from(drawHawk()),
    glow: Texture.from(drawGlow()),
    ring: Texture.from(drawRing()),
  };
}

function canvas2d(size: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas is not available to draw the textures');
  return [canvas, context];
}

function drawBird(): HTMLCanvasElement {
  const [canvas, c] = canvas2d(16);
  c.translate(8, 8);
  c.shadowColor = 'rgba(255,255,255,0.9)';
  c.shadowBlur = 2;
  c.beginPath();
  c.moveTo(6.5, 0); // beak
  c.lineTo(0.5, -1.6);
  c.lineTo(-3.5, -6.5); // left wing tip, swept back
  c.lineTo(-2.2, -1.2);
  c.lineTo(-6.5, -1.8); // tail
  c.lineTo(-5.2, 0);
  c.lineTo(-6.5, 1.8);
  c.lineTo(-2.2, 1.2);
  c.lineTo(-3.5, 6.5); // right wing tip
  c.lineTo(0.5, 1.6);
  c.closePath();
  c.fillStyle = '#fff';
  c.fill();
  return canvas;
}

function drawHawk(): HTMLCanvasElement {
  const [canvas, c] = canvas2d(40);
  c.translate(20, 20);
  c.shadowColor = 'rgba(255,255,255,1)';
  c.shadowBlur = 5;
  c.beginPath();
  c.moveTo(15, 0); // hooked beak
  c.lineTo(8, -2.6);
  c.quadraticCurveTo(2, -6, -4, -16); // left wing, long and swept
  c.lineTo(-2, -5);
  c.lineTo(-14, -4); // fanned tail
  c.lineTo(-12, 0);
  c.lineTo(-14, 4);
  c.lineTo(-2, 5);
  c.lineTo(-4, 16); // right wing
  c.quadraticCurveTo(2, 6, 8, 2.6);
  c.closePath();
  c.fillStyle = 'rgba(255,255,255,0.95)';
  c.fill();
  c.shadowBlur = 0;
  c.beginPath();
  c.arc(7, 0, 1.6, 0, Math.PI * 2);
  c.fillStyle = 'rgba(40,0,10,1)';
  c.fill();
  return canvas;
}

function drawGlow(): HTMLCanvasElement {
  const [canvas, c] = canvas2d(16);
  const g = c.createRadialGradient(8, 8, 0, 8, 8, 8);
  g.addColorStop(0, 'rgba(255,255,255,1)');
  g.addColorStop(0.35, 'rgba(255,255,255,0.55)');
  g.addColorStop(1, 'rgba(255,255,255,0)');
  c.fillStyle = g;
  c.fillRect(0, 0, 16, 16);
  return canvas;
}

function drawRing(): HTMLCanvasElement {
  const [canvas, c] = canvas2d(64);
  c.shadowColor = 'rgba(255,255,255,1)';
  c.shadowBlur = 6;
  c.beginPath();
  c.arc(32, 32, 26, 0, Math.PI * 2);
  c.lineWidth = 2;
  c.strokeStyle = 'rgba(255,255,255,0.95)';
  c.stroke();
  return canvas;
}
