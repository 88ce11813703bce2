/**
 * Bad input to the TickProfiler: options, setters and calls get a TypeError or RangeError whose message
 * names the argument, thrown before anything changes, the watched arena and pools included. Each case
 * was reproduced on the code before the fix.
 */
import { describe, expect, it } from 'vitest';
import { FixedBufferAllocator } from '../../src/memory/index.ts';
import { TickProfiler } from '../../src/profiler/index.ts';
import { captureError, makeRig, naming, untyped } from './helpers.ts';

function arenaFields() {
  return { capacity: 64, used: 0, highWater: 0, allocCount: 0, failureCount: 0 };
}

function poolFields() {
  return { capacity: 4, maxCapacity: 4, live: 0, highWater: 0, allocCount: 0, freeCount: 0, failureCount: 0 };
}

describe('TickProfiler options', () => {
  const arena = new FixedBufferAllocator(64);
  const frozenHighWater = Object.defineProperty(arenaFields(), 'highWater', { value: 0, writable: false });
  const cases: [string, Record<string, unknown>, 'TypeError' | 'RangeError', RegExp][] = [
    ['clock: 5', { arena, clock: 5 }, 'TypeError', naming('clock')],
    ["systems: 'ab'", { arena, systems: 'ab' }, 'TypeError', naming('systems')],
    ['systems: [1]', { arena, systems: [1] }, 'TypeError', naming('systems[0]')],
    ['tags: {}', { arena, tags: {} }, 'TypeError', naming('tags')],
    ['arena: 5', { arena: 5 }, 'TypeError', naming('arena')],
    ['no arena', {}, 'TypeError', naming('arena')],
    ["arena.used: '0'", { arena: { ...arenaFields(), used: '0' } }, 'TypeError', naming('arena.used')],
    ['arena.highWater read-only', { arena: frozenHighWater }, 'TypeError', naming('arena.highWater')],
    ['pools: { p: 5 }', { arena, pools: { p: 5 } }, 'TypeError', naming('pools.p')],
    [
      'pools.p without live',
      { arena, pools: { p: { ...poolFields(), live: undefined } } },
      'TypeError',
      naming('pools.p.live'),
    ],
    ['pools: a Map', { arena, pools: new Map() }, 'TypeError', naming('pools')],
    ["pools: { '': pool }", { arena, pools: { '': poolFields() } }, 'RangeError', naming('pools')],
    ["window: '5'", { arena, window: '5' }, 'TypeError', naming('window')],
    ["enabled: 'no'", { arena, enabled: 'no' }, 'TypeError', naming('enabled')],
    ['tagging: 1', { arena, tagging: 1 }, 'TypeError', naming('tagging')],
  ];

  it.each(cases)('%s throws a %s naming the option', (_, options, errorName, names) => {
    const error = captureError(() => new TickProfiler(untyped(options)));
    expect(error).toBeInstanceOf({ TypeError, RangeError }[errorName]);
    expect((error as Error).message).toMatch(names);
  });

  it.each([null, 5, 'arena'])('options %o throws a TypeError naming options', (options) => {
    expect(() => new TickProfiler(untyped(options))).toThrow(naming('options'));
  });

  it('accepts an arena-like object and a pool-like object with the documented fields', () => {
    const profiler = new TickProfiler({ arena: arenaFields(), pools: { p: poolFields() } });
    profiler.beginTick();
    profiler.endTick(0);
    expect(profiler.snapshot().pools[0].series.live[0]).toBe(0);
  });
});

describe('TickProfiler setters', () => {
  it.each([
    ['enabled', 'no'],
    ['enabled', 0],
    ['tagging', 'yes'],
    ['tagging', null],
  ])('%s = %o throws a TypeError naming it and changes nothing', (name, value) => {
    const { profiler } = makeRig();
    const before = [profiler.enabled, profiler.tagging];
    expect(() => Object.assign(profiler, { [name]: value })).toThrow(naming(name));
    expect([profiler.enabled, profiler.tagging]).toEqual(before);
  });
});

describe('TickProfiler calls with bad arguments change nothing', () => {
  it('a clock that returns no number fails beginTick before the tick opens or highWater is borrowed', () => {
    const rig = makeRig({ clock: () => untyped(5n) });
    rig.arena.alloc(300);
    rig.arena.reset();
    rig.particles.alloc();
    const before = [rig.arena.highWater, rig.particles.highWater];
    expect(() => rig.profiler.beginTick()).toThrow(TypeError);
    expect(() => rig.profiler.beginTick()).toThrow(naming('clock'));
    expect(rig.profiler.isTickOpen).toBe(false);
    expect([rig.arena.highWater, rig.particles.highWater]).toEqual(before);
  });

  it('a clock that throws fails beginTick before the tick opens or highWater is borrowed', () => {
    const rig = makeRig({
      clock: () => {
        throw new Error('clock broke');
      },
    });
    rig.arena.alloc(300);
    rig.arena.reset();
    expect(() => rig.profiler.beginTick()).toThrow('clock broke');
    expect(rig.profiler.isTickOpen).toBe(false);
    expect(rig.arena.highWater).toBe(300);
  });

  it.each([
    ['a BigInt', 5n, TypeError],
    ['a string', '5', TypeError],
    ['a Symbol', Symbol('n'), TypeError],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError],
    ['a fraction', 2.5, RangeError],
  ])('endTick(%s) throws naming entityCount before any series grows', (_, count, ErrorType) => {
    const rig = makeRig();
    rig.profiler.beginTick();
    const error = captureError(() => rig.profiler.endTick(untyped(count)));
    expect(error).toBeInstanceOf(ErrorType);
    expect((error as Error).message).toMatch(naming('entityCount'));
    expect(rig.profiler.isTickOpen).toBe(true);
    rig.profiler.endTick(3);
    const ticks = rig.profiler.snapshot().ticks;
    expect(Object.values(ticks).map((series) => series.length)).toEqual(Object.values(ticks).map(() => 1));
    expect(ticks.entities[0]).toBe(3);
  });

  it.each([
    ['a string', '8', TypeError],
    ['a BigInt', 8n, TypeError],
    ['NaN', Number.NaN, RangeError],
    ['a negative number', -5, RangeError],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError],
    ['a fraction', 0.5, RangeError],
  ])('tag(id, %s) throws naming bytes and records nothing', (_, bytes, ErrorType) => {
    const rig = makeRig({ tags: ['paths'], tagging: true });
    rig.profiler.beginTick();
    const error = captureError(() => rig.profiler.tag(0, untyped(bytes)));
    expect(error).toBeInstanceOf(ErrorType);
    expect((error as Error).message).toMatch(naming('bytes'));
    rig.profiler.tag(0, 8);
    rig.profiler.endTick(0);
    const tag = rig.profiler.snapshot().tags[0].series;
    expect([tag.bytes[0], tag.count[0]]).toEqual([8, 1]);
  });

  it.each([
    ['a string', '0'],
    ['a BigInt', 0n],
    ['a Symbol', Symbol('id')],
  ])('tag(%s, 8) throws a TypeError naming tagId', (_, id) => {
    const rig = makeRig({ tags: ['paths'], tagging: true });
    rig.profiler.beginTick();
    expect(() => rig.profiler.tag(untyped(id), 8)).toThrow(TypeError);
    expect(() => rig.profiler.tag(untyped(id), 8)).toThrow(naming('tagId'));
  });

  it.each([
    ['beginSystem', 0n],
    ['beginSystem', '0'],
    ['endSystem', Symbol('id')],
  ] as const)('%s(%o) throws a TypeError naming id', (method, id) => {
    const rig = makeRig();
    rig.profiler.beginTick();
    if (method === 'endSystem') rig.profiler.beginSystem(0);
    expect(() => rig.profiler[method](untyped(id))).toThrow(TypeError);
    expect(() => rig.profiler[method](untyped(id))).toThrow(naming('id'));
  });

  it.each([
    ['addSystem', 5],
    ['addTag', Symbol('t')],
    ['systemId', 5],
    ['tagId', null],
  ] as const)('%s(%o) throws a TypeError naming name', (method, name) => {
    const { profiler } = makeRig();
    expect(() => profiler[method](untyped(name))).toThrow(TypeError);
    expect(() => profiler[method](untyped(name))).toThrow(naming('name'));
  });

  it('runSystem with no function throws naming system and records no run', () => {
    const rig = makeRig();
    rig.profiler.beginTick();
    expect(() => rig.profiler.runSystem(0, untyped(5), 0)).toThrow(naming('system'));
    rig.profiler.endTick(0);
    expect(rig.profiler.snapshot().systems[0].series.calls[0]).toBe(0);
  });
});
