/** Probes of `framepool/profiler`: the recorder, its rings, and the reports and exports. */
import { FixedBufferAllocator, MemoryPool } from '../../../src/memory/index.ts';
import {
  adviseGarbage,
  adviseSizing,
  type BufferUsage,
  csvField,
  formatReport,
  formatSampling,
  formatTable,
  GcCanary,
  type GcSource,
  niceSize,
  ProfilerStateError,
  type ProfileSnapshot,
  percentile,
  RingBuffer,
  summarize,
  TickProfiler,
  toCsv,
  toHtmlReport,
  toJsonReport,
  toTraceJson,
} from '../../../src/profiler/index.ts';
import { acceptsKinds, type Probe, probe } from '../probe.ts';
import { type Bad, isWhole } from '../values.ts';

/** A profiler over an arena and a pool, two systems and a tag, three ticks recorded and one open. */
function openTick() {
  const arena = new FixedBufferAllocator(1024);
  const pool = new MemoryPool({ capacity: 8 });
  let now = 0;
  const profiler = new TickProfiler({
    arena,
    pools: { things: pool },
    systems: ['spawn', 'move'],
    tags: ['scratch'],
    tagging: true,
    window: 16,
    clock: () => (now += 0.25),
  });
  for (let t = 0; t < 3; t++) {
    arena.reset();
    profiler.beginTick();
    profiler.beginSystem(0);
    arena.alloc(64);
    pool.alloc();
    profiler.endSystem(0);
    profiler.endTick(pool.live);
  }
  arena.reset();
  profiler.beginTick();
  return { arena, pool, profiler };
}
type Rig = ReturnType<typeof openTick>;

/** Everything the profiler and the memory it watches show. */
function rigState({ arena, pool, profiler }: Rig) {
  return {
    open: profiler.isTickOpen,
    ticks: profiler.totalTicks,
    snapshot: JSON.stringify(profiler.snapshot(), (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
    ),
    arena: [arena.used, arena.highWater, arena.allocCount, arena.failureCount],
    pool: [pool.live, pool.highWater, pool.allocCount],
  };
}

const recorded = (() => {
  let snapshot: ProfileSnapshot | undefined;
  return () => {
    if (snapshot === undefined) {
      const { profiler } = openTick();
      profiler.endTick(1);
      snapshot = profiler.snapshot();
    }
    return snapshot;
  };
})();

const ring = () => {
  const r = new RingBuffer(8);
  for (let i = 0; i < 5; i++) r.push(i);
  return r;
};
const ringState = (r: RingBuffer) => Array.from(r.toArray());
const NO_COLLECTOR: GcSource = { count: 0, read: () => false };
const STATS = { count: 1, mean: 2048, p50: 2048, p95: 2048, p99: 2048, max: 2048, maxTick: 0 };
const canary = () => new GcCanary({ clock: () => 0 });
const USAGE: BufferUsage = { name: 'arena', kind: 'arena', capacity: 4096, peak: 1000, failures: 0 };
const isString = (x: unknown) => typeof x === 'string';
/** Objects without any of these keys: an options object that sets nothing takes every default. */
const emptyOf = (keys: readonly string[]) => (bad: Bad) =>
  bad.kind === 'undefined' ||
  ((bad.kind === 'object' || bad.kind === 'array') && !keys.some((key) => key in (bad.value as object)));

export const PROFILER_PROBES: readonly Probe[] = [
  probe({
    name: 'new TickProfiler',
    params: ['arena', 'pools', 'systems', 'tags', 'window', 'clock', 'enabled', 'tagging', 'heap', 'gc'],
    make: () => new FixedBufferAllocator(64),
    valid: (arena) => [
      arena,
      { p: new MemoryPool({ capacity: 2 }) },
      ['a'],
      ['t'],
      8,
      () => 0,
      true,
      false,
      () => 0,
      NO_COLLECTOR,
    ],
    call: (_, [arena, pools, systems, tags, window, clock, enabled, tagging, heap, gc]) =>
      new TickProfiler({ arena, pools, systems, tags, window, clock, enabled, tagging, heap, gc } as never),
    // Everything but the arena is optional; an empty pools object, or empty lists, register nothing;
    // any function is a clock or a heap reader.
    accepts: (index, bad) =>
      index > 0 &&
      (bad.kind === 'undefined' ||
        (index === 1 && bad.kind === 'object' && Object.keys(bad.value as object).length === 0) ||
        ((index === 2 || index === 3) && bad.kind === 'array' && (bad.value as unknown[]).length === 0) ||
        ((index === 5 || index === 8) && bad.kind === 'function'))
        ? (profiler) => profiler instanceof TickProfiler
        : null,
  }),
  probe({
    name: 'TickProfiler#beginSystem',
    params: ['id'],
    make: openTick,
    valid: () => [1],
    call: ({ profiler }, [id]) => profiler.beginSystem(id as number),
    state: rigState,
  }),
  probe({
    name: 'TickProfiler#endSystem',
    params: ['id'],
    make: () => {
      const rig = openTick();
      rig.profiler.beginSystem(1);
      return rig;
    },
    valid: () => [1],
    call: ({ profiler }, [id]) => profiler.endSystem(id as number),
    state: rigState,
    // Another id than the open system's is a protocol error, documented as ProfilerStateError.
    errors: { 0: [ProfilerStateError] },
  }),
  probe({
    name: 'TickProfiler#tag',
    params: ['tagId', 'bytes'],
    make: openTick,
    valid: () => [0, 64],
    call: ({ profiler }, [id, bytes]) => profiler.tag(id as number, bytes as number),
    state: rigState,
    // A huge whole number of bytes is bytes.
    accepts: (index, bad) => (index === 1 && isWhole(bad.value) ? () => true : null),
  }),
  probe({
    name: 'TickProfiler#endTick',
    params: ['entityCount'],
    make: openTick,
    valid: () => [5],
    call: ({ profiler }, [count]) => profiler.endTick(count as number),
    state: rigState,
    accepts: (_, bad) => (isWhole(bad.value) ? () => true : null),
  }),
  probe({
    name: 'TickProfiler#systemId',
    params: ['name'],
    make: openTick,
    valid: () => ['move'],
    call: ({ profiler }, [name]) => profiler.systemId(name as string),
  }),
  probe({
    name: 'TickProfiler#addSystem',
    params: ['name'],
    make: () => new TickProfiler({ arena: new FixedBufferAllocator(64), systems: ['a'] }),
    valid: () => ['b'],
    call: (profiler, [name]) => profiler.addSystem(name as string),
    state: (profiler) => profiler.systems.map((s) => s.name),
    // Any other non-empty string is a new system's name.
    accepts: (_, bad) =>
      typeof bad.value === 'string' && bad.value !== '' && bad.value !== 'a' ? (id) => id === 1 : null,
  }),
  probe({
    name: 'TickProfiler#enabled',
    params: ['enabled'],
    make: openTick,
    valid: () => [false],
    call: ({ profiler }, [value]) => {
      profiler.enabled = value as boolean;
    },
    state: rigState,
  }),
  probe({
    name: 'RingBuffer#get',
    params: ['index'],
    make: ring,
    valid: () => [2],
    call: (r, [index]) => r.get(index as number),
    state: ringState,
  }),
  probe({
    name: 'RingBuffer#setRecent',
    params: ['age', 'value'],
    make: ring,
    valid: () => [1, 7],
    call: (r, [age, value]) => r.setRecent(age as number, value as number),
    state: ringState,
    // Any number is a value the ring stores (as its typed array stores it).
    accepts: (index, bad) => (index === 1 && typeof bad.value === 'number' ? () => true : null),
  }),
  probe({
    name: 'RingBuffer#recent',
    params: ['age'],
    make: ring,
    valid: () => [0],
    call: (r, [age]) => r.recent(age as number),
    state: ringState,
  }),
  probe({
    name: 'RingBuffer#copyTo',
    params: ['out', 'outOffset'],
    make: ring,
    valid: () => [new Float64Array(16), 2],
    call: (r, [out, offset]) => r.copyTo(out as Float64Array, offset as number),
    state: ringState,
    // Offset 0 by default; a Float32Array of room is a ring array too.
    accepts: (index, bad) =>
      (index === 1 && bad.kind === 'undefined') ||
      (index === 0 && bad.value instanceof Float32Array && bad.value.length >= 5)
        ? (copied) => copied === 5
        : null,
  }),
  probe({
    name: 'new RingBuffer',
    params: ['capacity', 'ArrayType'],
    make: () => null,
    valid: () => [8, Float32Array],
    call: (_, [capacity, ArrayType]) =>
      new RingBuffer(capacity as number, ArrayType as Float32ArrayConstructor),
    accepts: acceptsKinds({ 1: ['undefined'] }),
  }),
  probe({
    name: 'percentile',
    params: ['values', 'p'],
    make: () => null,
    valid: () => [new Float64Array([3, 1, 2]), 50],
    call: (_, [values, p]) => percentile(values as Float64Array, p as number),
    // Any array-like of numbers has percentiles; fractional percentiles are percentiles.
    accepts: (index, bad) =>
      (index === 1 &&
        bad.kind === 'fraction' &&
        (bad.value as number) >= 0 &&
        (bad.value as number) <= 100) ||
      (index === 0 && bad.kind === 'array')
        ? () => true
        : null,
  }),
  probe({
    name: 'summarize',
    params: ['snapshot', 'options'],
    make: () => null,
    valid: () => [recorded(), { topSystems: 2, maxSpikes: 5, headroom: 0.5, nearLimit: 0.1 }],
    call: (_, [snapshot, options]) => summarize(snapshot as ProfileSnapshot, options as never),
    accepts: (index, bad) =>
      index === 1 && emptyOf(['topSystems', 'maxSpikes', 'headroom', 'nearLimit'])(bad) ? () => true : null,
  }),
  probe({
    name: 'formatReport',
    params: ['report', 'options'],
    make: () => null,
    valid: () => [summarize(recorded()), { title: 'x', hideZeroMetrics: false }],
    call: (_, [report, options]) => formatReport(report as never, options as never),
    accepts: (index, bad) => (index === 1 && emptyOf(['title', 'hideZeroMetrics'])(bad) ? isString : null),
  }),
  probe({
    name: 'formatSampling',
    params: ['sampling'],
    make: () => null,
    valid: () => [{ intervalBytes: 32_768, ticks: 300, overhead: 0.3 }],
    call: (_, [sampling]) => formatSampling(sampling as never),
  }),
  probe({
    name: 'toCsv',
    params: ['snapshot'],
    make: () => null,
    valid: () => [recorded()],
    call: (_, [snapshot]) => toCsv(snapshot as ProfileSnapshot),
  }),
  probe({
    name: 'csvField',
    params: ['text'],
    make: () => null,
    valid: () => ['a,b'],
    call: (_, [text]) => csvField(text as string),
    accepts: acceptsKinds({ 0: ['string', 'numeric-string'] }, isString),
  }),
  probe({
    name: 'toTraceJson',
    params: ['snapshot', 'options'],
    make: () => null,
    valid: () => [recorded(), { processName: 'p', threadName: 't' }],
    call: (_, [snapshot, options]) => toTraceJson(snapshot as ProfileSnapshot, options as never),
    accepts: (index, bad) => (index === 1 && emptyOf(['processName', 'threadName'])(bad) ? isString : null),
  }),
  probe({
    name: 'summarize (dt)',
    params: ['dt'],
    make: () => null,
    valid: () => [1 / 30],
    call: (_, [dt]) => summarize(recorded(), { dt } as never),
    // No dt is 1/60 s; any number of seconds above 0 and at most a minute is a tick.
    accepts: (_, bad) =>
      bad.kind === 'undefined' || (typeof bad.value === 'number' && bad.value > 0 && bad.value <= 60)
        ? () => true
        : null,
  }),
  probe({
    name: 'adviseGarbage',
    params: ['systems', 'gc', 'options'],
    make: () => null,
    valid: () => [
      [{ name: 'collide', garbage: STATS }],
      { minorPerMinute: 60 },
      { headroom: 0.5, minBytesPerTick: 64 },
    ],
    call: (_, [systems, gc, options]) => adviseGarbage(systems as never, gc as never, options as never),
    accepts: (index, bad) =>
      (index === 0 && bad.kind === 'array' && (bad.value as unknown[]).length === 0) ||
      (index === 2 && emptyOf(['headroom', 'minBytesPerTick'])(bad))
        ? (advice) => Array.isArray(advice)
        : null,
  }),
  probe({
    name: 'toJsonReport',
    params: ['report', 'options'],
    make: () => null,
    valid: () => [
      summarize(recorded()),
      { sites: [[]], sampling: { intervalBytes: 1, ticks: 1, overhead: 0 } },
    ],
    call: (_, [report, options]) => toJsonReport(report as never, options as never),
    accepts: (index, bad) => (index === 1 && emptyOf(['sites', 'sampling'])(bad) ? () => true : null),
  }),
  probe({
    name: 'toHtmlReport',
    params: ['snapshot', 'report', 'options'],
    make: () => null,
    valid: () => [recorded(), summarize(recorded()), { title: 't', sites: [] }],
    call: (_, [snapshot, report, options]) =>
      toHtmlReport(snapshot as never, report as never, options as never),
    accepts: (index, bad) => (index === 2 && emptyOf(['title', 'sites', 'sampling'])(bad) ? isString : null),
  }),
  probe({
    name: 'new GcCanary',
    params: ['clock', 'capacity'],
    make: () => null,
    valid: () => [() => 0, 64],
    call: (_, [clock, capacity]) => {
      const made = new GcCanary({ clock, capacity } as never);
      made.dispose();
      return made;
    },
    accepts: (index, bad) =>
      bad.kind === 'undefined' || (index === 0 && bad.kind === 'function')
        ? (c) => c instanceof GcCanary
        : null,
  }),
  probe({
    name: 'GcCanary#countWithin',
    params: ['ms'],
    make: canary,
    valid: () => [1000],
    call: (c, [ms]) => c.countWithin(ms as number),
    accepts: (_, bad) => (typeof bad.value === 'number' && bad.value >= 0 ? (n) => n === 0 : null),
  }),
  probe({
    name: 'GcCanary#perMinute',
    params: ['windowMs'],
    make: canary,
    valid: () => [10_000],
    call: (c, [windowMs]) => c.perMinute(windowMs as number),
    accepts: (_, bad) =>
      bad.kind === 'undefined' || (typeof bad.value === 'number' && bad.value > 0) ? (n) => n === 0 : null,
  }),
  probe({
    name: 'adviseSizing',
    params: ['usage', 'options'],
    make: () => null,
    valid: () => [USAGE, { headroom: 0.25, nearLimit: 0.1 }],
    call: (_, [usage, options]) => adviseSizing(usage as BufferUsage, options as never),
    accepts: (index, bad) => (index === 1 && emptyOf(['headroom', 'nearLimit'])(bad) ? () => true : null),
  }),
  probe({
    name: 'niceSize',
    params: ['value', 'unit'],
    make: () => null,
    valid: () => [50_000, 'bytes'],
    call: (_, [value, unit]) => niceSize(value as number, unit as 'bytes'),
    // Any finite size rounds up; sizes of nothing round to 0.
    accepts: acceptsKinds({ 0: ['negative', 'fraction', 'huge'] }, (n) => typeof n === 'number' && n >= 0),
  }),
  probe({
    name: 'formatTable',
    params: ['columns', 'rows'],
    make: () => null,
    valid: () => [[{ header: 'a' }, { header: 'b', align: 'right' }], [['1', '2']]],
    call: (_, [columns, rows]) => formatTable(columns as never, rows as never),
    accepts: (index, bad) =>
      index === 1 && bad.kind === 'array' && (bad.value as unknown[]).length === 0 ? isString : null,
  }),
];
