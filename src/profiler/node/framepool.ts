import { PROFILE_USAGE, runProfileCommand } from './command.ts';
import { type CommandIo, requireCommandArgs } from './commandIo.ts';
import { REPLAY_USAGE, runReplayCommand } from './replayCommand.ts';

/** One subcommand of `framepool`: how it is called, what it does in a line, and what runs it. */
interface Subcommand {
  readonly name: string;
  /** Its arguments, after its name, in the overview. */
  readonly args: string;
  /** What it does, in one line of the overview. */
  readonly summary: string;
  /** Its own usage, printed by `framepool help <name>`. */
  readonly usage: string;
  /** Runs it with the arguments after its name; resolves to the exit code. */
  readonly run: (argv: readonly string[], io: CommandIo) => Promise<number>;
}

/** The subcommands, in the order the overview lists them. */
const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: 'profile',
    args: '<module> [options]',
    summary: 'time, frame-arena bytes and garbage per system of a game module, collections, sizing',
    usage: PROFILE_USAGE,
    run: runProfileCommand,
  },
  {
    name: 'replay',
    args: 'FILE [--game MODULE]',
    summary: "play a replay file again through a game module's replay hook: 0 match, 1 mismatch",
    usage: REPLAY_USAGE,
    run: runReplayCommand,
  },
];

/** The usage of `framepool`: its subcommands. */
export const USAGE = `Usage: framepool <command> [arguments]

Commands:
${SUBCOMMANDS.map((c) => `  framepool ${c.name} ${c.args}\n      ${c.summary}`).join('\n')}

Run framepool <command> --help (or framepool help <command>) for a command's usage and options.
Exit code 2 for a bad command line, as for every command's bad input.
`;

/**
 * `framepool <command> <argv…>`: runs the subcommand `argv[0]` names with the rest, or prints the
 * usage for `--help`, `-h`, `help` (`help <command>`: that command's). Resolves to the exit code: the
 * subcommand's, 0 for the usage, 2 for no command or an unknown one (with the usage on stderr).
 * @throws TypeError naming `argv` (not an array of strings) or `io` (no write functions): a caller's
 *   mistake, not the user's, so no exit code.
 */
export async function runFramepool(argv: readonly string[], io: CommandIo): Promise<number> {
  requireCommandArgs(argv, io);
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = SUBCOMMANDS.find((c) => c.name === rest[0]);
    if (rest.length > 0 && topic === undefined) return unknown(io, rest[0]);
    io.stdout.write(topic?.usage ?? USAGE);
    return 0;
  }
  const command = SUBCOMMANDS.find((c) => c.name === name);
  return command === undefined ? unknown(io, name) : command.run(rest, io);
}

/** Says the command is missing or unknown, with the usage; exit code 2. */
function unknown(io: CommandIo, name: string | undefined): number {
  io.stderr.write(
    `framepool: ${name === undefined ? 'no command' : `unknown command "${name}"`}\n\n${USAGE}`,
  );
  return 2;
}
