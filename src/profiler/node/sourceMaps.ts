import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceLocator } from './sites.ts';

/**
 * A {@link SourceLocator} through Node's source maps: the position in the file a person edits when the
 * module was transformed (TypeScript through tsx, which inlines its source maps) and Node's support was
 * on when it loaded (`--enable-source-maps`; the command turns it on), the generated position
 * otherwise. Lines come back 1-based. Node keeps an ES module's map under its URL, query included.
 */
export const fromSourceMaps: SourceLocator = (url, line, column) => {
  const map = url.startsWith('file:') ? (findSourceMap(url) ?? findSourceMap(fileURLToPath(url))) : undefined;
  const entry = map?.findEntry(line, column) as
    | { originalSource?: string; originalLine?: number }
    | undefined;
  if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
    return { url: entry.originalSource, line: entry.originalLine + 1 };
  }
  return { url, line: line + 1 };
};
