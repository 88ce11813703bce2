/**
 * The `framepool` dispatcher: each subcommand gets the arguments after its name, the overview lists
 * them all, `help <command>` prints one's usage, and no command or an unknown one exits 2 with the
 * overview on stderr.
 */
import { describe, expect, it } from 'vitest';
import { PROFILE_USAGE, REPLAY_USAGE, runFramepool, USAGE } from '../../../src/profiler/node/index.ts';
import { runCommand } from '../../commandRun.ts';

const framepool = (...argv: string[]) => runCommand(runFramepool, argv);

describe('framepool <command>', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints the overview of every command, exit 0', async (flag) => {
    expect(await framepool(flag)).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(USAGE).toMatch(/\n {2}framepool profile <module> \[options\]\n/);
    expect(USAGE).toMatch(/\n {2}framepool replay FILE \[--game MODULE\]\n/);
  });

  it.each([
    [['help', 'profile'], PROFILE_USAGE],
    [['help', 'replay'], REPLAY_USAGE],
    [['profile', '--help'], PROFILE_USAGE],
    [['replay', '-h'], REPLAY_USAGE],
  ])("%o prints that command's usage", async (argv, usage) => {
    expect(await framepool(...argv)).toEqual({ code: 0, stdout: usage, stderr: '' });
  });

  it('hands each command the arguments after its name: their own messages say so', async () => {
    const profile = await framepool('profile', 'a.mjs', 'b.mjs');
    expect(profile.stderr).toContain('framepool profile: one module only, got a.mjs b.mjs');
    const replay = await framepool('replay', 'a.fprp', 'b.fprp');
    expect(replay.stderr).toContain('framepool replay: one replay file only, got a.fprp b.fprp');
    expect([profile.code, replay.code]).toEqual([2, 2]);
  });

  it.each([
    { argv: [], message: 'no command' },
    { argv: ['replya', 'x.fprp'], message: 'unknown command "replya"' },
    { argv: ['--ticks', '5'], message: 'unknown command "--ticks"' },
    { argv: ['help', 'rewind'], message: 'unknown command "rewind"' },
  ])('$argv: $message and the overview on stderr, exit 2', async ({ argv, message }) => {
    expect(await framepool(...argv)).toEqual({
      code: 2,
      stdout: '',
      stderr: `framepool: ${message}\n\n${USAGE}`,
    });
  });

  it("refuses a caller's bad arguments by name, with a TypeError", async () => {
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    await expect(runFramepool('replay x' as never, io)).rejects.toThrow(/argv must be an array of strings/);
    await expect(runFramepool([], { stderr: io.stderr } as never)).rejects.toThrow(
      /io\.stdout must have a write function/,
    );
  });
});
