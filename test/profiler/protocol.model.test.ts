/**
 * The tick protocol as a state machine, checked against a model with random call sequences that mix
 * good and bad calls: a call throws exactly when the model says it must, with the error the rules
 * give, and a call that throws changes nothing. "Nothing" is checked the strict way: a twin profiler
 * over an identical arena, pool and clock gets the same sequence minus the throwing calls, and the two
 * must agree after every step (including the borrowed `highWater`s) and in everything they record.
 * A third arena and pool get only the game's work and no profiler: between ticks, the profiled ones'
 * `highWater` must read as theirs (the borrowing is invisible outside a tick).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedBufferAllocator, MemoryPool } from '../../src/memory/index.ts';
import { ProfilerStateError, TickProfiler } from '../../src/profiler/index.ts';

const SYSTEMS = 2;
const TAGS = 1;
const WINDOW = 4;
const CLOCK_THROWS = Symbol('the clock throws');

/** One profiler over its own arena, pool and clock; the clock reads `clock.value`. */
function makeTwin() {
  const clock: { value: unknown } = { value: 0 };
  const arena = new FixedBufferAllocator(256);
  const pool = new MemoryPool({ capacity: 3, fields: { x: 'f32' } });
  const handles: number[] = [];
  const profiler = new TickProfiler({
    arena,
    pools: { pool },
    systems: ['a', 'b'],
    tags: ['t'],
    window: WINDOW,
    clock: () => {
      if (clock.value === CLOCK_THROWS) throw new Error('clock broke');
      return clock.value as number;
    },
  });
  return { clock, arena, pool, handles, profiler };
}
type Twin = ReturnType<typeof makeTwin>;

/** Arguments as JavaScript callers may pass them: mostly good numbers, sometimes anything. */
const argument = (good: fc.Arbitrary<number>) =>
  fc.oneof(
    { weight: 8, arbitrary: good },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(-1, 0.5, 3, Number.NaN, Number.POSITIVE_INFINITY, -1e-200),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('0', '8', 0n, 8n, Symbol('x'), null, undefined, {}) },
  );
const flag = fc.oneof(
  { weight: 6, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('yes', 0, 1n, null) },
);

const step = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ call: 'beginTick' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({ call: fc.constant('beginSystem' as const), id: argument(fc.nat(SYSTEMS - 1)) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ call: fc.constant('endSystem' as const), id: argument(fc.nat(SYSTEMS - 1)) }),
  },
  { weight: 4, arbitrary: fc.record({ call: fc.constant('endTick' as const), count: argument(fc.nat(50)) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      call: fc.constant('tag' as const),
      id: argument(fc.nat(TAGS - 1)),
      bytes: argument(fc.nat(64)),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ call: 'abandonTick' as const }) },
  { weight: 1, arbitrary: fc.record({ call: fc.constant('enabled' as const), value: flag }) },
  { weight: 1, arbitrary: fc.record({ call: fc.constant('tagging' as const), value: flag }) },
  {
    weight: 5,
    arbitrary: fc.record({
      call: fc.constant('work' as const),
      bytes: fc.nat(120),
      pool: fc.constantFrom('alloc', 'free', 'none'),
      ms: fc.nat(5),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ call: 'reset' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      call: fc.constant('clock' as const),
      value: fc.constantFrom<unknown>(0, 7.5, 5n, '9', undefined, CLOCK_THROWS),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/**
 * Sequences run first every time: the reproduced defects (each failed on the code before the fix), and
 * one that takes several rare steps in a row (abandonTick giving a pool its highWater back).
 */
const DEFECTS: Step[][] = [
  [{ call: 'clock', value: 5n }, { call: 'beginTick' }],
  [{ call: 'clock', value: CLOCK_THROWS }, { call: 'beginTick' }],
  [{ call: 'beginTick' }, { call: 'endTick', count: 5n }],
  [{ call: 'tagging', value: true }, { call: 'beginTick' }, { call: 'tag', id: 0, bytes: '8' }],
  [
    { call: 'beginTick' },
    { call: 'beginSystem', id: 0 },
    { call: 'clock', value: '9' },
    { call: 'endSystem', id: 0 },
  ],
  [
    { call: 'work', bytes: 0, pool: 'alloc', ms: 0 },
    { call: 'work', bytes: 0, pool: 'free', ms: 0 },
    { call: 'beginTick' },
    { call: 'abandonTick' },
  ],
];

/** What the rules say about the profiler: enough to predict which calls throw. */
interface Model {
  wanted: boolean;
  on: boolean;
  tagsWanted: boolean;
  tickOpen: boolean;
  openSystem: number;
  clock: unknown;
}

/** Why a call must fail: the protocol, an argument, or the clock (its own error or a non-number). */
type Problem = 'state' | 'argument' | 'clock throws' | 'clock value';

const isId = (value: unknown, count: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count;
const isCount = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The problems that make `s` fail in `model`, and the model after `s` when there are none. The clock is
 * read before the arguments are checked, so when it throws, its error is the one that comes out.
 */
function predict(model: Model, s: Step): Problem[] {
  const clock = (): Problem[] =>
    model.clock === CLOCK_THROWS ? ['clock throws'] : typeof model.clock === 'number' ? [] : ['clock value'];
  const problems: Problem[] = [];
  const add = (failed: boolean, problem: Problem) => {
    if (failed) problems.push(problem);
  };
  switch (s.call) {
    case 'beginTick':
      if (!model.wanted) return [];
      if (model.tickOpen) return ['state'];
      problems.push(...clock());
      if (problems.length === 0) Object.assign(model, { on: true, tickOpen: true, openSystem: -1 });
      return problems;
    case 'beginSystem':
      if (!model.on) return [];
      if (model.clock === CLOCK_THROWS) return ['clock throws'];
      add(!isId(s.id, SYSTEMS), 'argument');
      add(!model.tickOpen || model.openSystem !== -1, 'state');
      problems.push(...clock());
      if (problems.length === 0) model.openSystem = s.id as number;
      return problems;
    case 'endSystem':
      if (!model.on) return [];
      if (model.clock === CLOCK_THROWS) return ['clock throws'];
      add(!isId(s.id, SYSTEMS), 'argument');
      add(!model.tickOpen || model.openSystem !== s.id, 'state');
      problems.push(...clock());
      if (problems.length === 0) model.openSystem = -1;
      return problems;
    case 'endTick':
      if (!model.on) return [];
      if (model.clock === CLOCK_THROWS) return ['clock throws'];
      add(!model.tickOpen || model.openSystem !== -1, 'state');
      add(!isCount(s.count), 'argument');
      problems.push(...clock());
      if (problems.length === 0) model.tickOpen = false;
      return problems;
    case 'tag':
      if (!(model.on && model.tagsWanted)) return [];
      add(!isId(s.id, TAGS) || !isCount(s.bytes), 'argument');
      return problems;
    case 'abandonTick':
      Object.assign(model, { tickOpen: false, openSystem: -1 });
      return [];
    case 'enabled':
      if (typeof s.value !== 'boolean') return ['argument'];
      model.wanted = s.value;
      if (!s.value) Object.assign(model, { on: false, tickOpen: false, openSystem: -1 });
      return [];
    case 'tagging':
      if (typeof s.value !== 'boolean') return ['argument'];
      model.tagsWanted = s.value;
      return [];
    case 'clock':
      model.clock = s.value;
      return [];
    default:
      return [];
  }
}

/** Applies `s` to one twin: a profiler call, or the game's own work on the arena, pool and clock. */
function apply(twin: Twin, s: Step): void {
  const { profiler, arena, pool, handles, clock } = twin;
  // biome-ignore lint/suspicious/noExplicitAny: bad arguments are the point
  const loose = profiler as any;
  switch (s.call) {
    case 'beginTick':
      profiler.beginTick();
      return;
    case 'beginSystem':
      loose.beginSystem(s.id);
      return;
    case 'endSystem':
      loose.endSystem(s.id);
      return;
    case 'endTick':
      loose.endTick(s.count);
      return;
    case 'tag':
      loose.tag(s.id, s.bytes);
      return;
    case 'abandonTick':
      profiler.abandonTick();
      return;
    case 'enabled':
      loose.enabled = s.value;
      return;
    case 'tagging':
      loose.tagging = s.value;
      return;
    case 'work': {
      arena.tryAlloc(s.bytes);
      if (s.pool === 'alloc') {
        const handle = pool.tryAlloc();
        if (handle >= 0) handles.push(handle);
      } else if (s.pool === 'free' && handles.length > 0) {
        pool.free(handles.pop()!);
      }
      if (typeof clock.value === 'number') clock.value += s.ms;
      return;
    }
    case 'reset':
      arena.reset();
      return;
    case 'clock':
      clock.value = s.value;
      return;
  }
}

/** What a caller can see without a snapshot, the watched objects' borrowed fields included. */
function visible(twin: Twin) {
  const p = twin.profiler;
  return {
    enabled: p.enabled,
    tagging: p.tagging,
    recording: p.recording,
    isTickOpen: p.isTickOpen,
    totalTicks: p.totalTicks,
    arena: [twin.arena.used, twin.arena.allocCount, twin.arena.failureCount],
    pool: twin.pool.live,
    highWater: [twin.arena.highWater, twin.pool.highWater],
  };
}

/** Everything recorded, as comparable plain data (NaN spelled out so equal NaNs compare equal). */
function recorded(twin: Twin): string {
  return JSON.stringify(twin.profiler.snapshot(), (_, value) =>
    ArrayBuffer.isView(value) ? Array.from(value as Float64Array, String) : value,
  );
}

function matchesProblem(error: unknown, problems: readonly Problem[]): boolean {
  if (error instanceof ProfilerStateError) return problems.includes('state');
  if (!(error instanceof Error)) return false;
  if (error.message === 'clock broke') return problems.includes('clock throws');
  if (/(^|\W)clock must /.test(error.message)) return problems.includes('clock value');
  return (error instanceof TypeError || error instanceof RangeError) && / must /.test(error.message)
    ? problems.includes('argument')
    : false;
}

describe('the tick protocol (model-based)', () => {
  it('throws exactly when the rules say, with their error, and a throwing call changes nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const withFailures = makeTwin();
        const withoutFailures = makeTwin();
        const unwatched = makeTwin();
        const model: Model = {
          wanted: true,
          on: true,
          tagsWanted: false,
          tickOpen: false,
          openSystem: -1,
          clock: 0,
        };
        for (const s of steps) {
          const problems = predict(model, s);
          let error: unknown = null;
          try {
            apply(withFailures, s);
          } catch (caught) {
            error = caught;
          }
          if (problems.length === 0) {
            expect(error, `${s.call} should succeed`).toBeNull();
            apply(withoutFailures, s);
          } else {
            expect(error, `${s.call} should fail with one of ${problems.join(', ')}`).not.toBeNull();
            expect(
              matchesProblem(error, problems),
              `${String(error)} is not one of ${problems.join(', ')}`,
            ).toBe(true);
          }
          expect(visible(withFailures)).toEqual(visible(withoutFailures));
          if (s.call === 'work' || s.call === 'reset' || s.call === 'clock') apply(unwatched, s);
          if (!withFailures.profiler.isTickOpen) {
            expect(visible(withFailures).highWater).toEqual(visible(unwatched).highWater);
          }
        }
        // Close what is open with good calls, so anything a failed call left in the open tick shows.
        for (const twin of [withFailures, withoutFailures]) {
          twin.clock.value = 100;
          if (model.on && model.tickOpen) {
            if (model.openSystem !== -1) twin.profiler.endSystem(model.openSystem);
            twin.profiler.endTick(0);
          }
        }
        expect(recorded(withFailures)).toEqual(recorded(withoutFailures));
        const snapshot = withFailures.profiler.snapshot();
        const length = Math.min(snapshot.totalTicks, WINDOW);
        const series = [
          snapshot.ticks,
          ...snapshot.pools.map((p) => p.series),
          ...snapshot.systems.map((s) => s.series),
          ...snapshot.tags.map((t) => t.series),
        ].flatMap((group) => Object.values(group));
        expect(series.every((values) => values.length === length)).toBe(true);
      }),
      { numRuns: 400, examples: DEFECTS.map((steps) => [steps]) },
    );
  });
});
