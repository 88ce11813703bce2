/**
 * framepool/loop keeps the bad-input promise: a TypeError or RangeError that names the argument,
 * and a clock or generator exactly as it was before the throw.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  alpha,
  createFixedStep,
  createRng,
  type FixedStep,
  mixSeed,
  nextFloat,
  nextInt,
  nextRange,
  type Rng,
  reseed,
} from '../../src/loop/index.ts';

/** Values that are not numbers at all. */
const NOT_NUMBERS: [string, unknown][] = [
  ['a string', '5'],
  ['a BigInt', 5n],
  ['a Symbol', Symbol('x')],
  ['null', null],
  ['undefined', undefined],
  ['an object', {}],
  ['an array', [5]],
  ['a function', () => 5],
];
/** The same without undefined, which means "the default" where an argument has one. */
const NOT_NUMBERS_OR_DEFAULT = NOT_NUMBERS.filter(([, value]) => value !== undefined);
const NOT_FINITE: [string, unknown][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];
const NOT_GENERATORS: [string, unknown][] = [
  ...NOT_NUMBERS,
  ['a number', 5],
  ['an object with a plain-array state', { state: [1] }],
  ['an object with a longer state', { state: new Uint32Array(2) }],
];

describe('createRng, reseed', () => {
  it.each([...NOT_NUMBERS, ...NOT_FINITE])('reject %s as the seed, naming it', (_, seed) => {
    expect(() => createRng(seed as number)).toThrow(/seed must be a finite number/);
    const rng = createRng(3);
    const before = rng.state[0];
    expect(() => reseed(rng, seed as number)).toThrow(/seed must be a finite number/);
    expect(rng.state[0]).toBe(before);
  });
});

describe('nextFloat, nextRange, nextInt, reseed', () => {
  it.each(NOT_GENERATORS)('reject %s as the generator, naming rng', (_, rng) => {
    const bad = rng as Rng;
    expect(() => nextFloat(bad)).toThrow(TypeError);
    expect(() => nextFloat(bad)).toThrow(/rng must be a generator made by createRng/);
    expect(() => nextRange(bad, 0, 1)).toThrow(/rng/);
    expect(() => nextInt(bad, 6)).toThrow(/rng/);
    expect(() => reseed(bad, 1)).toThrow(/rng/);
  });

  it.each([...NOT_NUMBERS, ...NOT_FINITE])(
    'nextRange rejects %s as min or max, drawing nothing',
    (_, bad) => {
      const rng = createRng(3);
      const before = rng.state[0];
      expect(() => nextRange(rng, bad as number, 1)).toThrow(/min must be a finite number/);
      expect(() => nextRange(rng, 0, bad as number)).toThrow(/max must be a finite number/);
      expect(rng.state[0]).toBe(before);
    },
  );

  it.each([...NOT_NUMBERS, ...NOT_FINITE, ['0', 0], ['-1', -1], ['1.5', 1.5], ['2^30 + 1', 2 ** 30 + 1]])(
    'nextInt rejects %s as n with a RangeError naming it, drawing nothing',
    (_, n) => {
      const rng = createRng(3);
      const before = rng.state[0];
      expect(() => nextInt(rng, n as number)).toThrow(RangeError);
      expect(() => nextInt(rng, n as number)).toThrow(/n must be a whole number from 1 to 1073741824/);
      expect(rng.state[0]).toBe(before);
    },
  );

  it.each(NOT_NUMBERS)('mixSeed rejects %s as either number, naming it', (_, bad) => {
    expect(() => mixSeed(bad as number, 1)).toThrow(/seed must be a number/);
    expect(() => mixSeed(1, bad as number)).toThrow(/key must be a number/);
  });
});

describe('createFixedStep', () => {
  it.each([...NOT_NUMBERS_OR_DEFAULT, ...NOT_FINITE, ['0', 0], ['-60', -60], ['above the limit', 100_001]])(
    'rejects %s as hz, naming it',
    (_, hz) => {
      expect(() => createFixedStep(hz as number)).toThrow(RangeError);
      expect(() => createFixedStep(hz as number)).toThrow(/hz must be a number above 0/);
    },
  );

  it.each([...NOT_NUMBERS_OR_DEFAULT, ...NOT_FINITE, ['0', 0], ['2.5', 2.5], ['above the limit', 1025]])(
    'rejects %s as maxSteps, naming it',
    (_, maxSteps) => {
      expect(() => createFixedStep(60, maxSteps as number)).toThrow(
        /maxSteps must be a whole number from 1 to 1024/,
      );
    },
  );
});

describe('advance, alpha', () => {
  const broken = (change: Partial<Record<keyof FixedStep, unknown>>) => ({
    ...createFixedStep(60, 4),
    ...change,
  });

  it.each([
    ...NOT_GENERATORS.slice(0, 8),
    ['a clock whose accumulator is NaN', broken({ accumulator: Number.NaN })],
    ['a clock whose stepMs is 0', broken({ stepMs: 0 })],
    ['a clock whose stepMs is a BigInt', broken({ stepMs: 16n })],
    ['a clock whose maxSteps is a string', broken({ maxSteps: '4' })],
  ])('reject %s as the clock, naming it', (_, clock) => {
    expect(() => advance(clock as FixedStep, 16)).toThrow(/clock must be a clock made by createFixedStep/);
    expect(() => alpha(clock as FixedStep)).toThrow(TypeError);
  });

  it.each(NOT_NUMBERS)('advance rejects %s as elapsedMs, naming it, the clock unchanged', (_, elapsed) => {
    const clock = createFixedStep(60, 4);
    advance(clock, 10);
    const before = { ...clock };
    expect(() => advance(clock, elapsed as number)).toThrow(/elapsedMs must be a number/);
    expect(clock).toEqual(before);
  });
});
