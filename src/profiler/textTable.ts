/** How a column's cells line up: text left, numbers right. */
export type Align = 'left' | 'right';

/** A column of a {@link formatTable} table. */
export interface TextColumn {
  /** Header text. */
  readonly header: string;
  /** Default 'left'. */
  readonly align?: Align;
}

/**
 * Lays out rows as a fixed-width text table for a terminal: a header line, a rule of dashes, then one
 * line per row; each column as wide as its widest cell, columns two spaces apart, no trailing spaces.
 * Missing cells are blank; cells are measured in UTF-16 units (keep them ASCII-ish).
 * @example
 * formatTable([{ header: 'pool' }, { header: 'live', align: 'right' }], [['bullets', '12']]);
 * // pool     live
 * // -------  ----
 * // bullets    12
 */
export function formatTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, c) =>
    rows.reduce((width, row) => Math.max(width, (row[c] ?? '').length), column.header.length),
  );
  const line = (cells: readonly string[]) =>
    columns
      .map((column, c) => {
        const cell = cells[c] ?? '';
        return column.align === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.header)),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
