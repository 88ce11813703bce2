/**
 * The package's public entry points, in one table: the Vite alias, the library build, the layout
 * test and the package tests read it; `test/package/layout.test.ts` checks that package.json
 * `exports`, tsconfig `paths`, tsconfig.lib.json and typedoc.json list the same entries.
 *
 * Imports flow one way, from the top of this table down: an entry may import only the entries
 * named in its `imports` (and the packages in `peers`, and Node's built-ins when `node` is set).
 */
export interface PackageEntry {
  /** The specifier users import. */
  readonly name: string;
  /**
   * Its source folder under `src/`, which holds an `index.ts`. It may lie inside another entry's
   * folder (`profiler/node`): it is then an entry of its own, which the outer one may not import.
   */
  readonly folder: string;
  /** The built file in `dist-lib/`. */
  readonly built: string;
  /** Entries (by name) its sources may import. */
  readonly imports: readonly string[];
  /** Peer packages its sources may import. */
  readonly peers: readonly string[];
  /** Whether it may import Node's built-ins (`node:fs` …): then it runs in Node only. */
  readonly node?: true;
}

export const ENTRIES: readonly PackageEntry[] = [
  { name: 'framepool', folder: 'memory', built: 'memory.js', imports: [], peers: [] },
  { name: 'framepool/loop', folder: 'loop', built: 'loop.js', imports: ['framepool'], peers: [] },
  { name: 'framepool/profiler', folder: 'profiler', built: 'profiler.js', imports: ['framepool'], peers: [] },
  {
    name: 'framepool/profiler/node',
    folder: 'profiler/node',
    built: 'profiler-node.js',
    imports: ['framepool', 'framepool/profiler'],
    // tsx, its optional peer, is found and loaded at run time, never imported.
    peers: [],
    node: true,
  },
  { name: 'framepool/ecs', folder: 'ecs', built: 'ecs.js', imports: ['framepool'], peers: ['bitecs'] },
  {
    name: 'framepool/pixi',
    folder: 'render',
    built: 'pixi.js',
    imports: ['framepool', 'framepool/profiler'],
    peers: ['pixi.js', 'stats.js'],
  },
];

/** A folder of `src/` that is not an entry: the bullet game and the demo page. */
export interface AppFolder {
  readonly folder: string;
  /** Folders of `src/` it may import. */
  readonly imports: readonly string[];
  /** Packages it may import. */
  readonly peers: readonly string[];
}

/** The folders of `src/` that are not entries, with what they may import. */
export const APP_FOLDERS: readonly AppFolder[] = [
  { folder: 'game', imports: ['memory', 'loop', 'profiler', 'ecs'], peers: ['bitecs'] },
  {
    folder: 'demo',
    imports: ['memory', 'loop', 'profiler', 'ecs', 'render', 'game'],
    peers: ['bitecs', 'pixi.js', 'stats.js'],
  },
];

/** Every peer package some entry imports: the library build keeps them as imports. */
export const PEERS: readonly string[] = [...new Set(ENTRIES.flatMap((entry) => entry.peers))];

/** The package's commands (package.json `bin`): each built from a source file by the library build. */
export const BINS: readonly { readonly name: string; readonly source: string; readonly built: string }[] = [
  { name: 'framepool', source: 'src/profiler/node/cli.ts', built: 'cli.js' },
];

/** The entry's source index, relative to the repository root. */
export function entrySource(entry: PackageEntry): string {
  return `src/${entry.folder}/index.ts`;
}
