/**
 * `npm run replay -- FILE`: plays a replay saved by the demo (`demo.saveReplay()`, or the page's `L`
 * key) again headless in Node and says whether the game ended in the same state: exit code 0 when the
 * final state hash matches, 1 when it does not, 2 for a bad command line or a file that is not a
 * good replay (truncated, another version, corrupt, options out of range), with the reason.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeReplay, type Replay, runReplay } from '../src/game/replay/index.ts';
import { type CommandIo, parseCommandLine, UsageError } from '../src/profiler/node/index.ts';

export const USAGE = `Usage: npm run replay -- FILE

Plays the replay FILE (saved by the demo: demo.saveReplay() or the L key) again in a new pooled
world, headless, with the seed, options and inputs it holds, and compares the state hash the game
ends with to the one the file holds.

Exit code 0 when they match, 1 when they do not, 2 for a bad command line or a bad file.
Example: npm run replay -- framepool-replay-tick600.fprp
`;

/** The process entry: reads, checks and plays the file, prints the result; resolves to the exit code. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  let file: string;
  try {
    const line = parseCommandLine(argv, {});
    if (line.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (line.positional.length !== 1) {
      throw new UsageError(`give one replay file, got ${line.positional.length} arguments`);
    }
    file = line.positional[0];
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`replay: ${error.message}\nRun with --help for the usage.\n`);
    return 2;
  }
  let replay: Replay;
  try {
    replay = decodeReplay(new Uint8Array(await readFile(file)));
  } catch (error) {
    io.stderr.write(`replay: ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const { options } = replay;
  const result = runReplay(replay);
  io.stdout.write(
    `replay of ${file}: ${result.ticks} ticks (${(result.ticks / 60).toFixed(1)} s), seed ${options.seed}, ` +
      `${options.width}×${options.height}, budgets ${options.bullets} bullets, ${options.enemies} enemies, ` +
      `${options.particles} particles, arena ${options.arenaBytes} B\n` +
      `final state hash: file ${result.expected}, replayed ${result.actual}: ` +
      `${result.matches ? 'match' : 'MISMATCH'}\n`,
  );
  return result.matches ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2), process);
}
