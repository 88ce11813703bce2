import { formatBytes } from './byteUnits.ts';
import { requireArray, requireShape } from './checks.ts';
import type { SamplingFigures } from './jsonReport.ts';
import type { SeriesStats } from './percentile.ts';
import type { ColumnUnit } from './seriesTables.ts';
import type { SizingAdvice } from './sizing.ts';
import type { ProfileReport, SpikeSystem } from './summarize.ts';
import { formatTable, type TextColumn } from './textTable.ts';

/** Options for {@link formatReport}. */
export interface FormatReportOptions {
  /** Title line. Default 'framepool frame-allocation profile'. */
  readonly title?: string;
  /**
   * Leave out metrics whose values are all zero or all unmeasured (unused tags, pools that never failed,
   * garbage without a heap reader …). Default true.
   */
  readonly hideZeroMetrics?: boolean;
}

/**
 * The report as plain text for a terminal, in fixed-width tables: a header, the metrics (mean, p50,
 * p95, p99, max and the tick of the max), the systems (time, arena bytes and their share), the spikes
 * with their top systems, and the sizing advice with its warnings. What `npm run profile` prints.
 * @throws TypeError naming the argument when `report` is not shaped like a {@link ProfileReport} or
 *   an option has the wrong type.
 * @example
 * console.log(formatReport(summarize(profiler.snapshot())));
 */
export function formatReport(report: ProfileReport, options: FormatReportOptions = {}): string {
  requireShape('report', report, {
    recordedTicks: 'number',
    totalTicks: 'number',
    firstTick: 'number',
    lastTick: 'number',
    metrics: 'array',
    systems: 'array',
    outsideSystems: 'object',
    spikeThresholds: 'object',
    spikes: 'array',
    spikeCount: 'number',
    sizing: 'array',
    gc: 'object',
    garbageAdvice: 'array',
  });
  requireShape('options', options, { title: 'string?', hideZeroMetrics: 'boolean?' }, '');
  const hideZero = options.hideZeroMetrics ?? true;
  const sections = [
    `${options.title ?? 'framepool frame-allocation profile'}\n` +
      `${report.recordedTicks} ticks recorded (ticks ${report.firstTick}..${report.lastTick}; ${report.totalTicks} since start)`,
  ];
  if (report.recordedTicks === 0) return `${sections[0]}\n`;

  const metrics = report.metrics.filter((m) => !hideZero || (m.count > 0 && (m.max !== 0 || m.p50 !== 0)));
  sections.push(
    `Metrics per tick (nearest-rank percentiles)\n${formatTable(
      [{ header: 'metric' }, ...['mean', 'p50', 'p95', 'p99', 'max', 'at tick'].map(right)],
      metrics.map((m) => [m.key, ...statsCells(m, m.unit), String(m.maxTick)]),
    )}`,
  );

  if (report.systems.length > 0) sections.push(formatSystems(report));
  const collector = formatGarbage(report);
  if (collector !== '') sections.push(collector);

  const th = report.spikeThresholds;
  const spikeTitle =
    `Spikes: ${report.spikeCount} ticks above p99 (tick ${formatMs(th.tickMs)} ms or arena peak ${formatBytes(th.arenaPeak)})` +
    (report.spikeCount > report.spikes.length ? `, worst ${report.spikes.length} shown` : '');
  sections.push(
    report.spikes.length === 0
      ? spikeTitle
      : `${spikeTitle}\n${formatTable(
          [
            right('tick'),
            { header: 'over' },
            right('tick ms'),
            right('arena peak'),
            { header: 'top by time' },
            { header: 'top by bytes' },
          ],
          report.spikes.map((s) => [
            String(s.tick),
            s.reasons.join('+'),
            formatMs(s.tickMs),
            formatBytes(s.arenaPeak),
            listSystems(s.topByTime, (x) => `${formatMs(x.ms)} ms`),
            listSystems(s.topByBytes, (x) => formatBytes(x.peakBytes)),
          ]),
        )}`,
  );

  if (report.sizing.length > 0) sections.push(formatSizing(report.sizing));
  return `${sections.join('\n\n')}\n`;
}

/**
 * The systems table: time, then the arena's columns and the garbage's, each only where something was
 * measured (no system touched the arena, or no heap reader counted garbage: those columns would say
 * nothing).
 */
function formatSystems(report: ProfileReport): string {
  const arena =
    report.outsideSystems.max > 0 || report.systems.some((s) => s.peakBytes.max > 0 || s.allocations.max > 0);
  const garbage = report.systems.some((s) => s.garbage.count > 0);
  const columns = [
    { header: 'system' },
    ...['ms p50', 'ms p95', 'ms max'].map(right),
    ...(arena ? ['bytes p50', 'bytes p95', 'peak max', 'allocs p95', 'arena share'].map(right) : []),
    ...(garbage ? ['garbage/tick', 'garbage p99'].map(right) : []),
  ];
  const rows = report.systems.map((s) => [
    s.name,
    formatMs(s.ms.p50),
    formatMs(s.ms.p95),
    formatMs(s.ms.max),
    ...(arena
      ? [
          formatBytes(s.bytes.p50),
          formatBytes(s.bytes.p95),
          formatBytes(s.peakBytes.max),
          formatCount(s.allocations.p95),
          formatPercent(s.arenaShare),
        ]
      : []),
    ...(garbage ? [formatBytes(s.garbage.mean), formatBytes(s.garbage.p99)] : []),
  ]);
  if (arena) {
    const o = report.outsideSystems;
    rows.push(['(outside systems)', '', '', '', formatBytes(o.p50), formatBytes(o.p95)]);
  }
  const what = [arena ? 'bytes: frame arena' : '', garbage ? 'garbage: JS heap' : ''].filter((w) => w !== '');
  return `Systems${what.length > 0 ? ` (${what.join('; ')})` : ''}\n${formatTable(columns, rows)}`;
}

/**
 * The collector's figures and the garbage advice, one line each, or '' when neither a heap reader nor a
 * collection source was there to measure them.
 */
function formatGarbage(report: ProfileReport): string {
  const gc = report.gc;
  const lines: string[] = [];
  if (!Number.isNaN(gc.collections)) {
    lines.push(
      `${formatCount(gc.collections)} collections (${formatCount(gc.minor)} minor, ${formatCount(gc.major)} major) ` +
        `in ${formatCount(report.totalTicks)} ticks: ${formatCount(round1(gc.perMinute))} a minute of game time, ` +
        `pause ${formatMs(gc.pauseMs)} ms (${formatMs(gc.pauseMsPerMinute)} ms a minute); ` +
        `${formatCount(gc.ticksMarked)} ticks had one inside and their garbage figures were dropped`,
    );
  }
  const advice = report.garbageAdvice;
  if (advice.length > 0) lines.push(...advice.map((a) => `- ${a.message}`));
  else if (report.systems.some((s) => s.garbage.count > 0))
    lines.push('- no system makes garbage worth moving');
  return lines.length === 0 ? '' : `Garbage\n${lines.join('\n')}`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The sizing advice as a text table followed by its warnings, one per line. */
export function formatSizing(sizing: readonly SizingAdvice[]): string {
  requireArray('sizing', sizing);
  const headroom = sizing.length > 0 ? ` (recommended = need × ${1 + sizing[0].headroom}, rounded up)` : '';
  const table = formatTable(
    [{ header: 'buffer' }, ...['capacity', 'peak', 'use', 'recommended'].map(right), { header: 'status' }],
    sizing.map((a) => {
      // Exact figures here, not KiB with one decimal: a capacity is copied into code.
      const size = (v: number) => `${formatCount(v)} ${a.unit === 'bytes' ? 'B' : 'slots'}`;
      return [
        a.kind === 'pool' ? `pool ${a.name}` : a.name,
        size(a.limit),
        size(a.peak),
        formatPercent(a.use),
        size(a.recommended),
        a.status,
      ];
    }),
  );
  const warnings = sizing.flatMap((a) =>
    a.warnings.map((w) => `! ${a.kind === 'pool' ? `pool ${a.name}` : a.name}: ${w}`),
  );
  return [`Sizing${headroom}`, table, ...warnings].join('\n');
}

/**
 * How allocation sites were sampled, in one line: the interval, the ticks, and the cost measured on the
 * same run (or why it was not).
 * @throws TypeError naming `sampling` or its field when one has the wrong type.
 */
export function formatSampling(sampling: SamplingFigures): string {
  requireShape('sampling', sampling, { intervalBytes: 'number', ticks: 'number', overhead: 'number' });
  const overhead = sampling.overhead;
  const cost = Number.isNaN(overhead)
    ? 'its cost not measured: too few ticks to sample every other block of 30'
    : overhead < 0.02
      ? `no cost measured above the noise (${formatPercent(overhead)} tick time, on the same run)`
      : `sampling cost ${formatPercent(overhead)} tick time, measured on the same run`;
  return `sampled about every ${formatBytes(sampling.intervalBytes)} allocated, in ${formatCount(sampling.ticks)} more ticks; ${cost}`;
}

/** Milliseconds with 3 decimals. */
export function formatMs(ms: number): string {
  return Number.isNaN(ms) ? '-' : ms.toFixed(3);
}

/** A count with `,` between thousands (locale-independent); fractions keep one decimal. */
export function formatCount(value: number): string {
  if (Number.isNaN(value)) return '-';
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A fraction as a percentage with one decimal: 0.256 → '25.6%'. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function statsCells(stats: SeriesStats, unit: ColumnUnit): string[] {
  const format = unit === 'ms' ? formatMs : unit === 'bytes' ? formatBytes : formatCount;
  return [stats.mean, stats.p50, stats.p95, stats.p99, stats.max].map(format);
}

function right(header: string): TextColumn {
  return { header, align: 'right' };
}

function listSystems(systems: readonly SpikeSystem[], value: (s: SpikeSystem) => string): string {
  return systems.length === 0 ? '-' : systems.map((s) => `${s.name} ${value(s)}`).join(', ');
}
