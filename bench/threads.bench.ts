/**
 * The pooled game in workers (`npm run bench -- threads`), side by side in one run:
 * - the pooled tick at 100k and 1M entities on the main thread and in 1, 2 (and 4, where the machine
 *   has them) workers, timed by the owner worker around each tick (its checkpoints apart), with the
 *   owner's serial part, its own ranges and its barrier wait: what Amdahl's law needs;
 * - the page's JS per frame at 50k entities in Chromium, the simulation on the main thread against in
 *   workers, from the page's own clock (`snapshot().threads.frameMs`: the frame callback and the
 *   render), and the page process's collections (main thread and workers) over the same window;
 * - the workers' collections in Node over the timed ticks.
 *
 * Targets (2-core machine): a 1M-entity tick ≤ 25 ms with 2 threads, a 2-thread speedup at 1M ≥ 1.6×,
 * and the page's JS per frame with the simulation in workers ≤ 40% of it with the simulation on the
 * main thread, at 50k entities.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import {
  STEADY_WARMUP_TICKS,
  startSteady,
  steadyStep,
  steadyWorldOptions,
  ThreadedSimulation,
  type Threads,
} from '../src/game/index.ts';
import { launchBrowser, ROOT, recordTrace, startPreview } from '../test/e2e/browser.ts';
import { spawnCountingGc } from '../test/game/threads/nodeWorkers.ts';
import { machineLine } from './harness.ts';
import { fmtRatio, markdownTable, passFail } from './report.ts';

const SEED = 42;
const SIZES = [100_000, 1_000_000];
const TIMED_TICKS = 60;
/** Ticks past the warm-up before timing, so every pool has reached its steady count. */
const SETTLE_TICKS = 60;

interface TickFigures {
  threads: Threads;
  live: number;
  median: number;
  p25: number;
  p75: number;
  serial: number;
  range: number;
  barrier: number;
  checkpoint: number;
  workerGcs: number;
  mainGcs: number;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Collections on this thread, with their start times (ms since the epoch). */
function watchMainGc(): { times: number[]; stop(): void } {
  const times: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) times.push(performance.timeOrigin + entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  return { times, stop: () => observer.disconnect() };
}

/** The steady scenario at `entities`, warmed up on `threads`, then `TIMED_TICKS` ticks timed. */
async function measureTicks(entities: number, threads: Threads): Promise<TickFigures> {
  const workerGc: number[] = [];
  const sim = new ThreadedSimulation({
    ...steadyWorldOptions(entities, SEED),
    spawn: spawnCountingGc((times) => workerGc.push(...times)),
    maxThreads: Math.max(4, availableParallelism()),
  });
  await sim.setThreads(threads);
  startSteady(sim, entities);
  for (let t = 0; t < STEADY_WARMUP_TICKS + SETTLE_TICKS; t++) {
    if (t === STEADY_WARMUP_TICKS) sim.input.enemyRate = 0;
    steadyStep(sim);
    await sim.settle();
  }
  const ms: number[] = [];
  const parts = { serial: 0, range: 0, barrier: 0, checkpoint: 0 };
  const sums = {
    serial: [] as number[],
    range: [] as number[],
    barrier: [] as number[],
    checkpoint: [] as number[],
  };
  const mainGc = watchMainGc();
  const from = performance.timeOrigin + performance.now();
  for (let t = 0; t < TIMED_TICKS; t++) {
    if (threads === 'main') {
      const start = performance.now();
      steadyStep(sim);
      ms.push(performance.now() - start);
      continue;
    }
    steadyStep(sim);
    await sim.settle();
    ms.push(sim.workerTickMs);
    sim.tickParts(parts);
    sums.serial.push(parts.serial);
    sums.range.push(parts.range);
    sums.barrier.push(parts.barrier);
    sums.checkpoint.push(parts.checkpoint);
  }
  const to = performance.timeOrigin + performance.now();
  const live = sim.liveCount();
  await sim.setThreads('main');
  mainGc.stop();
  const inWindow = (times: number[]) => times.filter((time) => time >= from && time <= to).length;
  const median = (values: number[]) => (values.length === 0 ? Number.NaN : quantile(values, 0.5));
  return {
    threads,
    live,
    median: quantile(ms, 0.5),
    p25: quantile(ms, 0.25),
    p75: quantile(ms, 0.75),
    serial: median(sums.serial),
    range: median(sums.range),
    barrier: median(sums.barrier),
    checkpoint: median(sums.checkpoint),
    workerGcs: threads === 'main' ? Number.NaN : inWindow(workerGc),
    mainGcs: inWindow(mainGc.times),
  };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(2) : '-');

async function nodeTicks(): Promise<TickFigures[][]> {
  const cores = availableParallelism();
  const choices: Threads[] = ['main', 1, 2, ...(cores >= 4 ? [4] : [])];
  const results: TickFigures[][] = [];
  for (const entities of SIZES) {
    const row: TickFigures[] = [];
    for (const threads of choices) {
      const figures = await measureTicks(entities, threads);
      console.log(`  ${entities} entities, ${threads}: ${fmt(figures.median)} ms/tick`);
      row.push(figures);
    }
    results.push(row);
  }
  const rows: string[][] = [];
  results.forEach((row, i) => {
    const one = row.find((f) => f.threads === 1)!;
    for (const f of row) {
      const speedup = f.threads === 'main' ? '' : fmtRatio(one.median / f.median);
      rows.push([
        SIZES[i].toLocaleString('en-US'),
        String(f.threads),
        f.live.toLocaleString('en-US'),
        fmt(f.median),
        `${fmt(f.p25)}–${fmt(f.p75)}`,
        speedup,
        fmt(f.serial),
        fmt(f.range),
        fmt(f.barrier),
        fmt(f.checkpoint),
        Number.isNaN(f.workerGcs) ? '-' : String(f.workerGcs),
        String(f.mainGcs),
      ]);
    }
  });
  console.log(
    markdownTable(
      [
        'entities',
        'threads',
        'live',
        'ms/tick',
        'p25–p75',
        'speedup vs 1',
        'serial ms',
        'range ms',
        'barrier ms',
        'checkpoint ms',
        'worker GCs',
        'main GCs',
      ],
      rows,
      `rl${'r'.repeat(10)}`,
    ),
  );
  if (cores < 4) console.log(`(4 threads left out: this machine has ${cores} cores)`);
  return results;
}

/** Amdahl's law from the 2-thread split: the serial part's share of a single thread's work. */
function amdahl(figures: TickFigures): { serialShare: number; limit2: number } {
  // With 2 threads the owner's range is half the parallel work; the serial part runs alone.
  const parallel = 2 * figures.range;
  const serialShare = figures.serial / (figures.serial + parallel);
  return { serialShare, limit2: 1 / (serialShare + (1 - serialShare) / 2) };
}

interface PageFigures {
  threads: Threads;
  frameMs: number;
  updateMs: number;
  workerTickMs: number;
  live: number;
  /** Collections (minor and major) on the page's main thread, and on its other threads (the workers). */
  mainGcs: number;
  workerGcs: number;
  skipped: number;
}

/**
 * Collections in the page's renderer over `ms`, by thread: the main thread is the one that fires
 * animation frames; the renderer's other threads that collect are its workers.
 */
async function countGcByThread(page: Page, ms: number): Promise<{ main: number; workers: number }> {
  const events = await recordTrace(page, ms, ['devtools.timeline', 'v8']);
  const frames = events.find((e) => e.name === 'FireAnimationFrame');
  if (frames === undefined) throw new Error('countGcByThread: no animation frame in the trace');
  const counts = { main: 0, workers: 0 };
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== frames.pid || (e.name !== 'MinorGC' && e.name !== 'MajorGC')) continue;
    if (e.tid === frames.tid) counts.main++;
    else counts.workers++;
  }
  return counts;
}

/** The page at 50k entities in Chromium: its JS per frame and its collections, on `threads`. */
async function pageFrames(): Promise<PageFigures[]> {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT });
  const server = await startPreview();
  const session = await launchBrowser({ args: ['--disable-gpu-vsync', '--disable-frame-rate-limit'] });
  const { page } = session;
  const results: PageFigures[] = [];
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => (window.demo?.snapshot().tick ?? 0) > 30, null, { timeout: 30_000 });
    await page.evaluate(() => {
      // Bullets leave the screen in about half a second: 30,000 a second hold about 14,000; a 45,000 a
      // second engine trail (particles live about 0.9 s) makes it about 50,000 things.
      window.demo!.setFireRate(30_000);
      window.demo!.setExhaustRate(45_000);
      window.demo!.setEnemyRate(10);
      window.demo!.setFiring(true);
    });
    const workers = await page.evaluate(() => Math.min(2, navigator.hardwareConcurrency));
    for (const threads of ['main', workers, 'main', workers] as Threads[]) {
      await page.evaluate((n) => window.demo!.setThreads(n), threads);
      await page.waitForFunction(() => window.demo!.snapshot().live > 40_000, null, { timeout: 60_000 });
      await page.waitForTimeout(2000);
      const samples: PageFigures[] = [];
      const sampling = (async () => {
        for (let i = 0; i < 16; i++) {
          await page.waitForTimeout(250);
          const s = await page.evaluate(() => window.demo!.snapshot());
          samples.push({
            threads,
            frameMs: s.threads.frameMs,
            updateMs: s.threads.updateMs,
            workerTickMs: s.threads.workerTickMs,
            live: s.live,
            mainGcs: 0,
            workerGcs: 0,
            skipped: s.threads.skippedDraws,
          });
        }
      })();
      const gc = await countGcByThread(page, 4000);
      await sampling;
      const pick = (key: 'frameMs' | 'updateMs' | 'workerTickMs' | 'live') =>
        quantile(
          samples.map((s) => s[key]),
          0.5,
        );
      results.push({
        threads,
        frameMs: pick('frameMs'),
        updateMs: pick('updateMs'),
        workerTickMs: pick('workerTickMs'),
        live: pick('live'),
        mainGcs: gc.main,
        workerGcs: gc.workers,
        skipped: samples[samples.length - 1].skipped,
      });
    }
  } finally {
    await session.close();
    await server.stop();
  }
  console.log(
    markdownTable(
      [
        'sim on',
        'live',
        'page JS ms/frame',
        'of it before render',
        'worker ms/tick',
        'draws kept',
        'GCs, main thread',
        'GCs, workers',
      ],
      results.map((r) => [
        r.threads === 'main' ? 'main thread' : `${r.threads} workers`,
        r.live.toLocaleString('en-US'),
        fmt(r.frameMs),
        fmt(r.updateMs),
        fmt(r.workerTickMs),
        String(r.skipped),
        String(r.mainGcs),
        String(r.workerGcs),
      ]),
      'lrrrrrrr',
    ),
  );
  return results;
}

export async function run(): Promise<void> {
  console.log(`\n## threads (${machineLine()})\n`);
  const ticks = await nodeTicks();
  const big = ticks[SIZES.indexOf(1_000_000)];
  const two = big.find((f) => f.threads === 2)!;
  const one = big.find((f) => f.threads === 1)!;
  const speedup = one.median / two.median;
  const law = amdahl(two);
  console.log(
    `\nAmdahl at 1M, from the 2-thread split: serial ${fmt(two.serial)} ms, parallel ${fmt(2 * two.range)} ms of one thread's work: serial share ${(100 * law.serialShare).toFixed(1)}%, so 2 threads can give at most ${fmtRatio(law.limit2)}`,
  );
  const small = ticks[0].find((f) => f.threads === 2)!;
  const smallLaw = amdahl(small);
  console.log(
    `Amdahl at 100k: serial share ${(100 * smallLaw.serialShare).toFixed(1)}%, at most ${fmtRatio(smallLaw.limit2)} with 2 threads`,
  );

  console.log('\nThe page at 50k entities (Chromium, headless, SwiftShader):\n');
  const pages = await pageFrames();
  const mean = (threads: 'main' | 'workers', key: 'frameMs' | 'updateMs') => {
    const chosen = pages.filter((p) => (threads === 'main') === (p.threads === 'main'));
    return chosen.reduce((sum, p) => sum + p[key], 0) / chosen.length;
  };
  const share = mean('workers', 'frameMs') / mean('main', 'frameMs');
  console.log(
    `\nPage JS per frame, workers / main: ${(100 * share).toFixed(0)}% (${fmt(mean('workers', 'frameMs'))} / ${fmt(mean('main', 'frameMs'))} ms); before the render: ${(100 * (mean('workers', 'updateMs') / mean('main', 'updateMs'))).toFixed(0)}% (${fmt(mean('workers', 'updateMs'))} / ${fmt(mean('main', 'updateMs'))} ms)`,
  );
  const workerGcs = ticks.flat().reduce((sum, f) => sum + (Number.isNaN(f.workerGcs) ? 0 : f.workerGcs), 0);
  console.log('\nTargets:');
  console.log(`  1M tick with 2 threads ≤ 25 ms: ${fmt(two.median)} ms ${passFail(two.median <= 25)}`);
  console.log(`  2-thread speedup at 1M ≥ 1.6×: ${fmtRatio(speedup)} ${passFail(speedup >= 1.6)}`);
  console.log(
    `  page JS per frame in workers ≤ 40% of main: ${(100 * share).toFixed(0)}% ${passFail(share <= 0.4)}`,
  );
  console.log(`  worker collections over the timed ticks: ${workerGcs} ${passFail(workerGcs === 0)}`);
}
