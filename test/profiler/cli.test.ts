import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvPathFor,
  DEFAULT_OUT,
  OPTION_LIMITS,
  parseArgs,
  progressBar,
  UsageError,
} from '../../scripts/profile.ts';
import type { TraceEvent, TraceFile } from '../../src/profiler/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SYSTEM_NAMES = ['ship', 'spawn', 'motion', 'lifetime', 'collision', 'particles'];
const POOL_NAMES = ['bullets', 'enemies', 'particles'];
const TICKS = 120;

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run profile`'s command (node --import tsx scripts/profile.ts) with `args`, piped. */
async function cli(args: readonly string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/profile.ts', ...args],
      { cwd: ROOT, maxBuffer: 16 << 20 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run profile, end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'framepool-profile-'));
  // A folder that does not exist yet: the CLI makes it.
  const out = join(dir, 'traces', 't.json');
  let run: CliRun;

  beforeAll(async () => {
    run = await cli(['--ticks', String(TICKS), '--entities', '2000', '--seed', '3', '--out', out]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and reports where it wrote the trace and the CSV', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Trace: ${out}`);
    expect(run.stdout).toContain(`CSV:   ${join(dir, 'traces', 't.csv')} (${TICKS} rows)`);
  });

  it('prints plain progress lines when piped, with no carriage returns', () => {
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toContain(`profile: ${TICKS} ticks...\nprofile: done\n`);
  });

  it('prints the report table naming every system, the arena and every pool', () => {
    expect(run.stdout).toContain(`${TICKS} ticks recorded`);
    const systemsTable = run.stdout.slice(run.stdout.indexOf('\nSystems\n'));
    for (const name of SYSTEM_NAMES) expect(systemsTable).toMatch(new RegExp(`\\n${name} +\\d`));
    const sizing = run.stdout.slice(run.stdout.indexOf('\nSizing'));
    expect(sizing).toMatch(/\narena +4,194,304 B/);
    for (const pool of POOL_NAMES) expect(sizing).toMatch(new RegExp(`\\npool ${pool} +[\\d,]+ slots`));
  });

  it("writes a Chrome trace with an 'X' event per system per tick and 'C' counters for the arena and each pool", () => {
    const trace = JSON.parse(readFileSync(out, 'utf8')) as TraceFile;
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    const count = (ph: TraceEvent['ph'], name: string) =>
      trace.traceEvents.filter((e) => e.ph === ph && e.name === name).length;
    expect(count('X', 'tick')).toBe(TICKS);
    for (const name of SYSTEM_NAMES)
      expect({ name, events: count('X', name) }).toEqual({ name, events: TICKS });
    expect(count('C', 'arena')).toBe(TICKS);
    for (const pool of POOL_NAMES) expect(count('C', `pool ${pool}`)).toBe(TICKS);
  });

  it('writes the per-tick CSV beside the trace: a header and one row per tick', () => {
    const lines = readFileSync(join(dir, 'traces', 't.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^tick,/);
    expect(lines[0]).toContain('arena.used');
    expect(lines).toHaveLength(1 + TICKS);
    const columns = lines[0].split(',').length;
    expect(lines.every((line) => line.split(',').length === columns)).toBe(true);
  });

  it('exits 2 with a clear message on a bad argument, and 0 with usage on --help', async () => {
    const bad = await cli(['--ticks', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--ticks must be a whole number, got "many"');
    expect(bad.stdout).toBe('');
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run profile/);
    for (const flag of ['--ticks', '--seed', '--entities', '--warmup', '--out'])
      expect(help.stdout).toContain(flag);
  }, 60_000);
});

describe('parseArgs', () => {
  it('fills in the defaults', () => {
    expect(parseArgs([])).toEqual({
      help: false,
      ticks: OPTION_LIMITS.ticks.default,
      seed: OPTION_LIMITS.seed.default,
      entities: OPTION_LIMITS.entities.default,
      warmup: OPTION_LIMITS.warmup.default,
      out: DEFAULT_OUT,
    });
  });

  it('reads every option, as "--name value" or "--name=value"', () => {
    expect(
      parseArgs(['--ticks', '300', '--seed=0', '--entities', '50_000', '--warmup=0', '--out', 'a b.json']),
    ).toEqual({ help: false, ticks: 300, seed: 0, entities: 50_000, warmup: 0, out: 'a b.json' });
    expect(parseArgs(['--seed', '4294967295'])).toMatchObject({ seed: 0xffff_ffff });
  });

  it.each([['--help'], ['-h'], ['--ticks', '5', '--help']])('%s asks for the usage', (...argv) => {
    expect(parseArgs(argv)).toEqual({ help: true });
  });

  it.each([
    { argv: ['--tick', '5'], message: 'unknown option "--tick"' },
    { argv: ['--verbose'], message: 'unknown option "--verbose"' },
    { argv: ['120'], message: 'unexpected argument "120"' },
    { argv: ['-t', '5'], message: 'unexpected argument "-t"' },
    { argv: ['--ticks'], message: '--ticks needs a value' },
    { argv: ['--ticks', '--seed', '1'], message: '--ticks needs a value' },
    { argv: ['--ticks', 'abc'], message: '--ticks must be a whole number, got "abc"' },
    { argv: ['--ticks', ''], message: '--ticks must be a whole number, got ""' },
    { argv: ['--ticks', '1.5'], message: '--ticks must be a whole number, got "1.5"' },
    { argv: ['--ticks', '1e3'], message: '--ticks must be a whole number, got "1e3"' },
    { argv: ['--ticks', '0x10'], message: '--ticks must be a whole number, got "0x10"' },
    { argv: ['--ticks', 'NaN'], message: '--ticks must be a whole number, got "NaN"' },
    { argv: ['--ticks', '0'], message: '--ticks must be between 1 and 100000, got 0' },
    { argv: ['--ticks', '100001'], message: '--ticks must be between 1 and 100000, got 100001' },
    { argv: ['--entities', '0'], message: '--entities must be between 1 and 1000000, got 0' },
    { argv: ['--entities=2000000'], message: '--entities must be between 1 and 1000000, got 2000000' },
    { argv: ['--seed', '-1'], message: '--seed must be between 0 and 4294967295, got -1' },
    { argv: ['--seed', '4294967296'], message: '--seed must be between 0 and 4294967295, got 4294967296' },
    { argv: ['--warmup', '-5'], message: '--warmup must be between 0 and 100000, got -5' },
    { argv: ['--out'], message: '--out needs a value' },
    { argv: ['--out='], message: '--out needs a file path' },
    { argv: ['--ticks', '5', '--ticks=6'], message: '--ticks is given more than once' },
  ])('rejects $argv: $message', ({ argv, message }) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('csvPathFor', () => {
  it.each([
    ['trace.json', 'trace.csv'],
    ['/tmp/run.JSON', '/tmp/run.csv'],
    ['out/trace', 'out/trace.csv'],
    ['trace.json.bak', 'trace.json.bak.csv'],
  ])('%s → %s', (trace, csv) => {
    expect(csvPathFor(trace)).toBe(csv);
  });
});

describe('progressBar', () => {
  function sink(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, isTTY, columns: 80, write: (text: string) => writes.push(text) };
  }

  it('on a terminal, redraws one bar in place at most once per percent and ends the line', () => {
    const tty = sink(true);
    const listener = progressBar(tty);
    for (let t = 0; t <= 1000; t++) listener('profile', t, 1000);
    const output = tty.writes.join('');
    expect(output.split('\r')).toHaveLength(1 + 101);
    expect(output).toMatch(/\rprofile \[\.+\] {3}0% 0\/1000 ticks\r/);
    expect(output).toMatch(/\rprofile \[#+\] 100% 1000\/1000 ticks\n$/);
  });

  it('when piped, writes one plain line at the start and one at the end of a phase', () => {
    const piped = sink(false);
    const listener = progressBar(piped);
    for (let t = 0; t <= 50; t++) listener('warm-up', t, 50);
    expect(piped.writes).toEqual(['warm-up: 50 ticks...\n', 'warm-up: done\n']);
  });
});
