/**
 * The HTML report's charts, as inline SVG strings: no script, no network, nothing but markup. Every
 * per-tick chart shares one horizontal scale, so the time chart and the collector's pauses line up.
 */
import { formatBytes } from './byteUnits.ts';
import { formatMs } from './formatReport.ts';

/** Colours of the systems, in registration order (Tableau 10, readable on white and told apart by most eyes). */
const SYSTEM_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;
/** The colour of what no system accounts for. */
export const OUTSIDE_COLOUR = '#cbd5e1';
/** The colour of the collector. */
export const GC_COLOUR = '#d62728';

/** Width of every chart, in SVG units; the left margin holds the axis labels. */
const WIDTH = 960;
const LEFT = 64;
const RIGHT = 12;
const PLOT = WIDTH - LEFT - RIGHT;

/** Most columns a per-tick chart draws: longer runs are averaged (time) or summed (pauses) per column. */
const MAX_COLUMNS = 480;

/** The colour of system `id`. */
export function colourOf(id: number): string {
  return SYSTEM_COLOURS[id % SYSTEM_COLOURS.length];
}

/** Text made safe for HTML and SVG. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One band of the stacked time chart. */
export interface Band {
  /** Legend and tooltip name. */
  readonly name: string;
  /** Fill colour. */
  readonly colour: string;
  /** One value per tick. */
  readonly values: ArrayLike<number>;
}

/** Ticks grouped into at most {@link MAX_COLUMNS} columns: `[first, end)` tick indices per column. */
function columns(n: number): [number, number][] {
  const count = Math.min(n, MAX_COLUMNS);
  return Array.from({ length: count }, (_, c) => [
    Math.floor((c * n) / count),
    Math.floor(((c + 1) * n) / count),
  ]);
}

function mean(values: ArrayLike<number>, [from, to]: [number, number]): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += Number.isNaN(values[i]) ? 0 : values[i];
  return sum / (to - from);
}

function sum(values: ArrayLike<number>, [from, to]: [number, number]): number {
  let total = 0;
  for (let i = from; i < to; i++) total += Number.isNaN(values[i]) ? 0 : values[i];
  return total;
}

/** A round step for about `parts` gridlines up to `max`: 1, 2 or 5 times a power of ten. */
function gridStep(max: number, parts: number): number {
  const raw = max / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

/**
 * Horizontal gridlines and their labels (in `unit`, with as many decimals as the step needs) for
 * values 0…`max` drawn over `height` from `top`.
 */
function grid(max: number, top: number, height: number, unit: string): string {
  const step = gridStep(max, 4);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const lines: string[] = [];
  for (let i = 0; i * step <= max * (1 + 1e-9); i++) {
    const value = i * step;
    const y = fixed(top + height - (value / max) * height);
    lines.push(
      `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${y}" class="axis" text-anchor="end" dominant-baseline="middle">${value.toFixed(decimals)} ${unit}</text>`,
    );
  }
  return lines.join('');
}

/** The tick numbers under a per-tick chart, at about five places. */
function tickAxis(ticks: ArrayLike<number>, y: number): string {
  const n = ticks.length;
  const marks = n <= 1 ? [0] : [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * (n - 1)));
  return [...new Set(marks)]
    .map((i) => {
      const x = fixed(LEFT + ((i + 0.5) / n) * PLOT);
      const anchor = i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle';
      return `<text x="${x}" y="${y}" class="axis" text-anchor="${anchor}">tick ${ticks[i]}</text>`;
    })
    .join('');
}

/**
 * The stacked time chart over the ticks (one band per system, in order, then what lies outside them)
 * with the collector's pauses in a strip below on the same horizontal scale: a red bar per tick that
 * had pause time, and a faint red line through the time chart where a collection fell inside a tick.
 */
export function timelineChart(
  ticks: ArrayLike<number>,
  bands: readonly Band[],
  pauseMs: ArrayLike<number>,
  collections: ArrayLike<number>,
): string {
  const n = ticks.length;
  const top = 10;
  const height = 240;
  const stripTop = top + height + 34;
  const stripHeight = 56;
  const cols = columns(n);
  const width = PLOT / Math.max(1, cols.length);
  const stacked = cols.map((range) => {
    let acc = 0;
    return bands.map((band) => (acc += Math.max(0, mean(band.values, range))));
  });
  // The scale fits the ordinary ticks, not the few that a pause made ten times as long: those are
  // clipped at the top, marked, and say their time when pointed at.
  const totals = stacked.map((column) => column[column.length - 1] ?? 0);
  const ordinary = Float64Array.from(totals).sort()[Math.floor(totals.length * 0.95)] ?? 0;
  const max = Math.max(1e-3, Math.min(Math.max(...totals), ordinary * 1.6)) * 1.05;
  const y = (value: number) => top + height - (Math.min(value, max) / max) * height;
  const x = (c: number) => LEFT + c * width;
  const paths = bands.map((band, b) => {
    const upper = stacked.map(
      (column, c) => `${fixed(x(c))},${fixed(y(column[b]))} ${fixed(x(c + 1))},${fixed(y(column[b]))}`,
    );
    const lower = stacked
      .map((column, c) => {
        const base = b === 0 ? 0 : column[b - 1];
        return `${fixed(x(c + 1))},${fixed(y(base))} ${fixed(x(c))},${fixed(y(base))}`;
      })
      .reverse();
    return `<polygon points="${[...upper, ...lower].join(' ')}" fill="${band.colour}"><title>${escapeHtml(band.name)}</title></polygon>`;
  });
  const pauses = cols.map((range) => sum(pauseMs, range));
  const marked = cols.map((range) => sum(collections, range));
  const maxPause = Math.max(1e-3, ...pauses);
  const markers = marked
    .map((count, c) =>
      count > 0
        ? `<line x1="${fixed(x(c + 0.5))}" x2="${fixed(x(c + 0.5))}" y1="${top}" y2="${top + height}" class="gc-mark"/>`
        : '',
    )
    .join('');
  const bars = pauses
    .map((pause, c) => {
      if (!(pause > 0)) return '';
      const h = Math.max(1.5, (pause / maxPause) * stripHeight);
      const [from, to] = cols[c];
      const label = `${to - from > 1 ? `ticks ${ticks[from]}–${ticks[to - 1]}` : `tick ${ticks[from]}`}: ${formatMs(pause)} ms of collector pause`;
      return `<rect x="${fixed(x(c))}" y="${fixed(stripTop + stripHeight - h)}" width="${fixed(Math.max(1.5, width))}" height="${fixed(h)}" fill="${GC_COLOUR}"><title>${escapeHtml(label)}</title></rect>`;
    })
    .join('');
  const clipped = totals
    .map((total, c) =>
      total > max
        ? `<path d="M${fixed(x(c + 0.5) - 4)},${top + 7} l4,-7 l4,7 z" class="clipped"><title>${formatMs(total)} ms: above the scale</title></path>`
        : '',
    )
    .join('');
  const hover = cols
    .map((range, c) => {
      const [from, to] = range;
      const parts = bands.map((band) => `${band.name} ${formatMs(mean(band.values, range))} ms`);
      const gc = marked[c] > 0 ? `; ${marked[c]} collection${marked[c] === 1 ? '' : 's'} inside` : '';
      const label = `${to - from > 1 ? `ticks ${ticks[from]}–${ticks[to - 1]} (mean)` : `tick ${ticks[from]}`}: ${parts.join(', ')}${gc}`;
      return `<rect x="${fixed(x(c))}" y="${top}" width="${fixed(width)}" height="${height}" class="hover"><title>${escapeHtml(label)}</title></rect>`;
    })
    .join('');
  const total = stripTop + stripHeight + 24;
  return `<svg viewBox="0 0 ${WIDTH} ${total}" role="img" aria-label="Time per tick by system, and collector pauses">
${grid(max, top, height, 'ms')}
${paths.join('\n')}
${markers}${clipped}${hover}
<text x="${LEFT}" y="${stripTop - 8}" class="label">collector pauses inside ticks (${pauses.some((p) => p > 0) ? `ms per tick; max ${formatMs(maxPause)} ms` : 'none'})</text>
<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${stripTop + stripHeight}" y2="${stripTop + stripHeight}" class="axis-line"/>
${bars}
${tickAxis(ticks, stripTop + stripHeight + 16)}
</svg>`;
}

/** One bar of the garbage chart. */
export interface GarbageBar {
  /** The system's name. */
  readonly name: string;
  /** Bar colour. */
  readonly colour: string;
  /** Mean bytes per tick (the bar), NaN when not measured. */
  readonly mean: number;
  /** p99 bytes per tick (the whisker). */
  readonly p99: number;
  /** Ticks whose figure counts, and ticks recorded. */
  readonly counted: number;
  readonly ticks: number;
}

/** Garbage per tick as horizontal bars, one per system, most first: the mean as the bar, the p99 as a whisker. */
export function garbageChart(bars: readonly GarbageBar[]): string {
  const rows = [...bars].sort((a, b) => (b.mean || 0) - (a.mean || 0));
  const rowHeight = 30;
  const nameWidth = 150;
  const valueWidth = 300;
  const barLeft = nameWidth;
  const barWidth = WIDTH - nameWidth - valueWidth;
  const max = Math.max(
    1,
    ...rows.map((r) => (Number.isNaN(r.p99) ? 0 : r.p99)),
    ...rows.map((r) => r.mean || 0),
  );
  const body = rows
    .map((row, i) => {
      const y = 8 + i * rowHeight;
      const w = Number.isNaN(row.mean) ? 0 : (row.mean / max) * barWidth;
      const whisker = Number.isNaN(row.p99)
        ? ''
        : `<line x1="${fixed(barLeft + w)}" x2="${fixed(barLeft + (row.p99 / max) * barWidth)}" y1="${y + 10}" y2="${y + 10}" class="whisker"/><line x1="${fixed(barLeft + (row.p99 / max) * barWidth)}" x2="${fixed(barLeft + (row.p99 / max) * barWidth)}" y1="${y + 4}" y2="${y + 16}" class="whisker"/>`;
      const value = Number.isNaN(row.mean)
        ? 'not measured'
        : `${formatBytes(row.mean)} · p99 ${formatBytes(row.p99)}${row.counted < row.ticks ? ` · ${row.ticks - row.counted} ticks dropped` : ''}`;
      return `<text x="${barLeft - 8}" y="${y + 10}" class="name" text-anchor="end" dominant-baseline="middle">${escapeHtml(row.name)}</text>
<rect x="${barLeft}" y="${y}" width="${fixed(Math.max(w, row.mean > 0 ? 1.5 : 0))}" height="20" rx="3" fill="${row.colour}"><title>${escapeHtml(`${row.name}: ${value}`)}</title></rect>${whisker}
<text x="${barLeft + barWidth + 10}" y="${y + 10}" class="value" dominant-baseline="middle">${escapeHtml(value)}</text>`;
    })
    .join('\n');
  return `<svg viewBox="0 0 ${WIDTH} ${16 + rows.length * rowHeight}" role="img" aria-label="Garbage per tick by system">
${body}
</svg>`;
}
