import { type BitmapFont, Cache, Container, Sprite, type Texture } from 'pixi.js';

/** Options for {@link GlyphText}. */
export interface GlyphTextOptions {
  /** Name of an installed bitmap font (`BitmapFont.install({ name, ... })`, done before this). */
  fontName: string;
  /** Most characters the text will ever show; one Sprite each is created now. */
  maxChars: number;
  /** 0: `x` is the left edge; 1: `x` is the right edge (numbers in a column). Default 0. */
  align?: 0 | 1;
  /** Colour of the text (default white). */
  tint?: number;
  /** Size in pixels, as `fontSize` in a BitmapText style (default: the size the font was made at). */
  fontSize?: number;
}

const SPACE = 32;

/**
 * Text that changes often, drawn without making garbage: a fixed row of Sprites showing glyph
 * textures of an installed bitmap font. A new value is written character by character (numbers
 * are split into digits arithmetically, never through a string), and each cell only swaps its
 * texture and moves, which pixi handles in place because every glyph shares the font's atlas.
 *
 * Why not `BitmapText`: every `text =` change makes pixi lay the string out again (segmenting it
 * into an array of graphemes, building layout arrays and a fresh Graphics context that is then
 * re-triangulated). Measured with Chromium's sampling heap profiler on the overlay, that was the
 * largest source of garbage on the page at a few refreshes per second. Use `BitmapText` for labels
 * that never change, this for the figures.
 *
 * @example
 * const fps = new GlyphText({ fontName: HUD_FONT, maxChars: 12, align: 1 });
 * fps.view.position.set(200, 10);
 * fps.begin().number(59.7, 1).string(' fps').end();
 */
export class GlyphText {
  /** The container of the glyph sprites; position it, tint it, add it to the scene. */
  readonly view = new Container({ label: 'GlyphText' });
  /** Most characters this text can show. */
  readonly maxChars: number;
  private readonly align: 0 | 1;
  private readonly cells: Sprite[] = [];
  /** Glyphs by char code (first 256 plus a few extra codes); undefined for unknown characters. */
  private readonly glyphs: (Glyph | undefined)[] = [];
  private readonly baseY: number;
  /** Requested font size over the font's measurement size. */
  private readonly scale: number;
  /** Char codes of the text being written (between begin and end), then of the shown text. */
  private readonly codes: Uint16Array;
  private length = 0;
  private shown = 0;
  /** Scratch digits for {@link number}, least significant first. */
  private readonly digits = new Uint8Array(24);

  constructor(options: GlyphTextOptions) {
    const { fontName, maxChars, align = 0, tint = 0xffffff } = options;
    const font = Cache.get<BitmapFont>(`${fontName}-bitmap`);
    if (!font) throw new Error(`GlyphText: bitmap font "${fontName}" is not installed`);
    // Dynamic fonts rasterise glyphs at a large measurement size; text is drawn scaled down.
    this.scale = (options.fontSize ?? font.baseMeasurementFontSize) / font.baseMeasurementFontSize;
    this.maxChars = maxChars;
    this.align = align;
    this.codes = new Uint16Array(maxChars);
    // Same vertical placement as pixi's bitmap text pipe, so glyph and BitmapText rows line up.
    let shift = (font.lineHeight - font.fontMetrics.fontSize) / 2;
    if (shift - font.baseLineOffset < 0) shift = 0;
    this.baseY = font.baseLineOffset + shift;
    for (const char in font.chars) {
      const code = char.charCodeAt(0);
      if (char.length !== 1 || code >= 0x2200) continue;
      const data = font.chars[char];
      this.glyphs[code] = {
        texture: data.texture ?? null,
        xOffset: data.xOffset,
        yOffset: data.yOffset,
        xAdvance: data.xAdvance,
      };
    }
    const blank = this.glyphs[SPACE]?.texture ?? this.firstTexture();
    for (let i = 0; i < maxChars; i++) {
      const cell = new Sprite(blank);
      cell.scale.set(0, 0);
      this.cells.push(cell);
      this.view.addChild(cell);
    }
    this.view.tint = tint;
  }

  /** Starts writing a new text; follow with {@link string}/{@link number} calls and {@link end}. */
  begin(): this {
    this.length = 0;
    return this;
  }

  /** Appends the characters of `text` (read with charCodeAt: no allocation). Extra ones are cut. */
  string(text: string): this {
    for (let i = 0; i < text.length && this.length < this.maxChars; i++)
      this.codes[this.length++] = text.charCodeAt(i);
    return this;
  }

  /**
   * Appends `value` with `decimals` decimals (0 to 6), with thousands separators when `group` is
   * true (default for integers). Integer arithmetic only, so no string is ever made.
   */
  number(value: number, decimals = 0, group = decimals === 0): this {
    if (!Number.isFinite(value)) return this.string(Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf');
    const scale = POW10[decimals] ?? 1;
    let q = Math.round(Math.abs(value) * scale);
    if (value < 0 && q > 0) this.push(45); // '-'
    let n = 0;
    do {
      this.digits[n++] = q % 10;
      q = Math.floor(q / 10);
    } while ((q > 0 || n <= decimals) && n < this.digits.length);
    for (let i = n - 1; i >= 0; i--) {
      this.push(48 + this.digits[i]);
      if (i === decimals && decimals > 0)
        this.push(46); // '.'
      else if (group && i > decimals && (i - decimals) % 3 === 0) this.push(44); // ','
    }
    return this;
  }

  /** Shows what was written since {@link begin}: swaps glyph textures and moves the cells. */
  end(): void {
    const length = this.length;
    let width = 0;
    for (let i = 0; i < length; i++) width += this.glyphs[this.codes[i]]?.xAdvance ?? 0;
    let pen = this.align === 1 ? -width : 0;
    const cells = this.cells;
    const scale = this.scale;
    for (let i = 0; i < length; i++) {
      const glyph = this.glyphs[this.codes[i]];
      const cell = cells[i];
      if (glyph?.texture) {
        if (cell.texture !== glyph.texture) cell.texture = glyph.texture;
        // Rounded in font units, then scaled: the same placement as pixi's BitmapText.
        cell.position.set(
          Math.round(pen + glyph.xOffset) * scale,
          Math.round(this.baseY + glyph.yOffset) * scale,
        );
        cell.scale.set(scale, scale);
      } else if (cell.scale.x !== 0) {
        cell.scale.set(0, 0);
      }
      pen += glyph?.xAdvance ?? 0;
    }
    // Cells past the new end: scale 0 rather than `visible = false`, which would make pixi rebuild
    // the render list.
    for (let i = length; i < this.shown; i++) cells[i].scale.set(0, 0);
    this.shown = length;
  }

  /** The text shown now. Reading it makes a string (for tests and debugging, not per frame). */
  get text(): string {
    return String.fromCharCode(...this.codes.subarray(0, this.shown));
  }
  /** Convenience for static or rare text: `begin().string(text).end()`. */
  set text(text: string) {
    this.begin().string(text).end();
  }

  private push(code: number): void {
    if (this.length < this.maxChars) this.codes[this.length++] = code;
  }

  private firstTexture(): Texture {
    for (const glyph of this.glyphs) if (glyph?.texture) return glyph.texture;
    throw new Error('GlyphText: the font has no glyph textures');
  }
}

interface Glyph {
  texture: Texture | null;
  xOffset: number;
  yOffset: number;
  xAdvance: number;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
