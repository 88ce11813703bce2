import { BitmapFont, BitmapText, type Container, Sprite, Texture } from 'pixi.js';
import { BYTE_UNITS, byteDecimals, byteDivisor, byteUnit } from '../profiler/index.ts';
import { GlyphText } from './GlyphText.ts';

/**
 * The HUD's shared look and parts: the bitmap font, the palette, fixed labels, garbage-free
 * figures and bars. The memory overlay and the profiler panel are built from these.
 */

/** Name of the bitmap font the HUD installs (once per page). */
export const HUD_FONT = 'framepool-hud';
/** Panel width in CSS pixels. */
export const OVERLAY_WIDTH = 376;

/** Panel padding in CSS pixels. */
export const PAD = 12;
/** Line height in CSS pixels. */
export const LINE = 16;
/** HUD font size in CSS pixels. */
export const FONT_SIZE = 12;
/** The HUD palette. */
export const COLOR = {
  panel: 0x060a18,
  border: 0x38d6ff,
  title: 0x5ee8ff,
  label: 0x7f8fb5,
  value: 0xe6efff,
  dim: 0x4a5878,
  ok: 0x46f0a0,
  arena: 0x46d8ff,
  warn: 0xffc14d,
  bad: 0xff4d6d,
  track: 0x1a2440,
  marker: 0xffffff,
} as const;

let fontInstalled = false;

/** Installs the HUD's bitmap font the first time it is needed (glyphs are rasterised once). */
export function installHudFont(): void {
  if (fontInstalled) return;
  BitmapFont.install({
    name: HUD_FONT,
    style: {
      fontFamily: 'DejaVu Sans Mono, Menlo, Consolas, monospace',
      fontSize: FONT_SIZE,
      fill: 0xffffff,
    },
    chars: [['a', 'z'], ['A', 'Z'], ['0', '9'], ' .,:;/%()[]<>+-=_|#*!?×·↑→'],
    // Twice the pixels: crisp on HiDPI screens and when the panel is scaled.
    resolution: Math.max(2, Math.ceil(globalThis.devicePixelRatio || 1)),
    padding: 2,
  });
  fontInstalled = true;
}

/**
 * A horizontal bar: dim track, a fill for the current value, a thin marker for the recent peak
 * and a faint one for the high-water mark. All are white sprites resized and tinted, which creates
 * no objects (a Graphics redraw would rebuild its geometry every frame).
 */
export class Bar {
  private readonly fill: Sprite;
  private readonly peak: Sprite;
  private readonly high: Sprite;
  private fillTint = -1;

  constructor(
    parent: Container,
    private readonly x: number,
    y: number,
    private readonly width: number,
    height: number,
  ) {
    const track = whiteSprite(parent, x, y, width, height, COLOR.track, 1);
    track.alpha = 0.9;
    this.fill = whiteSprite(parent, x, y, 0, height, COLOR.ok, 1);
    this.high = whiteSprite(parent, x, y - 2, 1, height + 4, COLOR.marker, 0.35);
    this.peak = whiteSprite(parent, x, y - 1, 2, height + 2, COLOR.marker, 0.9);
  }

  /** Fractions 0..1 of the bar; a negative `peak` hides that marker. */
  set(value: number, peak: number, high: number, tint: number): void {
    this.fill.width = clamp01(value) * this.width;
    if (tint !== this.fillTint) {
      this.fill.tint = tint;
      this.fillTint = tint;
    }
    this.peak.alpha = peak < 0 ? 0 : 0.9;
    this.peak.x = this.x + clamp01(peak) * (this.width - 2);
    this.high.x = this.x + clamp01(high) * (this.width - 1);
  }
}

/** A `Texture.WHITE` sprite stretched to a rectangle and tinted: a bar or marker resized for free. */
export function whiteSprite(
  parent: Container,
  x: number,
  y: number,
  width: number,
  height: number,
  tint: number,
  alpha: number,
): Sprite {
  const sprite = new Sprite(Texture.WHITE);
  sprite.position.set(x, y);
  sprite.width = width;
  sprite.height = height;
  sprite.tint = tint;
  sprite.alpha = alpha;
  parent.addChild(sprite);
  return sprite;
}

/** A label that never changes: a BitmapText laid out once. */
export function staticText(
  parent: Container,
  text: string,
  x: number,
  y: number,
  tint: number,
  anchorX: number,
): BitmapText {
  const label = new BitmapText({ text, style: { fontFamily: HUD_FONT, fontSize: FONT_SIZE } });
  label.anchor.set(anchorX, 0);
  label.position.set(Math.round(x), Math.round(y));
  label.tint = tint;
  parent.addChild(label);
  return label;
}

/**
 * A figure that remembers what it shows: `number`/`bytes`/`ratio` redraw only when the displayed
 * value changes, and then through {@link GlyphText}, which writes digits without making strings.
 */
export class Readout {
  private readonly glyphs: GlyphText;
  private shownA = Number.NaN;
  private shownB = Number.NaN;
  private shownSuffix = '';
  private shownTint: number;

  constructor(parent: Container, x: number, y: number, align: 0 | 1, tint: number, maxChars = 20) {
    this.glyphs = new GlyphText({ fontName: HUD_FONT, fontSize: FONT_SIZE, maxChars, align, tint });
    this.glyphs.view.position.set(Math.round(x), Math.round(y));
    this.shownTint = tint;
    parent.addChild(this.glyphs.view);
  }

  /** Shows `value` with `decimals` and `suffix`, plus `extra` (an integer) when it is not negative. */
  number(value: number, decimals: number, suffix: string, extra = -1): void {
    const key = Math.round(
      value * (decimals === 0 ? 1 : decimals === 1 ? 10 : decimals === 2 ? 100 : 10 ** decimals),
    );
    if (key === this.shownA && extra === this.shownB && suffix === this.shownSuffix) return;
    this.shownA = key;
    this.shownB = extra;
    this.shownSuffix = suffix;
    const glyphs = this.glyphs.begin().number(value, decimals).string(suffix);
    if (extra >= 0) glyphs.number(extra, 0);
    glyphs.end();
  }

  /**
   * Shows a byte count as the profiler's `formatBytes` would ("4.7 KiB"), through {@link writeBytes},
   * after `prefix` (a constant, e.g. `'cap '`).
   */
  bytes(value: number, prefix = ''): void {
    // As in `number`: the value at its shown decimals, with its unit, is the key.
    const unit = byteUnit(value);
    const key = Math.round((value / byteDivisor(unit)) * 10 ** byteDecimals(unit));
    if (key === this.shownA && unit === this.shownB && prefix === this.shownSuffix) return;
    this.shownA = key;
    this.shownB = unit;
    this.shownSuffix = prefix;
    writeBytes(this.glyphs.begin().string(prefix), value).end();
  }

  /**
   * Shows a chart's power-of-two scale in whole units ("16 KiB", "2 MiB"): exact in the unit
   * `byteUnit` picks, and short enough for the column beside a chart.
   */
  scale(bytes: number): void {
    if (bytes === this.shownA) return;
    this.shownA = bytes;
    const unit = byteUnit(bytes);
    this.glyphs
      .begin()
      .number(bytes / byteDivisor(unit), 0)
      .string(' ')
      .string(BYTE_UNITS[unit])
      .end();
  }

  /** Shows `a / b` with thousands separators. */
  ratio(a: number, b: number): void {
    if (a === this.shownA && b === this.shownB) return;
    this.shownA = a;
    this.shownB = b;
    this.glyphs.begin().number(a, 0).string(' / ').number(b, 0).end();
  }

  /** Changes the colour (a tint goes through pixi's Color, so only when it differs). */
  tint(color: number): void {
    if (color === this.shownTint) return;
    this.shownTint = color;
    this.glyphs.view.tint = color;
  }
}

/**
 * Appends a byte count exactly as the profiler's `formatBytes` writes it ("4.7 KiB", "1023 B"; '-'
 * for NaN or ±Infinity), without making a string: the unit, divisor and decimals come from the same
 * rule ({@link byteUnit}), and the digits from `GlyphText.number`'s rounding, which that rule assumes.
 */
export function writeBytes(glyphs: GlyphText, bytes: number): GlyphText {
  if (!(bytes > -Infinity && bytes < Infinity)) return glyphs.string('-');
  const unit = byteUnit(bytes);
  return glyphs
    .number(bytes / byteDivisor(unit), byteDecimals(unit), false)
    .string(' ')
    .string(BYTE_UNITS[unit]);
}

/** `x` limited to 0..1 (a bar's fraction). */
export function clamp01(x: number): number {
  return Math.max(0, Math.min(x, 1));
}
