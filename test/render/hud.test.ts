import './nodeGlobals.ts';
import fc from 'fast-check';
import { Container } from 'pixi.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/profiler/index.ts';
import { Readout, writeBytes } from '../../src/render/hud.ts';
import { GlyphText, HUD_FONT } from '../../src/render/index.ts';
import { installFakeHudFont } from './helpers.ts';

beforeAll(installFakeHudFont);

/** What the glyph path shows for `bytes`. */
function glyphBytes(glyphs: GlyphText, bytes: number): string {
  writeBytes(glyphs.begin(), bytes).end();
  return glyphs.text;
}

/** The text a Readout shows now (its glyphs are private: the tests read them anyway). */
function shown(readout: Readout): string {
  return (readout as unknown as { glyphs: GlyphText }).glyphs.text;
}

describe('writeBytes (the per-frame glyph path)', () => {
  const glyphs = () => new GlyphText({ fontName: HUD_FONT, maxChars: 24 });

  it.each([
    0,
    1,
    1023,
    1023.4,
    1023.5,
    1024,
    1536,
    131_072,
    1_048_524,
    1_048_524.8,
    1_048_575,
    1_048_575.95,
    2 ** 30,
    2 ** 40,
    -1,
    -2048,
    -0.4,
    -0.5,
    0.05 * 1024,
    0.15 * 1024,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])('writes %d bytes exactly as formatBytes does', (bytes) => {
    expect(glyphBytes(glyphs(), bytes)).toBe(formatBytes(bytes));
  });

  it('agrees with formatBytes on any count', () => {
    const text = glyphs();
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.double({ min: -(2 ** 40), max: 2 ** 40 })),
        (bytes) => {
          expect(glyphBytes(text, bytes)).toBe(formatBytes(bytes));
        },
      ),
    );
  });
});

describe('Readout', () => {
  it('bytes: shows formatBytes text and rewrites only when the text would change', () => {
    const readout = new Readout(new Container(), 0, 0, 1, 0xffffff);
    readout.bytes(4816);
    expect(shown(readout)).toBe('4.7 KiB');
    readout.bytes(4817); // still 4.7 KiB: the same key
    expect(shown(readout)).toBe('4.7 KiB');
    readout.bytes(1023);
    expect(shown(readout)).toBe('1023 B');
    readout.bytes(1_048_575.95);
    expect(shown(readout)).toBe('1.0 MiB');
    readout.bytes(-0.6);
    expect(shown(readout)).toBe('-1 B');
    readout.bytes(0.6);
    expect(shown(readout)).toBe('1 B');
  });

  it('scale: a power of two in whole units of the same rule', () => {
    const readout = new Readout(new Container(), 0, 0, 1, 0xffffff);
    const cases: [number, string][] = [
      [1024, '1 KiB'],
      [8192, '8 KiB'],
      [524_288, '512 KiB'],
      [1_048_576, '1 MiB'],
      [2 ** 31, '2 GiB'],
    ];
    for (const [bytes, text] of cases) {
      readout.scale(bytes);
      expect(shown(readout)).toBe(text);
    }
  });
});
