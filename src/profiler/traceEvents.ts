import { requireShape } from './checks.ts';
import {
  POOL_SERIES,
  type SeriesArrays,
  type SeriesTable,
  SYSTEM_SERIES,
  TICK_SERIES,
  type TraceUse,
} from './seriesTables.ts';
import { type ProfileSnapshot, requireSnapshot } from './snapshot.ts';

/**
 * One event of the Chrome trace-event format (the JSON "traceEvents" array that Perfetto and Chrome's
 * performance panel open). Times are in microseconds.
 */
export interface TraceEvent {
  /** Event name: a system's name, 'tick', a counter track, or a metadata key. */
  readonly name: string;
  /** Phase: 'X' complete (has `dur`), 'C' counter, 'i' instant, 'M' metadata. */
  readonly ph: 'X' | 'C' | 'i' | 'M';
  /** Start, µs since the first recorded tick began (0 for metadata). */
  readonly ts: number;
  /** Duration in µs ('X' only). */
  readonly dur?: number;
  /** Process id. */
  readonly pid: number;
  /** Thread id. */
  readonly tid: number;
  /** Category: 'tick', 'system', 'memory'. */
  readonly cat?: string;
  /** Instant scope ('t': thread). */
  readonly s?: 't';
  /** Values shown when the event is selected; a counter's series. */
  readonly args?: Readonly<Record<string, number | string>>;
}

/** A trace file: serialize with `JSON.stringify` (or use {@link toTraceJson}). */
export interface TraceFile {
  /** Every event, metadata first, then in time order. */
  readonly traceEvents: TraceEvent[];
  /** How the viewer shows times. */
  readonly displayTimeUnit: 'ms';
  /** Facts about the recording, shown by viewers as trace metadata. */
  readonly otherData: Readonly<Record<string, string | number>>;
}

/** Options for {@link toTraceEvents}. */
export interface TraceOptions {
  /** Process name shown in the viewer. Default 'framepool'. */
  readonly processName?: string;
  /** Thread name of the tick track. Default 'simulation'. */
  readonly threadName?: string;
}

/** Process id of every event. */
export const TRACE_PID = 1;
/** Thread id of the tick track: ticks, with the systems nested inside them. */
export const TRACE_TID = 1;

/**
 * The recorded window as a Chrome trace. Tracks:
 * - metadata ('M'): `process_name` and `thread_name`;
 * - on the simulation thread, a complete event ('X', cat 'tick') named `tick` per tick, args `tick`,
 *   `entities`, `arenaPeak`; inside it one 'X' (cat 'system') per system that ran, named after the
 *   system, args `bytes`, `peakBytes`, `allocations`, `calls`;
 * - counters ('C', cat 'memory') sampled at each tick's start with that tick's values: `arena` with
 *   series `used` and `peak` (bytes), and `pool <name>` with series `live` and `peak` (slots). Perfetto
 *   shows them as tracks "arena used", "arena peak", "pool <name> live", "pool <name> peak";
 * - an instant ('i') named `arena ran out` or `pool <name> ran out` at the end of a tick with refusals.
 *
 * Times are µs from the first recorded tick's start. A system that ran several times in one tick
 * appears once, at its first start, with the summed duration. Which series become args, counters and
 * instants is the `trace` entry of each in the series tables ({@link TICK_SERIES} …).
 * @throws TypeError naming the part of `snapshot` or `options` that is missing or of the wrong type.
 */
export function toTraceEvents(snapshot: ProfileSnapshot, options: TraceOptions = {}): TraceFile {
  requireSnapshot(snapshot);
  requireShape('options', options, { processName: 'string?', threadName: 'string?' }, '');
  const t = snapshot.ticks;
  const n = t.tick.length;
  const origin = n > 0 ? t.startMs[0] : 0;
  const us = (ms: number) => (ms - origin) * 1000;
  const events: TraceEvent[] = [
    meta('process_name', { name: options.processName ?? 'framepool' }),
    meta('thread_name', { name: options.threadName ?? 'simulation' }),
  ];
  const tickTrace = traceOf(TICK_SERIES);
  const poolTrace = traceOf(POOL_SERIES);
  const systemTrace = traceOf(SYSTEM_SERIES);
  const order = snapshot.systems.map((_, id) => id);
  for (let i = 0; i < n; i++) {
    const start = t.startMs[i];
    const ts = us(start);
    events.push(
      {
        name: 'tick',
        ph: 'X',
        cat: 'tick',
        ts,
        dur: t.tickMs[i] * 1000,
        pid: TRACE_PID,
        tid: TRACE_TID,
        args: tickTrace.args(t, i),
      },
      ...tickTrace.counters(t, i, ts),
    );
    for (const pool of snapshot.pools) events.push(...poolTrace.counters(pool.series, i, ts, pool.name));
    // Systems in the order they started, so timestamps only move forward.
    const systems = snapshot.systems;
    order.sort((a, b) => startOrder(systems[a].series.offsetMs[i], systems[b].series.offsetMs[i]) || a - b);
    for (const id of order) {
      const s = systems[id].series;
      if (s.calls[i] === 0) continue;
      events.push({
        name: systems[id].name,
        ph: 'X',
        cat: 'system',
        ts: us(start + s.offsetMs[i]),
        dur: s.ms[i] * 1000,
        pid: TRACE_PID,
        tid: TRACE_TID,
        args: systemTrace.args(s, i),
      });
    }
    const end = us(start + t.tickMs[i]);
    events.push(...tickTrace.ranOuts(t, i, end));
    for (const pool of snapshot.pools) events.push(...poolTrace.ranOuts(pool.series, i, end, pool.name));
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: {
      producer: 'framepool profiler',
      recordedTicks: n,
      totalTicks: snapshot.totalTicks,
      arenaCapacityBytes: snapshot.arena.capacity,
    },
  };
}

/**
 * The trace events of one group's series at tick `i`, as its table's `trace` entries say. `name` is
 * the pool's (or system's) name, which its tracks carry.
 */
function traceOf<T extends SeriesTable>(table: T) {
  const uses = Object.entries(table).flatMap(([key, descriptor]) =>
    descriptor.trace.map((use) => ({ key: key as keyof T, use })),
  );
  const ofKind = <K extends TraceUse['kind']>(kind: K) =>
    uses.filter((u): u is { key: keyof T; use: Extract<TraceUse, { kind: K }> } => u.use.kind === kind);
  const args = ofKind('arg');
  const counters = ofKind('counter');
  const ranOuts = ofKind('ran-out');
  const trackName = (track: string, name?: string) => (name === undefined ? track : `${track} ${name}`);
  return {
    /** The args of the group's complete event. */
    args: (series: SeriesArrays<T>, i: number): Record<string, number> =>
      Object.fromEntries(args.map(({ key, use }) => [use.name, series[key][i]])),
    /** One counter event per track, tracks in the order the table first names them. */
    counters: (series: SeriesArrays<T>, i: number, ts: number, name?: string): TraceEvent[] =>
      [...new Set(counters.map(({ use }) => use.track))].map((track) =>
        counter(
          trackName(track, name),
          ts,
          Object.fromEntries(
            counters
              .filter(({ use }) => use.track === track)
              .map(({ key, use }) => [use.name, series[key][i]]),
          ),
        ),
      ),
    /** An instant for every ran-out series above 0. */
    ranOuts: (series: SeriesArrays<T>, i: number, ts: number, name?: string): TraceEvent[] =>
      ranOuts
        .filter(({ key }) => series[key][i] > 0)
        .map(({ key, use }) => ranOut(trackName(use.track, name), ts, { [use.name]: series[key][i] })),
  };
}

/** {@link toTraceEvents} as JSON text, ready to save as `trace.json`. */
export function toTraceJson(snapshot: ProfileSnapshot, options: TraceOptions = {}): string {
  return JSON.stringify(toTraceEvents(snapshot, options));
}

function meta(name: string, args: Record<string, string>): TraceEvent {
  return { name, ph: 'M', ts: 0, pid: TRACE_PID, tid: TRACE_TID, args };
}

function counter(name: string, ts: number, args: Record<string, number>): TraceEvent {
  return { name, ph: 'C', cat: 'memory', ts, pid: TRACE_PID, tid: TRACE_TID, args };
}

function ranOut(what: string, ts: number, args: Record<string, number>): TraceEvent {
  return {
    name: `${what} ran out`,
    ph: 'i',
    s: 't',
    cat: 'memory',
    ts,
    pid: TRACE_PID,
    tid: TRACE_TID,
    args,
  };
}

/** Ascending, with NaN (did not run) last. */
function startOrder(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  return Number.isNaN(b) ? -1 : a - b;
}
