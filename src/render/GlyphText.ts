import { type BitmapFont, Cache, Container, Sprite, type Texture } from 'pixi.js';
import { decodeUtf8, FixedBufferAllocator, OutOfMemoryError, TextWriter } from '../memory/index.ts';

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
/** Room past `maxChars` characters of up to 4 bytes: a number written near the end still fits whole. */
const NUMBER_BYTES = 40;

/**
 * Text that changes often, drawn without making garbage: a fixed row of Sprites showing glyph
 * textures of an installed bitmap font. The text is UTF-8 bytes written by a `TextWriter` (the
 * memory module's `bufPrint`: numbers are split into digits arithmetically, never through a string),
 * and each cell only swaps its texture and moves, which pixi handles in place because every glyph
 * shares the font's atlas. {@link show} draws any writer's bytes; {@link begin} … {@link end}
 * write into the text's own writer and draw it.
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
 * // or from a writer in any allocator: line.clear().fixed(59.7, 1).string(' fps'); fps.show(line);
 */
export class GlyphText {
  /** The container of the glyph sprites; position it, tint it, add it to the scene. */
  readonly view = new Container({ label: 'GlyphText' });
  /** Most characters this text can show. */
  readonly maxChars: number;
  /** The text's own writer, in its own small buffer: {@link begin} clears it, {@link end} draws it. */
  readonly writer: TextWriter;
  private readonly align: 0 | 1;
  private readonly cells: Sprite[] = [];
  /** Glyphs by char code (first 256 plus a few extra codes); undefined for unknown characters. */
  private readonly glyphs: (Glyph | undefined)[] = [];
  private readonly baseY: number;
  /** Requested font size over the font's measurement size. */
  private readonly scale: number;
  /** The writer's buffer: room for `maxChars` characters of up to 4 bytes, and a number more. */
  private readonly memory: FixedBufferAllocator;
  /** Code points of the shown text. */
  private readonly codes: Uint32Array;
  private shown = 0;

  constructor(options: GlyphTextOptions) {
    const { fontName, maxChars, align = 0, tint = 0xffffff } = options;
    const font = Cache.get<BitmapFont>(`${fontName}-bitmap`);
    if (!font) throw new Error(`GlyphText: bitmap font "${fontName}" is not installed`);
    // Dynamic fonts rasterise glyphs at a large measurement size; text is drawn scaled down.
    this.scale = (options.fontSize ?? font.baseMeasurementFontSize) / font.baseMeasurementFontSize;
    this.maxChars = maxChars;
    this.align = align;
    this.codes = new Uint32Array(maxChars);
    this.memory = new FixedBufferAllocator(4 * maxChars + NUMBER_BYTES);
    this.writer = new TextWriter(this.memory, this.memory.capacity);
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
    this.writer.clear();
    return this;
  }

  /** Appends the characters of `text` (read with charCodeAt: no allocation). Extra ones are cut. */
  string(text: string): this {
    const writer = this.writer;
    // Room for one more character of up to 4 bytes, so an append never runs the buffer out.
    const room = this.memory.capacity - 4;
    for (let i = 0; i < text.length && writer.length <= room; i++) {
      const code = text.charCodeAt(i);
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      // A surrogate pair is one character: it goes in whole or not at all.
      if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        writer.codePoint(0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00));
        i++;
      } else {
        writer.codePoint(code);
      }
    }
    return this;
  }

  /**
   * Appends `value` with `decimals` decimals (0 to 9), with thousands separators when `group` is
   * true (default for integers), through the writer's `fixed`: no string is ever made. A number that
   * no longer fits is cut.
   */
  number(value: number, decimals = 0, group = decimals === 0): this {
    try {
      this.writer.fixed(value, decimals, group);
    } catch (error) {
      // Too long to fit (beyond what maxChars shows anyway): cut, as the characters of a string are.
      if (!(error instanceof OutOfMemoryError)) throw error;
    }
    return this;
  }

  /** Shows what was written since {@link begin}. */
  end(): void {
    this.show(this.writer);
  }

  /**
   * Shows the text of `writer` (the first `maxChars` characters): decodes its UTF-8 bytes, swaps
   * glyph textures and moves the cells. Any writer, in any allocator: this one's own, or one a game
   * fills in its frame arena.
   */
  show(writer: TextWriter): void {
    const u8 = writer.allocator.u8;
    const start = writer.offset;
    const length = decodeUtf8(u8, start, start + writer.length, this.codes);
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
    return String.fromCodePoint(...this.codes.subarray(0, this.shown));
  }
  /** Convenience for static or rare text: `begin().string(text).end()`. */
  set text(text: string) {
    this.begin().string(text).end();
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
