/** Runs a command's `main(argv, io)` in this process, collecting what it writes. */
import type { CommandIo } from '../src/profiler/node/index.ts';

/** What a command wrote and the exit code it resolved to. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Calls `main` with `argv` and string sinks for stdout and stderr. */
export async function runCommand(
  main: (argv: readonly string[], io: CommandIo) => Promise<number>,
  argv: readonly string[],
): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
