/**
 * The games in demos/ are written as outside users would write them: they import the package by
 * its public names (`framepool`, `framepool/pixi`, …) and their peer dependencies, never the
 * package's sources (`../../src/...`). This scans every .ts file under demos/ and fails on any
 * import or export specifier that is neither an allowed package nor a relative path that stays
 * inside demos/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../../scripts/entries.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMOS = join(ROOT, 'demos');
/** Package names a game may import (subpaths of `framepool` are checked against the entry points). */
const PACKAGES = new Set([...ENTRIES.map((entry) => entry.name), 'pixi.js', 'stats.js', 'bitecs']);

function tsFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** Every module specifier in `source`: static imports and re-exports, side-effect imports, dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** Why `specifier` in `file` is not allowed, or null when it is. */
function violation(file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    const inside = target === DEMOS || target.startsWith(DEMOS + sep);
    return inside ? null : `relative import leaves demos/ (resolves to ${relative(ROOT, target)})`;
  }
  if (PACKAGES.has(specifier)) return null;
  return 'not a public package name';
}

describe('demos import only through public package names', () => {
  it('the scanner sees every kind of import', () => {
    const source = `
      import { A } from 'framepool';
      import type { B } from "framepool/pixi";
      import {
        C,
        D,
      } from '../../src/memory/index.ts';
      export { E } from './local.ts';
      import './side-effect.ts';
      const lazy = await import('../../src/render/index.ts');
    `;
    expect(specifiers(source).sort()).toEqual(
      [
        'framepool',
        'framepool/pixi',
        '../../src/memory/index.ts',
        './local.ts',
        './side-effect.ts',
        '../../src/render/index.ts',
      ].sort(),
    );
    const file = join(DEMOS, 'game', 'main.ts');
    expect(violation(file, '../../src/memory/index.ts')).toMatch(/leaves demos/);
    expect(violation(file, '../other-game/util.ts')).toBeNull();
    expect(violation(file, 'framepool/src/memory/index.ts')).toMatch(/not a public package/);
    expect(violation(file, 'framepool')).toBeNull();
  });

  it('finds at least one game', () => {
    expect(tsFiles(DEMOS).length).toBeGreaterThan(0);
  });

  it('no file under demos/ imports the sources', () => {
    const problems: string[] = [];
    for (const file of tsFiles(DEMOS)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        const why = violation(file, specifier);
        if (why) problems.push(`${relative(ROOT, file)}: '${specifier}': ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
