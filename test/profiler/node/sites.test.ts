/** Charging sampled allocations to systems, on profiles built by hand. */
import { describe, expect, it } from 'vitest';
import { attributeSites, type HeapProfileNode } from '../../../src/profiler/node/index.ts';

const frame = (
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  ...children: HeapProfileNode[]
): HeapProfileNode => ({
  callFrame: { functionName, url, lineNumber, columnNumber: 0 },
  selfSize,
  children,
});
const GAME = 'file:///game.ts?tsx-namespace=abc';

describe('attributeSites', () => {
  it('charges each sample to the innermost system on its stack, per function and line, per tick', () => {
    const root = frame(
      '(root)',
      '',
      -1,
      0,
      frame(
        'driver',
        'file:///cli.js',
        9,
        500, // outside any system: left out
        frame(
          'framepool_system_0',
          '',
          0,
          64, // the caller's own bytes: left out
          frame('spawn', GAME, 10, 3000, frame('makeThing', GAME, 2, 1000), frame('map', '', -1, 2000)),
        ),
        frame(
          'framepool_system_1',
          '',
          0,
          0,
          frame('collide', GAME, 30, 600, frame('makeThing', GAME, 2, 400)),
        ),
      ),
    );
    const sites = attributeSites([root, root], 2, 10, 5);
    expect(sites[0]).toEqual([
      // The built-in `map` allocates for the function that called it.
      { functionName: 'spawn', url: 'file:///game.ts', line: 11, bytesPerTick: ((3000 + 2000) * 2) / 10 },
      { functionName: 'makeThing', url: 'file:///game.ts', line: 3, bytesPerTick: 200 },
    ]);
    expect(sites[1]).toEqual([
      { functionName: 'collide', url: 'file:///game.ts', line: 31, bytesPerTick: 120 },
      { functionName: 'makeThing', url: 'file:///game.ts', line: 3, bytesPerTick: 80 },
    ]);
  });

  it('keeps the top sites, names anonymous functions, and places lines through a locator', () => {
    const leaves = Array.from({ length: 8 }, (_, i) => frame(i === 0 ? '' : `f${i}`, GAME, i, 100 * (i + 1)));
    const root = frame('framepool_system_0', '', 0, 0, ...leaves);
    const [sites] = attributeSites([root], 1, 1, 3, (url, line) => ({
      url: `${url}#mapped`,
      line: line + 100,
    }));
    expect(sites.map((s) => s.functionName)).toEqual(['f7', 'f6', 'f5']);
    expect(sites[0]).toMatchObject({ url: 'file:///game.ts', line: 107 });
    const [all] = attributeSites([root], 1, 1, 10);
    expect(all.at(-1)).toMatchObject({ functionName: '(anonymous)', bytesPerTick: 100 });
  });
});
