/**
 * Bad input to the report, export and ring functions: a TypeError or RangeError whose message names
 * the argument, before any work. Each case was reproduced on the code before the fix.
 */
import { describe, expect, it } from 'vitest';
import {
  adviseSizing,
  type BufferUsage,
  formatReport,
  formatTable,
  percentile,
  percentileOfSorted,
  RingBuffer,
  seriesStats,
  summarize,
  toCsv,
  toTraceEvents,
  toTraceJson,
} from '../../src/profiler/index.ts';
import { captureError, makeRig, naming, runTick, untyped } from './helpers.ts';

describe('report options', () => {
  const usage: BufferUsage = { name: 'arena', kind: 'arena', capacity: 1000, peak: 100, failures: 0 };
  const snapshot = () => {
    const rig = makeRig();
    runTick(rig, [{ id: 0, ms: 1 }]);
    return rig.profiler.snapshot();
  };

  it.each([
    ['headroom', '0.5'],
    ['nearLimit', '0.1'],
    ['headroom', 1n],
  ])('adviseSizing and summarize reject %s: %o with a TypeError naming it', (name, value) => {
    expect(() => adviseSizing(usage, { [name]: untyped(value) })).toThrow(TypeError);
    expect(() => adviseSizing(usage, { [name]: untyped(value) })).toThrow(naming(name));
    expect(() => summarize(snapshot(), { [name]: untyped(value) })).toThrow(TypeError);
  });

  it.each([
    ['maxSpikes', -1, RangeError],
    ['maxSpikes', 1.5, RangeError],
    ['topSystems', Number.NaN, RangeError],
    ['topSystems', '3', TypeError],
  ])('summarize rejects %s: %o naming it', (name, value, ErrorType) => {
    const error = captureError(() => summarize(snapshot(), { [name]: untyped(value) }));
    expect(error).toBeInstanceOf(ErrorType);
    expect((error as Error).message).toMatch(naming(name));
  });

  it.each([
    ['null usage', null, naming('usage')],
    ['peak as a string', { ...usage, peak: '100' }, naming('usage.peak')],
    ['unknown kind', { ...usage, kind: 'heap' }, naming('usage.kind')],
  ])('adviseSizing rejects %s', (_, bad, names) => {
    expect(() => adviseSizing(untyped(bad))).toThrow(names);
  });
});

describe('missing arguments of the report functions', () => {
  it.each([
    ['summarize', () => summarize(untyped(null)), naming('snapshot')],
    ['toCsv', () => toCsv(untyped(null)), naming('snapshot')],
    ['toTraceJson', () => toTraceJson(untyped(null)), naming('snapshot')],
    [
      'toTraceEvents',
      () => toTraceEvents(untyped({ ...recordedSnapshot(), ticks: null })),
      naming('snapshot.ticks'),
    ],
    [
      'summarize of a snapshot without tickMs',
      () => summarize(untyped(partialSnapshot())),
      naming('snapshot.ticks.tickMs'),
    ],
    ['formatReport', () => formatReport(untyped(null)), naming('report')],
    ['percentile', () => percentile(untyped(null), 50), naming('values')],
    ['percentileOfSorted', () => percentileOfSorted(untyped(undefined), 50), naming('sorted')],
    ['seriesStats', () => seriesStats(untyped(null), []), naming('values')],
  ])('%s throws a TypeError naming the argument', (_, call, names) => {
    const error = captureError(call);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(names);
  });

  it("percentile(values, '50') throws a TypeError naming p", () => {
    expect(() => percentile([1, 2], untyped('50'))).toThrow(TypeError);
    expect(() => percentile([1, 2], untyped('50'))).toThrow(naming('p'));
  });
});

function recordedSnapshot() {
  const rig = makeRig();
  runTick(rig, []);
  return rig.profiler.snapshot();
}

function partialSnapshot() {
  const snapshot = recordedSnapshot();
  const { tickMs: _, ...ticks } = snapshot.ticks;
  return { ...snapshot, ticks };
}

describe('formatTable', () => {
  it('never ends a line with a space, even with an empty column', () => {
    const text = formatTable(
      [{ header: 'name' }, { header: '' }, { header: '', align: 'right' }],
      [
        ['a', '', ''],
        ['bb', ''],
      ],
    );
    expect(text.split('\n').filter((line) => line.endsWith(' '))).toEqual([]);
    expect(text).toBe(['name', '----', 'a', 'bb'].join('\n'));
  });

  it.each([
    ['columns', () => formatTable(untyped(null), [])],
    ['rows', () => formatTable([{ header: 'a' }], untyped('x'))],
    ['rows[0][0]', () => formatTable([{ header: 'a' }], untyped([[5]]))],
  ])('rejects bad %s with a TypeError naming it', (name, call) => {
    const error = captureError(call);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(naming(name));
  });
});

describe('RingBuffer arguments', () => {
  const ring = () => {
    const r = new RingBuffer(5);
    for (const v of [1, 2, 3]) r.push(v);
    return r;
  };

  it.each([10, 3, -1, -1e-200, 0.5])('recent(%d) on 3 values throws a RangeError naming age', (age) => {
    expect(() => ring().recent(age)).toThrow(RangeError);
    expect(() => ring().recent(age)).toThrow(naming('age'));
  });

  it.each([
    ['get', 'index'],
    ['recent', 'age'],
  ] as const)("%s('0') throws a TypeError naming %s", (method, name) => {
    expect(() => ring()[method](untyped('0'))).toThrow(TypeError);
    expect(() => ring()[method](untyped('0'))).toThrow(naming(name));
  });

  it('copyTo names its arguments', () => {
    expect(() => ring().copyTo(untyped(null))).toThrow(naming('out'));
    expect(() => ring().copyTo(new Float64Array(9), untyped('1'))).toThrow(naming('outOffset'));
    expect(() => ring().copyTo(new Float64Array(3), 1)).toThrow(naming('outOffset'));
  });

  it.each([
    ['capacity', () => new RingBuffer(untyped('3'))],
    ['ArrayType', () => new RingBuffer(3, untyped(Array))],
  ])('the constructor rejects a bad %s with a TypeError naming it', (name, make) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(naming(name));
  });
});
