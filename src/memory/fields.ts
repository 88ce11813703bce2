/**
 * Record layouts and their struct-of-arrays storage: one typed array per field, indexed by record.
 * A pool's `fields` is one; {@link createFieldArrays} makes one of any length for other stores (a
 * store indexed by entity id, a one-record scratch).
 */

import { describeValue } from './checks.ts';

/** Element types a field may have. */
export type FieldType = 'f32' | 'f64' | 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32';

/** A record layout: field name to element type, e.g. `{ x: 'f32', y: 'f32', life: 'u16' }`. */
export type FieldSchema = Readonly<Record<string, FieldType>>;

/** The typed array that stores one field of type `T`. */
export type FieldArray<T extends FieldType> = {
  f32: Float32Array;
  f64: Float64Array;
  i8: Int8Array;
  u8: Uint8Array;
  i16: Int16Array;
  u16: Uint16Array;
  i32: Int32Array;
  u32: Uint32Array;
}[T];

/** Struct-of-arrays storage of a schema: one typed array per field, indexed by record. */
export type FieldArrays<S extends FieldSchema> = { readonly [K in keyof S]: FieldArray<S[K]> };

/** The typed-array constructor of each field type. */
export const ARRAY_TYPES = {
  f32: Float32Array,
  f64: Float64Array,
  i8: Int8Array,
  u8: Uint8Array,
  i16: Int16Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
} as const;

/**
 * Throws unless `fields` is a record layout: a TypeError when it is not an object, a RangeError naming
 * the first field whose type is not a {@link FieldType}.
 */
export function requireSchema(fields: unknown): asserts fields is FieldSchema {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new TypeError(
      `fields must be an object of field name to type, e.g. { x: 'f32' }, got ${describeValue(fields)}`,
    );
  }
  for (const [name, type] of Object.entries(fields)) {
    if (!Object.hasOwn(ARRAY_TYPES, type as string)) {
      throw new RangeError(
        `fields.${name} has unknown type ${describeValue(type)}; use one of ${Object.keys(ARRAY_TYPES).join(', ')}`,
      );
    }
  }
}

/** The most bytes {@link createFieldArrays} makes: 1 GiB. */
export const MAX_FIELD_BYTES = 2 ** 30;

/**
 * Struct-of-arrays storage of `length` records of `fields`, zero-filled.
 * @throws TypeError or RangeError for a bad schema (see {@link requireSchema}), a `length` that is
 *   not a whole number from 0 to 2^24, or more than {@link MAX_FIELD_BYTES} in all.
 * @example
 * const position = createFieldArrays({ x: 'f32', y: 'f32' }, 10_000); // position.x[eid] = 5
 */
export function createFieldArrays<S extends FieldSchema>(fields: S, length: number): FieldArrays<S> {
  requireSchema(fields);
  if (!(typeof length === 'number' && Number.isInteger(length) && length >= 0 && length <= 2 ** 24)) {
    throw new RangeError(`length must be a whole number from 0 to ${2 ** 24}, got ${describeValue(length)}`);
  }
  let recordBytes = 0;
  for (const name of Object.keys(fields)) recordBytes += ARRAY_TYPES[fields[name]].BYTES_PER_ELEMENT;
  if (recordBytes * length > MAX_FIELD_BYTES) {
    throw new RangeError(
      `length × record bytes must be at most ${MAX_FIELD_BYTES}, got ${length} × ${recordBytes} (fields)`,
    );
  }
  const arrays: Record<string, FieldArray<FieldType>> = {};
  // Own keys only, as requireSchema checked them.
  for (const name of Object.keys(fields)) arrays[name] = new ARRAY_TYPES[fields[name]](length);
  return arrays as FieldArrays<S>;
}
