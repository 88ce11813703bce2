import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeValue } from '../../memory/index.ts';
import {
  formatBytes,
  formatReport,
  formatSampling,
  formatTable,
  type ProfileReport,
  toCsv,
  toHtmlReport,
  toJsonReport,
  toTraceJson,
} from '../index.ts';
import { type CommandIo, printFailure, requireCommandArgs, requireIo } from './commandIo.ts';
import { type OptionTable, optionsHelp, parseCommandLine, UsageError } from './commandLine.ts';
import { type GameModule, reasonOf } from './gameModule.ts';
import { loadGame } from './loadGame.ts';
import { DEFAULT_WARMUP, type GameProfile, profileGame } from './profileGame.ts';
import { resolveProfileOptions } from './profileOptions.ts';
import { progressBar } from './progress.ts';
import { type OutputFile, writeFilesWhole } from './writeFiles.ts';

/** The options of `framepool profile`, shared by `npm run profile`. */
export const PROFILE_OPTIONS = {
  ticks: { kind: 'whole', min: 1, max: 100_000, default: 600, help: 'ticks to profile, all kept' },
  warmup: {
    kind: 'whole',
    min: 0,
    max: 100_000,
    default: DEFAULT_WARMUP,
    help: 'unprofiled ticks first, while the JIT and the game settle',
  },
  dt: {
    kind: 'seconds',
    max: 1,
    default: 1 / 60,
    shown: '1/60',
    help: 'seconds of game time per tick, passed to run(dt)',
  },
  sites: {
    kind: 'switch',
    help: 'then as many ticks again under the sampling heap profiler: top allocation sites per system',
  },
  json: { kind: 'file', help: 'write the report as JSON' },
  trace: { kind: 'file', help: 'write a Chrome trace (open it in https://ui.perfetto.dev)' },
  csv: { kind: 'file', help: 'write the per-tick table as CSV' },
  html: { kind: 'file', help: 'write the report as one self-contained HTML page' },
} as const satisfies OptionTable;

/** The files a run can write, in the order they are written. */
const OUTPUTS = ['json', 'trace', 'csv', 'html'] as const;

/** What one profile run is told: the flags, and how to name the game. */
export interface ProfileSettings {
  /** How messages and the report name the game (its module path). */
  readonly name: string;
  /** The report's title line. */
  readonly title: string;
  /** Ticks to profile. */
  readonly ticks: number;
  /** Ticks run first, their recording thrown away. */
  readonly warmup: number;
  /** Seconds of game time per tick. */
  readonly dt: number;
  /** Whether to sample allocation sites too. */
  readonly sites: boolean;
  /** Where to write the JSON report, if anywhere. */
  readonly json?: string;
  /** Where to write the Chrome trace. */
  readonly trace?: string;
  /** Where to write the per-tick CSV. */
  readonly csv?: string;
  /** Where to write the HTML page. */
  readonly html?: string;
}

/** The usage of `framepool profile`. */
export const PROFILE_USAGE = `Usage: framepool profile <module> [options]

Profiles a game module: runs its systems tick after tick and reports, per system, the time, the
frame-arena bytes and the JS-heap garbage it makes, the garbage collections and their pauses, and
how large a frame arena would hold that garbage instead. TypeScript modules load through tsx when
it is installed.

The module's default export:
  { systems: [{ name, run(dt) }, ...], setup?(), entities?(), arena?, pools? }
setup runs once first (it may be async); entities() gives the live count per tick; arena (a
framepool FixedBufferAllocator, reset before every tick) and pools join the report.

Options:
${optionsHelp(PROFILE_OPTIONS)}

Values may also be given as --name=value. Exit code 0 when profiled, 2 for a bad command line or a
module that is missing, has no systems, or whose setup or a system throws (nothing is written then).
Example: npx framepool profile ./my-game.ts --ticks 1200 --json profile.json --html profile.html
`;

/**
 * `framepool profile <argv…>` (`argv` is what follows `profile`): parses the command line, loads the
 * module, profiles it, prints the report and writes the files asked for. Resolves to the exit code:
 * 0 done, 2 bad input (the message on stderr), 1 anything else.
 * @throws TypeError naming `argv` (not an array of strings) or `io` (no write functions): a caller's
 *   mistake, not the user's, so no exit code.
 */
export async function runProfileCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  requireCommandArgs(argv, io);
  let line: ReturnType<typeof parseCommandLine>;
  try {
    line = parseCommandLine(argv, PROFILE_OPTIONS);
    if (!line.help && line.positional.length !== 1) {
      throw new UsageError(
        line.positional.length === 0
          ? 'which module? give its path'
          : `one module only, got ${line.positional.join(' ')}`,
      );
    }
  } catch (error) {
    return fail(io, error);
  }
  if (line.help) {
    io.stdout.write(PROFILE_USAGE);
    return 0;
  }
  const module = line.positional[0];
  // Before the module loads: its source map is read then, so sites and stacks name the lines written.
  process.setSourceMapsEnabled(true);
  let game: GameModule;
  try {
    game = await loadGame(module);
  } catch (error) {
    return fail(io, error);
  }
  const v = line.values;
  return runProfile(
    game,
    {
      name: module,
      title: `framepool profile of ${module}`,
      ticks: v.ticks as number,
      warmup: v.warmup as number,
      dt: v.dt as number,
      sites: v.sites as boolean,
      json: v.json as string | undefined,
      trace: v.trace as string | undefined,
      csv: v.csv as string | undefined,
      html: v.html as string | undefined,
    },
    io,
  );
}

/**
 * Profiles `game` as the settings say, prints the report (with the allocation sites when sampled),
 * and writes the files asked for, each whole or not at all. Resolves to the exit code, as
 * {@link runProfileCommand}'s.
 * @throws TypeError or RangeError naming a setting (or `io`) of the wrong type or out of range, before
 *   anything runs; a bad game is an exit code, not a throw.
 */
export async function runProfile(
  game: GameModule,
  settings: ProfileSettings,
  io: CommandIo,
): Promise<number> {
  requireSettings(settings, io);
  const outputs = OUTPUTS.filter((kind) => settings[kind] !== undefined);
  const paths = outputs.map((kind) => settings[kind]!);
  const repeated = paths.find((path, i) => paths.indexOf(path) !== i);
  if (repeated !== undefined) return fail(io, new UsageError(`two outputs would both write ${repeated}`));
  let profile: GameProfile;
  try {
    profile = await profileGame(game, { ...settings, onProgress: progressBar(io.stdout) });
  } catch (error) {
    return fail(io, error);
  }
  const report = profile.hasArena ? profile.report : withoutArena(profile.report);
  const texts: Record<(typeof outputs)[number], () => string> = {
    json: () =>
      `${JSON.stringify(toJsonReport(report, { sites: profile.sites, sampling: profile.sampling }), null, 2)}\n`,
    trace: () => toTraceJson(profile.snapshot, { processName: settings.title }),
    csv: () => toCsv(profile.snapshot),
    html: () =>
      toHtmlReport(profile.snapshot, report, {
        title: settings.title,
        sites: profile.sites,
        sampling: profile.sampling,
      }),
  };
  let written: string[];
  try {
    written = writeFilesWhole(
      outputs.map((kind): OutputFile => ({ path: settings[kind]!, text: texts[kind]() })),
    );
  } catch (error) {
    return fail(
      io,
      new UsageError(`could not write the output files (none was written): ${reasonOf(error)}`),
    );
  }
  io.stdout.write(`\n${formatReport(report, { title: settings.title })}`);
  if (profile.sites !== undefined) io.stdout.write(`\n${formatSites(report, profile)}\n`);
  for (const path of written) io.stdout.write(`\nWrote ${path}`);
  io.stdout.write('\n');
  return 0;
}

/** Throws naming the setting unless `settings` and `io` are what {@link runProfile} needs. */
function requireSettings(settings: ProfileSettings, io: CommandIo): void {
  resolveProfileOptions(settings, { warmup: DEFAULT_WARMUP, samplingInterval: 1 });
  if (typeof settings.title !== 'string') {
    throw new TypeError(`title must be a string, got ${describeValue(settings.title)}`);
  }
  for (const kind of OUTPUTS) {
    const path = settings[kind];
    if (path !== undefined && (typeof path !== 'string' || path === '')) {
      const message = `${kind} must be undefined or a file path, got ${describeValue(path)}`;
      throw typeof path === 'string' ? new RangeError(message) : new TypeError(message);
    }
  }
  requireIo(io);
}

/** The report without the arena's figures: those of the zero-sized stand-in a game without an arena gets. */
function withoutArena(report: ProfileReport): ProfileReport {
  return {
    ...report,
    metrics: report.metrics.filter((m) => !m.key.startsWith('arena.')),
    sizing: report.sizing.filter((a) => a.kind !== 'arena'),
  };
}

/** The allocation sites as a table, with how they were sampled. */
function formatSites(report: ProfileReport, profile: GameProfile): string {
  const s = profile.sampling!;
  const rows = report.systems.flatMap((system, id) =>
    profile.sites![id].map((site) => [
      system.name,
      site.functionName,
      site.url === '' ? '(built-in)' : `${shownPath(site.url)}:${site.line}`,
      formatBytes(site.bytesPerTick),
    ]),
  );
  return (
    `Allocation sites (${formatSampling(s)})\n` +
    formatTable(
      [
        { header: 'system' },
        { header: 'function' },
        { header: 'where' },
        { header: 'bytes/tick', align: 'right' },
      ],
      rows,
    )
  );
}

/** A script's URL as a person finds the file: relative to the working directory when inside it. */
function shownPath(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = relative(process.cwd(), fileURLToPath(url));
  return path.startsWith('..') || isAbsolute(path) ? fileURLToPath(url) : path;
}

/** Prints why the run stops and gives the exit code: 2 for the user's input, 1 for anything else. */
function fail(io: CommandIo, error: unknown): number {
  return printFailure(io, 'profile', error) ? 2 : 1;
}
