/**
 * The classes of bad value the fuzz feeds every public entry, after the bad-input issue's list:
 * negative, fractional, NaN, ±Infinity, huge, strings (numeric ones too), BigInt, Symbol, null,
 * undefined, objects, arrays and functions. Each value carries its class, so a probe can say which
 * classes a parameter accepts (a huge whole number is a valid size that does not fit; undefined may
 * mean "the default").
 */
import fc from 'fast-check';

/** What kind of bad a value is. */
export type BadKind =
  | 'negative'
  | 'fraction'
  | 'nan'
  | 'infinity'
  | 'huge'
  | 'numeric-string'
  | 'string'
  | 'bigint'
  | 'symbol'
  | 'null'
  | 'undefined'
  | 'object'
  | 'array'
  | 'function'
  /** A value of the right type that is no longer (or never was) valid here: a freed or foreign handle. */
  | 'stale';

/** A bad value and its class. */
export interface Bad {
  readonly kind: BadKind;
  readonly value: unknown;
}

const bad =
  (kind: BadKind) =>
  (value: unknown): Bad => ({ kind, value });

/** Every class, each with a few representative values and generated ones. */
export const BAD_VALUES: fc.Arbitrary<Bad> = fc.oneof(
  fc
    .oneof(fc.constantFrom(-1, -(2 ** 31), -Number.MAX_VALUE), fc.integer({ min: -1e9, max: -1 }))
    .map(bad('negative')),
  fc
    .oneof(fc.constantFrom(0.5, -0.5, 1.5, 2 ** 31 + 0.5), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
    .filter((x) => !Number.isInteger(x))
    .map(bad('fraction')),
  fc.constant(Number.NaN).map(bad('nan')),
  fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY).map(bad('infinity')),
  fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 45, 2 ** 53, 1e300, Number.MAX_SAFE_INTEGER).map(bad('huge')),
  fc.constantFrom('5', '0', '1e3', ' 7 ', '0x10').map(bad('numeric-string')),
  fc.oneof(fc.constantFrom('', 'abc', 'constructor', '__proto__'), fc.string()).map(bad('string')),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(bad('bigint')),
  fc.string().map((s) => bad('symbol')(Symbol(s))),
  fc.constant(null).map(bad('null')),
  fc.constant(undefined).map(bad('undefined')),
  fc
    .constantFrom(
      () => ({}),
      () => ({ valueOf: () => 5 }),
      () => Object.create(null),
      () => new Date(0),
      () => ({ length: 3 }),
    )
    .map((make) => bad('object')(make())),
  fc
    .constantFrom(
      () => [],
      () => [5],
      () => [1, 2, 3],
      () => new Float32Array(2),
    )
    .map((make) => bad('array')(make())),
  fc
    .constantFrom(
      () => 5,
      function named() {},
      Math.floor,
    )
    .map(bad('function')),
);

/** Names a value in a failure message (never calls into it). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `function ${value.name}`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `[${value.length} items]` : `object ${Object.prototype.toString.call(value)}`;
}

/** Whole numbers of a huge value (a valid size or count that cannot fit). */
export function isWhole(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
