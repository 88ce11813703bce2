/**
 * `npm run profile -- [options]`: `framepool profile` pointed at the demo's own game, the steady
 * scenario of `scripts/games/steadyGame.ts`, with the scenario's own options (`--mode`, `--seed`,
 * `--entities`) and `--out`, the trace path of the command this replaced (its CSV goes beside it).
 * Everything else is the command's: the same flags, report, files and exit codes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SIMULATION_MODES, type SimulationMode } from '../src/game/index.ts';
import {
  type CommandIo,
  type OptionTable,
  optionsHelp,
  PROFILE_OPTIONS,
  parseCommandLine,
  runProfile,
  UsageError,
} from '../src/profiler/node/index.ts';
import { steadyGame } from './games/steadyGame.ts';

/** The command's options and the scenario's. */
export const OPTIONS = {
  mode: {
    kind: 'choice',
    choices: SIMULATION_MODES,
    default: 'pooled',
    help: 'how the game stores its things',
  },
  seed: { kind: 'whole', min: 0, max: 0xffff_ffff, default: 42, help: 'random seed' },
  entities: {
    kind: 'whole',
    min: 1,
    max: 1_000_000,
    default: 100_000,
    help: 'live entities the scenario aims for',
  },
  ...PROFILE_OPTIONS,
  out: { kind: 'file', help: 'write the trace there and the CSV beside it (FILE with .csv)' },
} as const satisfies OptionTable;

export const USAGE = `Usage: npm run profile -- [options]

Profiles the demo's game headless: the steady scenario (a rotating bullet stream, an engine trail,
enemies arriving during the warm-up) at about K live entities, its systems one by one. Prints per
tick and per system the time, the frame-arena bytes and the JS-heap garbage, the collections and
their pauses, spikes, and sizing advice for the arena, the pools and the garbage.

Options:
${optionsHelp(OPTIONS)}

Values may also be given as --name=value.
Example: npm run profile -- --mode naive --entities 20000 --ticks 600 --html profile.html
`;

/** The CSV path beside a trace path: `.json` replaced by `.csv`, or `.csv` appended. */
export function csvPathFor(tracePath: string): string {
  return /\.json$/i.test(tracePath) ? tracePath.replace(/\.json$/i, '.csv') : `${tracePath}.csv`;
}

/** The process entry: parses `argv`, runs, prints; resolves to the exit code (0 ok, 2 bad input). */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: Readonly<Record<string, unknown>>;
  try {
    const line = parseCommandLine(argv, OPTIONS);
    if (line.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (line.positional.length > 0) throw new UsageError(`unexpected argument "${line.positional[0]}"`);
    values = line.values;
    if (values.out !== undefined && (values.trace !== undefined || values.csv !== undefined)) {
      throw new UsageError('--out names the trace and the CSV: give it, or --trace and --csv, not both');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`profile: ${error.message}\nRun with --help for the usage.\n`);
    return 2;
  }
  const mode = values.mode as SimulationMode;
  const entities = values.entities as number;
  const seed = values.seed as number;
  const out = values.out as string | undefined;
  return runProfile(
    steadyGame(mode, { entities, seed }),
    {
      name: `the demo (${mode})`,
      title:
        `framepool profile of the demo: ${mode}, ${entities.toLocaleString('en-US')} target entities, ` +
        `seed ${seed}, ${values.warmup} warm-up ticks`,
      ticks: values.ticks as number,
      warmup: values.warmup as number,
      dt: values.dt as number,
      sites: values.sites as boolean,
      json: values.json as string | undefined,
      trace: out ?? (values.trace as string | undefined),
      csv: out === undefined ? (values.csv as string | undefined) : csvPathFor(out),
      html: values.html as string | undefined,
    },
    io,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2), process);
}
