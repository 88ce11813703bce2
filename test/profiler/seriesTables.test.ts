/**
 * The series tables drive everything else: each entry is a ring of the profiler, an array of the
 * snapshot, a CSV column, a report metric and its trace uses, and nothing else is. These checks fail
 * when a consumer lists series by hand and misses one.
 */
import { describe, expect, it } from 'vitest';
import {
  POOL_SERIES,
  RingBuffer,
  type SeriesTable,
  SYSTEM_SERIES,
  summarize,
  TAG_SERIES,
  TICK_SERIES,
  type TraceFile,
  tickColumns,
  toTraceJson,
} from '../../src/profiler/index.ts';
import { makeRig, runTick } from './helpers.ts';

const TABLES = { ticks: TICK_SERIES, pools: POOL_SERIES, systems: SYSTEM_SERIES, tags: TAG_SERIES };

function recordedRig() {
  const rig = makeRig({ tags: ['scratch'], tagging: true, window: 8 });
  for (let tick = 0; tick < 11; tick++) {
    runTick(rig, [
      { id: 0, ms: 1, bytes: 16, allocs: 2 },
      { id: 1, ms: 2, bytes: 8, allocs: 1 },
    ]);
  }
  return rig;
}

/** `[group, subject name, live rings, snapshot arrays]` for every subject of every group. */
function subjects(rig: ReturnType<typeof recordedRig>) {
  const { profiler } = rig;
  const snapshot = profiler.snapshot();
  return [
    ['ticks', '', profiler.ticks, snapshot.ticks] as const,
    ...profiler.pools.map((p, i) => ['pools', p.name, p, snapshot.pools[i].series] as const),
    ...profiler.systems.map((s, i) => ['systems', s.name, s, snapshot.systems[i].series] as const),
    ...profiler.tags.map((t, i) => ['tags', t.name, t, snapshot.tags[i].series] as const),
  ];
}

describe('the series tables', () => {
  const rig = recordedRig();

  it('give every subject exactly one ring per entry, of the entry’s array type, and the snapshot one array each', () => {
    for (const [group, , live, copied] of subjects(rig)) {
      const table: SeriesTable = TABLES[group];
      const keys = Object.keys(table);
      expect(Object.keys(live).filter((key) => key !== 'name')).toEqual(keys);
      expect(Object.keys(copied)).toEqual(keys);
      for (const key of keys) {
        const ring = (live as unknown as Record<string, RingBuffer<Float64Array | Float32Array>>)[key];
        expect(ring).toBeInstanceOf(RingBuffer);
        expect(ring.data).toBeInstanceOf(table[key].array);
        expect(ring.length).toBe(8);
        expect(Array.from((copied as Record<string, Float64Array>)[key])).toEqual(Array.from(ring.toArray()));
      }
    }
  });

  it('give the CSV one column per entry with a column name, and the report one metric per non-axis column', () => {
    const snapshot = rig.profiler.snapshot();
    const expected = subjects(rig).flatMap(([group, name]) =>
      Object.values(TABLES[group] as SeriesTable).flatMap((d) => {
        if (d.column === null) return [];
        const key = group === 'ticks' ? d.column : `${group.slice(0, -1)}.${name}.${d.column}`;
        return [{ key, unit: d.unit, axis: d.axis === true }];
      }),
    );
    expect(tickColumns(snapshot).map((c) => ({ key: c.key, unit: c.unit }))).toEqual(
      expected.map(({ key, unit }) => ({ key, unit })),
    );
    expect(summarize(snapshot).metrics.map((m) => m.key)).toEqual(
      expected.filter((c) => !c.axis).map((c) => c.key),
    );
  });

  it('give the trace every arg and counter series the entries name', () => {
    const trace = JSON.parse(toTraceJson(rig.profiler.snapshot())) as TraceFile;
    const argsOf = (name: string) => Object.keys(trace.traceEvents.find((e) => e.name === name)?.args ?? {});
    const uses = (table: SeriesTable, kind: string) =>
      Object.values(table).flatMap((d) => d.trace.filter((u) => u.kind === kind).map((u) => u.name));
    expect(argsOf('tick')).toEqual(uses(TICK_SERIES, 'arg'));
    expect(argsOf('spawn')).toEqual(uses(SYSTEM_SERIES, 'arg'));
    expect(argsOf('arena')).toEqual(uses(TICK_SERIES, 'counter'));
    expect(argsOf('pool particles')).toEqual(uses(POOL_SERIES, 'counter'));
  });
});
