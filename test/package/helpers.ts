import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from '../../scripts/entries.ts';

/** The repository root (where package.json is). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The peer dependencies that only the ecs and pixi entries may import. */
export { PEERS } from '../../scripts/entries.ts';

/** The package's public entry points and the built file each maps to (see `exports` in package.json). */
export const ENTRY_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  ENTRIES.map((entry) => [entry.name, entry.built]),
);

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` with `args` in `cwd`, never throwing: the exit code and both outputs come back. */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr: error !== null && stderr === '' ? String(error) : stderr });
    });
  });
}

/** Like {@link run}, but throws an error naming `what` with the full output when the command fails. */
export async function runOrThrow(
  what: string,
  command: string,
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): Promise<Run> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(
      `${what} FAILED (exit ${result.code}): ${command} ${args.join(' ')} in ${cwd}\n` +
        `--- stderr ---\n${result.stderr}\n--- stdout ---\n${result.stdout}`,
    );
  }
  return result;
}

/** Runs a Node script from this repository's node_modules (e.g. `vite/bin/vite.js`). */
export function nodeBin(script: string): string {
  const path = join(ROOT, 'node_modules', script);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci first`);
  return path;
}

/**
 * The module specifiers of every static `import`/`export … from` and dynamic `import()` in ES module
 * source. Comments are not stripped; the library build keeps none that look like imports.
 */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const statement = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"'\n]+)["']/g;
  const dynamic = /\bimport\s*\(\s*["']([^"'\n]+)["']\s*\)/g;
  for (const pattern of [statement, dynamic]) {
    for (const match of source.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

export interface ImportGraph {
  /** Every built file the entry loads, itself first, following relative imports. */
  readonly files: string[];
  /** Every bare (package) specifier imported by any of those files, sorted, without duplicates. */
  readonly packages: string[];
}

/** Follows the relative imports of a built entry file and collects the packages it imports. */
export function importGraph(entry: string): ImportGraph {
  const files: string[] = [];
  const packages = new Set<string>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.includes(file)) continue;
    if (!existsSync(file)) throw new Error(`${file} is imported but does not exist`);
    files.push(file);
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('./') || specifier.startsWith('../')) {
        pending.push(resolve(dirname(file), specifier));
      } else {
        packages.add(specifier);
      }
    }
  }
  return { files, packages: [...packages].sort() };
}

/** The package name of a bare specifier (`pixi.js/lib/x` → `pixi.js`, `@a/b/c` → `@a/b`). */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
