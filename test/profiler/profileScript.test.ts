/**
 * `npm run profile`: framepool profile pointed at the demo's own game (scripts/profile.ts), in this
 * process; and the two commands as real processes, once each, for what only a process shows (the exit
 * code, piped output).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { csvPathFor, main, USAGE } from '../../scripts/profile.ts';
import type { TraceFile } from '../../src/profiler/index.ts';
import { runCommand } from '../commandRun.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'framepool-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SYSTEMS = ['input', 'ship', 'spawn', 'motion', 'lifetime', 'collision', 'particles'];

const profile = (...argv: string[]) => runCommand(main, argv);

describe('npm run profile', () => {
  it('keeps --out: the trace there and the CSV beside it, for the pooled world with its arena and pools', async () => {
    const out = join(dir, 'traces', 't.json');
    const run = await profile(
      '--ticks',
      '40',
      '--warmup',
      '10',
      '--entities',
      '2000',
      '--seed',
      '3',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'framepool profile of the demo: pooled, 2,000 target entities, seed 3, 10 warm-up ticks',
    );
    const trace = JSON.parse(readFileSync(out, 'utf8')) as TraceFile;
    for (const name of SYSTEMS)
      expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.name === name)).toHaveLength(40);
    expect(
      readFileSync(join(dir, 'traces', 't.csv'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(41);
    expect(run.stdout).toMatch(/\narena +4,194,304 B/);
    for (const pool of ['bullets', 'enemies', 'particles'])
      expect(run.stdout).toMatch(new RegExp(`\\npool ${pool} +[\\d,]+ slots`));
  }, 60_000);

  it('--mode naive profiles the object-per-thing game: garbage advice, no arena', async () => {
    const run = await profile('--mode', 'naive', '--entities', '1000', '--ticks', '30', '--warmup', '10');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/- collision creates [\d.]+ KiB of garbage per tick/);
    expect(run.stdout).not.toMatch(/\narena /);
  }, 60_000);

  it.each([
    [['--out', 'a.json', '--trace', 'b.json'], '--out names the trace and the CSV'],
    [['--mode', 'ecs'], '--mode must be one of pooled, bitecs, naive, got "ecs"'],
    [['--entities', '0'], '--entities must be between 1 and 1000000, got 0'],
    [['game.ts'], 'unexpected argument "game.ts"'],
  ])('refuses %j with exit code 2: %s', async (argv, message) => {
    const run = await profile(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('--help prints the usage with every option, old and new', async () => {
    const run = await profile('--help');
    expect(run).toMatchObject({ code: 0, stdout: USAGE });
    for (const flag of [
      '--mode',
      '--seed',
      '--entities',
      '--out',
      '--ticks',
      '--warmup',
      '--dt',
      '--sites',
      '--json',
      '--trace',
      '--csv',
      '--html',
    ]) {
      expect(USAGE).toContain(flag);
    }
  });

  it.each([
    ['trace.json', 'trace.csv'],
    ['/tmp/run.JSON', '/tmp/run.csv'],
    ['out/trace', 'out/trace.csv'],
  ])('csvPathFor(%s) is %s', (trace, csv) => {
    expect(csvPathFor(trace)).toBe(csv);
  });
});

describe('as processes', () => {
  async function spawn(args: readonly string[]) {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...args], {
        cwd: ROOT,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('npm run profile exits 0 and prints plain progress lines when piped', async () => {
    const run = await spawn(['scripts/profile.ts', '--ticks', '20', '--warmup', '5', '--entities', '1000']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toContain('profile: 20 ticks...\nprofile: done\n');
  }, 60_000);

  it('the framepool command exits 0 on a module, and 2 naming a missing one', async () => {
    const good = await spawn([
      'src/profiler/node/cli.ts',
      'profile',
      'test/profiler/games/known.ts',
      '--ticks',
      '10',
      '--warmup',
      '5',
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('framepool profile of test/profiler/games/known.ts');
    const missing = await spawn(['src/profiler/node/cli.ts', 'profile', 'no/such/game.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('framepool profile: no/such/game.ts: no such file');
  }, 60_000);
});
