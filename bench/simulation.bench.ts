/**
 * Simulation tick time, pooled world against the naive object-per-entity game, at 10k, 50k and
 * 100k live entities, measured side by side (interleaved rounds) in one run. Each scenario fires a
 * rotating stream of bullets and an engine trail at rates that hold the entity count steady, with a
 * few thousand enemies drifting in, so a tick does everything the game does: spawn, move, expire,
 * build the collision grid in the arena, test every bullet against it, and burst particles.
 *
 * Target (issue 3): a 100k-entity pooled tick under 4 ms median on the 2-core machine, and no heap
 * growth per tick in steady state.
 */
import {
  NaiveSimulation,
  PooledSimulation,
  type Simulation,
  STEADY_WORLD_SIZE,
  steadyStep,
  steadyWorldOptions,
  warmUpSteady,
} from '../src/game/index.ts';
import { type BenchCase, machineLine, measure, pairedRatio } from './harness.ts';
import { fmtRatio, markdownTable, passFail } from './report.ts';

const SIZES = [10_000, 50_000, 100_000];
const TARGET_MS = 4;

function tickCase(name: string, sim: Simulation): BenchCase {
  return {
    name,
    run(ops: number): number {
      for (let i = 0; i < ops; i++) steadyStep(sim);
      return sim.liveCount();
    },
  };
}

/** Heap growth per tick over `ticks` steady ticks, between forced collections. */
function heapGrowthPerTick(sim: Simulation, ticks: number): number {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < ticks; i++) steadyStep(sim);
  gc();
  return (process.memoryUsage().heapUsed - before) / ticks;
}

export function run(): void {
  console.log(`\n## Simulation tick (${machineLine()})\n`);
  const options = { rounds: 15, warmupRounds: 2, roundMs: 60, gcLoopMs: 2000 };
  const rows: string[][] = [];
  let target = false;
  for (const entities of SIZES) {
    const sizes = { width: STEADY_WORLD_SIZE, height: STEADY_WORLD_SIZE, seed: 42 };
    const pooledSim = warmUpSteady(new PooledSimulation(steadyWorldOptions(entities, 42)), entities);
    const naiveSim = warmUpSteady(new NaiveSimulation(sizes), entities);
    const [pooled, naive] = measure([tickCase('pooled', pooledSim), tickCase('naive', naiveSim)], options);
    const growth = heapGrowthPerTick(pooledSim, 600);
    const pooledMs = pooled.median / 1e6;
    if (entities === 100_000) target = pooledMs < TARGET_MS;
    rows.push([
      entities.toLocaleString('en-US'),
      `${pooledSim.liveCount().toLocaleString('en-US')} / ${naiveSim.liveCount().toLocaleString('en-US')}`,
      pooledMs.toFixed(2),
      (naive.median / 1e6).toFixed(2),
      fmtRatio(pairedRatio(naive, pooled)),
      `${pooled.gcEvents} (${pooled.gcMs.toFixed(1)} ms)`,
      `${naive.gcEvents} (${naive.gcMs.toFixed(1)} ms)`,
      growth.toFixed(1),
    ]);
  }
  console.log(
    markdownTable(
      [
        'target entities',
        'live pooled / naive',
        'pooled ms/tick',
        'naive ms/tick',
        'naive ÷ pooled',
        'GCs pooled (2 s)',
        'GCs naive (2 s)',
        'pooled heap B/tick',
      ],
      rows,
      ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  console.log(`\n100k-entity pooled tick under ${TARGET_MS} ms median: ${passFail(target)}`);
}
