/**
 * A small side-by-side timing harness. When cases are timed one after another (as mitata does), the
 * load of a shared 2-core machine drifts between them, so a ratio of two separately sampled medians
 * is unreliable. Here
 * every round runs every case once (rotating the order), each case's ns/op is the median of its
 * per-round times, and a ratio is the median of per-round ratios against the baseline, so both
 * sides of a ratio were measured seconds apart under the same load. Before its first timed call, each
 * case (unless its ops per round are fixed) is called many times with little work, so that V8 compiles
 * its loop as a whole rather than only through on-stack replacement (see `calibrate`).
 *
 * Each round is timed by the process's CPU time (`process.cpuUsage()`, user + system), not wall time:
 * when other processes compete for the two cores, wall time also counts the time this process spent
 * descheduled. The share of wall time the process actually ran is reported as `cpuShare` (near 1 on
 * an idle machine).
 *
 * Garbage collections are counted separately: after the timed rounds each case runs once more for a
 * fixed wall time inside a single call, between `v8.GCProfiler.start()` and `stop()`, so the count
 * covers that case's loop and nothing the harness does between rounds.
 */
import { cpus, platform, release } from 'node:os';
import { GCProfiler } from 'node:v8';

/** One benchmark case: a closure that does `ops` operations and returns a checksum of their results. */
export interface BenchCase {
  /** Row label. */
  readonly name: string;
  /**
   * Does `ops` operations (a multiple of `quantum`), consuming every result (written into memory or
   * summed into the returned checksum) so the JIT cannot drop the work.
   */
  run(ops: number): number;
  /** `ops` is always a multiple of this (e.g. the frame batch size). Default 1. */
  readonly quantum?: number;
}

export interface HarnessOptions {
  /** Timed rounds; each runs every case once. */
  rounds: number;
  /** Untimed rounds first, so every case is optimized before timing starts. */
  warmupRounds: number;
  /** Target wall time of one case in one round, in ms. */
  roundMs: number;
  /** Wall time of the dedicated GC-counting loop per case, in ms. */
  gcLoopMs: number;
  /**
   * Ops of every case in every round, instead of calibrating each case to `roundMs`: for cases that
   * must do the same work round by round (e.g. identical simulations stepped in lockstep).
   */
  opsPerRound?: number;
}

export interface CaseResult {
  readonly name: string;
  /** ns per operation in every timed round, in round order. */
  readonly samples: Float64Array;
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  /** Collections during the dedicated GC loop, and their total pause in ms. */
  readonly gcEvents: number;
  readonly gcMs: number;
  /** Operations and wall time of the dedicated GC loop. */
  readonly gcLoopOps: number;
  readonly gcLoopMs: number;
}

/** Defaults, overridable from the environment for quick or long runs. */
export function harnessOptions(): HarnessOptions {
  return {
    rounds: envInt('BENCH_ROUNDS', 31),
    warmupRounds: envInt('BENCH_WARMUP', 5),
    roundMs: envInt('BENCH_ROUND_MS', 15),
    gcLoopMs: envInt('BENCH_GC_MS', 1000),
  };
}

/** Results are folded in here, and printed, so no case's checksum is dead. */
let blackhole = 0;
export function checksum(): number {
  return blackhole;
}

/** Measures `cases` side by side (interleaved rounds), then counts GCs in one dedicated loop per case. */
export function measure(
  cases: readonly BenchCase[],
  options: HarnessOptions = harnessOptions(),
): CaseResult[] {
  const n = cases.length;
  const fixedOps = options.opsPerRound;
  const opsPerRound = cases.map((c) => (fixedOps === undefined ? calibrate(c, options.roundMs) : fixedOps));
  const samples = cases.map(() => new Float64Array(options.rounds));
  let totalWallMs = 0;
  let totalCpuMs = 0;

  for (let round = -options.warmupRounds; round < options.rounds; round++) {
    const start = ((round % n) + n) % n;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      const ops = opsPerRound[i];
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      blackhole = (blackhole + cases[i].run(ops)) | 0;
      const cpu = process.cpuUsage(c0);
      const wallMs = performance.now() - w0;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      if (round >= 0) {
        samples[i][round] = (cpuMs * 1e6) / ops;
        totalWallMs += wallMs;
        totalCpuMs += cpuMs;
      }
    }
  }

  const results: CaseResult[] = [];
  for (let i = 0; i < n; i++) {
    const sorted = Float64Array.from(samples[i]).sort();
    const median = quantile(sorted, 0.5);
    // With fixed ops, the GC loop does the same number of ops in every case too (lockstep stays).
    const gcOps =
      fixedOps === undefined
        ? roundTo((options.gcLoopMs * 1e6) / Math.max(median, 0.1), cases[i].quantum ?? 1)
        : fixedOps * Math.max(1, Math.round(options.gcLoopMs / options.roundMs));
    const gc = gcLoop(cases[i], gcOps);
    results.push({
      name: cases[i].name,
      samples: samples[i],
      median,
      p25: quantile(sorted, 0.25),
      p75: quantile(sorted, 0.75),
      ...gc,
    });
  }
  lastCpuShare = totalCpuMs / totalWallMs;
  return results;
}

let lastCpuShare = 1;
/** CPU time / wall time over the last `measure`'s timed rounds: below ~0.9 the machine was busy. */
export function cpuShare(): number {
  return lastCpuShare;
}

/**
 * Median (or quantile `q`) over rounds of `a[round] / b[round]`: the ratio of two cases measured under
 * the same load.
 */
export function pairedRatio(a: CaseResult, b: CaseResult, q = 0.5): number {
  const ratios = a.samples.map((ns, round) => ns / b.samples[round]).sort();
  return quantile(ratios, q);
}

/** "AMD EPYC, 2 cores, node v20.20.2, linux 6.1": the machine a table was measured on. */
export function machineLine(): string {
  const cpu = cpus();
  const model = cpu.length > 0 ? cpu[0].model.trim() : 'unknown CPU';
  return `${model}, ${cpu.length} cores, node ${process.version}, ${platform()} ${release()}`;
}

/** Short calls of each case before its first long one (fewer if they take over a round's time). */
const WARM_UP_CALLS = 2000;

/** Ops per round so one round of `c` takes about `ms`. */
function calibrate(c: BenchCase, ms: number): number {
  const quantum = c.quantum ?? 1;
  // Many short calls first, as a game calls its systems once a frame, so V8 optimizes `run` as a whole
  // with complete type feedback. Started with long calls, a case sometimes kept a loop compiled
  // mid-call (on-stack replacement, callees left out of line) for the whole process: 1.3x to 60x
  // slower, at random from one process to the next. Now rare, not gone (see loaders.bench.ts).
  const t0 = performance.now();
  for (let k = 0; k < WARM_UP_CALLS && performance.now() - t0 < ms; k++) {
    blackhole = (blackhole + c.run(quantum)) | 0;
  }
  let ops = quantum;
  // Grow until one call takes long enough to time; this also warms the case up.
  for (;;) {
    const t0 = performance.now();
    blackhole = (blackhole + c.run(ops)) | 0;
    const elapsed = performance.now() - t0;
    if (elapsed >= ms / 4 || ops >= 2 ** 30) return roundTo(Math.max(ops, (ops * ms) / elapsed), quantum);
    ops *= 4;
  }
}

function gcLoop(
  c: BenchCase,
  ops: number,
): { gcEvents: number; gcMs: number; gcLoopOps: number; gcLoopMs: number } {
  // Start from an empty young generation so earlier garbage (the harness's, other cases') is not
  // collected inside this case's loop.
  collectGarbage();
  const profiler = new GCProfiler();
  profiler.start();
  const t0 = performance.now();
  blackhole = (blackhole + c.run(ops)) | 0;
  const elapsed = performance.now() - t0;
  const stats = profiler.stop().statistics;
  let costUs = 0;
  for (const s of stats) costUs += s.cost;
  return { gcEvents: stats.length, gcMs: costUs / 1000, gcLoopOps: ops, gcLoopMs: elapsed };
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    throw new Error('run with node --expose-gc (npm run bench does) so GC counts start from a clean heap');
  }
  gc();
}

function roundTo(value: number, quantum: number): number {
  return Math.max(quantum, Math.round(value / quantum) * quantum);
}

/** Linear-interpolated quantile of an ascending array. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
