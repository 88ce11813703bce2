/**
 * Profiler overhead (issues 4 and 10): the 100k-entity pooled tick with the frame-allocation profiler
 * off (`stepGameWorld(world)`), disabled, recording, and recording with garbage counting (Node's heap
 * reader and GC observer), measured side by side (interleaved rounds) in one run, each case stepping
 * its own copy of the same steady world in lockstep. The profiler keeps the default 600-tick window, so
 * it wraps around while it is measured.
 *
 * Targets: recording costs under 3% extra tick time (median of per-round ratios), garbage counting
 * under 3% over recording without it, and the heap does not grow while recording (forced collections
 * before and after runs of recorded ticks). Collections during a separate loop are shown per case too
 * (enemy spawns and deaths go through bitecs, which allocates); what matters is that recording adds
 * none. Then: what `--sites` costs (the sampling heap profiler, measured by `framepool profile` itself
 * on the same run), and that the page's GC canary allocates nothing per frame while no collection
 * happens. */

import { Session } from 'node:inspector';
import { steadyGame } from '../scripts/games/steadyGame.ts';
import {
  createWorldProfiler,
  type GameWorld,
  liveCount,
  PooledSimulation,
  steadyWorldOptions,
  steerSteady,
  stepGameWorld,
  type WorldProfilerOptions,
  warmUpSteady,
} from '../src/game/index.ts';
import { GcCanary } from '../src/profiler/index.ts';
import {
  createHeapReader,
  DEFAULT_SAMPLING_INTERVAL,
  type GameModule,
  GcObserver,
} from '../src/profiler/node/index.ts';
import { type BenchCase, checksum, cpuShare, machineLine, measure, pairedRatio } from './harness.ts';
import { fmtRatio, markdownTable, passFail } from './report.ts';

const ENTITIES = 100_000;
const SEED = 42;
const MAX_RATIO = 1.03;
const HEAP_TICKS = 400;
const HEAP_ROUNDS = 5;
/**
 * Heap growth per tick below this counts as none: keeping even the smallest heap object (a 12-16 B
 * number box) per tick would exceed it, while the collector's and the JIT's settling stays under it.
 */
const HEAP_SLACK = 8;

type Step = (world: GameWorld) => void;

/**
 * One op is one steady tick: the scenario's controls (`steerSteady`), then `step`, the function under
 * test. Each case steps its own world, all three made from the same seed and stepped in lockstep (the
 * same ticks every round): profiling does not change the game (test/game/profiling.test.ts), so in each
 * round every case does exactly the same work, and the per-round ratio measures the profiler alone.
 */
function tickCase(name: string, sim: PooledSimulation, step: Step): BenchCase {
  const world = sim.world;
  return {
    name,
    run(ops: number): number {
      for (let i = 0; i < ops; i++) {
        steerSteady(sim);
        step(world);
      }
      return sim.liveCount();
    },
  };
}

/**
 * The profiler's own work per tick, without the game: a second world profiler (same arena, pools and
 * systems) doing beginTick, beginSystem/endSystem per system and endTick with nothing in between. Its
 * time over the off tick is the overhead, free of the game's tick-to-tick noise.
 */
function bookkeepingCase(sim: PooledSimulation, options: WorldProfilerOptions = {}): BenchCase {
  const profiler = createWorldProfiler(sim.world, options);
  const systems = profiler.systems.length;
  return {
    name: options.heap === undefined ? 'profiler bookkeeping alone' : 'with garbage counting',
    run(ops: number): number {
      for (let i = 0; i < ops; i++) {
        profiler.beginTick();
        for (let id = 0; id < systems; id++) {
          profiler.beginSystem(id);
          profiler.endSystem(id);
        }
        profiler.endTick(liveCount(sim.world));
      }
      return profiler.totalTicks;
    },
  };
}

/**
 * Heap bytes gained per tick by each case: the median over HEAP_ROUNDS interleaved runs of HEAP_TICKS
 * ticks, each between forced full collections. The median drops the occasional run where the JIT
 * recompiles something (tens of KiB of code, whichever case happens to be running).
 */
function heapBytesPerTick(cases: readonly BenchCase[]): number[] {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('heap growth needs --expose-gc (npm run bench passes it)');
  const settle = () => {
    collect();
    collect();
    return process.memoryUsage().heapUsed;
  };
  const growth = cases.map(() => new Float64Array(HEAP_ROUNDS));
  for (let round = 0; round < HEAP_ROUNDS; round++) {
    cases.forEach((c, i) => {
      const before = settle();
      c.run(HEAP_TICKS);
      growth[i][round] = (settle() - before) / HEAP_TICKS;
    });
  }
  return growth.map((perRound) => perRound.sort()[HEAP_ROUNDS >> 1]);
}

/** The in-process inspector, whose `post` runs its callback before it returns: sampling starts and stops in a bench case. */
const inspector = new Session();
inspector.connect();
inspector.post('HeapProfiler.enable');

/**
 * A game's ticks plain and under the sampling heap profiler as `--sites` runs it (32 KiB, both include
 * flags; started and stopped around each round's ticks, the profile taken), each case on its own copy
 * of the game, in lockstep.
 */
async function samplingCases(name: string, make: () => GameModule): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  for (const sampled of [false, true]) {
    const game = make();
    await game.setup?.();
    const tick = () => {
      game.arena?.reset();
      for (const system of game.systems) system.run(1 / 60);
    };
    for (let warm = 0; warm < 600; warm++) tick();
    cases.push({
      name: `${name}${sampled ? ', sampled' : ''}`,
      run(ops: number): number {
        if (sampled) {
          inspector.post('HeapProfiler.startSampling', {
            samplingInterval: DEFAULT_SAMPLING_INTERVAL,
            includeObjectsCollectedByMinorGC: true,
            includeObjectsCollectedByMajorGC: true,
          });
        }
        for (let i = 0; i < ops; i++) tick();
        if (sampled) inspector.post('HeapProfiler.stopSampling');
        return game.entities?.() ?? 0;
      },
    });
  }
  return cases;
}

/** What `--sites` costs: paired ratios of sampled over plain ticks, for three games from clean to all garbage. */
async function sitesOverhead(): Promise<string[][]> {
  const known = (await import('../test/profiler/games/known.ts')).default;
  const games = [
    {
      name: `pooled, ${ENTITIES.toLocaleString('en-US')} entities`,
      ops: 30,
      make: () => steadyGame('pooled', { entities: ENTITIES, seed: SEED }),
    },
    {
      name: 'naive, 20,000 entities',
      ops: 30,
      make: () => steadyGame('naive', { entities: 20_000, seed: SEED }),
    },
    { name: 'test/profiler/games/known.ts (allocates only)', ops: 400, make: () => known },
  ];
  const rows: string[][] = [];
  for (const { name, ops, make } of games) {
    const [plain, sampled] = measure(await samplingCases(name, make), {
      rounds: 21,
      warmupRounds: 2,
      roundMs: 60,
      gcLoopMs: 200,
      opsPerRound: ops,
    });
    rows.push([
      name,
      (plain.median / 1e6).toFixed(3),
      (sampled.median / 1e6).toFixed(3),
      fmtRatio(pairedRatio(sampled, plain)),
    ]);
  }
  return rows;
}

/** Bytes the GC canary allocates per frame while no collection happens: an overlay's reads, 10,000 frames. */
function canaryBytesPerFrame(): number {
  const time = new Int32Array(1);
  const canary = new GcCanary({ clock: () => time[0] });
  const heap = createHeapReader();
  const frames = (n: number) => {
    let seen = 0;
    for (let frame = 0; frame < n; frame++) {
      time[0] += 16;
      seen += canary.count + canary.countWithin(10_000);
    }
    return seen;
  };
  for (let warm = 0; warm < 20; warm++) frames(10_000);
  let least = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const first = heap();
    const start = heap();
    frames(10_000);
    least = Math.min(least, heap() - start - (start - first));
  }
  canary.dispose();
  return least / 10_000;
}

export async function run(): Promise<void> {
  console.log(`\n## Profiler overhead at ${ENTITIES.toLocaleString('en-US')} entities (${machineLine()})\n`);
  const options = { rounds: 31, warmupRounds: 3, roundMs: 60, gcLoopMs: 2000, opsPerRound: 20 };
  console.log(
    `method: ${options.rounds} interleaved rounds of ~${options.roundMs} ms per case (after ${options.warmupRounds} warm-up rounds), ` +
      `each case steps its own copy of the same steady world, all in lockstep (${options.opsPerRound} ticks per round); ms/tick = median of per-round CPU time per tick; ratio = median of per-round ratios to "off"; ` +
      `GCs counted over a separate loop of about ${options.gcLoopMs / 1000} s per case; heap = median over ${HEAP_ROUNDS} interleaved runs of ${HEAP_TICKS} ticks of the growth between forced collections\n`,
  );

  const world = () => warmUpSteady(new PooledSimulation(steadyWorldOptions(ENTITIES, SEED)), ENTITIES);
  const [offSim, idleSim, onSim, garbageSim] = [world(), world(), world(), world()];
  const profiler = createWorldProfiler(onSim.world);
  const idle = createWorldProfiler(idleSim.world, { enabled: false });
  const observer = new GcObserver();
  const counting = createWorldProfiler(garbageSim.world, { heap: createHeapReader(), gc: observer });
  const cases = [
    tickCase('off: stepGameWorld(world)', offSim, (w) => stepGameWorld(w)),
    tickCase('disabled: stepGameWorld(world, disabledProfiler)', idleSim, (w) => stepGameWorld(w, idle)),
    tickCase('recording: stepGameWorld(world, profiler)', onSim, (w) => stepGameWorld(w, profiler)),
    tickCase('recording + garbage: profiler with heap and gc', garbageSim, (w) => stepGameWorld(w, counting)),
  ];
  const results = measure(cases, options);
  // Lockstep check: the four worlds are still the same game.
  const lockstep = [offSim, idleSim, garbageSim].every(
    (sim) => sim.tick === onSim.tick && sim.liveCount() === onSim.liveCount(),
  );
  const sim = onSim;
  const share = cpuShare();
  const heap = heapBytesPerTick(cases);
  const [bookkeeping, countingBookkeeping] = measure(
    [bookkeepingCase(sim), bookkeepingCase(sim, { heap: createHeapReader(), gc: observer })],
    { ...options, roundMs: 20, gcLoopMs: 200 },
  );

  const [base, , on, garbage] = results;
  const ratio = pairedRatio(on, base);
  const garbageRatio = pairedRatio(garbage, on);
  const rows = results.map((r, i) => [
    r.name,
    (r.median / 1e6).toFixed(3),
    `${(r.p25 / 1e6).toFixed(3)}-${(r.p75 / 1e6).toFixed(3)}`,
    fmtRatio(pairedRatio(r, base)),
    `${r.gcEvents} (${r.gcMs.toFixed(1)} ms)`,
    heap[i].toFixed(1),
  ]);
  console.log(
    `load: this process ran ${(share * 100).toFixed(0)}% of the timed wall time${share < 0.9 ? ' (machine busy: absolute ms are inflated, ratios less so)' : ''}\n`,
  );
  console.log(
    markdownTable(
      ['case', 'ms/tick', 'p25-p75', 'ratio to off', 'GCs (GC loop)', 'heap B/tick'],
      rows,
      'lrrrrr',
    ),
  );
  const recorded = profiler.totalTicks;
  const heapOk = heap[2] < HEAP_SLACK;
  console.log(
    `\nworld: ${sim.liveCount().toLocaleString('en-US')} live entities at the end, tick ${sim.tick.toLocaleString('en-US')}; ` +
      `the profiler recorded ${recorded.toLocaleString('en-US')} of its ticks (window ${profiler.window}, wrapped); ` +
      `the four worlds ${lockstep ? 'stayed in lockstep (same tick, same entities)' : 'DRIFTED APART: the ratio compares different work'}`,
  );
  console.log(
    `${passFail(ratio <= MAX_RATIO)}: recording tick within ${MAX_RATIO}x of off: ${fmtRatio(ratio)} ` +
      `(${((ratio - 1) * 100).toFixed(2)}% extra; ${(on.median / 1e6).toFixed(3)} vs ${(base.median / 1e6).toFixed(3)} ms)`,
  );
  console.log(
    `${passFail(heapOk)}: no heap growth while recording (< ${HEAP_SLACK} B/tick): ${heap[2].toFixed(1)} B/tick (median of ${HEAP_ROUNDS} × ${HEAP_TICKS} ticks) ` +
      `(off: ${heap[0].toFixed(1)}); GCs in the GC loop: ${on.gcEvents} recording vs ${base.gcEvents} off`,
  );
  console.log(
    `${passFail(garbageRatio <= MAX_RATIO)}: garbage counting within ${MAX_RATIO}x of recording without it: ${fmtRatio(garbageRatio)} ` +
      `(${((garbageRatio - 1) * 100).toFixed(2)}% extra; ${(garbage.median / 1e6).toFixed(3)} vs ${(on.median / 1e6).toFixed(3)} ms; ` +
      `heap ${heap[3].toFixed(1)} B/tick)`,
  );
  console.log(
    `profiler bookkeeping alone (no systems): ${(bookkeeping.median / 1e3).toFixed(2)} µs/tick = ` +
      `${((bookkeeping.median / base.median) * 100).toFixed(3)}% of the off tick (the overhead without the game's noise); ` +
      `with garbage counting ${(countingBookkeeping.median / 1e3).toFixed(2)} µs/tick: ` +
      `${((countingBookkeeping.median - bookkeeping.median) / 1e3).toFixed(2)} µs more = ` +
      `${(((countingBookkeeping.median - bookkeeping.median) / on.median) * 100).toFixed(3)}% of the recording tick`,
  );
  observer.disconnect();

  console.log(
    `\n### --sites: the sampling heap profiler (${DEFAULT_SAMPLING_INTERVAL / 1024} KiB, both include flags), ticks with it over ticks without in paired rounds; the sampler is started and stopped (the profile taken) around every round of 30 ticks, as the --sites pass does around its blocks\n`,
  );
  console.log(
    markdownTable(['game', 'ms/tick plain', 'ms/tick sampled', 'ratio'], await sitesOverhead(), 'lrrr'),
  );
  const canary = canaryBytesPerFrame();
  console.log(
    `\n${passFail(canary === 0)}: the GC canary allocates nothing per frame while no collection happens: ` +
      `${canary} B/frame (count and countWithin read every frame, least of 5 × 10,000 frames)`,
  );
  console.log(`\n(checksum ${checksum()})\n`);
}
