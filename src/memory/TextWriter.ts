import type { Allocator } from './Allocator.ts';
import { MAX_ARENA_BYTES } from './bumpOptions.ts';
import { describeValue, requireCount, requireFlag, requireNumber } from './checks.ts';
import { TypedList } from './TypedList.ts';

/** The most decimals {@link TextWriter.fixed} writes. */
export const MAX_DECIMALS = 9;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/** What a lone surrogate or a broken byte sequence becomes. */
const REPLACEMENT = 0xfffd;

/**
 * Text as UTF-8 bytes in an {@link Allocator}, with no string made: Zig's `bufPrint`. It appends
 * text, integers and fixed-decimal numbers to a byte list in the allocator; the text is
 * `allocator.u8[offset]` to `allocator.u8[offset + length - 1]`, which a renderer draws from (`GlyphText`
 * in `framepool/pixi`). Numbers are split into digits arithmetically.
 *
 * Each append is whole or nothing: when the allocator is out of memory it throws `OutOfMemoryError`
 * and the text is as it was. Over a frame arena the text lives until the arena's next reset, and the
 * writer starts empty after it (it is a `TypedList` of bytes).
 *
 * @example
 * const line = new TextWriter(arena);                       // once
 * line.clear().string('fps ').fixed(fps, 1).string(' · ').int(live, true);   // "fps 59.7 · 12,345"
 * glyphs.show(line);                                        // draws arena.u8[line.offset …]
 */
export class TextWriter {
  /** The allocator the bytes live in. */
  declare readonly allocator: Allocator;
  declare private readonly bytes: TypedList<'u8'>;
  /**
   * The number being written. `fixed` is small enough to inline and stores its value here, so the
   * large formatting code reads an unboxed double: a double passed to a call V8 does not inline is
   * boxed, a heap number each time.
   */
  private readonly value = new Float64Array(1);

  /** @throws TypeError or RangeError naming a bad `allocator` or `initialBytes`. */
  constructor(allocator: Allocator, initialBytes = 64) {
    requireCount('initialBytes', initialBytes);
    if (initialBytes > MAX_ARENA_BYTES) {
      throw new RangeError(`initialBytes must be at most ${MAX_ARENA_BYTES}, got ${initialBytes}`);
    }
    this.bytes = new TypedList(allocator, 'u8', initialBytes);
    this.allocator = allocator;
  }

  /** Index of the first byte in the allocator's `u8`. */
  get offset(): number {
    return this.bytes.offset;
  }

  /** Bytes written. */
  get length(): number {
    return this.bytes.length;
  }

  /** Empties the text (keeps its room). */
  clear(): this {
    this.bytes.clear();
    return this;
  }

  /** Appends `text` as UTF-8 (a lone surrogate becomes U+FFFD). @throws TypeError for a non-string. */
  string(text: string): this {
    if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${describeValue(text)}`);
    const length = utf8Length(text);
    if (length === 0) return this;
    const u8 = this.allocator.u8;
    let p = this.bytes.addMany(length);
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        u8[p++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
        }
      }
      p = encode(u8, p, c);
    }
    return this;
  }

  /**
   * Appends one character by its code point (a surrogate becomes U+FFFD), as 1 to 4 bytes.
   * @throws RangeError naming `code` unless it is a whole number from 0 to 0x10FFFF.
   */
  codePoint(code: number): this {
    if (!(typeof code === 'number' && Number.isInteger(code) && code >= 0 && code <= 0x10ffff)) {
      throw new RangeError(`code must be a code point, 0 to 0x10FFFF, got ${describeValue(code)}`);
    }
    encode(this.allocator.u8, this.bytes.addMany(bytesOf(code)), code);
    return this;
  }

  /** Appends `value` rounded to an integer, with thousands separators when `group` is true. */
  int(value: number, group = false): this {
    return this.fixed(value, 0, group);
  }

  /**
   * Appends `value` with exactly `decimals` decimals (rounded half away from zero), thousands
   * separators when `group` is true; NaN and infinities as `NaN`, `inf`, `-inf`. The digits are exact
   * while |value| × 10^decimals is below 2^53.
   * @throws TypeError for a non-number; RangeError for `decimals` outside 0 to {@link MAX_DECIMALS}.
   */
  fixed(value: number, decimals: number, group = false): this {
    if (typeof value !== 'number') requireNumber('value', value);
    this.value[0] = value;
    return this.writeFixed(decimals, group);
  }

  /** {@link fixed} of `this.value[0]`. */
  private writeFixed(decimals: number, group: boolean): this {
    // Checked inline (typeof first, so no BigInt reaches `| 0`); the helpers only name what is wrong.
    if (
      !(
        typeof decimals === 'number' &&
        (decimals | 0) === decimals &&
        decimals >= 0 &&
        decimals <= MAX_DECIMALS
      ) ||
      typeof group !== 'boolean'
    ) {
      requireCount('decimals', decimals);
      if (decimals > MAX_DECIMALS)
        throw new RangeError(`decimals must be at most ${MAX_DECIMALS}, got ${decimals}`);
      requireFlag('group', group);
    }
    const value = this.value[0];
    if (!(value > -Infinity && value < Infinity)) {
      return this.string(Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf');
    }
    let q = Math.round(Math.abs(value) * POW10[decimals]);
    const negative = value < 0 && q > 0;
    let digits = 1;
    for (let power = 10; power <= q; power *= 10) digits++;
    if (digits <= decimals) digits = decimals + 1;
    const separators = group ? Math.floor((digits - decimals - 1) / 3) : 0;
    const length = (negative ? 1 : 0) + digits + separators + (decimals > 0 ? 1 : 0);
    const u8 = this.allocator.u8;
    let p = this.bytes.addMany(length) + length;
    // Least significant first, so each digit's position is known without a scratch array.
    for (let i = 0; i < digits; i++) {
      if (i === decimals && decimals > 0)
        u8[--p] = 46; // '.'
      else if (group && i > decimals && (i - decimals) % 3 === 0) u8[--p] = 44; // ','
      u8[--p] = 48 + (q % 10);
      q = Math.floor(q / 10);
    }
    if (negative) u8[--p] = 45; // '-'
    return this;
  }

  /** The text as a string. It allocates: for tests and debugging, not per frame. */
  toString(): string {
    const length = this.bytes.length;
    const codes = new Uint32Array(length);
    const count = decodeUtf8(this.allocator.u8, this.bytes.offset, this.bytes.offset + length, codes);
    let text = '';
    for (let i = 0; i < count; i++) text += String.fromCodePoint(codes[i]);
    return text;
  }
}

/** Bytes of `text` in UTF-8. */
function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else {
      length += bytesOf(c);
    }
  }
  return length;
}

/** Bytes of code point `c` in UTF-8 (a surrogate is written as U+FFFD: 3). */
function bytesOf(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Writes code point `c` at `u8[p]`; returns the index after it. A surrogate becomes U+FFFD. */
function encode(u8: Uint8Array, p: number, c: number): number {
  if (c < 0x80) {
    u8[p] = c;
    return p + 1;
  }
  if (c < 0x800) {
    u8[p] = 0xc0 | (c >> 6);
    u8[p + 1] = 0x80 | (c & 0x3f);
    return p + 2;
  }
  if (c >= 0x10000) {
    u8[p] = 0xf0 | (c >> 18);
    u8[p + 1] = 0x80 | ((c >> 12) & 0x3f);
    u8[p + 2] = 0x80 | ((c >> 6) & 0x3f);
    u8[p + 3] = 0x80 | (c & 0x3f);
    return p + 4;
  }
  if (c >= 0xd800 && c <= 0xdfff) c = REPLACEMENT;
  u8[p] = 0xe0 | (c >> 12);
  u8[p + 1] = 0x80 | ((c >> 6) & 0x3f);
  u8[p + 2] = 0x80 | (c & 0x3f);
  return p + 3;
}

/**
 * Decodes the UTF-8 bytes `u8[start, end)` into code points in `out` (at most `out.length`); returns
 * how many. A byte that does not start a valid sequence becomes U+FFFD. Allocates nothing, so a
 * renderer may call it every frame.
 */
export function decodeUtf8(
  u8: Uint8Array,
  start: number,
  end: number,
  out: Uint32Array | Uint16Array,
): number {
  let n = 0;
  let p = start;
  while (p < end && n < out.length) {
    const b = u8[p];
    let code = REPLACEMENT;
    let size = 1;
    if (b < 0x80) code = b;
    else if (b >= 0xc2 && b < 0xe0) size = 2;
    else if (b >= 0xe0 && b < 0xf0) size = 3;
    else if (b >= 0xf0 && b < 0xf5) size = 4;
    if (size > 1) {
      code = size === 2 ? b & 0x1f : size === 3 ? b & 0x0f : b & 0x07;
      for (let k = 1; k < size; k++) {
        const next = p + k < end ? u8[p + k] : 0;
        if ((next & 0xc0) !== 0x80) {
          code = REPLACEMENT;
          size = 1;
          break;
        }
        code = (code << 6) | (next & 0x3f);
      }
    }
    out[n++] = code;
    p += size;
  }
  return n;
}
