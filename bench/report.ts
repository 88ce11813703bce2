/** Plain-text output for benchmarks: aligned Markdown tables (paste them into the README as they are). */

/**
 * A Markdown table padded so it also reads well in a terminal. `align` has a letter per column:
 * `l` left, `r` right (e.g. `'lrrr'` for a name and three figures).
 */
export function markdownTable(headers: readonly string[], rows: readonly string[][], align: string): string {
  if (!/^[lr]*$/.test(align) || align.length !== headers.length) {
    throw new RangeError(`align must be one l or r per column (${headers.length}), got '${align}'`);
  }
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const pad = (text: string, c: number) =>
    align[c] === 'r' ? text.padStart(widths[c]) : text.padEnd(widths[c]);
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (align[c] === 'r' ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** `1.23`, `12.3`, `123`: three significant digits for ns/op. */
export function fmtNs(ns: number): string {
  if (!Number.isFinite(ns)) return '-';
  if (ns >= 100) return ns.toFixed(0);
  if (ns >= 10) return ns.toFixed(1);
  return ns.toFixed(2);
}

export function fmtRatio(ratio: number): string {
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(2)}x`;
}

export function passFail(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}
