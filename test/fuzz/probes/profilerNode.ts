/** Probes of `framepool/profiler/node`'s synchronous calls (the asynchronous ones: test/profiler/node/command.test.ts). */
import {
  attributeSites,
  GcObserver,
  optionsHelp,
  PROFILE_OPTIONS,
  parseCommandLine,
  progressBar,
  UsageError,
} from '../../../src/profiler/node/index.ts';
import type { Probe } from '../probe.ts';
import { probe } from '../probe.ts';
import type { Bad } from '../values.ts';

const isString = (x: unknown) => typeof x === 'string';
/** An object whose own values are none: an option table with no options. */
const noOptions = (bad: Bad) =>
  bad.kind === 'object' && Object.values(bad.value as object).length === 0 && !Array.isArray(bad.value);

export const PROFILER_NODE_PROBES: readonly Probe[] = [
  probe({
    name: 'new GcObserver',
    params: ['capacity'],
    make: () => null,
    valid: () => [64],
    call: (_, [capacity]) => new GcObserver({ capacity } as never),
    // No capacity is the default; the observer made is disconnected again.
    accepts: (_, bad) =>
      bad.kind === 'undefined'
        ? (observer) => {
            (observer as GcObserver).disconnect();
            return observer instanceof GcObserver;
          }
        : null,
  }),
  probe({
    name: 'parseCommandLine',
    params: ['argv', 'table'],
    make: () => null,
    valid: () => [['--ticks', '5'], PROFILE_OPTIONS],
    call: (_, [argv, table]) => parseCommandLine(argv as string[], table as never),
    // No arguments is a command line; a table of no options refuses `--ticks` as a user's mistake.
    accepts: (index, bad) =>
      index === 0 && bad.kind === 'array' && (bad.value as unknown[]).length === 0 ? () => true : null,
    errors: { 1: [UsageError] },
  }),
  probe({
    name: 'optionsHelp',
    params: ['table'],
    make: () => null,
    valid: () => [PROFILE_OPTIONS],
    call: (_, [table]) => optionsHelp(table as never),
    accepts: (_, bad) => (noOptions(bad) ? isString : null),
  }),
  probe({
    name: 'attributeSites',
    params: ['profiles', 'systems', 'ticks', 'top', 'locate'],
    make: () => null,
    valid: () => [[], 2, 10, 5, (url: string, line: number) => ({ url, line })],
    call: (_, [profiles, systems, ticks, top, locate]) =>
      attributeSites(profiles as never, systems as number, ticks as number, top as number, locate as never),
    // No profile charges nothing; any count of ticks or sites is a count; a locator is never called
    // without a sample, and undefined takes the default one.
    accepts: (index, bad) =>
      (index === 0 && bad.kind === 'array' && (bad.value as unknown[]).length === 0) ||
      ((index === 2 || index === 3) && bad.kind === 'huge' && Number.isSafeInteger(bad.value)) ||
      (index === 4 && (bad.kind === 'function' || bad.kind === 'undefined'))
        ? (sites) => Array.isArray(sites)
        : null,
  }),
  probe({
    name: 'progressBar',
    params: ['sink'],
    make: () => null,
    valid: () => [{ write: () => true }],
    call: (_, [sink]) => progressBar(sink as never),
  }),
];
