/**
 * The memory core's hot paths in every loader users load it with: `alloc`, the pool's `free` + `alloc`
 * pair and a walk of the pool's records to `pool.live` (loops.ts), each beside its hand-written
 * baseline, under
 *
 * - plain Node ESM: the TypeScript sources through `node --import tsx`;
 * - the Vite library bundle: `vite build -c vite.lib.config.ts` into a temporary folder, loaded by
 *   plain Node from a child built by Vite too;
 * - Vitest's module runner: a test file run by `vitest run` (bench/loaders/vitest.config.ts), which
 *   rewrites every import into a read on a module object, so a call across modules on a hot path is
 *   not inlined there (it once made `alloc` 5.5x slower than a hand-written bump allocator).
 *
 * Each loader runs in a child process of its own, one after another, and loads the baseline the same
 * way as the library (a module of its own, bundled too for the bundle), so the ratio isolates the
 * allocator from the loader. Targets: every loop within 1.3x of its baseline and no collection.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './harness.ts';
import {
  FRAME,
  type LoaderFigures,
  type LoopFigures,
  loaderOptions,
  RESULT_ENV,
} from './loaders/measureLoops.ts';
import { WALK } from './loops.ts';
import { fmtNs, fmtRatio, markdownTable, passFail } from './report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_RATIO = 1.3;
/**
 * A ratio below this does not mean framepool is fast (it does more than the baseline): the baseline's
 * own loop ran slow, as V8 now and then leaves a loop badly optimized for a whole process.
 */
const MIN_PLAUSIBLE_RATIO = 0.7;

interface Loader {
  readonly name: string;
  /** Node's arguments for the child that measures under this loader. */
  readonly args: readonly string[];
}

/**
 * Builds the library with Vite into `dir`, as `npm run build:lib` does, then this benchmark's child
 * and the baselines into `dir/bench` with the same settings: that child runs on plain Node with no
 * tsx, which rewrites every module it loads, even a plain .js one (it adds a static block to classes).
 */
async function buildBundle(dir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.lib.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  await build({
    root: ROOT,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: join(dir, 'bench'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: {
        entry: { node: join(ROOT, 'bench/loaders/node.ts'), baselines: join(ROOT, 'bench/baselines.ts') },
        formats: ['es'],
      },
      rolldownOptions: { external: [/^node:/] },
    },
  });
}

function loaders(bundle: string): Loader[] {
  return [
    {
      name: 'Node ESM (sources via tsx)',
      args: [
        '--expose-gc',
        '--import',
        'tsx',
        join(ROOT, 'bench/loaders/node.ts'),
        join(ROOT, 'src/memory/index.ts'),
        join(ROOT, 'bench/baselines.ts'),
      ],
    },
    {
      name: 'Vite library bundle',
      args: [
        '--expose-gc',
        join(bundle, 'bench/node.js'),
        join(bundle, 'memory.js'),
        join(bundle, 'bench/baselines.js'),
      ],
    },
    {
      name: 'Vitest module runner',
      args: [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        join(ROOT, 'bench/loaders/vitest.config.ts'),
      ],
    },
  ];
}

/** Runs one loader's child to completion and returns what it measured. */
function measureIn(loader: Loader, resultFile: string): LoaderFigures {
  const child = spawnSync(process.execPath, loader.args, {
    cwd: ROOT,
    env: { ...process.env, [RESULT_ENV]: resultFile },
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    throw new Error(
      `${loader.name}: child exited with ${child.status ?? child.signal}\n${child.stdout}\n${child.stderr}`,
    );
  }
  return JSON.parse(readFileSync(resultFile, 'utf8')) as LoaderFigures;
}

/** Builds the bundle, measures under each loader in turn, and prints one table and the verdicts. */
export async function run(): Promise<void> {
  const options = loaderOptions();
  console.log('## loaders: hot paths under Node ESM, the Vite bundle and Vitest\n');
  console.log(`machine: ${machineLine()}`);
  console.log(
    `method: each loader in its own child process, one after another. In each, ${options.rounds} timed rounds ` +
      `(after ${options.warmupRounds} warm-up rounds) run every case once for ~${options.roundMs} ms; ` +
      'ns/op = median over the rounds of per-round ns/op (process CPU time); ratio = median (and p25-p75) over the ' +
      'rounds of per-round ratios to the hand-written baseline, loaded the same way as framepool; ' +
      `GCs = v8.GCProfiler over a separate ${options.gcLoopMs} ms loop per case. ` +
      `alloc: 16-64 B at alignment 8, ${FRAME.toLocaleString('en')} per frame, reset per frame; ` +
      'pool: one free + alloc pair, 1,024 live handles churned 16 at a time; ' +
      `walk: one record moved (x += vx, y += vy) by a loop to pool.live over ${WALK.toLocaleString('en')} records, against the same loop over plain Float32Arrays. ` +
      'Absolute ns/op move by up to 50% from one process to the next on this machine (2 shared cores); ' +
      'compare ratios\n',
  );

  const dir = mkdtempSync(join(tmpdir(), 'framepool-loaders-'));
  const measured: Array<{ loader: string; figures: LoaderFigures }> = [];
  const reruns: string[] = [];
  try {
    const bundle = join(dir, 'bundle');
    mkdirSync(bundle);
    await buildBundle(bundle);
    for (const [i, loader] of loaders(bundle).entries()) {
      const file = join(dir, `result-${i}.json`);
      let figures = measureIn(loader, file);
      // One more child when a loop misses or looks implausible, so that a verdict does not rest on one
      // process's JIT luck; the first child's figures are printed too.
      if (!loopsOf(figures).every(([, f]) => meetsTarget(f) && f.ratio >= MIN_PLAUSIBLE_RATIO)) {
        reruns.push(`${loader.name}: ${ratios(figures)}`);
        figures = measureIn(loader, file);
      }
      measured.push({ loader: loader.name, figures });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rows: string[][] = [];
  const verdicts: string[] = [];
  for (const { loader, figures } of measured) {
    for (const [loop, f] of loopsOf(figures)) {
      rows.push(row(loader, loop, f));
      if (!meetsTarget(f)) verdicts.push(`${loader}, ${loop}: ${fmtRatio(f.ratio)}, ${f.framepoolGcs} GCs`);
    }
  }
  console.log(
    markdownTable(
      ['loader', 'loop', 'framepool ns/op', 'baseline ns/op', 'ratio', 'p25-p75', 'GCs', 'target'],
      rows,
      'llrrrrrl',
    ),
  );
  const load = measured.map(({ loader, figures }) => `${loader} ${(figures.cpuShare * 100).toFixed(0)}%`);
  console.log(
    `\nGCs: framepool's loop / the baseline's. load: share of the timed wall time each child ran: ${load.join(', ')}`,
  );
  if (reruns.length > 0) console.log(`measured again in a second child; the first gave ${reruns.join('; ')}`);
  console.log(
    verdicts.length === 0
      ? `\nPASS: every loop within ${MAX_RATIO}x of its baseline with 0 GCs in every loader\n`
      : `\nFAIL (target <= ${MAX_RATIO}x, 0 GCs): ${verdicts.join('; ')}\n`,
  );
}

/** The loops of a child's figures with their row labels. */
function loopsOf(figures: LoaderFigures): ReadonlyArray<readonly [string, LoopFigures]> {
  return [
    ['`alloc`', figures.alloc],
    ['pool `free` + `alloc`', figures.pool],
    ['pool walk to `live`', figures.walk],
  ];
}

/** "`alloc` 1.05x, pool `free` + `alloc` 0.98x" */
function ratios(figures: LoaderFigures): string {
  return loopsOf(figures)
    .map(([loop, f]) => `${loop} ${fmtRatio(f.ratio)}`)
    .join(', ');
}

function meetsTarget(f: LoopFigures): boolean {
  return f.ratio <= MAX_RATIO && f.framepoolGcs === 0;
}

function row(loader: string, loop: string, f: LoopFigures): string[] {
  return [
    loader,
    loop,
    fmtNs(f.framepoolNs),
    fmtNs(f.baselineNs),
    fmtRatio(f.ratio),
    `${fmtRatio(f.ratioP25)}-${fmtRatio(f.ratioP75)}`,
    `${f.framepoolGcs} / ${f.baselineGcs}`,
    `<= ${MAX_RATIO}x, 0 GC: ${passFail(meetsTarget(f))}`,
  ];
}
