import { describeValue } from '../../memory/index.ts';

/** A bad command line: the command prints the message and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One option of a command: how its value is written and checked, and its line of help. */
export type OptionSpec = { readonly help: string } & (
  | { readonly kind: 'whole'; readonly min: number; readonly max: number; readonly default: number }
  | { readonly kind: 'seconds'; readonly max: number; readonly default: number; readonly shown: string }
  | { readonly kind: 'choice'; readonly choices: readonly string[]; readonly default: string }
  | { readonly kind: 'file' }
  | { readonly kind: 'switch' }
);

/** A command's options by name (`ticks` is `--ticks`), in the order the help lists them. */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** A parsed value: a number, a file path or choice, or true for a switch given; undefined for a file not given. */
export type OptionValue = number | string | boolean | undefined;

/** What {@link parseCommandLine} returns. */
export interface CommandLine {
  /** `-h` or `--help` was given: print the usage, run nothing. */
  readonly help: boolean;
  /** The arguments that are no option, in order. */
  readonly positional: readonly string[];
  /** Every option of the table, with its default when not given. */
  readonly values: Readonly<Record<string, OptionValue>>;
}

/**
 * Parses `argv` (without `node` and the script) against `table`: `--name value` or `--name=value`,
 * switches bare. Whole numbers are digits only (`_` separators allowed), so `1e3`, `0x10` and `5 ` are
 * refused rather than misread; seconds are a decimal or a fraction (`0.02`, `1/30`).
 * @throws UsageError naming the option for an unknown, repeated or valueless option, or a value that
 *   is malformed or out of range; TypeError naming `argv` (not an array of strings) or `table` (an
 *   option without a known kind and help).
 */
export function parseCommandLine(argv: readonly string[], table: OptionTable): CommandLine {
  requireArgv(argv);
  requireTable(table);
  const given = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true, positional, values: {} };
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`unknown option "${arg}"`);
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = Object.hasOwn(table, name) ? table[name] : undefined;
    if (spec === undefined) throw new UsageError(`unknown option "--${name}"`);
    if (given.has(name)) throw new UsageError(`--${name} is given more than once`);
    if (spec.kind === 'switch') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      given.set(name, true);
      continue;
    }
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    given.set(name, value);
  }
  const values = Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [name, parsedValue(name, spec, given.get(name))]),
  );
  return { help: false, positional, values };
}

function parsedValue(name: string, spec: OptionSpec, text: string | true | undefined): OptionValue {
  if (spec.kind === 'switch') return text === true;
  if (typeof text !== 'string') return spec.kind === 'file' ? undefined : spec.default;
  switch (spec.kind) {
    case 'file':
      if (text.trim() === '') throw new UsageError(`--${name} needs a file path`);
      return text;
    case 'choice':
      if (!spec.choices.includes(text)) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}, got "${text}"`);
      }
      return text;
    case 'whole': {
      if (!/^[+-]?\d[\d_]*$/.test(text))
        throw new UsageError(`--${name} must be a whole number, got "${text}"`);
      const value = Number(text.replaceAll('_', ''));
      if (value < spec.min || value > spec.max) {
        throw new UsageError(`--${name} must be between ${spec.min} and ${spec.max}, got ${text}`);
      }
      return value;
    }
    case 'seconds': {
      const match = /^(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(text);
      const value = match === null ? Number.NaN : Number(match[1]) / Number(match[2] ?? 1);
      if (!(value > 0 && value <= spec.max)) {
        throw new UsageError(
          `--${name} must be seconds above 0 and at most ${spec.max}, as a decimal or a fraction (0.02, 1/60), got "${text}"`,
        );
      }
      return value;
    }
  }
}

/**
 * The options part of a usage text: one line per option, `--name VALUE  help (range, default)`.
 * @throws TypeError naming `table` when it is not an option table.
 */
export function optionsHelp(table: OptionTable): string {
  requireTable(table);
  const lines = Object.entries(table).map(([name, spec]) => {
    const flag = `--${name}${spec.kind === 'switch' ? '' : ` ${placeholder(spec)}`}`;
    return `  ${flag.padEnd(16)} ${spec.help}${detail(spec)}`;
  });
  return [...lines, `  ${'-h, --help'.padEnd(16)} print this help`].join('\n');
}

const KINDS = new Set(['whole', 'seconds', 'choice', 'file', 'switch']);

function requireArgv(argv: unknown): void {
  if (!(Array.isArray(argv) && argv.every((arg) => typeof arg === 'string'))) {
    throw new TypeError(`argv must be an array of strings, got ${describeValue(argv)}`);
  }
}

function requireTable(table: unknown): void {
  const specs =
    typeof table === 'object' && table !== null && !Array.isArray(table) ? Object.values(table) : null;
  const known = (spec: unknown) =>
    typeof spec === 'object' &&
    spec !== null &&
    KINDS.has((spec as OptionSpec).kind) &&
    typeof (spec as OptionSpec).help === 'string';
  if (specs === null || !specs.every(known)) {
    throw new TypeError(
      `table must be an object of options ({ kind, help, … } by name), got ${describeValue(table)}`,
    );
  }
}

function placeholder(spec: OptionSpec): string {
  return spec.kind === 'whole'
    ? 'N'
    : spec.kind === 'seconds'
      ? 'SECONDS'
      : spec.kind === 'file'
        ? 'FILE'
        : 'NAME';
}

function detail(spec: OptionSpec): string {
  switch (spec.kind) {
    case 'whole':
      return ` (${spec.min}-${spec.max.toLocaleString('en-US')}, default ${spec.default.toLocaleString('en-US')})`;
    case 'seconds':
      return ` (default ${spec.shown})`;
    case 'choice':
      return ` (${spec.choices.join(', ')}; default ${spec.default})`;
    default:
      return '';
  }
}
