/**
 * The calls that once hung or ran out of heap on bad input, run one by one in a child process so a
 * hang cannot stall the test runner: hangs.test.ts starts this file and kills it when a call takes
 * longer than its limit. Each call prints `start <name>` before and `done <name>` after itself.
 */

import { createPooledComponent } from '../../src/ecs/index.ts';
import {
  BitecsSimulation,
  type GameOptions,
  NaiveSimulation,
  PooledSimulation,
  type Simulation,
  warmUpSteady,
} from '../../src/game/index.ts';
import { MemoryPool } from '../../src/memory/index.ts';

const TINY: GameOptions = { bullets: 16, enemies: 16, particles: 16 };
const RATES = [Number.POSITIVE_INFINITY, 1e9, 1e300, Number.NaN, -1e9, 2 ** 53];
const MAKERS: [string, () => Simulation][] = [
  ['pooled', () => new PooledSimulation(TINY)],
  ['bitecs', () => new BitecsSimulation(TINY)],
  ['naive', () => new NaiveSimulation(TINY)],
];

const cases: [string, () => unknown][] = [];
for (const [mode, make] of MAKERS) {
  for (const rate of RATES) {
    for (const field of ['fireRate', 'enemyRate', 'exhaustRate'] as const) {
      cases.push([
        `${mode}: input.${field} = ${rate}, then 3 steps`,
        () => {
          const sim = make();
          sim.input.firing = true;
          sim.input[field] = rate;
          for (let t = 0; t < 3; t++) sim.step();
        },
      ]);
    }
    cases.push([`warmUpSteady(${mode}, ${rate})`, () => swallow(() => warmUpSteady(make(), rate))]);
  }
}
cases.push(
  [
    'new MemoryPool with 2^45-byte slots',
    () => swallow(() => new MemoryPool({ capacity: 4, slotBytes: 2 ** 45 })),
  ],
  [
    'createPooledComponent with maxEntities 2^31',
    () => swallow(() => createPooledComponent('big', { capacity: 4, fields: {}, maxEntities: 2 ** 31 })),
  ],
  [
    'createPooledComponent with maxEntities 2^53',
    () => swallow(() => createPooledComponent('big', { capacity: 4, fields: {}, maxEntities: 2 ** 53 })),
  ],
);

/** Runs `call`; a thrown error is the documented answer here, only time matters. */
function swallow(call: () => unknown): void {
  try {
    call();
  } catch {
    // The bad-input tests check the errors themselves.
  }
}

for (const [name, call] of cases) {
  console.log(`start ${name}`);
  call();
  console.log(`done ${name}`);
}
console.log(`all ${cases.length}`);
