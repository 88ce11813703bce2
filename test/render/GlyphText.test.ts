/**
 * GlyphText draws the bytes of a TextWriter: its own (begin … end) or any other, in any allocator;
 * what does not fit in `maxChars` is cut, never thrown.
 */
import './nodeGlobals.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { FixedBufferAllocator, TextWriter } from '../../src/memory/index.ts';
import { GlyphText, HUD_FONT } from '../../src/render/index.ts';
import { installFakeHudFont } from './helpers.ts';

beforeAll(installFakeHudFont);

const glyphs = (maxChars = 24) => new GlyphText({ fontName: HUD_FONT, maxChars });

/** The cells that show a glyph (scale not 0), as pixi would draw them. */
function visibleCells(text: GlyphText): number {
  return text.view.children.filter((cell) => cell.scale.x !== 0).length;
}

describe('GlyphText', () => {
  it('draws what begin … end wrote through its own writer', () => {
    const text = glyphs();
    text.begin().string('fps ').number(59.66, 1).string(' · ').number(12345).end();
    expect(text.text).toBe('fps 59.7 · 12,345');
    expect(text.writer.toString()).toBe(text.text);
    expect(visibleCells(text)).toBe(text.text.length);
  });

  it('draws the bytes of any writer, e.g. one in a frame arena', () => {
    const arena = new FixedBufferAllocator(256);
    arena.alloc(13, 1);
    const line = new TextWriter(arena);
    line.string('arena ').fixed(-3.25, 2).string(' → ok');
    const text = glyphs();
    text.show(line);
    expect(text.text).toBe('arena -3.25 → ok');
    // Shorter text hides the cells past its end.
    text.show(line.clear().string('ok'));
    expect([text.text, visibleCells(text)]).toEqual(['ok', 2]);
  });

  it('cuts what does not fit in maxChars, strings and numbers alike, and never throws', () => {
    const text = glyphs(6);
    text.begin().string('abcdefghijklmnopqrstuvwxyz'.repeat(4)).number(1e300).number(7).end();
    expect(text.text).toBe('abcdef');
    // A number is whole or not at all: 309 digits do not fit, and a truncated figure would mislead.
    text.begin().string('x').number(Number.MAX_VALUE, 0, true).end();
    expect(text.text).toBe('x');
    text.begin().number(Number.NaN).string('!').end();
    expect(text.text).toBe('NaN!');
  });

  it('a character the font lacks takes a cell but shows nothing; one beyond the BMP too', () => {
    const text = glyphs();
    text.begin().string('a€b😀c').end();
    expect(text.text).toBe('a€b😀c');
    expect(visibleCells(text)).toBe(3);
  });
});
