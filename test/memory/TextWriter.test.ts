/**
 * TextWriter: text, integers and fixed-decimal numbers as UTF-8 bytes in an allocator (Zig's
 * bufPrint), checked against what JavaScript's own formatting and TextEncoder give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeUtf8,
  FixedBufferAllocator,
  MAX_DECIMALS,
  OutOfMemoryError,
  TextWriter,
} from '../../src/memory/index.ts';
import { arenaState, expectRangeError, expectTypeError, NOT_COUNTS, NOT_NUMBERS } from './helpers.ts';

function writer(bytes = 1024): TextWriter {
  return new TextWriter(new FixedBufferAllocator(bytes));
}

/** The bytes the writer holds. */
function bytesOf(w: TextWriter): number[] {
  return Array.from(w.allocator.u8.subarray(w.offset, w.offset + w.length));
}

/** What `toFixed` gives, with thousands separators in the whole part when `group`. */
function reference(value: number, decimals: number, group: boolean): string {
  const q = Math.round(Math.abs(value) * 10 ** decimals);
  const sign = value < 0 && q > 0 ? '-' : '';
  const digits = String(q).padStart(decimals + 1, '0');
  let whole = digits.slice(0, digits.length - decimals);
  if (group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + whole + (decimals > 0 ? `.${digits.slice(-decimals)}` : '');
}

describe('TextWriter', () => {
  it('appends text, integers and fixed decimals as bytes, chained', () => {
    const w = writer();
    w.string('fps ').fixed(59.66, 1).string(' | ').int(1234567, true).string(' live | ').fixed(-3.5, 2);
    expect(w.toString()).toBe('fps 59.7 | 1,234,567 live | -3.50');
    expect(bytesOf(w)).toEqual(Array.from(new TextEncoder().encode(w.toString())));
  });

  it.each([
    ['ASCII', 'hello, world'],
    ['two-byte', 'héllo × ±'],
    ['three-byte', '→ ↑ · €'],
    ['four-byte (a surrogate pair)', 'ok 😀 🎮'],
    ['empty', ''],
  ])('writes %s text as UTF-8, exactly as TextEncoder does', (_kind, text) => {
    const w = writer();
    w.string(text);
    expect(bytesOf(w)).toEqual(Array.from(new TextEncoder().encode(text)));
    expect(w.toString()).toBe(text);
  });

  it('a lone surrogate becomes U+FFFD, as TextEncoder makes it', () => {
    for (const text of ['a\ud800b', '\udc00', 'x\ud83d']) {
      const w = writer();
      w.string(text);
      expect(bytesOf(w)).toEqual(Array.from(new TextEncoder().encode(text)));
    }
  });

  it('numbers match toFixed-style formatting for random values, decimals and grouping', () => {
    fc.assert(
      fc.property(
        // Exact while |value| x 10^decimals stays below 2^53, as the doc says.
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (value, decimals, group) => {
          const w = writer();
          w.fixed(value, decimals, group);
          expect(w.toString()).toBe(reference(value, decimals, group));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    [0, 0, '0'],
    [0.5, 0, '1'],
    [-0.5, 0, '-1'],
    [-0.004, 2, '0.00'],
    [999.996, 2, '1000.00'],
    [1e21, 0, '1000000000000000000000'],
  ])('fixed(%s, %i) is %s', (value, decimals, text) => {
    expect(writer().fixed(value, decimals).toString()).toBe(text);
  });

  it('codePoint appends one character of 1 to 4 bytes; a surrogate becomes U+FFFD', () => {
    const w = writer();
    for (const code of [0x41, 0xe9, 0x2192, 0x1f600, 0xd800]) w.codePoint(code);
    expect(w.toString()).toBe('Aé→😀\ufffd');
    expect(bytesOf(w)).toEqual(Array.from(new TextEncoder().encode('Aé→😀\ufffd')));
  });

  it('NaN and the infinities are written as NaN, inf, -inf', () => {
    const w = writer();
    w.fixed(Number.NaN, 1)
      .string(' ')
      .int(Number.POSITIVE_INFINITY)
      .string(' ')
      .int(Number.NEGATIVE_INFINITY);
    expect(w.toString()).toBe('NaN inf -inf');
  });

  it('clear empties it and keeps its room; a reset of its allocator empties it too', () => {
    const arena = new FixedBufferAllocator(256);
    const w = new TextWriter(arena, 16);
    w.string('abc');
    const offset = w.offset;
    w.clear().string('xy');
    expect([w.toString(), w.offset]).toEqual(['xy', offset]);
    arena.reset();
    expect(w.length).toBe(0);
    expect(w.string('new').toString()).toBe('new');
  });

  it('an append that does not fit throws OutOfMemoryError and leaves the text as it was', () => {
    const arena = new FixedBufferAllocator(8);
    const w = new TextWriter(arena, 8);
    w.string('1234567');
    const before = arenaState(arena);
    expect(() => w.string('89')).toThrow(OutOfMemoryError);
    expect(() => w.int(10)).toThrow(OutOfMemoryError);
    expect(w.toString()).toBe('1234567');
    expect(arenaState(arena)).toEqual({ ...before, failureCount: before.failureCount + 2 });
    expect(w.int(8).toString()).toBe('12345678');
  });
});

describe('decodeUtf8', () => {
  it('decodes into code points, at most the output length', () => {
    const bytes = new TextEncoder().encode('a→😀é');
    const out = new Uint32Array(8);
    expect(decodeUtf8(bytes, 0, bytes.length, out)).toBe(4);
    expect(Array.from(out.subarray(0, 4))).toEqual([0x61, 0x2192, 0x1f600, 0xe9]);
    expect(decodeUtf8(bytes, 0, bytes.length, new Uint32Array(2))).toBe(2);
  });

  it('turns broken sequences into U+FFFD one byte at a time', () => {
    const out = new Uint32Array(8);
    const n = decodeUtf8(Uint8Array.of(0x80, 0xe2, 0x86, 0x41, 0xff), 0, 5, out);
    expect(Array.from(out.subarray(0, n))).toEqual([0xfffd, 0xfffd, 0xfffd, 0x41, 0xfffd]);
  });
});

describe('TextWriter bad input', () => {
  function expectUnchanged(call: (w: TextWriter) => unknown, check: (fn: () => unknown) => void): void {
    const w = writer(64);
    w.string('kept');
    const before = [w.toString(), arenaState(w.allocator as FixedBufferAllocator)];
    check(() => call(w));
    expect([w.toString(), arenaState(w.allocator as FixedBufferAllocator)]).toEqual(before);
  }

  it.each(NOT_NUMBERS.filter((v) => typeof v !== 'string'))(
    'string(%s) is a TypeError naming text',
    (bad) => {
      expectUnchanged(
        (w) => w.string(bad as string),
        (fn) => expectTypeError(fn, /text/),
      );
    },
  );

  it.each(NOT_NUMBERS)('fixed/int of %s (not a number) is a TypeError naming value', (bad) => {
    expectUnchanged(
      (w) => w.fixed(bad as number, 1),
      (fn) => expectTypeError(fn, /value/),
    );
    expectUnchanged(
      (w) => w.int(bad as number),
      (fn) => expectTypeError(fn, /value/),
    );
  });

  it.each([...NOT_COUNTS, MAX_DECIMALS + 1])('decimals %s is a RangeError naming decimals', (bad) => {
    expectUnchanged(
      (w) => w.fixed(1, bad),
      (fn) => expectRangeError(fn, /decimals/),
    );
  });

  it.each([-1, 0.5, 0x110000, Number.NaN, ...NOT_NUMBERS])(
    'codePoint(%s) is a RangeError naming code',
    (bad) => {
      expectUnchanged(
        (w) => w.codePoint(bad as number),
        (fn) => expectRangeError(fn, /code/),
      );
    },
  );

  it('group of the wrong type is a TypeError naming group', () => {
    expectUnchanged(
      (w) => w.int(1, 'yes' as never),
      (fn) => expectTypeError(fn, /group/),
    );
  });

  it.each([null, 'arena', 8])('allocator %s is a TypeError naming allocator', (bad) => {
    expectTypeError(() => new TextWriter(bad as never), /allocator/);
  });

  it.each([...NOT_COUNTS, 2 ** 40])('initialBytes %s is a RangeError naming it', (bad) => {
    expectRangeError(() => new TextWriter(new FixedBufferAllocator(8), bad), /initialBytes/);
  });
});
