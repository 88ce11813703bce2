/**
 * `framepool replay` in this process, on small modules written for each case: the game module's replay
 * hook decides the result and the command prints it, exit 0 on a match and 1 on a mismatch; the module
 * comes from --game or the working directory's package.json; every bad input (command line, file,
 * module, hook, package.json) exits 2 with the reason on stderr and nothing on stdout.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPLAY_USAGE, runReplayCommand } from '../../../src/profiler/node/index.ts';
import { runCommand } from '../../commandRun.ts';

const dir = mkdtempSync(join(tmpdir(), 'framepool-replay-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A game whose hook reads the file as text: `expected actual`, played as many ticks as the file has bytes. */
const TEXT_GAME = `export default {
  systems: [{ name: 'a', run() {} }],
  replay(bytes) {
    const text = new TextDecoder().decode(bytes);
    if (text === 'bad') throw new RangeError('bytes is truncated: 3 bytes');
    const [expected, actual] = text.split(' ');
    return { ticks: bytes.length, expected, actual, matches: expected === actual, description: 'seed 7' };
  },
};`;

/** A folder of its own with `files` in it (a package.json among them, or not); returns its path. */
let folders = 0;
function folder(files: Record<string, string>): string {
  const path = join(dir, `case${folders++}`);
  mkdirSync(path);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

/** `framepool replay <argv>` run in `cwd`. */
const replay = (cwd: string, ...argv: string[]) =>
  runCommand((args, io) => runReplayCommand(args, io, cwd), argv);

const manifest = (game: unknown) => JSON.stringify({ name: 'my-game', framepool: { game } });

describe('framepool replay: the hook decides, the command prints and exits', () => {
  const cwd = folder({ 'game.mjs': TEXT_GAME, 'same.rp': 'ab12 ab12', 'other.rp': 'ab12 cd34' });

  it('a match: both hashes and the description on stdout, exit 0', async () => {
    const run = await replay(cwd, 'same.rp', '--game', 'game.mjs');
    expect(run).toEqual({
      code: 0,
      stdout:
        'replay of same.rp with game.mjs: 9 ticks (seed 7)\nfinal state hash: file ab12, replayed ab12: match\n',
      stderr: '',
    });
  });

  it('a mismatch: MISMATCH, exit 1', async () => {
    const run = await replay(cwd, 'other.rp', '--game=game.mjs');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('final state hash: file ab12, replayed cd34: MISMATCH\n');
  });

  it('hands the hook the file byte for byte; a hook may be async and say nothing more', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    const here = folder({
      'bytes.bin': '',
      'game.mjs': `export default { systems: [{ name: 'a', run() {} }],
        async replay(bytes) { await null; return { ticks: 3, expected: Array.from(bytes).join(','), actual: 'x', matches: true }; } };`,
    });
    writeFileSync(join(here, 'bytes.bin'), bytes);
    const run = await replay(here, 'bytes.bin', '--game', 'game.mjs');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `replay of bytes.bin with game.mjs: 3 ticks\nfinal state hash: file ${Array.from(bytes).join(',')}, replayed x: match\n`,
    );
  });

  it('takes the module from package.json\'s "framepool": { "game" } when --game is not given, and --game over it', async () => {
    const here = folder({ 'package.json': manifest('./game.mjs'), 'game.mjs': TEXT_GAME, 'r.rp': 'a a' });
    expect(await replay(here, 'r.rp')).toMatchObject({ code: 0, stderr: '' });
    const other = join(cwd, 'game.mjs');
    expect((await replay(here, 'r.rp', '--game', other)).stdout).toContain(`with ${other}:`);
  });

  it('--help prints the usage', async () => {
    expect(await replay(cwd, '--help')).toEqual({ code: 0, stdout: REPLAY_USAGE, stderr: '' });
    expect(REPLAY_USAGE).toContain('Usage: framepool replay FILE [--game MODULE]');
  });
});

describe('framepool replay: bad input exits 2 with the reason, nothing on stdout', () => {
  const cwd = folder({ 'game.mjs': TEXT_GAME, 'r.rp': 'a a', 'bad.rp': 'bad' });
  const game = (source: string) => join(folder({ 'game.mjs': source }), 'game.mjs');
  const system = "systems: [{ name: 'a', run() {} }]";
  const returning = (value: string) => game(`export default { ${system}, replay: () => (${value}) };`);

  it.each([
    { argv: [], reason: 'which replay file? give its path' },
    { argv: ['r.rp', 'r.rp'], reason: 'one replay file only, got r.rp r.rp' },
    { argv: ['r.rp', '--ticks', '3'], reason: 'unknown option "--ticks"' },
    { argv: ['r.rp', '-x'], reason: 'unknown option "-x"' },
    { argv: ['r.rp', '--game'], reason: '--game needs a value' },
    { argv: ['r.rp', '--game', 'a', '--game', 'b'], reason: '--game is given more than once' },
  ])('the command line $argv: $reason, and where the usage is', async ({ argv, reason }) => {
    const run = await replay(cwd, ...argv);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(`framepool replay: ${reason}\nRun framepool replay --help for the usage.\n`);
  });

  it.each([
    { file: 'missing.rp', reason: /cannot read the replay file missing\.rp: Error: ENOENT/ },
    { file: '.', reason: /cannot read the replay file \.: Error: EISDIR/ },
  ])('an unreadable file, $file', async ({ file, reason }) => {
    const run = await replay(cwd, file, '--game', 'game.mjs');
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(reason);
  });

  it("a file the hook refuses: the file and the hook's reason", async () => {
    const run = await replay(cwd, 'bad.rp', '--game', 'game.mjs');
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'framepool replay: bad.rp: RangeError: bytes is truncated: 3 bytes\n',
    });
  });

  it.each([
    { module: () => join(dir, 'nowhere.mjs'), reason: /nowhere\.mjs: no such file/ },
    { module: () => game('throw new Error("no assets");'), reason: /threw while loading: Error: no assets/ },
    {
      module: () => game(`export default { ${system} };`),
      reason: /has no replay hook: its default export needs replay\(bytes\)/,
    },
    {
      module: () => game(`export default { ${system}, replay: 5 };`),
      reason: /replay must be undefined or a function, got 5/,
    },
    { module: () => game('export default { replay() {} };'), reason: /systems must be an array/ },
    {
      module: () => returning('undefined'),
      reason: /replay\(\) must return \{ ticks .*; it returned undefined/,
    },
    {
      module: () => returning("{ ticks: -1, expected: 'a', actual: 'a', matches: true }"),
      reason: /its ticks is -1/,
    },
    {
      module: () => returning("{ ticks: 1.5, expected: 'a', actual: 'a', matches: true }"),
      reason: /its ticks is 1\.5/,
    },
    {
      module: () => returning("{ ticks: 1, expected: 1, actual: 'a', matches: true }"),
      reason: /its expected is 1/,
    },
    {
      module: () => returning("{ ticks: 1, expected: 'a', actual: null, matches: true }"),
      reason: /its actual is null/,
    },
    {
      module: () => returning("{ ticks: 1, expected: 'a', actual: 'a', matches: 'yes' }"),
      reason: /its matches is "yes"/,
    },
    {
      module: () => returning("{ ticks: 1, expected: 'a', actual: 'a', matches: true, description: 7 }"),
      reason: /its description is 7/,
    },
  ])('a module: $reason', async ({ module, reason }) => {
    const path = module();
    const run = await replay(cwd, 'r.rp', '--game', path);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain(path);
  });

  it.each<{ files: Record<string, string>; reason: RegExp }>([
    {
      files: {},
      reason:
        /which game plays it\? give --game MODULE, or name it in package\.json: .*there is no .*package\.json/,
    },
    {
      files: { 'package.json': '{"name": "x"}' },
      reason: /which game plays it\? give --game MODULE.*package\.json names none/,
    },
    { files: { 'package.json': '{"framepool": {}}' }, reason: /package\.json names none/ },
    { files: { 'package.json': '{"name": ' }, reason: /package\.json is not JSON: SyntaxError/ },
    {
      files: { 'package.json': manifest(5) },
      reason: /package\.json: "framepool"\.game must be a module path \(a non-empty string\), got 5/,
    },
    { files: { 'package.json': manifest('') }, reason: /"framepool"\.game must be a module path .*, got ""/ },
    {
      files: { 'package.json': '{"framepool": "game.mjs"}' },
      reason: /"framepool" must be \{ "game": a module path \}, got "game\.mjs"/,
    },
    { files: { 'package.json': manifest('./gone.mjs') }, reason: /\.\/gone\.mjs: no such file/ },
  ])('no --game, and package.json: $reason', async ({ files, reason }) => {
    const here = folder({ ...files, 'r.rp': 'a a' });
    const run = await replay(here, 'r.rp');
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(reason);
  });

  it("refuses a caller's bad arguments by name, with a TypeError", async () => {
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    await expect(runReplayCommand('r.rp' as never, io)).rejects.toThrow(/argv must be an array of strings/);
    await expect(runReplayCommand(['r.rp'], { stdout: io.stdout } as never)).rejects.toThrow(
      /io\.stderr must have a write function/,
    );
    await expect(runReplayCommand(['r.rp'], io, '')).rejects.toThrow(TypeError);
  });
});
