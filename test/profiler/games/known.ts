/**
 * A game module whose systems allocate known amounts per tick, for the proof that `framepool profile`
 * measures garbage: objects, arrays and strings of sizes V8 lays out predictably, and a system that
 * allocates nothing. Sizes on 64-bit V8 without pointer compression (Node's builds): a tagged field is
 * 8 B, an object literal has a 24 B header, an array is a 32 B JSArray with a 16 B FixedArray header,
 * a one-byte string a 16 B header and its characters rounded up to 8.
 */

/** Objects made per tick, each `{ a, b }` of two small integers. */
export const OBJECTS = 1000;
/** Arrays made per tick, each of {@link ARRAY_LENGTH} holes. */
export const ARRAYS = 10;
export const ARRAY_LENGTH = 500;
/** Strings made per tick, each of 8 one-byte characters. */
export const STRINGS = 1000;

/** An array of `n` elements: JSArray, FixedArray header, `n` tagged slots. */
const arrayBytes = (n: number) => 32 + 16 + 8 * n;

/** The garbage each system makes per tick, by name. */
export const KNOWN_BYTES: Readonly<Record<string, number>> = {
  makeObjects: OBJECTS * (24 + 2 * 8) + arrayBytes(OBJECTS),
  makeArrays: ARRAYS * arrayBytes(ARRAY_LENGTH) + arrayBytes(ARRAYS),
  makeStrings: STRINGS * (16 + 8) + arrayBytes(STRINGS),
  clean: 0,
};

let kept: unknown;
const totals = new Float64Array(1024);

function makeObjects(): void {
  const out = new Array(OBJECTS);
  for (let i = 0; i < OBJECTS; i++) out[i] = { a: i, b: i + 1 };
  kept = out;
}

function makeArrays(): void {
  const out = new Array(ARRAYS);
  for (let i = 0; i < ARRAYS; i++) out[i] = new Array(ARRAY_LENGTH);
  kept = out;
}

function makeStrings(): void {
  const out = new Array(STRINGS);
  for (let i = 0; i < STRINGS; i++) out[i] = String.fromCharCode(65 + (i % 26), 66, 67, 68, 69, 70, 71, 72);
  kept = out;
}

function clean(dt: number): void {
  for (let i = 0; i < totals.length; i++) totals[i] += dt * i;
}

export default {
  systems: [
    { name: 'makeObjects', run: makeObjects },
    { name: 'makeArrays', run: makeArrays },
    { name: 'makeStrings', run: makeStrings },
    { name: 'clean', run: clean },
  ],
  entities: () => (kept === undefined ? 0 : 1),
};
