/**
 * What a child of bench/ecs.bench.ts measures and how: one case of one suite, timed by the harness
 * (CPU time per op over a few short rounds, then collections over a separate loop).
 */
import { cpuShare, measure } from '../harness.ts';
import type { CaseName, EcsSuite } from './suite.ts';

/** What one child measured. */
export interface ChildResult {
  /** Median CPU ns per op over the child's rounds. */
  readonly ns: number;
  /** Collections during the child's GC loop, and its length. */
  readonly gcEvents: number;
  readonly gcLoopOps: number;
  readonly gcLoopMs: number;
  /** CPU time / wall time over the timed rounds. */
  readonly cpuShare: number;
}

/** The harness's settings inside one child: a handful of short rounds, then a GC loop. */
export const CHILD_OPTIONS = { rounds: 7, warmupRounds: 2, roundMs: 40, gcLoopMs: 400 };

/** Sets up `name` of `suite` at the peer's entity count and measures its op. */
export function measureCase(suite: EcsSuite, name: CaseName): ChildResult {
  const setup = suite.cases[name];
  if (setup === undefined) throw new Error(`${suite.name} has no case ${name}`);
  const op = setup(suite.count);
  const [result] = measure(
    [
      {
        name: `${suite.name}/${name}`,
        run(ops) {
          for (let i = 0; i < ops; i++) op();
          return ops;
        },
      },
    ],
    CHILD_OPTIONS,
  );
  return {
    ns: result.median,
    gcEvents: result.gcEvents,
    gcLoopOps: result.gcLoopOps,
    gcLoopMs: result.gcLoopMs,
    cpuShare: cpuShare(),
  };
}
