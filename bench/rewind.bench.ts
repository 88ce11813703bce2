/**
 * Rewind at 50k live entities: what 10 s of history costs in memory and time, for several keyframe
 * spans K, with every snapshot reserved at full capacity and packed (the `bytes` budget: each takes
 * what the pools wrote).
 *
 * - memory: the keyframes (one per K ticks, 600/K + 1 of them) and the segment (K whole snapshots,
 *   for playing backwards) and the input log; "whole" reserves each snapshot at the pools' capacity,
 *   "packed" is what their snapshots wrote plus one whole snapshot of room per ring;
 * - recording: ms per tick of `Rewind.step` beyond the plain step (the input copy, a keyframe every K);
 * - playing backwards: ms per frame of `stepBack`, one tick back a frame for 300 frames: median, and the
 *   worst (a frame that re-simulates a keyframe's span);
 * - `rewind(600)`: one jump back over the whole history.
 *
 * CPU time of the process (process.cpuUsage), one world per K, played from the same steady scenario.
 */
import {
  PooledSimulation,
  Rewind,
  steadyWorldOptions,
  steerSteady,
  warmUpSteady,
} from '../src/game/index.ts';
import { machineLine } from './harness.ts';
import { markdownTable } from './report.ts';

const ENTITIES = 50_000;
const SEED = 42;
const SPANS = [10, 20, 30];
const MIB = 2 ** 20;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function measureSpan(every: number) {
  const sim = warmUpSteady(new PooledSimulation(steadyWorldOptions(ENTITIES, SEED)), ENTITIES);
  const step = () => sim.step();
  // A budget large enough for all of it: usedBytes then tells what packed snapshots take.
  const probe = new Rewind(sim.world, { keyframeEvery: every });
  const whole = probe.keyframes.snapshotBytes;
  const keyframes = probe.keyframes.capacity;
  const rewind = new Rewind(sim.world, { keyframeEvery: every, bytes: (keyframes + every + 4) * whole });
  // The rings filled once first: the first write of each page of a new buffer costs a page fault,
  // which steady play (a ring wrapping round) never pays again.
  for (let i = 0; i < 2 * (keyframes + every) * every; i++) {
    steerSteady(sim);
    rewind.step(step);
  }
  for (let i = 0; i < 2 * every; i++) rewind.stepBack();
  for (let i = 0; i < 2 * every; i++) {
    steerSteady(sim);
    rewind.step(step);
  }
  let plain = 0;
  let recorded = 0;
  for (let i = 0; i < 720; i++) {
    steerSteady(sim);
    // The step and the recording around it timed apart, on the same ticks.
    const t0 = cpuMs();
    rewind.beforeStep();
    const t1 = cpuMs();
    sim.step();
    const t2 = cpuMs();
    rewind.afterStep();
    const t3 = cpuMs();
    plain += t2 - t1;
    recorded += t1 - t0 + (t3 - t2);
  }
  const live = sim.liveCount();
  const inputs = rewind.inputs.byteLength;
  const wholeBytes = (keyframes + every) * whole + inputs;
  const packedBytes = rewind.keyframes.usedBytes + rewind.segment.usedBytes + 2 * whole + inputs;
  const frames: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = cpuMs();
    rewind.stepBack();
    frames.push(cpuMs() - t0);
  }
  const packedWithSegment = rewind.keyframes.usedBytes + rewind.segment.usedBytes + 2 * whole + inputs;
  frames.sort((a, b) => a - b);
  for (let i = 0; i < 700; i++) {
    steerSteady(sim);
    rewind.step(step);
  }
  const t0 = cpuMs();
  const gone = rewind.rewind(600);
  const jump = cpuMs() - t0;
  return {
    every,
    live,
    whole,
    keyframes,
    wholeBytes,
    packedBytes: Math.max(packedBytes, packedWithSegment),
    tickMs: plain / 720,
    recordMs: recorded / 720,
    backMedian: quantile(frames, 0.5),
    backP95: quantile(frames, 0.95),
    backWorst: frames[frames.length - 1],
    jump,
    gone,
  };
}

export function run(): void {
  console.log(`\n## Rewind at ${ENTITIES.toLocaleString('en-US')} entities (${machineLine()})\n`);
  const wall0 = performance.now();
  const cpu0 = cpuMs();
  const rows = SPANS.map(measureSpan);
  const share = (cpuMs() - cpu0) / (performance.now() - wall0);
  console.log(
    markdownTable(
      [
        'K',
        'live',
        'snapshot (whole)',
        'keyframes + segment',
        '10 s, whole',
        '10 s, packed',
        'tick ms',
        'recording ms/tick',
        'step back ms/frame (median / p95 / worst)',
        'rewind(600) ms',
      ],
      rows.map((r) => [
        String(r.every),
        r.live.toLocaleString('en-US'),
        `${(r.whole / MIB).toFixed(2)} MiB`,
        `${r.keyframes} + ${r.every}`,
        `${(r.wholeBytes / MIB).toFixed(0)} MiB`,
        `${(r.packedBytes / MIB).toFixed(0)} MiB`,
        r.tickMs.toFixed(2),
        r.recordMs.toFixed(3),
        `${r.backMedian.toFixed(2)} / ${r.backP95.toFixed(1)} / ${r.backWorst.toFixed(1)}`,
        `${r.jump.toFixed(1)} (${r.gone} ticks)`,
      ]),
      'rrrrrrrrrr',
    ),
  );
  console.log(`\nCPU share over the run: ${share.toFixed(2)} (below ~0.9 the machine was busy).`);
}
