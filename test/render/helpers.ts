import { Cache, Texture } from 'pixi.js';
import { HUD_FONT } from '../../src/render/index.ts';

/** Every character the HUD font has (see installHudFont). */
const CHARS = ' .,:;/%()[]<>+-=_|#*!?×·↑→abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Puts a stand-in for the HUD's bitmap font in pixi's cache, where GlyphText looks it up: the real
 * one is rasterised on a canvas, which Node has not. Every glyph is 1 unit wide and 1 pixel of
 * Texture.WHITE, enough to lay out text and read it back.
 */
export function installFakeHudFont(): void {
  if (Cache.has(`${HUD_FONT}-bitmap`)) return;
  const chars: Record<string, { texture: Texture; xOffset: number; yOffset: number; xAdvance: number }> = {};
  for (const char of CHARS) chars[char] = { texture: Texture.WHITE, xOffset: 0, yOffset: 0, xAdvance: 1 };
  Cache.set(`${HUD_FONT}-bitmap`, {
    baseMeasurementFontSize: 12,
    lineHeight: 14,
    baseLineOffset: 10,
    fontMetrics: { fontSize: 12 },
    chars,
  });
}
