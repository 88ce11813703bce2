/**
 * Argument rules shared by the allocator and the pool, written once. The `require*` forms throw the
 * error that names the argument: a RangeError for a bad size or count (a BigInt or a string too), a
 * TypeError for an options object, flag or number of the wrong type. A hot path checks inline first and calls these only for what
 * its inline check does not accept: under Vitest's module runner a call to another module is a
 * getter call on a module object, which V8 does not inline (it made `alloc` 5x slower there).
 */

/** True for a whole number in [0, 2^53): the only sizes, counts and offsets the module accepts. */
export function isCount(value: number): boolean {
  return (
    typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value
  );
}

/** Throws a RangeError naming `name` unless `value` is a whole number in [0, 2^53). */
export function requireCount(name: string, value: number): void {
  if (!isCount(value)) {
    throw new RangeError(`${name} must be a non-negative whole number, got ${describeValue(value)}`);
  }
}

/** True for a power of two in [1, `max`], where `max` is itself a power of two of at most 2^30. */
export function isPowerOfTwo(value: number, max: number): boolean {
  return (
    typeof value === 'number' &&
    value >= 1 &&
    value <= max &&
    (value | 0) === value &&
    (value & (value - 1)) === 0
  );
}

/** Throws a RangeError naming `name` unless `value` is a power of two in [1, `max`]. */
export function requirePowerOfTwo(name: string, value: number, max: number): void {
  if (!isPowerOfTwo(value, max)) {
    throw new RangeError(`${name} must be a power of two from 1 to ${max}, got ${describeValue(value)}`);
  }
}

/** Throws a TypeError naming `options` unless it is an object (a plain object of settings). */
export function requireOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
}

/** Throws a TypeError naming `name` unless `value` is true, false or undefined (an optional flag). */
export function requireFlag(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new TypeError(`${name} must be true or false, got ${describeValue(value)}`);
  }
}

/**
 * Names a value for an error message without calling into it (`String` of an object may run user
 * code or throw): every entry's errors say what they got this way.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

/** Throws a TypeError naming `name` unless `value` is a number (a value to store or format, any number). */
export function requireNumber(name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describeValue(value)}`);
}

/** Throws a TypeError naming `name` unless `value` is a plain object (not null, not an array). */
export function requireObject(name: string, value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object, got ${describeValue(value)}`);
  }
}
