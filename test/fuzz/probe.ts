/**
 * A probe describes one public call for the fuzz: how to make a subject in a typical state, the
 * call's valid arguments, how to read the subject's whole state, and what the call's contract says
 * about a bad argument. The fuzz corrupts one argument at a time with a value of one of the bad
 * classes and checks the standard:
 * - the call throws a TypeError or RangeError whose message names the argument (or a documented
 *   error of the module, such as StaleHandleError), and the subject is exactly as it was; or
 * - the contract accepts that value (`accepts` returns a check), and the result passes the check.
 */
import { expect } from 'vitest';
import { type Bad, type BadKind, show } from './values.ts';

/** A class of error a call may document. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** One public call under the fuzz. */
export interface Probe<S = unknown> {
  /** `Class#method` or `function`, as the failure message names it. */
  readonly name: string;
  /** The parameters' names, in order: what an error about each must name. */
  readonly params: readonly string[];
  /** A fresh subject in a typical state (or null for a plain function). */
  make(): S;
  /** Valid arguments for the call on `subject`; the fuzz replaces one of them. */
  valid(subject: S): unknown[];
  /** Makes the call. */
  call(subject: S, args: unknown[]): unknown;
  /**
   * Values of the right type that are stale for `subject`: freed or foreign handles, removed entities.
   * The fuzz's 'stale' class draws from them; without a list it draws an ordinary bad value instead.
   */
  stale?(subject: S): unknown[];
  /** Everything observable about the subject, deep-comparable (default: nothing). */
  state?(subject: S): unknown;
  /**
   * The contract for a bad value of parameter `index`: a check of the result when the call may take
   * it, or null when it must throw. Default: every bad value must throw.
   */
  accepts?(index: number, bad: Bad): ((result: unknown) => boolean) | null;
  /**
   * Error classes the module documents for a bad value of a parameter (by index) besides a TypeError
   * or RangeError that names it, e.g. StaleHandleError for a handle.
   */
  readonly errors?: Readonly<Record<number, readonly ErrorClass[]>>;
}

/** Builds a probe with its subject type inferred (and checked) from `make`. */
export function probe<S>(definition: Probe<S>): Probe<unknown> {
  return definition as Probe<unknown>;
}

/** An `accepts` that takes the given classes and checks nothing else about the result. */
export function acceptsKinds(
  byParam: Readonly<Record<number, readonly BadKind[]>>,
  check: (result: unknown) => boolean = () => true,
): NonNullable<Probe['accepts']> {
  return (index, bad) => (byParam[index]?.includes(bad.kind) ? check : null);
}

/** Cases run so far in this process, for the fuzz's count. */
export const casesRun = { count: 0 };

/** Runs one case: `probe` with parameter `index` replaced by `bad`. Fails the test on a broken promise. */
export function runCase(probe: Probe, index: number, bad: Bad): void {
  casesRun.count++;
  const subject = probe.make();
  const args = probe.valid(subject);
  if (bad.kind === 'stale') {
    const stale = probe.stale?.(subject) ?? [Number.NaN];
    bad = { kind: probe.stale ? 'stale' : 'nan', value: stale[(bad.value as number) % stale.length] };
  }
  args[index] = bad.value;
  const param = probe.params[index];
  const before = probe.state?.(subject);
  const what = `${probe.name} with ${param} = ${show(bad.value)} (${bad.kind})`;
  let result: unknown;
  let error: unknown;
  let threw = false;
  const start = performance.now();
  try {
    result = probe.call(subject, args);
  } catch (caught) {
    error = caught;
    threw = true;
  }
  const ms = performance.now() - start;
  expect(ms, `${what} took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
  const check = probe.accepts?.(index, bad) ?? null;
  if (!threw) {
    expect(check, `${what} returned ${show(result)} instead of throwing`).not.toBeNull();
    expect(check!(result), `${what} returned ${show(result)}, against its contract`).toBe(true);
    return;
  }
  // The message must start with the name of one of the call's arguments and mention this one:
  // "seed must be a number, got …". An engine error ("Cannot mix BigInt …") does neither.
  const named =
    (error instanceof TypeError || error instanceof RangeError) &&
    new RegExp(`^(${probe.params.map(escapeName).join('|')})\\b`).test(error.message) &&
    new RegExp(`\\b${escapeName(param)}\\b`).test(error.message);
  const documented = probe.errors?.[index]?.some((type) => error instanceof type) ?? false;
  expect(
    named || documented,
    `${what} threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}, which does not name ${param}`,
  ).toBe(true);
  if (probe.state) expect(probe.state(subject), `${what} changed the state before throwing`).toEqual(before);
}

/** `name` as a literal in a regular expression. */
function escapeName(name: string): string {
  return name.replace(/[.[\]]/g, '\\$&');
}
