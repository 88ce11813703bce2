import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeValue } from '../../memory/index.ts';
import { GameError, type GameModule, reasonOf, requireGameModule } from './gameModule.ts';

/** Extensions loaded as TypeScript. */
const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** tsx's API for importing one TypeScript module without registering a loader for the whole process. */
type TsImport = (specifier: string, parentURL: string) => Promise<Record<string, unknown>>;

/**
 * Imports the game module at `path` (relative to `cwd`) and returns its default export, checked to be a
 * {@link GameModule}. JavaScript loads as it is; TypeScript loads natively when the process already can
 * (under `node --import tsx`, Vitest, or a Node that strips types), and otherwise through `tsx` if it
 * is installed (an optional peer of framepool, found from the module's folder, the working directory or
 * framepool's own). A module compiled to CommonJS (a `.ts` file outside an ES-module package) is
 * unwrapped.
 * @throws GameError ('load') naming `path` when the file is missing, needs tsx that is not installed, or
 *   throws while loading; ('shape') when its default export is no game module. TypeError or RangeError
 *   naming `path` or `cwd` when it is not a non-empty string.
 */
export async function loadGame(path: string, cwd: string = process.cwd()): Promise<GameModule> {
  for (const [name, value] of [
    ['path', path],
    ['cwd', cwd],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      const message = `${name} must be a non-empty string, got ${describeValue(value)}`;
      throw typeof value === 'string' ? new RangeError(message) : new TypeError(message);
    }
  }
  const file = resolve(cwd, path);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new GameError('load', `${path}: no such file (looked for ${file})`);
  }
  const url = pathToFileURL(file).href;
  let namespace: Record<string, unknown>;
  try {
    namespace = await importModule(file, url);
  } catch (error) {
    if (error instanceof GameError) throw error;
    throw new GameError('load', `${path} threw while loading: ${reasonOf(error)}`, { cause: error });
  }
  const game = defaultExport(namespace);
  requireGameModule(game, path);
  return game;
}

async function importModule(file: string, url: string): Promise<Record<string, unknown>> {
  if (!TYPESCRIPT.has(extname(file).toLowerCase())) return import(url);
  try {
    return await import(url);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  const tsImport = await findTsx(file);
  if (tsImport === undefined) {
    throw new GameError(
      'load',
      `${file} is TypeScript, and this Node cannot load it by itself: framepool loads .ts modules with tsx, ` +
        'which is not installed. Install it beside framepool (npm install --save-dev tsx), run under ' +
        '`node --import tsx`, or compile the module to JavaScript.',
    );
  }
  // A fresh URL of its own: Node remembers the failed import of `url`.
  return tsImport(url, pathToFileURL(`${process.cwd()}/`).href);
}

/**
 * tsx's `tsImport`, from the first place that has tsx installed (the module's folder, the working
 * directory, framepool's own), or undefined. Its ES-module build, found through tsx's `exports`: the
 * CommonJS build's `tsImport` does not find its own files when required from outside.
 */
async function findTsx(file: string): Promise<TsImport | undefined> {
  for (const from of [file, resolve(process.cwd(), 'package.json'), fileURLToPath(import.meta.url)]) {
    let manifest: string;
    try {
      manifest = createRequire(from).resolve('tsx/package.json');
    } catch {
      continue;
    }
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      exports?: Record<string, { import?: { default?: string } }>;
    };
    const api = exports?.['./esm/api']?.import?.default;
    if (api === undefined) continue;
    const module = (await import(pathToFileURL(resolve(dirname(manifest), api)).href)) as {
      tsImport?: TsImport;
    };
    if (typeof module.tsImport === 'function') return module.tsImport;
  }
  return undefined;
}

/** The module's default export; a CommonJS module's `module.exports.default` when it was compiled to CommonJS. */
function defaultExport(namespace: Record<string, unknown>): unknown {
  const value = namespace.default;
  if (typeof value === 'object' && value !== null && !('systems' in value) && 'default' in value) {
    return (value as { default: unknown }).default;
  }
  return value;
}
