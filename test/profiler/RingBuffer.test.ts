import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RING_CAPACITY, RingBuffer } from '../../src/profiler/index.ts';

function filled(capacity: number, values: readonly number[]): RingBuffer {
  const ring = new RingBuffer(capacity);
  for (const value of values) ring.push(value);
  return ring;
}

describe('RingBuffer', () => {
  it.each([
    { capacity: 3, pushes: [], kept: [] },
    { capacity: 3, pushes: [1, 2], kept: [1, 2] },
    { capacity: 3, pushes: [1, 2, 3], kept: [1, 2, 3] },
    { capacity: 3, pushes: [1, 2, 3, 4], kept: [2, 3, 4] },
    { capacity: 3, pushes: [1, 2, 3, 4, 5, 6, 7], kept: [5, 6, 7] },
    { capacity: 1, pushes: [9, 8], kept: [8] },
  ])('capacity $capacity after $pushes keeps $kept oldest first', ({ capacity, pushes, kept }) => {
    const ring = filled(capacity, pushes);
    expect(ring.length).toBe(kept.length);
    expect(Array.from({ length: ring.length }, (_, i) => ring.get(i))).toEqual(kept);
    expect(Array.from({ length: ring.length }, (_, age) => ring.recent(age))).toEqual([...kept].reverse());
    expect(Array.from(ring.toArray())).toEqual(kept);
  });

  it('matches the last `capacity` values pushed, for any sequence (model check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer(), { maxLength: 80 }),
        (capacity, values) => {
          const ring = filled(capacity, values);
          const model = values.slice(-capacity);
          const out = new Float64Array(capacity + 2);
          expect(ring.copyTo(out, 2)).toBe(model.length);
          expect(Array.from(out.subarray(2, 2 + model.length))).toEqual(model);
          expect(Array.from(ring.toArray())).toEqual(model);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stores in the typed array it was given (Float32 rounds)', () => {
    const ring = new RingBuffer(2, Float32Array);
    ring.push(0.1);
    expect(ring.data).toBeInstanceOf(Float32Array);
    expect(ring.get(0)).toBe(Math.fround(0.1));
    expect(new RingBuffer(2).data).toBeInstanceOf(Float64Array);
  });

  it('clear forgets the values but keeps the capacity', () => {
    const ring = filled(2, [1, 2, 3]);
    ring.clear();
    expect(ring.length).toBe(0);
    ring.push(4);
    expect(Array.from(ring.toArray())).toEqual([4]);
  });

  it.each([0, -1, 1.5, Number.NaN, MAX_RING_CAPACITY + 1])(
    'rejects capacity %s with a RangeError',
    (capacity) => {
      expect(() => new RingBuffer(capacity)).toThrow(RangeError);
    },
  );

  it.each([
    ['get(-1)', (r: RingBuffer) => r.get(-1)],
    ['get(length)', (r: RingBuffer) => r.get(2)],
    ['get(0.5)', (r: RingBuffer) => r.get(0.5)],
    ['recent(length)', (r: RingBuffer) => r.recent(2)],
    ['copyTo a short array', (r: RingBuffer) => r.copyTo(new Float64Array(1))],
    ['copyTo past the end', (r: RingBuffer) => r.copyTo(new Float64Array(2), 1)],
  ])('%s throws a RangeError', (_, call) => {
    expect(() => call(filled(4, [1, 2]))).toThrow(RangeError);
  });
});
