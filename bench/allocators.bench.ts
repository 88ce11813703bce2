/**
 * The allocator family against hand-written code and the usual JavaScript, side by side in one run
 * (see harness.ts). Part of `npm run bench -- memory`. Groups:
 *
 * - arena: one allocation of 16-64 B, frames of 256 then a reset: ArenaAllocator (committed, and
 *   growing again every frame) against FixedBufferAllocator and a hand-written bump allocator;
 * - debug mode: FixedBufferAllocator with debug off, and on, against the same allocator with no
 *   debug code at all (its fast path copied below, failure handled inline);
 * - pool debug mode: one free + alloc pair on a MemoryPool with debug off (so also no fault
 *   injection or sharing: all three sit behind one branch), and on, against the same pool with no
 *   such branch (its fast path copied below);
 * - list: one push, ticks of 1,024 then a reset: TypedList against a preallocated Float32Array
 *   written by index, and Array.prototype.push on a fresh array per tick;
 * - text: one HUD line per frame: TextWriter against a template string;
 * - views: one element read and written, 4,096 at a time, through a fixed-length view and through a
 *   length-tracking view of a resizable buffer (what ArenaAllocator hands out).
 *
 * Every loop consumes its results, and every case runs its own compiled copy of its loop, so no call
 * site sees two classes (V8 would then measure its dispatch, not the allocator).
 */
import {
  ArenaAllocator,
  FixedBufferAllocator,
  MemoryPool,
  TextWriter,
  TypedList,
} from '../src/memory/index.ts';
import { HandBump } from './baselines.ts';
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
import { CHURN, LIVE, ORDER, POOL_CAPACITY } from './loops.ts';
import { NoDebugBump, NoDebugPool } from './noDebugBaselines.ts';
import { fmtNs, fmtRatio, markdownTable, passFail } from './report.ts';

const FRAME = 256;
const SIZES = Int32Array.of(16, 24, 32, 40, 48, 56, 64, 40);
const ARENA_BYTES = 64 * 1024;
const TICK = 1024;
const ELEMENTS = 4096;
const BODY = { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32' } as const;

/** Compiles `body` into a function of its own: one copy of a loop per case keeps its call sites monomorphic. */
function compile<F>(params: string[], body: string): F {
  return new Function(...params, body) as F;
}

/** The frame loop: frames of FRAME allocations, each written through `f64`; `arena.reset(mode)` between. */
const FRAME_LOOP = `
  let sum = 0;
  for (let i = 0; i < ops; ) {
    arena.reset(mode);
    for (const end = i + ${FRAME}; i < end; i++) {
      const off = arena.alloc(sizes[i & 7], 8);
      f64[off >> 3] = i;
      sum = (sum + off) | 0;
    }
  }
  return sum;`;

interface Bump {
  alloc(byteLength: number, alignment: number): number;
  reset(mode?: unknown): unknown;
  readonly f64: Float64Array;
}

/** A frame loop over `arena`, writing through `f64` (the arena's own view unless another is given). */
function frameCase(name: string, arena: Bump, mode?: unknown, f64 = arena.f64): BenchCase {
  const loop = compile<
    (arena: Bump, f64: Float64Array, sizes: Int32Array, mode: unknown, ops: number) => number
  >(['arena', 'f64', 'sizes', 'mode', 'ops'], FRAME_LOOP);
  return { name, quantum: FRAME, run: (ops) => loop(arena, f64, SIZES, mode, ops) };
}

/** The hand-written bump allocator, with whole-buffer views as the library's have. */
function handBump(): Bump {
  const bump = new HandBump(ARENA_BYTES);
  return Object.assign(bump, { f64: new Float64Array(ARENA_BYTES / 8) });
}

// ---------------------------------------------------------------------------------------------------
// Pool debug mode: free + alloc pairs, LIVE handles churned CHURN at a time (as in loops.ts).

/**
 * The pair loop: frees CHURN handles of the ring, then allocates CHURN into the same places. Each case
 * compiles the whole `run` (not only its loop behind a shared arrow): arrows made from one literal share
 * their feedback, so the harness's call of `run` would see every case's loop and inline them all,
 * leaving no budget to inline the pool's own calls (the pair then measured 1.2-2.5x, varying with
 * the order of the cases).
 */
const PAIR_RUN = `
  return function run(ops) {
    let sum = 0;
    for (let i = 0; i < ops; i += churn) {
      const base = i & (live - 1);
      for (let j = 0; j < churn; j++) pool.free(ring[order[base + j]]);
      for (let j = 0; j < churn; j++) {
        const h = pool.alloc();
        ring[order[base + j]] = h;
        sum = (sum + h) | 0;
      }
    }
    return sum;
  };`;

interface Slots {
  alloc(): number;
  free(handle: number): void;
}

/** A pair case over `pool`, its `run` compiled for it alone. */
function pairCase(name: string, pool: Slots): BenchCase {
  const ring = new Int32Array(LIVE);
  for (let k = 0; k < LIVE; k++) ring[k] = pool.alloc();
  const make = compile<
    (pool: Slots, ring: Int32Array, order: Int32Array, live: number, churn: number) => (ops: number) => number
  >(['pool', 'ring', 'order', 'live', 'churn'], PAIR_RUN);
  return { name, quantum: CHURN, run: make(pool, ring, ORDER, LIVE, CHURN) };
}

// ---------------------------------------------------------------------------------------------------
// Lists: ticks of TICK pushes of a float.

function floatArrayCase(): BenchCase {
  const values = new Float32Array(TICK);
  return {
    name: 'preallocated `Float32Array` written by index',
    quantum: TICK,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; ) {
        let n = 0;
        for (const end = i + TICK; i < end; i++) values[n++] = i;
        sum = (sum + n + values[TICK - 1]) | 0;
      }
      return sum;
    },
  };
}

function typedListCase(): BenchCase {
  const arena = new FixedBufferAllocator(16 * 1024);
  const list = new TypedList(arena, 'f32', TICK);
  return {
    name: '`TypedList.push` (f32, in a frame arena reset per tick)',
    quantum: TICK,
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; ) {
        arena.reset();
        for (const end = i + TICK; i < end; i++) list.push(i);
        sum = (sum + list.length + arena.f32[list.offset + TICK - 1]) | 0;
      }
      return sum;
    },
  };
}

function arrayPushCase(): BenchCase {
  // The last 64 ticks' arrays stay reachable, as a game's lists would until the next frames.
  const ring: number[][] = [];
  for (let i = 0; i < 64; i++) ring.push([]);
  return {
    name: '`Array.prototype.push` on a fresh `[]` per tick',
    quantum: TICK,
    run(ops) {
      let sum = 0;
      for (let i = 0, tick = 0; i < ops; tick++) {
        const values: number[] = [];
        for (const end = i + TICK; i < end; i++) values.push(i * 0.5);
        ring[tick & 63] = values;
        sum = (sum + values.length) | 0;
      }
      return sum;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Text: one HUD line per frame.

function writerCase(): BenchCase {
  const arena = new FixedBufferAllocator(4096);
  const line = new TextWriter(arena);
  return {
    name: '`TextWriter`: clear, string, int, fixed',
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        line
          .clear()
          .string('tick ')
          .int(i)
          .string(' · ')
          .fixed(i * 0.013, 2)
          .string(' ms · ')
          .int(i >> 3);
        sum = (sum + line.length) | 0;
      }
      return sum;
    },
  };
}

function templateCase(): BenchCase {
  const ring: string[] = new Array(64).fill('');
  return {
    name: 'template string per frame (`toFixed`)',
    run(ops) {
      let sum = 0;
      for (let i = 0; i < ops; i++) {
        const line = `tick ${i} · ${(i * 0.013).toFixed(2)} ms · ${i >> 3}`;
        ring[i & 63] = line;
        sum = (sum + line.length) | 0;
      }
      return sum;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Views: ELEMENTS elements read and written per pass.

const VIEW_LOOP = `
  let sum = 0;
  for (let i = 0; i < ops; i += ${ELEMENTS}) {
    for (let j = 0; j < ${ELEMENTS}; j++) {
      const v = view[j] * 0.5 + 1;
      view[j] = v;
      sum += v;
    }
  }
  return sum | 0;`;

function viewCase(name: string, view: Float32Array): BenchCase {
  const loop = compile<(view: Float32Array, ops: number) => number>(['view', 'ops'], VIEW_LOOP);
  return { name, quantum: ELEMENTS, run: (ops) => loop(view, ops) };
}

// ---------------------------------------------------------------------------------------------------

interface Group {
  readonly title: string;
  readonly unit: string;
  cases: readonly BenchCase[];
  /** Index of the baseline; each target is (case index, most ratio, what it is). */
  readonly baseline: number;
  readonly targets: ReadonlyArray<[number, number]>;
  /** Cases that must collect nothing. */
  readonly zeroGc: readonly number[];
  /**
   * Cases made and measured after every other group, in a run of their own: they share code with an
   * earlier group's cases, and had they run first (even only to fill a pool) V8 would compile that code
   * for them too. A pool in debug mode sends alloc and free down their checked paths; once alloc has
   * seen that path taken, it is compiled with it and the release pool's pair measured 2x.
   */
  readonly later?: () => BenchCase[];
}

function groups(): Group[] {
  const committed = new ArenaAllocator({
    initialBytes: ARENA_BYTES,
    chunkBytes: 4096,
    maxBytes: ARENA_BYTES,
  });
  const growing = new ArenaAllocator({ initialBytes: 0, chunkBytes: 4096, maxBytes: ARENA_BYTES });
  const fixedViews = new FixedBufferAllocator(ELEMENTS * 4);
  const views = { initialBytes: ELEMENTS * 4, chunkBytes: 64, maxBytes: ELEMENTS * 8 };
  const trackingViews = new ArenaAllocator(views);
  const sharedViews = new ArenaAllocator({ ...views, shared: true });
  return [
    {
      title: 'Arena',
      unit: 'one allocation of 16-64 B, written through the f64 view; frames of 256, then reset',
      cases: [
        frameCase('hand-written bump (`top` field)', handBump()),
        frameCase('`FixedBufferAllocator.alloc`', new FixedBufferAllocator(ARENA_BYTES)),
        frameCase('`ArenaAllocator.alloc` (committed)', committed),
        frameCase(
          '`ArenaAllocator.alloc` (committed), written through a fixed-length view',
          new ArenaAllocator({ initialBytes: ARENA_BYTES, chunkBytes: 4096, maxBytes: ARENA_BYTES }),
          undefined,
          new Float64Array(ARENA_BYTES / 8),
        ),
        frameCase('`ArenaAllocator.alloc`, `reset(0)`: 3 growth steps a frame', growing, 0),
      ],
      baseline: 0,
      // The target is the allocation's: the same arena written through its own length-tracking view
      // pays for the view (see the Views group), which the README reports beside it.
      targets: [[3, 1.3]],
      zeroGc: [1, 2, 3, 4],
    },
    {
      title: 'Debug mode',
      unit: 'one allocation, as above',
      cases: [
        frameCase('the same allocator with no debug code at all', new NoDebugBump(ARENA_BYTES)),
        frameCase('`FixedBufferAllocator`, debug off', new FixedBufferAllocator(ARENA_BYTES)),
        frameCase(
          '`FixedBufferAllocator`, debug on (a stack per allocation)',
          new FixedBufferAllocator(ARENA_BYTES, { debug: true, onReport: () => {} }),
        ),
      ],
      baseline: 0,
      targets: [[1, 1.05]],
      zeroGc: [1],
    },
    {
      title: 'Pool debug mode',
      unit: 'one `free` + `alloc` pair; 1,024 live handles',
      cases: [
        pairCase('the same pool with no debug code at all', new NoDebugPool(POOL_CAPACITY)),
        pairCase('`MemoryPool`, debug off', new MemoryPool({ capacity: POOL_CAPACITY, fields: BODY })),
      ],
      baseline: 0,
      targets: [[1, 1.05]],
      zeroGc: [1],
    },
    {
      title: 'Pool debug mode on',
      unit: 'one `free` + `alloc` pair; 1,024 live handles',
      cases: [],
      later: () => [
        pairCase('the same pool with no debug code at all', new NoDebugPool(POOL_CAPACITY)),
        pairCase(
          '`MemoryPool`, debug on (a stack per alloc and free, poison)',
          new MemoryPool({ capacity: POOL_CAPACITY, fields: BODY, debug: true }),
        ),
      ],
      baseline: 0,
      targets: [],
      zeroGc: [],
    },
    {
      title: 'List',
      unit: 'one push of a float; ticks of 1,024',
      cases: [floatArrayCase(), typedListCase(), arrayPushCase()],
      baseline: 0,
      targets: [[1, 1.5]],
      zeroGc: [1],
    },
    {
      title: 'Text',
      unit: "one frame's line: 'tick 12345 · 160.49 ms · 1543'",
      cases: [templateCase(), writerCase()],
      baseline: 0,
      targets: [],
      zeroGc: [1],
    },
    {
      title: 'Views',
      unit: 'one float32 element read, computed and written; passes of 4,096',
      cases: [
        viewCase('fixed-length view (`FixedBufferAllocator.f32`)', fixedViews.f32),
        viewCase('length-tracking view of a resizable buffer (`ArenaAllocator.f32`)', trackingViews.f32),
        viewCase('length-tracking view of a growable `SharedArrayBuffer` (`shared: true`)', sharedViews.f32),
      ],
      baseline: 0,
      targets: [],
      zeroGc: [1, 2],
    },
  ];
}

/** Runs every group in one interleaved measurement and prints the tables and the target verdicts. */
export function run(): void {
  const all = groups().sort((a, b) => Number(a.later !== undefined) - Number(b.later !== undefined));
  const first = all.filter((g) => g.later === undefined);
  const options = harnessOptions();
  console.log('## memory: the allocator family\n');
  console.log(`machine: ${machineLine()}`);
  const results = measure(
    first.flatMap((g) => g.cases),
    options,
  );
  const share = cpuShare();
  for (const group of all.slice(first.length)) {
    group.cases = group.later!();
    results.push(...measure(group.cases, options));
  }
  console.log(
    `load: this process ran ${(share * 100).toFixed(0)}% of the timed wall time${share < 0.9 ? ' (machine busy: absolute ns are inflated, ratios less so)' : ''}\n`,
  );
  const verdicts: string[] = [];
  let offset = 0;
  for (const group of all) {
    const rs = results.slice(offset, offset + group.cases.length);
    offset += group.cases.length;
    verdicts.push(...printGroup(group, rs));
  }
  console.log('### Targets\n');
  for (const line of verdicts) console.log(`- ${line}`);
  console.log(`\n(checksum ${checksum()})\n`);
}

function printGroup(group: Group, rs: readonly CaseResult[]): string[] {
  const base = rs[group.baseline];
  const verdicts: string[] = [];
  const rows = rs.map((r, i) => {
    const ratio = pairedRatio(r, base);
    const notes: string[] = [];
    if (i === group.baseline) notes.push('baseline');
    for (const [index, most] of group.targets) {
      if (index !== i) continue;
      notes.push(`<= ${most}x: ${passFail(ratio <= most)}`);
      verdicts.push(
        `${passFail(ratio <= most)}: ${r.name} within ${most}x of ${base.name}: ${fmtRatio(ratio)}`,
      );
    }
    if (group.zeroGc.includes(i)) {
      notes.push(`0 GC: ${passFail(r.gcEvents === 0)}`);
      verdicts.push(`${passFail(r.gcEvents === 0)}: no GC in the ${r.name} loop: ${r.gcEvents}`);
    }
    return [
      r.name,
      fmtNs(r.median),
      fmtRatio(ratio),
      String(r.gcEvents),
      r.gcMs.toFixed(1),
      notes.join(', '),
    ];
  });
  console.log(`### ${group.title} (op = ${group.unit})\n`);
  console.log(markdownTable(['case', 'ns/op', 'ratio', 'GCs', 'GC ms', 'target'], rows, 'lrrrrl'));
  console.log('');
  return verdicts;
}
