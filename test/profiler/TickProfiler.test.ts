import { describe, expect, it } from 'vitest';
import { FixedBufferAllocator } from '../../src/memory/index.ts';
import { bufferUsages, ProfilerStateError, TickProfiler } from '../../src/profiler/index.ts';
import { captureError, makeRig, type Rig, runTick } from './helpers.ts';

const [SPAWN, PHYSICS, RENDER] = [0, 1, 2];

/**
 * The scripted tick: spawn allocates 64 + 32 bytes and two particles; physics takes a 200-byte scratch
 * buffer, rolls it back and keeps 16 bytes; render asks for more than the arena has (refused) and
 * churns the pool until it is full (one refusal); 8 bytes are allocated outside any system.
 */
function scriptedTick(rig: Rig): void {
  const { arena, particles, profiler, clock } = rig;
  arena.reset();
  clock.now = 100;
  profiler.beginTick();
  clock.advance(0.25); // before the first system: time outside systems
  profiler.beginSystem(SPAWN);
  arena.alloc(64);
  arena.alloc(32);
  const first = particles.alloc();
  particles.alloc();
  clock.advance(2);
  profiler.endSystem(SPAWN);

  profiler.beginSystem(PHYSICS);
  const mark = arena.mark();
  arena.alloc(200);
  arena.rollback(mark);
  arena.alloc(16);
  clock.advance(3);
  profiler.endSystem(PHYSICS);

  profiler.beginSystem(RENDER);
  expect(arena.tryAlloc(4096)).toBe(-1);
  particles.free(first);
  for (let i = 0; i < 4; i++) particles.tryAlloc();
  clock.advance(1);
  profiler.endSystem(RENDER);

  arena.alloc(8);
  clock.advance(0.5);
  profiler.endTick(42);
}

describe('TickProfiler: per-tick and per-system attribution', () => {
  const rig = makeRig();
  scriptedTick(rig);
  const snap = rig.profiler.snapshot();

  it('records the whole tick', () => {
    const t = snap.ticks;
    expect({
      tick: t.tick[0],
      startMs: t.startMs[0],
      tickMs: t.tickMs[0],
      entities: t.entities[0],
      arenaUsed: t.arenaUsed[0],
      arenaPeak: t.arenaPeak[0],
      arenaAllocations: t.arenaAllocations[0],
      arenaFailures: t.arenaFailures[0],
    }).toEqual({
      tick: 0,
      startMs: 100,
      tickMs: 6.75,
      entities: 42,
      arenaUsed: 120,
      arenaPeak: 296,
      arenaAllocations: 5,
      arenaFailures: 1,
    });
  });

  it('records the pool: live, peak and the diffs of its monotonic counters', () => {
    const s = snap.pools[0].series;
    expect(snap.pools[0].name).toBe('particles');
    expect([s.live[0], s.peak[0], s.allocations[0], s.frees[0], s.failures[0]]).toEqual([4, 4, 5, 1, 1]);
  });

  it.each([
    { id: SPAWN, offsetMs: 0.25, ms: 2, bytes: 96, peakBytes: 96, allocations: 2, failures: 0 },
    { id: PHYSICS, offsetMs: 2.25, ms: 3, bytes: 16, peakBytes: 200, allocations: 2, failures: 0 },
    { id: RENDER, offsetMs: 5.25, ms: 1, bytes: 0, peakBytes: 0, allocations: 0, failures: 1 },
  ])('attributes system $id from the arena counters at its boundaries', ({ id, ...expected }) => {
    const s = snap.systems[id].series;
    expect({
      offsetMs: s.offsetMs[0],
      ms: s.ms[0],
      bytes: s.bytes[0],
      peakBytes: s.peakBytes[0],
      allocations: s.allocations[0],
      failures: s.failures[0],
    }).toEqual(expected);
    expect(s.calls[0]).toBe(1);
  });

  it('gives the arena and pool their highWater back as if it had not borrowed them', () => {
    expect(rig.arena.highWater).toBe(296);
    expect(rig.particles.highWater).toBe(4);
    // A quieter second tick: its own peak is measured from zero, the lifetime peak stays.
    runTick(rig, [{ id: SPAWN, ms: 1, bytes: 40, allocs: 1 }]);
    const later = rig.profiler.snapshot();
    expect(Array.from(later.ticks.arenaPeak)).toEqual([296, 40]);
    expect(rig.arena.highWater).toBe(296);
    expect(later.arena).toEqual({ capacity: 1024, peak: 296, peakTick: 0, failures: 1 });
    expect(later.pools[0]).toMatchObject({ peak: 4, peakTick: 0, failures: 1, capacity: 4, maxCapacity: 4 });
  });

  it('sums a system that runs twice in a tick, and records NaN offset for one that did not run', () => {
    const r = makeRig();
    runTick(r, [
      { id: SPAWN, ms: 1, bytes: 8, allocs: 2 },
      { id: PHYSICS, ms: 4 },
      { id: SPAWN, ms: 2, bytes: 24, allocs: 1 },
    ]);
    const s = r.profiler.snapshot().systems;
    expect([s[SPAWN].series.calls[0], s[SPAWN].series.ms[0], s[SPAWN].series.bytes[0]]).toEqual([2, 3, 40]);
    expect(s[SPAWN].series.allocations[0]).toBe(3);
    expect(s[SPAWN].series.peakBytes[0]).toBe(24);
    expect(s[RENDER].series.calls[0]).toBe(0);
    expect(s[RENDER].series.offsetMs[0]).toBeNaN();
  });

  it('counts allocations correctly when the game resets the arena after beginTick', () => {
    const r = makeRig();
    runTick(r, [{ id: SPAWN, ms: 1, bytes: 8, allocs: 3 }]);
    r.profiler.beginTick();
    r.arena.reset(); // late reset: the counters restart below the profiler's reading
    r.profiler.beginSystem(SPAWN);
    r.arena.alloc(8);
    r.profiler.endSystem(SPAWN);
    r.profiler.endTick(0);
    const snapshot = r.profiler.snapshot();
    expect(Array.from(snapshot.ticks.arenaAllocations)).toEqual([3, 1]);
    expect(Array.from(snapshot.systems[SPAWN].series.allocations)).toEqual([3, 1]);
  });

  it('keeps the last `window` ticks, numbered since the start', () => {
    const r = makeRig({ window: 5 });
    for (let i = 0; i < 12; i++) runTick(r, [{ id: SPAWN, ms: i }], i * 10);
    const t = r.profiler.snapshot().ticks;
    expect(r.profiler.totalTicks).toBe(12);
    expect(Array.from(t.tick)).toEqual([7, 8, 9, 10, 11]);
    expect(Array.from(t.entities)).toEqual([70, 80, 90, 100, 110]);
    expect(r.profiler.systems[SPAWN].ms.recent(0)).toBe(11);
  });

  it('records tags only while tagging is on, one branch otherwise', () => {
    const r = makeRig({ tags: ['paths'] });
    const PATHS = r.profiler.tagId('paths');
    const tickWithTags = () => {
      r.arena.reset();
      r.profiler.beginTick();
      r.profiler.tag(PATHS, 100);
      r.profiler.tag(PATHS, 28);
      r.profiler.tag(99, 1); // unknown id: ignored while tagging is off, thrown on while it is on
      r.profiler.endTick(0);
    };
    tickWithTags();
    r.profiler.tagging = true;
    expect(tickWithTags).toThrow(RangeError);
    r.profiler.abandonTick();
    r.arena.reset();
    r.profiler.beginTick();
    r.profiler.tag(PATHS, 100);
    r.profiler.tag(PATHS, 28);
    r.profiler.endTick(0);
    const tag = r.profiler.snapshot().tags[0];
    expect(Array.from(tag.series.bytes)).toEqual([0, 128]);
    expect(Array.from(tag.series.count)).toEqual([0, 2]);
  });

  it('records nothing while disabled, and a toggle takes effect at a safe point', () => {
    const r = makeRig({ enabled: false });
    r.profiler.endTick(0); // out of order, but a disabled profiler only branches
    runTick(r, [{ id: SPAWN, ms: 1 }]);
    expect(r.profiler.totalTicks).toBe(0);

    r.profiler.enabled = true; // mid-loop: the rest of this tick stays unrecorded
    r.profiler.endSystem(SPAWN);
    r.profiler.endTick(0);
    runTick(r, [{ id: SPAWN, ms: 1 }]);
    expect(r.profiler.totalTicks).toBe(1);

    r.arena.reset();
    r.profiler.beginTick();
    r.arena.alloc(500);
    r.profiler.enabled = false; // mid-tick: the tick is abandoned and highWater given back
    expect(r.profiler.isTickOpen).toBe(false);
    expect(r.arena.highWater).toBe(500);
    r.profiler.endTick(0);
    expect(r.profiler.totalTicks).toBe(1);
  });

  it('runSystem ends the system even when it throws', () => {
    const r = makeRig();
    r.profiler.beginTick();
    const boom = (message: string) => {
      throw new Error(message);
    };
    expect(() => r.profiler.runSystem(SPAWN, boom, 'boom')).toThrow('boom');
    r.profiler.runSystem(PHYSICS, (bytes: number) => r.arena.alloc(bytes), 24);
    r.profiler.endTick(0);
    const s = r.profiler.snapshot().systems;
    expect([s[SPAWN].series.calls[0], s[PHYSICS].series.bytes[0]]).toEqual([1, 24]);
  });

  it('clear forgets ticks and lifetime figures and reopens registration', () => {
    const r = makeRig();
    runTick(r, [{ id: SPAWN, ms: 1, bytes: 64, allocs: 1 }]);
    r.profiler.clear();
    expect(r.profiler.totalTicks).toBe(0);
    expect(r.profiler.snapshot().arena.peakTick).toBe(-1);
    expect(r.profiler.addSystem('audio')).toBe(3);
    runTick(r, [{ id: 3, ms: 1 }]);
    expect(r.profiler.snapshot().systems[3].series.ms[0]).toBe(1);
  });
});

describe('TickProfiler: bad inputs', () => {
  const stateErrors: [string, (r: Rig) => void, string][] = [
    ['endTick without beginTick', (r) => r.profiler.endTick(0), 'no-tick'],
    ['beginSystem without beginTick', (r) => r.profiler.beginSystem(SPAWN), 'no-tick'],
    ['endSystem without beginTick', (r) => r.profiler.endSystem(SPAWN), 'no-tick'],
    ['beginTick twice', (r) => [r.profiler.beginTick(), r.profiler.beginTick()], 'tick-open'],
    [
      'endSystem without beginSystem',
      (r) => [r.profiler.beginTick(), r.profiler.endSystem(SPAWN)],
      'system-not-open',
    ],
    [
      'endSystem of another system',
      (r) => [r.profiler.beginTick(), r.profiler.beginSystem(SPAWN), r.profiler.endSystem(PHYSICS)],
      'system-not-open',
    ],
    [
      'nested beginSystem',
      (r) => [r.profiler.beginTick(), r.profiler.beginSystem(SPAWN), r.profiler.beginSystem(PHYSICS)],
      'system-open',
    ],
    [
      'endTick with a system open',
      (r) => [r.profiler.beginTick(), r.profiler.beginSystem(SPAWN), r.profiler.endTick(0)],
      'system-open',
    ],
    ['addSystem after a tick', (r) => [runTick(r, []), r.profiler.addSystem('late')], 'registration-closed'],
    [
      'addTag inside the first tick',
      (r) => [r.profiler.beginTick(), r.profiler.addTag('late')],
      'registration-closed',
    ],
  ];

  it.each(stateErrors)('%s throws ProfilerStateError(%s)', (_, call, code) => {
    const r = makeRig();
    const error = captureError(() => call(r));
    expect(error).toBeInstanceOf(ProfilerStateError);
    expect(error).toMatchObject({ code, name: 'ProfilerStateError' });
  });

  it('changes nothing on a protocol error, so the tick can be finished correctly', () => {
    const r = makeRig();
    r.arena.reset();
    r.profiler.beginTick();
    r.profiler.beginSystem(SPAWN);
    r.arena.alloc(16);
    expect(() => r.profiler.endTick(0)).toThrow(ProfilerStateError);
    expect(() => r.profiler.endSystem(PHYSICS)).toThrow(ProfilerStateError);
    r.profiler.endSystem(SPAWN);
    r.profiler.endTick(3);
    const s = r.profiler.snapshot();
    expect([s.ticks.entities[0], s.systems[SPAWN].series.bytes[0], s.systems[SPAWN].series.calls[0]]).toEqual(
      [3, 16, 1],
    );
  });

  const rangeErrors: [string, (r: Rig) => unknown][] = [
    ['unknown system id', (r) => [r.profiler.beginTick(), r.profiler.beginSystem(3)]],
    ['negative system id', (r) => [r.profiler.beginTick(), r.profiler.beginSystem(-1)]],
    ['fractional system id', (r) => [r.profiler.beginTick(), r.profiler.beginSystem(0.5)]],
    ['endSystem of an unknown id', (r) => [r.profiler.beginTick(), r.profiler.endSystem(7)]],
    ['unknown system name', (r) => r.profiler.systemId('nope')],
    ['unknown tag name', (r) => r.profiler.tagId('nope')],
    ['duplicate system', (r) => r.profiler.addSystem('spawn')],
    ['empty tag name', (r) => r.profiler.addTag('')],
    ['negative entity count', (r) => [r.profiler.beginTick(), r.profiler.endTick(-1)]],
    ['NaN entity count', (r) => [r.profiler.beginTick(), r.profiler.endTick(Number.NaN)]],
  ];

  it.each(rangeErrors)('%s throws a RangeError', (_, call) => {
    expect(() => call(makeRig())).toThrow(RangeError);
  });

  it.each([0, -5, 2.5, Number.NaN, 2 ** 24 + 1])(
    'window %s throws a RangeError naming the window',
    (window) => {
      expect(() => new TickProfiler({ arena: new FixedBufferAllocator(8), window })).toThrow(/window/);
    },
  );

  it('uses a 600-tick window by default', () => {
    expect(new TickProfiler({ arena: new FixedBufferAllocator(8) }).window).toBe(600);
  });
});

describe('TickProfiler.bufferUsages', () => {
  it('is what bufferUsages(snapshot) reports, run-outs included, without taking a snapshot', () => {
    const rig = makeRig();
    scriptedTick(rig);
    const live = rig.profiler.bufferUsages();
    expect(live).toEqual(bufferUsages(rig.profiler.snapshot()));
    expect(live[0]).toMatchObject({ name: 'arena', kind: 'arena' });
    expect(live[0].failures).toBeGreaterThan(0);
    expect(live.slice(1).some((usage) => usage.failures > 0)).toBe(true);
  });
});
