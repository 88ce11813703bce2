/** Probes of `framepool/loop`: the fixed step and the seeded generator. */
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
} from '../../../src/loop/index.ts';
import { acceptsKinds, type Probe, probe } from '../probe.ts';
import type { BadKind } from '../values.ts';

/** Numbers that are finite: valid wherever any finite number is. */
const FINITE: readonly BadKind[] = ['negative', 'fraction', 'huge'];
const ANY_NUMBER: readonly BadKind[] = [...FINITE, 'nan', 'infinity'];

const rngState = (rng: Rng) => rng.state[0];
const isUnit = (x: unknown) => typeof x === 'number' && x >= 0 && x < 1;

function tickingClock(): FixedStep {
  const clock = createFixedStep(60, 4);
  advance(clock, 10);
  return clock;
}

export const LOOP_PROBES: readonly Probe[] = [
  probe({
    name: 'createRng',
    params: ['seed'],
    make: () => null,
    valid: () => [42],
    call: (_, [seed]) => createRng(seed as number),
    accepts: acceptsKinds({ 0: FINITE }, (rng) => isUnit(nextFloat(rng as Rng))),
  }),
  probe({
    name: 'nextFloat',
    params: ['rng'],
    make: () => createRng(1),
    valid: (rng) => [rng],
    call: (_, [rng]) => nextFloat(rng as Rng),
  }),
  probe({
    name: 'nextRange',
    params: ['rng', 'min', 'max'],
    make: () => createRng(1),
    valid: (rng) => [rng, -2, 5],
    call: (_, [rng, min, max]) => nextRange(rng as Rng, min as number, max as number),
    state: rngState,
    accepts: acceptsKinds({ 1: FINITE, 2: FINITE }, (x) => typeof x === 'number' && Number.isFinite(x)),
  }),
  probe({
    name: 'nextInt',
    params: ['rng', 'n'],
    make: () => createRng(1),
    valid: (rng) => [rng, 6],
    call: (_, [rng, n]) => nextInt(rng as Rng, n as number),
    state: rngState,
  }),
  probe({
    name: 'reseed',
    params: ['rng', 'seed'],
    make: () => createRng(1),
    valid: (rng) => [rng, 9],
    call: (_, [rng, seed]) => reseed(rng as Rng, seed as number),
    state: rngState,
    accepts: acceptsKinds({ 1: FINITE }),
  }),
  probe({
    name: 'mixSeed',
    params: ['seed', 'key'],
    make: () => null,
    valid: () => [1, 2],
    call: (_, [a, b]) => mixSeed(a as number, b as number),
    accepts: acceptsKinds(
      { 0: ANY_NUMBER, 1: ANY_NUMBER },
      (h) => typeof h === 'number' && Number.isInteger(h) && h >= 0 && h < 2 ** 32,
    ),
  }),
  probe({
    name: 'createFixedStep',
    params: ['hz', 'maxSteps'],
    make: () => null,
    valid: () => [60, 4],
    call: (_, [hz, maxSteps]) => createFixedStep(hz as number, maxSteps as number),
    // Undefined takes the default; a fractional rate (0.5 Hz) is a rate.
    accepts: (index, bad) =>
      bad.kind === 'undefined' || (index === 0 && bad.kind === 'fraction' && (bad.value as number) > 0)
        ? (clock) => typeof clock === 'object'
        : null,
  }),
  probe({
    name: 'advance',
    params: ['clock', 'elapsedMs'],
    make: tickingClock,
    valid: (clock) => [clock, 16],
    call: (_, [clock, elapsed]) => advance(clock as FixedStep, elapsed as number),
    state: (clock) => ({ ...clock }),
    // Any number is elapsed time: a clock jump (negative, NaN, infinite) counts as zero.
    accepts: acceptsKinds(
      { 1: ANY_NUMBER },
      (n) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 4,
    ),
  }),
  probe({
    name: 'alpha',
    params: ['clock'],
    make: tickingClock,
    valid: (clock) => [clock],
    call: (_, [clock]) => alpha(clock as FixedStep),
  }),
];
