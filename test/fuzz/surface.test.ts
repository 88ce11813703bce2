/**
 * The fuzz of the whole public surface (framepool, /loop, /profiler, /profiler/node, /ecs and the game): every probe
 * gets its share of cases, each corrupting one argument with a value of a bad class, and each case
 * must keep the promise (see probe.ts). 20,000 cases by default; `FUZZ_SCALE=10 npm test` runs ten
 * times as many. Calls that could hang on bad input run in a child process (hangs.test.ts).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { casesRun, type Probe, runCase } from './probe.ts';
import { ECS_PROBES } from './probes/ecs.ts';
import { GAME_PROBES } from './probes/game.ts';
import { LOOP_PROBES } from './probes/loop.ts';
import { MEMORY_PROBES } from './probes/memory.ts';
import { PROFILER_PROBES } from './probes/profiler.ts';
import { PROFILER_NODE_PROBES } from './probes/profilerNode.ts';
import { BAD_VALUES } from './values.ts';

const CASES = 20_000 * Math.max(1, Number(process.env.FUZZ_SCALE) || 1);

const SUITES: readonly [string, readonly Probe[]][] = [
  ['framepool', MEMORY_PROBES],
  ['framepool/loop', LOOP_PROBES],
  ['framepool/profiler', PROFILER_PROBES],
  ['framepool/profiler/node', PROFILER_NODE_PROBES],
  ['framepool/ecs', ECS_PROBES],
  ['the game', GAME_PROBES],
];
const PROBES = SUITES.reduce((n, [, probes]) => n + probes.length, 0);
/** Cases per probe: the total shared evenly, at least 50. */
const RUNS = Math.max(50, Math.ceil(CASES / PROBES));

describe.each(SUITES)('%s keeps the bad-input promise', (_, probes) => {
  it.each(probes.map((p) => [p.name, p] as const))('%s', (_, probe) => {
    fc.assert(
      fc.property(fc.nat(probe.params.length - 1), BAD_VALUES, (index, bad) => runCase(probe, index, bad)),
      { numRuns: RUNS },
    );
  });
});

// Counted as they ran, so a filter (vitest -t) or a change to the share shows up here.
afterAll(() => {
  if (
    casesRun.count > 0 &&
    !process.argv.some((arg) => arg === '-t' || arg.startsWith('--testNamePattern'))
  ) {
    expect(casesRun.count, `cases run by ${PROBES} probes`).toBeGreaterThanOrEqual(CASES);
  }
});
