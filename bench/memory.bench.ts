/**
 * The memory core against hand-written minimal versions and the usual alternatives, measured side by
 * side in one run (see harness.ts). Two groups:
 *
 * - frame arena: one op is one allocation of 16-64 bytes; frames of 256 allocations, then a reset.
 * - slot pool: one op is one free + alloc pair; 1,024 live handles, churned 16 at a time.
 *
 * Every case does the same work as its baseline and consumes each result (writes into the memory or
 * sums the offset/handle into the checksum), so the JIT cannot drop it. The library's loops and their
 * hand-written baselines are in loops.ts (bench/loaders.bench.ts runs them under every loader).
 */
import { MemPool } from '@thi.ng/malloc';
import { FixedBufferAllocator, MemoryPool } from '../src/memory/index.ts';
import { HandBump, HandFreeList, newParticle, ObjectPool, type Particle } from './baselines.ts';
import {
  type BenchCase,
  type CaseResult,
  checksum,
  cpuShare,
  harnessOptions,
  machineLine,
  measure,
  pairedRatio,
} from './harness.ts';
import {
  CHURN,
  fixedBufferCase,
  handBumpCase,
  handFreeListCase,
  LIVE,
  memoryPoolCase,
  ORDER,
  POOL_CAPACITY,
  SIZES,
} from './loops.ts';
import { randomInts } from './random.ts';
import { fmtNs, fmtRatio, markdownTable, passFail } from './report.ts';

// ---------------------------------------------------------------------------------------------------
// Frame arena: frames of FRAME allocations with sizes cycling through SIZES (16-64 bytes, mean 40).

const FRAME = 256;

function float32ArrayCase(): BenchCase {
  // Keep the last 1,024 arrays reachable, as a frame's temporaries would be, so none is optimized away.
  const ring: Float32Array[] = [];
  for (let i = 0; i < 1024; i++) ring.push(new Float32Array(16));
  return {
    name: '`new Float32Array(16)` per allocation',
    quantum: FRAME,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const a = new Float32Array(16);
        a[0] = i;
        ring[i & 1023] = a;
        sum = (sum + a.length) | 0;
      }
      return sum;
    },
  };
}

function thingFreeAllCase(): BenchCase {
  const pool = new MemPool({ size: 1 << 20 });
  const f64 = new Float64Array(pool.buf);
  return {
    name: '@thi.ng/malloc `malloc` + `freeAll` per frame',
    quantum: FRAME,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; ) {
        pool.freeAll();
        for (const end = i + FRAME; i < end; i++) {
          const p = pool.malloc(SIZES[i & 7]);
          if (p === 0) throw new RangeError('@thi.ng/malloc: out of memory');
          f64[p >> 3] = i;
          sum = (sum + p) | 0;
        }
      }
      return sum;
    },
  };
}

const THING_LIVE = 1000;

function thingRandomFreeCase(): BenchCase {
  const pool = new MemPool({ size: 1 << 20 });
  const f64 = new Float64Array(pool.buf);
  const ptrs = new Int32Array(THING_LIVE);
  for (let k = 0; k < THING_LIVE; k++) ptrs[k] = pool.malloc(SIZES[k & 7]);
  const victims = randomInts(4096, THING_LIVE, 1);
  return {
    name: '@thi.ng/malloc `free` + `malloc`, random order, 1,000 live',
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const k = victims[i & 4095];
        pool.free(ptrs[k]);
        const p = pool.malloc(SIZES[i & 7]);
        if (p === 0) throw new RangeError('@thi.ng/malloc: out of memory');
        ptrs[k] = p;
        f64[p >> 3] = i;
        sum = (sum + p) | 0;
      }
      return sum;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Slot pool: the alternatives churn LIVE handles CHURN at a time in ORDER, as loops.ts does.

function objectPoolCase(): BenchCase {
  const pool = new ObjectPool(POOL_CAPACITY);
  const ring: Particle[] = [];
  for (let k = 0; k < LIVE; k++) ring.push(pool.alloc());
  return {
    name: 'JS object pool (`{x, y, vx, vy}` stack)',
    quantum: CHURN,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i += CHURN) {
        const base = i & (LIVE - 1);
        for (let j = 0; j < CHURN; j++) pool.free(ring[ORDER[base + j]]);
        for (let j = 0; j < CHURN; j++) {
          const p = pool.alloc();
          p.x = j;
          ring[ORDER[base + j]] = p;
          sum = (sum + j) | 0;
        }
      }
      return sum;
    },
  };
}

function newObjectCase(): BenchCase {
  const ring: Particle[] = [];
  for (let k = 0; k < LIVE; k++) ring.push(newParticle(0));
  return {
    name: '`new` object `{x, y, vx, vy}` (dropped to GC)',
    quantum: CHURN,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i += CHURN) {
        const base = i & (LIVE - 1);
        for (let j = 0; j < CHURN; j++) {
          ring[ORDER[base + j]] = newParticle(j);
          sum = (sum + j) | 0;
        }
      }
      return sum;
    },
  };
}

// ---------------------------------------------------------------------------------------------------

interface Group {
  readonly title: string;
  readonly unit: string;
  readonly cases: readonly BenchCase[];
  /** Index into `cases` of the baseline every ratio is taken against. */
  readonly baseline: number;
  /** Index into `cases` of the library case the targets are about. */
  readonly subject: number;
  readonly maxRatio: number;
}

/** Runs both groups in one interleaved measurement and prints the tables and target verdicts. */
export function run(): void {
  const groups: Group[] = [
    {
      title: 'Frame arena',
      unit: 'one allocation of 16-64 B; frames of 256, then reset',
      cases: [
        handBumpCase(HandBump, FRAME),
        fixedBufferCase(FixedBufferAllocator, FRAME),
        float32ArrayCase(),
        thingFreeAllCase(),
        thingRandomFreeCase(),
      ],
      baseline: 0,
      subject: 1,
      maxRatio: 1.5,
    },
    {
      title: 'Slot pool',
      unit: 'one free + alloc pair; 1,024 live handles, churned 16 at a time',
      cases: [handFreeListCase(HandFreeList), memoryPoolCase(MemoryPool), objectPoolCase(), newObjectCase()],
      baseline: 0,
      subject: 1,
      maxRatio: 1.5,
    },
  ];

  const options = harnessOptions();
  console.log('## memory: FixedBufferAllocator and MemoryPool\n');
  console.log(`machine: ${machineLine()}`);
  console.log(
    `method: ${options.rounds} interleaved rounds of ~${options.roundMs} ms per case (after ${options.warmupRounds} warm-up rounds); ` +
      `ns/op = median of per-round ns/op (process CPU time); ratio = median of per-round ratios to the group's baseline; ` +
      `GC = v8.GCProfiler over a separate ${options.gcLoopMs} ms loop per case\n`,
  );

  const all = groups.flatMap((g) => g.cases);
  const results = measure(all, options);
  const share = cpuShare();
  console.log(
    `load: this process ran ${(share * 100).toFixed(0)}% of the timed wall time${share < 0.9 ? ' (machine busy: absolute ns are inflated, ratios less so)' : ''}\n`,
  );
  const verdicts: string[] = [];
  let offset = 0;
  for (const group of groups) {
    const rs = results.slice(offset, offset + group.cases.length);
    offset += group.cases.length;
    printGroup(group, rs);
    verdicts.push(...groupVerdicts(group, rs));
  }

  console.log('### Targets\n');
  for (const line of verdicts) console.log(`- ${line}`);
  console.log(`\n(checksum ${checksum()})\n`);
}

function printGroup(group: Group, rs: readonly CaseResult[]): void {
  const base = rs[group.baseline];
  const rows = rs.map((r, i) => {
    const ratio = pairedRatio(r, base);
    let target = '';
    if (i === group.subject) {
      target = `<= ${group.maxRatio}x: ${passFail(ratio <= group.maxRatio)}, 0 GC: ${passFail(r.gcEvents === 0)}`;
    } else if (i === group.baseline) {
      target = 'baseline';
    }
    return [
      r.name,
      fmtNs(r.median),
      `${fmtNs(r.p25)}-${fmtNs(r.p75)}`,
      fmtRatio(ratio),
      String(r.gcEvents),
      r.gcMs.toFixed(1),
      target,
    ];
  });
  console.log(`### ${group.title} (op = ${group.unit})\n`);
  console.log(
    markdownTable(['case', 'ns/op', 'p25-p75', 'ratio', 'GCs', 'GC ms', 'target'], rows, 'lrrrrrl'),
  );
  console.log(
    `\nGC loop: ${rs.map((r) => `${fmtOps(r.gcLoopOps)} ops in ${r.gcLoopMs.toFixed(0)} ms`).join('; ')}\n`,
  );
}

function groupVerdicts(group: Group, rs: readonly CaseResult[]): string[] {
  const subject = rs[group.subject];
  const base = rs[group.baseline];
  const ratio = pairedRatio(subject, base);
  return [
    `${passFail(ratio <= group.maxRatio)}: ${subject.name} within ${group.maxRatio}x of ${base.name}: ${fmtRatio(ratio)} (${fmtNs(subject.median)} vs ${fmtNs(base.median)} ns/op)`,
    `${passFail(subject.gcEvents === 0)}: zero GC events in the ${subject.name} loop: ${subject.gcEvents} (${subject.gcMs.toFixed(1)} ms) over ${fmtOps(subject.gcLoopOps)} ops`,
  ];
}

function fmtOps(ops: number): string {
  return ops >= 1e6 ? `${(ops / 1e6).toFixed(1)}M` : ops >= 1e3 ? `${(ops / 1e3).toFixed(0)}k` : String(ops);
}
