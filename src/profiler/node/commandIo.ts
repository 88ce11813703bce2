import { describeValue } from '../../memory/index.ts';
import { UsageError } from './commandLine.ts';
import { GameError, reasonOf } from './gameModule.ts';
import type { ProgressSink } from './progress.ts';

/** Where a command writes: stdout for the report and progress, stderr for errors. */
export interface CommandIo {
  /** The report and the progress bar (a bar redrawn in place when it is a terminal). */
  readonly stdout: ProgressSink;
  /** Why a run stopped. */
  readonly stderr: {
    /** Writes text as it is. */
    write(text: string): unknown;
  };
}

/**
 * Throws a TypeError naming `argv` (not an array of strings) or `io` (no write functions): a caller's
 * mistake, not the user's, so it is a throw rather than an exit code.
 */
export function requireCommandArgs(argv: unknown, io: CommandIo): void {
  if (!(Array.isArray(argv) && argv.every((arg) => typeof arg === 'string'))) {
    throw new TypeError(`argv must be an array of strings, got ${describeValue(argv)}`);
  }
  requireIo(io);
}

/** Throws a TypeError naming `io.stdout` or `io.stderr` when it has no write function. */
export function requireIo(io: CommandIo): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    if (typeof io?.[stream]?.write !== 'function') {
      throw new TypeError(`io.${stream} must have a write function, got ${describeValue(io?.[stream])}`);
    }
  }
}

/**
 * Prints on stderr why `framepool <command>` stops (and, for a bad command line, where its usage is).
 * Returns whether it was the user's input (a {@link UsageError} or a {@link GameError}), which the
 * command turns into its exit code.
 */
export function printFailure(io: CommandIo, command: string, error: unknown): boolean {
  const user = error instanceof UsageError || error instanceof GameError;
  io.stderr.write(`framepool ${command}: ${user ? (error as Error).message : reasonOf(error)}\n`);
  if (error instanceof UsageError) io.stderr.write(`Run framepool ${command} --help for the usage.\n`);
  return user;
}
