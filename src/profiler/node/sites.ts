import { describeValue } from '../../memory/index.ts';
import type { AllocationSite } from '../index.ts';
import { systemOfFrame } from './systemCallers.ts';

/** A node of a sampling heap profile (Chrome DevTools Protocol `HeapProfiler.SamplingHeapProfileNode`): what {@link attributeSites} reads. */
export interface HeapProfileNode {
  /** The function this frame runs; lines and columns are 0-based, of the function's start. */
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  /** Bytes allocated in this frame itself, scaled up from the samples to an estimate of all. */
  readonly selfSize: number;
  /** Frames called from this one. */
  readonly children: readonly HeapProfileNode[];
}

/** Maps a generated position (0-based line and column) to the source a person edits, when a source map knows it. */
export type SourceLocator = (url: string, line: number, column: number) => { url: string; line: number };

/** A locator that keeps every position as it is (1-based line). */
const asGenerated: SourceLocator = (url, line) => ({ url, line: line + 1 });

/**
 * Each system's top allocation sites from sampling heap profiles (one per sampled block) of code that
 * ran every system through its own caller (`systemCallers`): each sample is charged to the innermost
 * system on its stack, at the frame that allocated (a built-in's allocation at the function that called
 * it), and divided by the `ticks` sampled. Allocations outside any system, and the callers' own, are
 * left out. Sites are merged by function, file and line;
 * at most `top` per system, most bytes first.
 * @throws TypeError or RangeError naming an argument of the wrong type or out of range.
 */
export function attributeSites(
  profiles: readonly HeapProfileNode[],
  systems: number,
  ticks: number,
  top: number,
  locate: SourceLocator = asGenerated,
): AllocationSite[][] {
  requireSiteArguments(profiles, systems, ticks, top, locate);
  const bytes = Array.from({ length: systems }, () => new Map<string, number>());
  // `code` is the nearest frame with a script: a built-in (Array.prototype.map, String.fromCharCode …)
  // allocates for the code that called it, and that is the line to change.
  const visit = (node: HeapProfileNode, system: number, code: HeapProfileNode | undefined): void => {
    const frame = node.callFrame;
    const caller = systemOfFrame(frame.functionName, frame.url);
    const inside = caller >= 0 && caller < systems ? caller : system;
    const site = frame.url === '' && code !== undefined ? code.callFrame : frame;
    if (caller === -1 && inside !== -1 && node.selfSize > 0) {
      const at = locate(site.url, site.lineNumber, site.columnNumber);
      // A query (tsx loads each module under a namespace of its own) names the load, not the file.
      const key = `${site.functionName || '(anonymous)'}\n${at.url.replace(/\?.*$/, '')}\n${at.line}`;
      bytes[inside].set(key, (bytes[inside].get(key) ?? 0) + node.selfSize);
    }
    const inCode = caller === -1 && frame.url !== '' ? node : caller >= 0 ? undefined : code;
    for (const child of node.children) visit(child, inside, inCode);
  };
  for (const root of profiles) visit(root, -1, undefined);
  return bytes.map((sites) =>
    [...sites]
      .map(([key, total]): AllocationSite => {
        const [functionName, url, line] = key.split('\n');
        return { functionName, url, line: Number(line), bytesPerTick: ticks > 0 ? total / ticks : 0 };
      })
      .sort((a, b) => b.bytesPerTick - a.bytesPerTick)
      .slice(0, top),
  );
}

/** Most systems {@link attributeSites} charges: far more than a tick runs. */
const MAX_SYSTEMS = 65_536;

function requireSiteArguments(
  profiles: unknown,
  systems: unknown,
  ticks: unknown,
  top: unknown,
  locate: unknown,
): void {
  const isNode = (node: unknown) =>
    typeof node === 'object' &&
    node !== null &&
    typeof (node as HeapProfileNode).callFrame === 'object' &&
    Array.isArray((node as HeapProfileNode).children);
  if (!(Array.isArray(profiles) && profiles.every(isNode))) {
    throw new TypeError(`profiles must be an array of profile roots, got ${describeValue(profiles)}`);
  }
  for (const [name, value, max] of [
    ['systems', systems, MAX_SYSTEMS],
    ['ticks', ticks, Number.MAX_SAFE_INTEGER],
    ['top', top, Number.MAX_SAFE_INTEGER],
  ] as const) {
    if (!(Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max)) {
      const message = `${name} must be a whole number from 0 to ${max}, got ${describeValue(value)}`;
      throw typeof value === 'number' ? new RangeError(message) : new TypeError(message);
    }
  }
  if (typeof locate !== 'function')
    throw new TypeError(`locate must be a function, got ${describeValue(locate)}`);
}
