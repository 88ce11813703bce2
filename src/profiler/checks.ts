/**
 * The profiler's argument rules, written once. Every check throws before its caller has changed
 * anything: a TypeError when a value has the wrong type, a RangeError when a number is out of range,
 * each with a message of the form "<name> must be …, got <value>" that names the argument. Hot paths do
 * not call these: they test their arguments inline and come here only to build the error.
 */
import { describeValue } from '../memory/index.ts';

/** The TypeError or RangeError saying that `name` must be `what` but is `value`. */
export function argumentError(name: string, what: string, value: unknown, wrongType: boolean): Error {
  const message = `${name} must be ${what}, got ${describeValue(value)}`;
  return wrongType ? new TypeError(message) : new RangeError(message);
}

/** True for a whole number in [0, 2^53): counts, byte sizes, ids. */
export function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Throws unless `value` is a whole number in [0, 2^53): a TypeError for a non-number, else a RangeError. */
export function requireCount(name: string, value: unknown): asserts value is number {
  if (!isCount(value)) throw argumentError(name, 'a whole number ≥ 0', value, typeof value !== 'number');
}

/** Throws unless `value` is a number from `min` to `max`: a TypeError for a non-number, else a RangeError. */
export function requireNumberIn(
  name: string,
  value: unknown,
  min: number,
  max: number,
): asserts value is number {
  if (!(typeof value === 'number' && value >= min && value <= max)) {
    throw argumentError(name, `a number from ${min} to ${max}`, value, typeof value !== 'number');
  }
}

/**
 * The error for a position `value` that must be a whole number below `length` (an index, an id, an
 * age), where `what` names the `length` things (`'values kept'`): what hot paths throw from their slow
 * path.
 */
export function positionError(name: string, value: unknown, length: number, what: string): Error {
  return argumentError(
    name,
    `a whole number below ${length} (${length} ${what})`,
    value,
    typeof value !== 'number',
  );
}

/** Throws a TypeError unless `value` is an object (not null). */
export function requireObject(name: string, value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw argumentError(name, 'an object', value, true);
}

/** Throws a TypeError unless `value` is an array (a string is not a list of names). */
export function requireArray(name: string, value: unknown): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw argumentError(name, 'an array', value, true);
}

/** Throws a TypeError unless `value` is an array or a typed array: a series of numbers. */
export function requireNumberList(name: string, value: unknown): asserts value is ArrayLike<number> {
  if (!(Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)))) {
    throw argumentError(name, 'an array of numbers', value, true);
  }
}

/** Throws unless `value` is a non-empty string: a TypeError for a non-string, a RangeError for ''. */
export function requireName(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw argumentError(name, 'a non-empty string', value, typeof value !== 'string');
  }
}

/** Throws a TypeError unless `value` is a function. */
export function requireFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') throw argumentError(name, 'a function', value, true);
}

/** Throws a TypeError unless `value` is true or false (a truthy string is not a setting). */
export function requireBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw argumentError(name, 'true or false', value, true);
}

/** A field type of {@link requireShape}; a trailing `?` lets the field be undefined. */
export type ShapeField = 'number' | 'string' | 'boolean' | 'object' | 'array';

/**
 * Throws a TypeError naming `<name>.<field>` unless `value` is an object whose fields have the given
 * types (`'number?'`: a number or undefined). Arrays count as `array`, not `object`. Options objects
 * pass `fieldPrefix` '' so that an error names the option itself (`title`, not `options.title`).
 */
export function requireShape(
  name: string,
  value: unknown,
  fields: Readonly<Record<string, ShapeField | `${ShapeField}?`>>,
  fieldPrefix = `${name}.`,
): void {
  requireObject(name, value);
  for (const field in fields) {
    const expected = fields[field];
    const actual = value[field];
    const optional = expected.endsWith('?');
    const type = (optional ? expected.slice(0, -1) : expected) as ShapeField;
    if (optional && actual === undefined) continue;
    const ok =
      type === 'array'
        ? Array.isArray(actual)
        : type === 'object'
          ? typeof actual === 'object' && actual !== null && !Array.isArray(actual)
          : typeof actual === type;
    if (!ok) {
      const article = type === 'array' || type === 'object' ? 'an' : 'a';
      throw argumentError(
        `${fieldPrefix}${field}`,
        `${optional ? 'undefined or ' : ''}${article} ${type}`,
        actual,
        true,
      );
    }
  }
}

/**
 * Throws a TypeError naming `<name>.<field>` unless assigning `object[field]` works: a writable data
 * property or one with a setter, on the object or its prototypes. Checked up front so that a write in a
 * hot path cannot throw halfway through.
 */
export function requireWritable(name: string, object: object, field: string): void {
  for (let o: object | null = object; o !== null; o = Object.getPrototypeOf(o)) {
    const property = Object.getOwnPropertyDescriptor(o, field);
    if (property === undefined) continue;
    if (property.writable === true || property.set !== undefined) return;
    break;
  }
  throw new TypeError(`${name}.${field} must be writable: the profiler borrows it during a tick`);
}
