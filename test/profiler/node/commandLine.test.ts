import { describe, expect, it } from 'vitest';
import {
  type OptionTable,
  optionsHelp,
  PROFILE_OPTIONS,
  parseCommandLine,
  UsageError,
} from '../../../src/profiler/node/index.ts';

const TABLE = {
  ticks: { kind: 'whole', min: 1, max: 100_000, default: 600, help: 'ticks' },
  dt: { kind: 'seconds', max: 1, default: 1 / 60, shown: '1/60', help: 'step' },
  mode: { kind: 'choice', choices: ['a', 'b'], default: 'a', help: 'mode' },
  json: { kind: 'file', help: 'json' },
  sites: { kind: 'switch', help: 'sites' },
} as const satisfies OptionTable;

describe('parseCommandLine', () => {
  it('fills in the defaults: numbers, choices, switches off and no files', () => {
    expect(parseCommandLine([], TABLE)).toEqual({
      help: false,
      positional: [],
      values: { ticks: 600, dt: 1 / 60, mode: 'a', json: undefined, sites: false },
    });
  });

  it('reads every kind, as "--name value" or "--name=value", and keeps the positional arguments', () => {
    const line = parseCommandLine(
      ['game.ts', '--ticks', '1_200', '--dt=1/30', '--mode', 'b', '--json=a b.json', '--sites'],
      TABLE,
    );
    expect(line).toEqual({
      help: false,
      positional: ['game.ts'],
      values: { ticks: 1200, dt: 1 / 30, mode: 'b', json: 'a b.json', sites: true },
    });
    expect(parseCommandLine(['--dt', '0.02'], TABLE).values.dt).toBe(0.02);
  });

  it.each([['--help'], ['-h'], ['--ticks', '5', '--help']])('%s asks for the usage', (...argv) => {
    expect(parseCommandLine(argv, TABLE).help).toBe(true);
  });

  it.each([
    { argv: ['--tick', '5'], message: 'unknown option "--tick"' },
    { argv: ['-t', '5'], message: 'unknown option "-t"' },
    { argv: ['--constructor', '5'], message: 'unknown option "--constructor"' },
    { argv: ['--ticks'], message: '--ticks needs a value' },
    { argv: ['--ticks', '--sites'], message: '--ticks needs a value' },
    { argv: ['--ticks', 'abc'], message: '--ticks must be a whole number, got "abc"' },
    { argv: ['--ticks', ''], message: '--ticks must be a whole number, got ""' },
    { argv: ['--ticks', '1.5'], message: '--ticks must be a whole number, got "1.5"' },
    { argv: ['--ticks', '1e3'], message: '--ticks must be a whole number, got "1e3"' },
    { argv: ['--ticks', '0x10'], message: '--ticks must be a whole number, got "0x10"' },
    { argv: ['--ticks', '0'], message: '--ticks must be between 1 and 100000, got 0' },
    { argv: ['--ticks', '100001'], message: '--ticks must be between 1 and 100000, got 100001' },
    { argv: ['--ticks', '5', '--ticks=6'], message: '--ticks is given more than once' },
    { argv: ['--dt', '0'], message: '--dt must be seconds above 0 and at most 1' },
    { argv: ['--dt', '2'], message: '--dt must be seconds above 0 and at most 1' },
    { argv: ['--dt', '1/0'], message: '--dt must be seconds above 0 and at most 1' },
    { argv: ['--dt', '-0.1'], message: '--dt must be seconds above 0 and at most 1' },
    { argv: ['--dt', 'NaN'], message: '--dt must be seconds above 0 and at most 1' },
    { argv: ['--mode', 'c'], message: '--mode must be one of a, b, got "c"' },
    { argv: ['--json'], message: '--json needs a value' },
    { argv: ['--json='], message: '--json needs a file path' },
    { argv: ['--sites=yes'], message: '--sites takes no value' },
  ])('rejects $argv: $message', ({ argv, message }) => {
    expect(() => parseCommandLine(argv, TABLE)).toThrow(UsageError);
    expect(() => parseCommandLine(argv, TABLE)).toThrow(message);
  });
});

describe('optionsHelp', () => {
  it('lists every option of the command with its range or default, and --help', () => {
    const help = optionsHelp(PROFILE_OPTIONS);
    for (const name of Object.keys(PROFILE_OPTIONS)) expect(help).toContain(`--${name}`);
    expect(help).toMatch(/--ticks N +ticks to profile, all kept \(1-100,000, default 600\)/);
    expect(help).toMatch(/--dt SECONDS +.*\(default 1\/60\)/);
    expect(help).toContain('-h, --help');
  });
});
