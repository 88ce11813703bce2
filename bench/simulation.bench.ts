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
import { NaiveSimulation, PooledSimulation, RULES, type Simulation } from '../src/ecs/index.ts';
import { type BenchCase, machineLine, measure, pairedRatio } from './harness.ts';
import { fmtRatio, markdownTable, passFail } from './report.ts';

const SIZES = [10_000, 50_000, 100_000];
const WORLD = 4000;
const TARGET_MS = 4;
const MEAN_PARTICLE_TTL = (RULES.particleTtlMin + RULES.particleTtlMax) / 2;

/** A simulation warmed up to about `entities` live records: half bullets, most of the rest particles. */
function scenario(sim: Simulation, entities: number): Simulation {
  const input = sim.input;
  input.firing = true;
  input.fireRate = (0.5 * entities) / RULES.bulletTtl;
  input.exhaustRate = (0.45 * entities) / MEAN_PARTICLE_TTL;
  input.enemyRate = (0.05 * entities) / 2;
  for (let t = 0; t < 2 * RULES.tickHz; t++) steer(sim);
  input.enemyRate = 0;
  return sim;
}

/** Sweeps the aim round the ship so bullets fill the world evenly. */
function steer(sim: Simulation): void {
  const angle = sim.tick * 0.05;
  sim.input.aimX = sim.ship.x + Math.cos(angle) * 100;
  sim.input.aimY = sim.ship.y + Math.sin(angle) * 100;
  sim.step();
}

function tickCase(name: string, sim: Simulation): BenchCase {
  return {
    name,
    run(ops: number): number {
      for (let i = 0; i < ops; i++) steer(sim);
      return sim.entityCount();
    },
  };
}

/** Heap growth per tick over `ticks` steady ticks, between forced collections. */
function heapGrowthPerTick(sim: Simulation, ticks: number): number {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < ticks; i++) steer(sim);
  gc();
  return (process.memoryUsage().heapUsed - before) / ticks;
}

export function run(): void {
  console.log(`\n## Simulation tick (${machineLine()})\n`);
  const options = { rounds: 15, warmupRounds: 2, roundMs: 60, gcLoopMs: 2000 };
  const rows: string[][] = [];
  let target = false;
  for (const entities of SIZES) {
    const sizes = { width: WORLD, height: WORLD, seed: 42 };
    const budget = { bullets: entities, particles: entities, enemies: 8_000, arenaBytes: 4 << 20 };
    const pooledSim = scenario(new PooledSimulation({ ...sizes, ...budget }), entities);
    const naiveSim = scenario(new NaiveSimulation(sizes), entities);
    const [pooled, naive] = measure([tickCase('pooled', pooledSim), tickCase('naive', naiveSim)], options);
    const growth = heapGrowthPerTick(pooledSim, 600);
    const pooledMs = pooled.median / 1e6;
    if (entities === 100_000) target = pooledMs < TARGET_MS;
    rows.push([
      entities.toLocaleString('en-US'),
      `${pooledSim.entityCount().toLocaleString('en-US')} / ${naiveSim.entityCount().toLocaleString('en-US')}`,
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
