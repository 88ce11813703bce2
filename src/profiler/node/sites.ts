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
export const asGenerated: SourceLocator = (url, line) => ({ url, line: line + 1 });

/**
 * Each system's top allocation sites from sampling heap profiles (one per sampled block) of code that
 * ran every system through its own caller (`systemCallers`): each sample is charged to the innermost
 * system on its stack, at the frame that allocated (a built-in's allocation at the function that called
 * it), and divided by the `ticks` sampled. Allocations outside any system, and the callers' own, are
 * left out. Sites are merged by function, file and line;
 * at most `top` per system, most bytes first.
 */
export function attributeSites(
  profiles: readonly HeapProfileNode[],
  systems: number,
  ticks: number,
  top: number,
  locate: SourceLocator = asGenerated,
): AllocationSite[][] {
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
