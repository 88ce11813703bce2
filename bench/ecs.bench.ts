/**
 * The peer ECS benchmark (noctjs/ecs-benchmark: packed_5, simple_iter, frag_iter, entity_cycle,
 * add_remove) on plain bitecs 0.4, bitecs with `query()` per system, bitecs with framepool pooled
 * components, and framepool pools alone (bench/ecs/suite.ts says what each case is).
 *
 * Every case runs in a process of its own, so no case's type feedback or garbage reaches another, and
 * the cases of a suite run back to back in each round (the order rotating from round to round), so
 * the two sides of a ratio were measured seconds apart under the same load. A case's op/s is the
 * median over rounds; its ratio is the median over rounds of its op/s / plain bitecs's op/s in the
 * same round. GCs are the most a case's GC loop saw in any round.
 *
 * Targets: pooled components at least 1.0x plain bitecs on every suite; pools alone at least 1.5x on
 * packed_5, simple_iter and frag_iter and 50x on entity_cycle; no collection in an iteration suite for
 * any framepool case. On the shared 2-core machine one case's op/s varies by about 60% from process to
 * process: read 0.8-1.25 as a tie.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHILD_OPTIONS, type ChildResult } from './ecs/measureCase.ts';
import { CASE_LABELS, CASES, type CaseName, type EcsSuite } from './ecs/suite.ts';
import { SUITES } from './ecs/suites.ts';
import { machineLine } from './harness.ts';
import { fmtRatio, markdownTable, passFail } from './report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = join(ROOT, 'bench/ecs/child.ts');
/** Fewest rounds a median is taken over. */
const MIN_ROUNDS = 5;
const DEFAULT_ROUNDS = 9;

/** The lowest ratio to plain bitecs each framepool case must reach, by suite. */
const TARGETS: Readonly<Partial<Record<CaseName, Readonly<Record<string, number>>>>> = {
  pooled: { packed_5: 1, simple_iter: 1, frag_iter: 1, entity_cycle: 1, add_remove: 1 },
  pools: { packed_5: 1.5, simple_iter: 1.5, frag_iter: 1.5, entity_cycle: 50 },
};

/** Every round's measurement of one case of one suite. */
interface Series {
  readonly suite: EcsSuite;
  readonly name: CaseName;
  readonly rounds: ChildResult[];
}

/** Measures one case in a child process of its own. */
function measureCase(suite: EcsSuite, name: CaseName, file: string): ChildResult {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, suite.name, name, file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (child.status !== 0) {
    throw new Error(
      `${suite.name}/${name}: child exited with ${child.status ?? child.signal}\n${child.stderr}`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ChildResult;
}

/** Runs every case of every suite in `rounds` interleaved rounds; returns the series by suite. */
function measureAll(rounds: number): Series[][] {
  const dir = mkdtempSync(join(tmpdir(), 'framepool-ecs-'));
  const all = SUITES.map((suite) =>
    CASES.filter((name) => suite.cases[name] !== undefined).map((name) => ({
      suite,
      name,
      rounds: [] as ChildResult[],
    })),
  );
  try {
    for (let round = 0; round < rounds; round++) {
      for (const series of all) {
        for (let k = 0; k < series.length; k++) {
          const s = series[(round + k) % series.length];
          s.rounds[round] = measureCase(s.suite, s.name, join(dir, 'result.json'));
        }
      }
      process.stderr.write(`round ${round + 1}/${rounds}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return all;
}

/** Median (or quantile `q`) of `values`. */
function quantile(values: readonly number[], q = 0.5): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Per round, a case's op/s over plain bitecs's op/s. */
function ratios(series: Series, anchor: Series): number[] {
  return series.rounds.map((r, round) => anchor.rounds[round].ns / r.ns);
}

function fmtOps(ns: number): string {
  return Math.round(1e9 / ns).toLocaleString('en-US');
}

export function run(): void {
  const requested = Number(process.env.BENCH_ECS_ROUNDS);
  const rounds = Number.isInteger(requested) && requested >= MIN_ROUNDS ? requested : DEFAULT_ROUNDS;
  console.log('## ecs: the peer ECS benchmark (noctjs/ecs-benchmark)\n');
  console.log(`machine: ${machineLine()}`);
  console.log(
    `method: every case of every suite in a process of its own; ${rounds} interleaved rounds (a suite's cases back to ` +
      `back, the order rotating). In each child the harness times ${CHILD_OPTIONS.rounds} rounds of ~${CHILD_OPTIONS.roundMs} ms ` +
      `by process CPU time after ${CHILD_OPTIONS.warmupRounds} warm-up rounds (op/s = 1e9 / median ns per op), then counts ` +
      `collections (v8.GCProfiler) over a separate ${CHILD_OPTIONS.gcLoopMs} ms loop. op/s: median over rounds; ratio: median ` +
      '(p25-p75) over rounds of op/s / plain bitecs op/s in the same round; GCs: the most in any round; CPU: median share of ' +
      'wall time the child ran (below ~0.9 the machine was busy). Read 0.8-1.25 as a tie.\n',
  );
  const all = measureAll(rounds);

  const rows: string[][] = [];
  const verdicts: string[] = [];
  for (const series of all) {
    const anchor = series.find((s) => s.name === 'bitecs')!;
    for (const s of series) {
      const r = ratios(s, anchor);
      const gcs = Math.max(...s.rounds.map((x) => x.gcEvents));
      const target = TARGETS[s.name]?.[s.suite.name];
      const framepool = s.name === 'pooled' || s.name === 'pools';
      const cleanOk = !(framepool && s.suite.iterates) || gcs === 0;
      const ratioOk = target === undefined || quantile(r) >= target;
      const verdict =
        target === undefined && !(framepool && s.suite.iterates)
          ? ''
          : `${target === undefined ? '' : `>= ${target}x`}${framepool && s.suite.iterates ? `${target === undefined ? '' : ', '}0 GC` : ''}: ${passFail(ratioOk && cleanOk)}`;
      if (!(ratioOk && cleanOk))
        verdicts.push(`${s.suite.name} ${s.name}: ${fmtRatio(quantile(r))}, ${gcs} GCs`);
      rows.push([
        s.suite.name,
        CASE_LABELS[s.name],
        fmtOps(quantile(s.rounds.map((x) => x.ns))),
        fmtRatio(quantile(r)),
        `${fmtRatio(quantile(r, 0.25))}-${fmtRatio(quantile(r, 0.75))}`,
        String(gcs),
        quantile(s.rounds.map((x) => x.cpuShare)).toFixed(2),
        verdict,
      ]);
    }
  }
  console.log(
    markdownTable(
      ['suite', 'case', 'op/s', 'vs bitecs', 'p25-p75', 'GCs', 'CPU', 'target'],
      rows,
      'llrrrrrl',
    ),
  );
  console.log(`\n${summary(all)}`);
  console.log(
    verdicts.length === 0
      ? '\nPASS: every framepool case meets its target\n'
      : `\nFAIL: ${verdicts.join('; ')}\n`,
  );
}

/** The ratios alone: a row per case, a column per suite (as the issue's table). */
function summary(all: Series[][]): string {
  const rows = CASES.filter((name) => name !== 'bitecs').map((name) => [
    CASE_LABELS[name],
    ...all.map((series) => {
      const s = series.find((x) => x.name === name);
      return s === undefined
        ? 'n/a'
        : fmtRatio(quantile(ratios(s, series.find((x) => x.name === 'bitecs')!)));
    }),
  ]);
  return markdownTable(
    ['vs plain bitecs (op/s ratio)', ...all.map((series) => series[0].suite.name)],
    rows,
    `l${'r'.repeat(all.length)}`,
  );
}
