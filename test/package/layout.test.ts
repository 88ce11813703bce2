/**
 * The layout rule of the README, enforced: each folder of `src/` does one job, imports flow one way
 * (the table in `scripts/entries.ts`), an entry is reached only through its `index.ts`, no file is over
 * 450 lines, and the module graph has no cycle. An entry's folder may lie inside another's
 * (`profiler/node`): it is then an entry of its own, and the outer one may not import it. Only entries
 * marked `node` import Node's built-ins. Also checks that every list of the entry points (package.json,
 * tsconfig, tsconfig.lib.json, typedoc.json) names the same entries as that table, and package.json
 * `bin` its commands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FOLDERS, BINS, ENTRIES, entrySource } from '../../scripts/entries.ts';
import { importSpecifiers, packageName, ROOT } from './helpers.ts';

const SRC = join(ROOT, 'src');
const MAX_LINES = 450;

interface Rule {
  readonly folders: Set<string>;
  readonly packages: Set<string>;
  readonly builtins: boolean;
}

/** What each folder of src/ may import: other folders, packages, and whether Node's built-ins. */
const RULES = new Map<string, Rule>([
  ...ENTRIES.map((entry): [string, Rule] => [
    entry.folder,
    {
      folders: new Set(entry.imports.map((name) => ENTRIES.find((e) => e.name === name)!.folder)),
      packages: new Set(entry.peers),
      builtins: entry.node === true,
    },
  ]),
  ...APP_FOLDERS.map(({ folder, imports, peers }): [string, Rule] => [
    folder,
    { folders: new Set(imports), packages: new Set(peers), builtins: false },
  ]),
]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The folder of src/ a file lies in ('memory', 'game', 'profiler/node' …): the deepest one with a rule. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep).slice(0, -1);
  for (let n = parts.length; n > 1; n--) {
    const folder = parts.slice(0, n).join('/');
    if (RULES.has(folder)) return folder;
  }
  return parts[0] ?? '';
}

/** Why an import of `specifier` from `file` breaks the layout, or null when it is allowed. */
function violation(file: string, specifier: string): string | null {
  const rule = RULES.get(folderOf(file));
  if (rule === undefined) return `${folderOf(file)} is not a known folder of src/`;
  if (specifier.startsWith('node:')) return rule.builtins ? null : `may not import Node's ${specifier}`;
  if (!specifier.startsWith('.')) {
    return rule.packages.has(packageName(specifier)) ? null : `may not import the package ${specifier}`;
  }
  const target = resolve(dirname(file), specifier);
  const folder = folderOf(target);
  if (folder === folderOf(file)) return null;
  if (!rule.folders.has(folder)) return `may not import src/${folder}`;
  if (target !== join(SRC, ...folder.split('/'), 'index.ts')) {
    return `reaches into src/${folder} past its index.ts`;
  }
  return null;
}

/** Every relative import of every file: the module graph of src/. */
function moduleGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(SRC)) {
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s));
    graph.set(file, targets);
  }
  return graph;
}

/** One cycle of `graph` as a list of files (first = last), or null. Depth-first, three colours. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    if (state.get(file) === undefined) {
      const cycle = visit(file);
      if (cycle) return cycle.map((f) => relative(ROOT, f));
    }
  }
  return null;
}

describe('the layout of src/', () => {
  it('every folder of src/ is an entry or an app folder', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual([...new Set([...RULES.keys()].map((f) => f.split('/')[0]))].sort());
  });

  it('the checker catches each kind of violation', () => {
    const game = join(SRC, 'game', 'x.ts');
    const memory = join(SRC, 'memory', 'x.ts');
    expect(violation(game, '../memory/index.ts')).toBeNull();
    expect(violation(game, './rules.ts')).toBeNull();
    expect(violation(game, '../render/index.ts')).toMatch(/may not import src\/render/);
    expect(violation(game, '../memory/MemoryPool.ts')).toMatch(/past its index/);
    expect(violation(memory, '../loop/index.ts')).toMatch(/may not import/);
    expect(violation(memory, 'bitecs')).toMatch(/package bitecs/);
    expect(violation(join(SRC, 'ecs', 'x.ts'), 'bitecs')).toBeNull();
    expect(violation(game, 'pixi.js')).toMatch(/package pixi.js/);
    const profiler = join(SRC, 'profiler', 'x.ts');
    const node = join(SRC, 'profiler', 'node', 'x.ts');
    expect(folderOf(node)).toBe('profiler/node');
    expect(violation(node, '../index.ts')).toBeNull();
    expect(violation(node, '../../memory/index.ts')).toBeNull();
    expect(violation(node, 'node:fs')).toBeNull();
    expect(violation(node, '../summarize.ts')).toMatch(/past its index/);
    expect(violation(profiler, './node/index.ts')).toMatch(/may not import src\/profiler\/node/);
    expect(violation(profiler, 'node:fs')).toMatch(/may not import Node's node:fs/);
    expect(violation(game, '../profiler/node/index.ts')).toMatch(/may not import src\/profiler\/node/);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toHaveLength(4);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeNull();
  });

  it('imports flow one way, and into an entry only through its index.ts', () => {
    const problems: string[] = [];
    for (const file of tsFiles(SRC)) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const why = violation(file, specifier);
        if (why) problems.push(`${relative(ROOT, file)}: '${specifier}': ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycle(moduleGraph())).toBeNull();
  });

  it(`has no file over ${MAX_LINES} lines, in the sources, tests, benchmarks, demos or scripts`, () => {
    const long = ['src', 'test', 'bench', 'demos', 'scripts']
      .flatMap((folder) => tsFiles(join(ROOT, folder)))
      .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});

describe('every list of the entry points agrees with scripts/entries.ts', () => {
  const json = (path: string) =>
    JSON.parse(readFileSync(join(ROOT, path), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
  const sources = ENTRIES.map(entrySource).sort();

  it('package.json exports', () => {
    const exports = json('package.json').exports as Record<string, { import?: string }>;
    const listed = Object.entries(exports)
      .filter(([, target]) => typeof target === 'object' && target.import)
      .map(([key, target]) => [key === '.' ? 'framepool' : `framepool/${key.slice(2)}`, target.import]);
    expect(listed.sort()).toEqual(ENTRIES.map((e) => [e.name, `./dist-lib/${e.built}`]).sort());
  });

  it('package.json bin: the commands of scripts/entries.ts, each from a file of src/', () => {
    expect(json('package.json').bin).toEqual(
      Object.fromEntries(BINS.map((bin) => [bin.name, `./dist-lib/${bin.built}`])),
    );
    for (const bin of BINS)
      expect(readFileSync(join(ROOT, bin.source), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('tsconfig.json paths, tsconfig.lib.json files and typedoc.json entry points', () => {
    const paths = json('tsconfig.json').compilerOptions.paths as Record<string, string[]>;
    expect(Object.entries(paths).sort()).toEqual(
      ENTRIES.map((e) => [e.name, [`./${entrySource(e)}`]]).sort(),
    );
    expect([...json('tsconfig.lib.json').files].sort()).toEqual(sources);
    expect([...json('typedoc.json').entryPoints].sort()).toEqual(sources);
  });
});
