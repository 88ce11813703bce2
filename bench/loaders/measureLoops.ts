/**
 * The child side of bench/loaders.bench.ts: measures the hot loops (loops.ts) on the memory module
 * and the baselines exactly as one loader loaded them, and hands the figures to the parent as JSON in
 * the file that LOADERS_BENCH_RESULT names.
 */
import { writeFileSync } from 'node:fs';
import type * as Memory from '../../src/memory/index.ts';
import type * as Baselines from '../baselines.ts';
import {
  type CaseResult,
  cpuShare,
  type HarnessOptions,
  harnessOptions,
  measure,
  pairedRatio,
} from '../harness.ts';
import {
  fixedBufferCase,
  handBumpCase,
  handFreeListCase,
  handWalkCase,
  memoryPoolCase,
  poolWalkCase,
} from '../loops.ts';

/** Allocations per frame in the arena loop: a busy game frame's temporaries. */
export const FRAME = 1000;

/** Environment variable naming the file a child writes its {@link LoaderFigures} to. */
export const RESULT_ENV = 'LOADERS_BENCH_RESULT';

/** One loop under one loader: framepool's case against its baseline, measured side by side. */
export interface LoopFigures {
  readonly framepoolNs: number;
  readonly baselineNs: number;
  /** Median, 25th and 75th percentile of the per-round ratios framepool / baseline. */
  readonly ratio: number;
  readonly ratioP25: number;
  readonly ratioP75: number;
  /** Collections during each case's dedicated GC loop of `gcLoopOps` operations. */
  readonly framepoolGcs: number;
  readonly baselineGcs: number;
  readonly gcLoopOps: number;
}

/** What a child reports: every loop, the rounds they were measured over and how busy the machine was. */
export interface LoaderFigures {
  readonly alloc: LoopFigures;
  readonly pool: LoopFigures;
  readonly walk: LoopFigures;
  readonly rounds: number;
  /** CPU time / wall time over the timed rounds (below ~0.9 the machine was busy). */
  readonly cpuShare: number;
}

/** The loaded memory module's classes under test. */
export type MemoryModule = Pick<typeof Memory, 'FixedBufferAllocator' | 'MemoryPool'>;
/** The loaded baselines module's classes. */
export type BaselinesModule = Pick<typeof Baselines, 'HandBump' | 'HandFreeList'>;

/** Fewest timed rounds a median is taken over: the shared 2-core machine is noisy. */
const MIN_ROUNDS = 5;

/** The harness's options (BENCH_* variables), with at least {@link MIN_ROUNDS} timed rounds. */
export function loaderOptions(): HarnessOptions {
  const options = harnessOptions();
  return { ...options, rounds: Math.max(MIN_ROUNDS, options.rounds) };
}

/** Runs every loop and its baseline in one interleaved measurement. */
export function measureLoops(memory: MemoryModule, baselines: BaselinesModule): LoaderFigures {
  const options = loaderOptions();
  const [bump, arena, freeList, pool, handWalk, poolWalk] = measure(
    [
      handBumpCase(baselines.HandBump, FRAME),
      fixedBufferCase(memory.FixedBufferAllocator, FRAME),
      handFreeListCase(baselines.HandFreeList),
      memoryPoolCase(memory.MemoryPool),
      handWalkCase(),
      poolWalkCase(memory.MemoryPool),
    ],
    options,
  );
  return {
    alloc: loopFigures(arena, bump),
    pool: loopFigures(pool, freeList),
    walk: loopFigures(poolWalk, handWalk),
    rounds: options.rounds,
    cpuShare: cpuShare(),
  };
}

/** Writes `figures` where the parent process expects them. */
export function reportToParent(figures: LoaderFigures): void {
  const file = process.env[RESULT_ENV];
  if (file === undefined)
    throw new Error(`${RESULT_ENV} is not set: run this through npm run bench -- loaders`);
  writeFileSync(file, JSON.stringify(figures));
}

function loopFigures(subject: CaseResult, baseline: CaseResult): LoopFigures {
  return {
    framepoolNs: subject.median,
    baselineNs: baseline.median,
    ratio: pairedRatio(subject, baseline),
    ratioP25: pairedRatio(subject, baseline, 0.25),
    ratioP75: pairedRatio(subject, baseline, 0.75),
    framepoolGcs: subject.gcEvents,
    baselineGcs: baseline.gcEvents,
    gcLoopOps: subject.gcLoopOps,
  };
}
