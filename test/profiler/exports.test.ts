import { describe, expect, it } from 'vitest';
import {
  type ProfileSnapshot,
  TRACE_TID,
  type TraceEvent,
  type TraceFile,
  tickColumns,
  toCsv,
  toTraceJson,
} from '../../src/profiler/index.ts';
import { makeRig, type Rig, runTick } from './helpers.ts';

const [SPAWN, PHYSICS, RENDER] = [0, 1, 2];

/** Six ticks: render is skipped in odd ticks, spawn runs twice in tick 2, tick 4 runs the arena out. */
function recordSix(rig: Rig): void {
  for (let tick = 0; tick < 6; tick++) {
    rig.clock.advance(10);
    if (tick === 4) {
      rig.arena.reset();
      rig.profiler.beginTick();
      rig.profiler.beginSystem(PHYSICS);
      rig.arena.tryAlloc(1 << 20);
      rig.clock.advance(1);
      rig.profiler.endSystem(PHYSICS);
      rig.profiler.endTick(tick);
      continue;
    }
    const steps = [
      { id: SPAWN, ms: 1, bytes: 32, allocs: 2 },
      { id: PHYSICS, ms: 2.5, bytes: 8, allocs: 1 },
      ...(tick === 2 ? [{ id: SPAWN, ms: 0.5, bytes: 16, allocs: 1 }] : []),
      ...(tick % 2 === 0 ? [{ id: RENDER, ms: 1.25 }] : []),
    ];
    runTick(rig, steps, 100 + tick);
  }
}

function recorded(window?: number): ProfileSnapshot {
  const rig = makeRig(window === undefined ? {} : { window });
  recordSix(rig);
  return rig.profiler.snapshot();
}

describe('toTraceJson', () => {
  const trace = JSON.parse(toTraceJson(recorded(), { processName: 'demo' })) as TraceFile;
  const events = trace.traceEvents;
  const ofPhase = (ph: TraceEvent['ph']) => events.filter((e) => e.ph === ph);

  it('parses and names the process and thread in metadata events', () => {
    expect(trace.displayTimeUnit).toBe('ms');
    expect(ofPhase('M').map((e) => [e.name, e.args?.name])).toEqual([
      ['process_name', 'demo'],
      ['thread_name', 'simulation'],
    ]);
  });

  it('has one complete tick event per tick, in µs, on the simulation thread', () => {
    const ticks = ofPhase('X').filter((e) => e.name === 'tick');
    expect(ticks.map((e) => e.args?.tick)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks.every((e) => e.tid === TRACE_TID && e.cat === 'tick')).toBe(true);
    expect(ticks[0].ts).toBe(0);
    expect(ticks[0].dur).toBe(4750); // 1 + 2.5 + 1.25 ms
    expect(ticks[1].ts - ticks[0].ts).toBe(14_750); // 10 ms gap after 4.75 ms of tick 0
  });

  it.each([
    { name: 'spawn', ticks: [0, 1, 2, 3, 5] },
    { name: 'physics', ticks: [0, 1, 2, 3, 4, 5] },
    { name: 'render', ticks: [0, 2] },
  ])('has one complete event for $name per tick it ran, nested in that tick', ({ name, ticks }) => {
    const tickEvents = ofPhase('X').filter((e) => e.name === 'tick');
    const mine = ofPhase('X').filter((e) => e.name === name);
    const owners = mine.map((e) =>
      tickEvents.findIndex((t) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0)),
    );
    expect(owners).toEqual(ticks);
    expect(mine.every((e) => e.cat === 'system' && typeof e.args?.bytes === 'number')).toBe(true);
  });

  it('sums a system that ran twice into one event at its first start', () => {
    const spawnInTick2 = ofPhase('X').filter((e) => e.name === 'spawn')[2];
    expect(spawnInTick2.dur).toBe(1500);
    expect(spawnInTick2.args).toMatchObject({ bytes: 80, allocations: 3, calls: 2 });
  });

  it('has counter tracks for the arena (used, peak) and each pool (live, peak), one sample per tick', () => {
    const counters = ofPhase('C');
    expect([...new Set(counters.map((e) => e.name))]).toEqual(['arena', 'pool particles']);
    const arena = counters.filter((e) => e.name === 'arena');
    expect(arena).toHaveLength(6);
    expect(arena[0].args).toEqual({ used: 72, peak: 72 });
    expect(Object.keys(counters.find((e) => e.name === 'pool particles')?.args ?? {})).toEqual([
      'live',
      'peak',
    ]);
  });

  it('marks the tick that ran out with an instant event', () => {
    const instants = ofPhase('i');
    expect(instants.map((e) => [e.name, e.args?.failures])).toEqual([['arena ran out', 1]]);
  });

  it('emits every timed event in non-decreasing ts order', () => {
    const ts = events.filter((e) => e.ph !== 'M').map((e) => e.ts);
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1])).toBe(true);
  });
});

describe('toCsv', () => {
  const expectedHeader = [
    'tick,start_ms,tick_ms,entities,arena.used,arena.peak,arena.allocs,arena.failures',
    'heap.garbage,gc.collections,gc.pause_ms',
    'pool.particles.live,pool.particles.peak,pool.particles.allocs,pool.particles.frees,pool.particles.failures',
    ...['spawn', 'physics', 'render'].map((s) =>
      ['ms', 'bytes', 'peak_bytes', 'allocs', 'failures', 'calls', 'garbage', 'collections']
        .map((m) => `system.${s}.${m}`)
        .join(','),
    ),
  ].join(',');

  it.each([
    { window: undefined, rows: 6, first: 0 },
    { window: 4, rows: 4, first: 2 },
    { window: 1, rows: 1, first: 5 },
  ])('writes the header and one row per recorded tick (window $window)', ({ window, rows, first }) => {
    const snapshot = recorded(window);
    const lines = toCsv(snapshot).trimEnd().split('\n');
    expect(lines[0]).toBe(expectedHeader);
    expect(lines).toHaveLength(rows + 1);
    const width = tickColumns(snapshot).length;
    expect(lines.every((line) => line.split(',').length === width)).toBe(true);
    expect(lines[1].split(',')[0]).toBe(String(first));
  });

  it('writes ms with 3 decimals and counts as whole numbers', () => {
    const row = toCsv(recorded()).split('\n')[1].split(',');
    expect(row.slice(0, 8)).toEqual(['0', '10.000', '4.750', '100', '72', '72', '3', '0']);
  });

  it('quotes names that contain commas or quotes', () => {
    const rig = makeRig({ systems: ['a,b', 'say "hi"'] });
    runTick(rig, []);
    const header = toCsv(rig.profiler.snapshot()).split('\n')[0];
    expect(header).toContain('"system.a,b.ms"');
    expect(header).toContain('"system.say ""hi"".ms"');
  });
});
