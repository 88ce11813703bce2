import { argumentError } from './checks.ts';
import { tickColumns } from './columns.ts';
import { type ProfileSnapshot, requireSnapshot } from './snapshot.ts';

/**
 * The per-tick table as CSV (RFC 4180, `\n` line ends): a header row of the column keys documented at
 * {@link tickColumns}, then one row per recorded tick, oldest first. Milliseconds have 3 decimals
 * (microseconds); every other column is a whole number. Names with commas or quotes are quoted. A
 * figure not measured or dropped (NaN: garbage without a heap reader, or spoiled by a collection) is an
 * empty field, so a spreadsheet sees no value rather than a zero.
 * @throws TypeError naming the part of `snapshot` that is missing or of the wrong type.
 * @example
 * writeFileSync('trace.csv', toCsv(profiler.snapshot())); // tick,start_ms,tick_ms,entities,arena.used,…
 */
export function toCsv(snapshot: ProfileSnapshot): string {
  requireSnapshot(snapshot);
  const columns = tickColumns(snapshot);
  const lines = [columns.map((c) => csvField(c.key)).join(',')];
  const rows = snapshot.ticks.tick.length;
  for (let row = 0; row < rows; row++) {
    lines.push(columns.map((c) => csvNumber(c.values[row], c.unit === 'ms')).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Quotes a CSV field when it holds a comma, quote or line break (quotes doubled). */
export function csvField(text: string): string {
  if (typeof text !== 'string') throw argumentError('text', 'a string', text, true);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvNumber(value: number, ms: boolean): string {
  if (Number.isNaN(value)) return '';
  return ms ? value.toFixed(3) : String(value);
}
