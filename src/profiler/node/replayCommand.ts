import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeValue } from '../../memory/index.ts';
import { type CommandIo, printFailure, requireCommandArgs } from './commandIo.ts';
import { type OptionTable, optionsHelp, parseCommandLine, UsageError } from './commandLine.ts';
import { GameError, reasonOf, requireReplayResult } from './gameModule.ts';
import { loadGame } from './loadGame.ts';

/** The options of `framepool replay`. */
export const REPLAY_OPTIONS = {
  game: {
    kind: 'file',
    help: 'the game module with the replay hook (default: package.json\'s "framepool": { "game" })',
  },
} as const satisfies OptionTable;

/** How to name the game, said when none is named. */
const NAME_THE_GAME =
  'give --game MODULE, or name it in package.json: "framepool": { "game": "./path/to/game.ts" }';

/** The usage of `framepool replay`. */
export const REPLAY_USAGE = `Usage: framepool replay FILE [--game MODULE]

Plays the replay FILE again, headless, through a game module's replay hook, and says whether the
game ended in the state the file holds (its final state hash against the one the game ends with).

The module is the one framepool profile loads (framepool profile --help), with a hook:
  replay(bytes) => { ticks, expected, actual, matches, description? }
It plays the file's bytes in a world of its own (no setup, no systems) and throws, with the reason,
for a file it cannot play: truncated, another version, corrupt, options out of range. The module is
--game MODULE, or else the "framepool": { "game": MODULE } field of the package.json in the working
directory (paths relative to it), so that in a game's own repository no flag is needed.

Options:
${optionsHelp(REPLAY_OPTIONS)}

Exit code 0 when the hashes match, 1 when they do not, 2 for a bad command line, a file that cannot
be read or that the hook refuses, a missing or bad module, or one without a replay hook (the reason
on stderr). It writes no file.
Example: npx framepool replay framepool-replay-tick600.fprp --game ./src/game.ts
`;

/**
 * `framepool replay <argv…>` (`argv` is what follows `replay`): reads the replay file, loads the game
 * module (`--game`, or `framepool.game` of `cwd`'s package.json), plays the file through its replay
 * hook and prints the hashes. Resolves to the exit code: 0 a match, 1 a mismatch, 2 anything else
 * (the reason on stderr). Paths are relative to `cwd`.
 * @throws TypeError naming `argv` (not an array of strings), `io` (no write functions) or `cwd` (not a
 *   non-empty string): a caller's mistake, not the user's, so no exit code.
 */
export async function runReplayCommand(
  argv: readonly string[],
  io: CommandIo,
  cwd: string = process.cwd(),
): Promise<number> {
  requireCommandArgs(argv, io);
  if (typeof cwd !== 'string' || cwd === '') {
    throw new TypeError(`cwd must be a non-empty string, got ${describeValue(cwd)}`);
  }
  try {
    const line = parseCommandLine(argv, REPLAY_OPTIONS);
    if (line.help) {
      io.stdout.write(REPLAY_USAGE);
      return 0;
    }
    if (line.positional.length !== 1) {
      throw new UsageError(
        line.positional.length === 0
          ? 'which replay file? give its path'
          : `one replay file only, got ${line.positional.join(' ')}`,
      );
    }
    const file = line.positional[0];
    const bytes = await readReplayFile(file, cwd);
    const module = (line.values.game as string | undefined) ?? packageGame(cwd);
    const game = await loadGame(module, cwd);
    if (game.replay === undefined) {
      throw new GameError(
        'shape',
        `${module} has no replay hook: its default export needs replay(bytes) => { ticks, expected, actual, matches } to play a replay file`,
      );
    }
    let result: unknown;
    try {
      result = await game.replay(bytes);
    } catch (error) {
      throw new GameError('replay', `${file}: ${reasonOf(error)}`, { cause: error });
    }
    requireReplayResult(result, module);
    const about = result.description === undefined ? '' : ` (${result.description})`;
    io.stdout.write(
      `replay of ${file} with ${module}: ${result.ticks} ticks${about}\n` +
        `final state hash: file ${result.expected}, replayed ${result.actual}: ` +
        `${result.matches ? 'match' : 'MISMATCH'}\n`,
    );
    return result.matches ? 0 : 1;
  } catch (error) {
    printFailure(io, 'replay', error);
    // Every failure is 2, the user's or not: 1 means a mismatch, and nothing else may say so.
    return 2;
  }
}

/** The file's bytes. @throws UsageError naming the file when it cannot be read. */
async function readReplayFile(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolve(cwd, file)));
  } catch (error) {
    throw new UsageError(`cannot read the replay file ${file}: ${reasonOf(error)}`);
  }
}

/**
 * The game module `cwd`'s package.json names in `"framepool": { "game" }`.
 * @throws UsageError saying how to name the game when there is no package.json or no such field, and
 *   naming the file or the field when it is not JSON or the field is not a module path.
 */
function packageGame(cwd: string): string {
  const path = join(cwd, 'package.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`which game plays it? ${NAME_THE_GAME} (there is no ${path})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${reasonOf(error)}`);
  }
  const settings = (manifest as { framepool?: unknown } | null)?.framepool;
  const game = (settings as { game?: unknown } | null | undefined)?.game;
  if (settings === undefined || (typeof settings === 'object' && settings !== null && game === undefined)) {
    throw new UsageError(`which game plays it? ${NAME_THE_GAME} (${path} names none)`);
  }
  if (typeof settings !== 'object' || settings === null) {
    throw new UsageError(
      `${path}: "framepool" must be { "game": a module path }, got ${describeValue(settings)}`,
    );
  }
  if (typeof game !== 'string' || game === '') {
    throw new UsageError(
      `${path}: "framepool".game must be a module path (a non-empty string), got ${describeValue(game)}`,
    );
  }
  return game;
}
