/**
 * `npm run profile -- --ticks N --seed S --entities K [--out trace.json]`: runs the demo's pooled
 * simulation headless under the frame-allocation profiler, prints the report as tables, and writes a
 * Chrome trace (open it in https://ui.perfetto.dev or Chrome's performance panel) and the per-tick CSV
 * beside it. The logic is in importable functions ({@link parseArgs}, {@link runProfile}) so tests can
 * call them; the process entry point is {@link main}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createWorldProfiler,
  PooledSimulation,
  STEADY_WARMUP_TICKS,
  startSteady,
  steadyStep,
  steadyWorldOptions,
} from '../src/game/index.ts';
import { formatReport, type ProfileReport, summarize, toCsv, toTraceEvents } from '../src/profiler/index.ts';

/** What one profile run does. */
export interface ProfileArgs {
  /** Profiled ticks; the profiler's window holds all of them. */
  readonly ticks: number;
  /** Seed of the world's random numbers. */
  readonly seed: number;
  /** Live entities the scenario aims for. */
  readonly entities: number;
  /**
   * Unprofiled ticks first, while the scenario ramps up to its entity count (enemies arrive during its
   * first {@link STEADY_WARMUP_TICKS} ticks, profiled or not).
   */
  readonly warmup: number;
  /** Trace JSON path; the CSV goes beside it. */
  readonly out: string;
}

/** What {@link parseArgs} returns: arguments to run with, or a request for the usage text. */
export type ParsedArgs = { readonly help: true } | ({ readonly help: false } & ProfileArgs);

/** A bad command line: {@link main} prints the message and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Bounds and defaults of the numeric options. */
export const OPTION_LIMITS = {
  ticks: { min: 1, max: 100_000, default: 600 },
  seed: { min: 0, max: 0xffff_ffff, default: 42 },
  entities: { min: 1, max: 1_000_000, default: 100_000 },
  warmup: { min: 0, max: 100_000, default: STEADY_WARMUP_TICKS },
} as const;

type NumericOption = keyof typeof OPTION_LIMITS;

/** Default trace path, relative to the working directory. */
export const DEFAULT_OUT = 'profile-trace.json';

export const USAGE = `Usage: npm run profile -- [options]

Runs the demo's pooled simulation headless under the frame-allocation profiler: a steady scenario
of about K live entities (a rotating bullet stream, an engine trail, enemies arriving during the
warm-up). Prints per-tick metrics, per-system time and arena bytes, spikes and sizing advice, and
writes a Chrome trace (open it in https://ui.perfetto.dev) and the per-tick CSV beside it.

Options:
  --ticks N      ticks to profile, all kept in the trace    (${range('ticks')}, default ${OPTION_LIMITS.ticks.default})
  --seed S       random seed                                (${range('seed')}, default ${OPTION_LIMITS.seed.default})
  --entities K   live entities to aim for                   (${range('entities')}, default ${OPTION_LIMITS.entities.default.toLocaleString('en-US')})
  --warmup W     unprofiled ramp-up ticks before profiling  (${range('warmup')}, default ${OPTION_LIMITS.warmup.default})
  --out FILE     trace JSON path; the CSV is FILE with .csv (default ${DEFAULT_OUT})
  -h, --help     print this help

Values may also be given as --name=value.
Example: npm run profile -- --ticks 600 --seed 7 --entities 50000 --out trace.json
`;

function range(name: NumericOption): string {
  const { min, max } = OPTION_LIMITS[name];
  return `${min}-${max.toLocaleString('en-US')}`;
}

/**
 * Parses the command line (without `node` and the script path).
 * @throws UsageError for an unknown flag, a missing, repeated, non-integer or out-of-range value.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const numbers: Partial<Record<NumericOption, number>> = {};
  let out: string | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!(name in OPTION_LIMITS) && name !== 'out') throw new UsageError(`unknown option "--${name}"`);
    if (seen.has(name)) throw new UsageError(`--${name} is given more than once`);
    seen.add(name);
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (name === 'out') {
      if (value.trim() === '') throw new UsageError('--out needs a file path');
      out = value;
    } else {
      numbers[name as NumericOption] = parseInteger(name as NumericOption, value);
    }
  }
  const pick = (name: NumericOption) => numbers[name] ?? OPTION_LIMITS[name].default;
  return {
    help: false,
    ticks: pick('ticks'),
    seed: pick('seed'),
    entities: pick('entities'),
    warmup: pick('warmup'),
    out: out ?? DEFAULT_OUT,
  };
}

function parseInteger(name: NumericOption, text: string): number {
  const { min, max } = OPTION_LIMITS[name];
  // Digits only (an optional sign, `_` separators): rejects '', '1e3', '0x10', '12abc', ' 5'.
  if (!/^[+-]?\d[\d_]*$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  const value = Number(text.replaceAll('_', ''));
  if (value < min || value > max) {
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${text}`);
  }
  return value;
}

/** The CSV path beside a trace path: `.json` replaced by `.csv`, or `.csv` appended. */
export function csvPathFor(tracePath: string): string {
  return /\.json$/i.test(tracePath) ? tracePath.replace(/\.json$/i, '.csv') : `${tracePath}.csv`;
}

/** Progress of a run: `done` of `total` ticks of the named phase. */
export type ProgressListener = (phase: 'warm-up' | 'profile', done: number, total: number) => void;

/** What {@link runProfile} produced. */
export interface ProfileResult {
  readonly report: ProfileReport;
  /** The report as text tables (what the CLI prints). */
  readonly text: string;
  /** Absolute paths written. */
  readonly tracePath: string;
  readonly csvPath: string;
  /** Trace events written, and CSV data rows. */
  readonly traceEvents: number;
  readonly csvRows: number;
  /** Live entities at the end. */
  readonly entities: number;
}

/**
 * Runs the steady scenario (`startSteady`, then `steadyStep` per tick) for `args.warmup` unprofiled
 * ticks, then `args.ticks` ticks under a world profiler whose window holds them all; writes the trace
 * and CSV and returns the report. `onProgress` is called between ticks (never inside a profiled one).
 */
export function runProfile(args: ProfileArgs, onProgress?: ProgressListener): ProfileResult {
  const sim = new PooledSimulation(steadyWorldOptions(args.entities, args.seed));
  startSteady(sim, args.entities);
  drive(sim, 'warm-up', args.warmup, onProgress);
  const profiler = createWorldProfiler(sim.world, { window: args.ticks });
  sim.profiler = profiler;
  drive(sim, 'profile', args.ticks, onProgress);
  sim.profiler = undefined;

  const snapshot = profiler.snapshot();
  const report = summarize(snapshot);
  const title =
    `framepool frame-allocation profile: ${args.entities.toLocaleString('en-US')} target entities, ` +
    `seed ${args.seed}, ${args.warmup} warm-up ticks`;
  const trace = toTraceEvents(snapshot, { processName: 'framepool profile' });
  const tracePath = resolve(args.out);
  const csvPath = csvPathFor(tracePath);
  // An --out in a folder that does not exist yet gets the folder, rather than failing after the run.
  mkdirSync(dirname(tracePath), { recursive: true });
  writeFileSync(tracePath, JSON.stringify(trace));
  writeFileSync(csvPath, toCsv(snapshot));
  return {
    report,
    text: formatReport(report, { title }),
    tracePath,
    csvPath,
    traceEvents: trace.traceEvents.length,
    csvRows: snapshot.ticks.tick.length,
    entities: sim.liveCount(),
  };
}

function drive(
  sim: PooledSimulation,
  phase: 'warm-up' | 'profile',
  ticks: number,
  onProgress: ProgressListener | undefined,
): void {
  if (ticks === 0) return;
  onProgress?.(phase, 0, ticks);
  for (let t = 1; t <= ticks; t++) {
    steadyStep(sim);
    onProgress?.(phase, t, ticks);
  }
}

/** Where {@link progressBar} writes: a stream with an optional terminal flag and width. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * A progress listener for `sink`: on a terminal, a bar redrawn in place (at most ~100 redraws per
 * phase); otherwise one plain line when each phase starts and ends, so piped output stays clean.
 */
export function progressBar(sink: ProgressSink): ProgressListener {
  let lastDrawn = -1;
  return (phase, done, total) => {
    if (!sink.isTTY) {
      if (done === 0) sink.write(`${phase}: ${total} ticks...\n`);
      else if (done === total) sink.write(`${phase}: done\n`);
      return;
    }
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (percent === lastDrawn && done !== total) return;
    lastDrawn = done === total ? -1 : percent;
    const label = `${phase.padEnd(7)} `;
    const count = ` ${String(percent).padStart(3)}% ${done}/${total} ticks`;
    const width = Math.max(10, Math.min(40, (sink.columns || 80) - label.length - count.length - 2));
    const filled = Math.round((width * percent) / 100);
    sink.write(`\r${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${count}`);
    if (done === total) sink.write('\n');
  };
}

/** The process entry: parses `argv`, runs, prints; returns the exit code (0 ok, 2 usage, 1 failure). */
export function main(argv: readonly string[]): number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`profile: ${error.message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const result = runProfile(args, progressBar(process.stdout));
    process.stdout.write(`\n${result.text}\n`);
    process.stdout.write(
      `Live entities at the end: ${result.entities.toLocaleString('en-US')}\n` +
        `Trace: ${result.tracePath} (${result.traceEvents} events; open in https://ui.perfetto.dev)\n` +
        `CSV:   ${result.csvPath} (${result.csvRows} rows)\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`profile: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
