/** How a column's cells line up: text left, numbers right. */
export type Align = 'left' | 'right';

/** A column of a {@link formatTable} table. */
export interface TextColumn {
  /** Header text. */
  readonly header: string;
  /** Default 'left'. */
  readonly align?: Align;
}

import { argumentError, requireArray, requireShape } from './checks.ts';

/**
 * Lays out rows as a fixed-width text table for a terminal: a header line, a rule of dashes, then one
 * line per row; each column as wide as its widest cell, columns two spaces apart, no trailing spaces.
 * A column whose header and cells are all empty takes no room. Missing cells are blank; cells are
 * measured in UTF-16 units (keep them ASCII-ish).
 * @throws TypeError naming the argument (`columns[1].header`, `rows[0][2]` …) when one is not text.
 * @example
 * formatTable([{ header: 'pool' }, { header: 'live', align: 'right' }], [['bullets', '12']]);
 * // pool     live
 * // -------  ----
 * // bullets    12
 */
export function formatTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  requireTable(columns, rows);
  const widths = columns.map((column, c) =>
    rows.reduce((width, row) => Math.max(width, (row[c] ?? '').length), column.header.length),
  );
  const shown = columns.flatMap((_, c) => (widths[c] > 0 ? [c] : []));
  const line = (cells: readonly string[]) =>
    shown
      .map((c) => {
        const cell = cells[c] ?? '';
        return columns[c].align === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    shown.map((c) => '-'.repeat(widths[c])).join('  '),
    ...rows.map(line),
  ].join('\n');
}

function requireTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): void {
  requireArray('columns', columns);
  columns.forEach((column, c) => {
    requireShape(`columns[${c}]`, column, { header: 'string', align: 'string?' });
    if (column.align !== undefined && column.align !== 'left' && column.align !== 'right') {
      throw argumentError(`columns[${c}].align`, "'left' or 'right'", column.align, false);
    }
  });
  requireArray('rows', rows);
  rows.forEach((row, r) => {
    requireArray(`rows[${r}]`, row);
    if (row.length > columns.length) {
      throw new RangeError(`rows[${r}] has ${row.length} cells, more than the ${columns.length} columns`);
    }
    row.forEach((cell, c) => {
      if (typeof cell !== 'string' && cell !== undefined) {
        throw argumentError(`rows[${r}][${c}]`, 'a string', cell, true);
      }
    });
  });
}
