import { formatBytes } from './byteUnits.ts';
import { requireArray, requireShape } from './checks.ts';
import type { SeriesStats } from './percentile.ts';
import type { ColumnUnit } from './seriesTables.ts';
import type { SizingAdvice } from './sizing.ts';
import type { ProfileReport, SpikeSystem } from './summarize.ts';
import { formatTable, type TextColumn } from './textTable.ts';

/** Options for {@link formatReport}. */
export interface FormatReportOptions {
  /** Title line. Default 'framepool frame-allocation profile'. */
  readonly title?: string;
  /** Leave out metrics whose values are all zero (unused tags, pools that never failed …). Default true. */
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
  });
  requireShape('options', options, { title: 'string?', hideZeroMetrics: 'boolean?' }, '');
  const hideZero = options.hideZeroMetrics ?? true;
  const sections = [
    `${options.title ?? 'framepool frame-allocation profile'}\n` +
      `${report.recordedTicks} ticks recorded (ticks ${report.firstTick}..${report.lastTick}; ${report.totalTicks} since start)`,
  ];
  if (report.recordedTicks === 0) return `${sections[0]}\n`;

  const metrics = report.metrics.filter((m) => !hideZero || m.max !== 0 || m.p50 !== 0);
  sections.push(
    `Metrics per tick (nearest-rank percentiles)\n${formatTable(
      [{ header: 'metric' }, ...['mean', 'p50', 'p95', 'p99', 'max', 'at tick'].map(right)],
      metrics.map((m) => [m.key, ...statsCells(m, m.unit), String(m.maxTick)]),
    )}`,
  );

  if (report.systems.length > 0) {
    const rows = report.systems.map((s) => [
      s.name,
      formatMs(s.ms.p50),
      formatMs(s.ms.p95),
      formatMs(s.ms.max),
      formatBytes(s.bytes.p50),
      formatBytes(s.bytes.p95),
      formatBytes(s.peakBytes.max),
      formatCount(s.allocations.p95),
      formatPercent(s.arenaShare),
    ]);
    const o = report.outsideSystems;
    rows.push(['(outside systems)', '', '', '', formatBytes(o.p50), formatBytes(o.p95), '', '', '']);
    sections.push(
      `Systems\n${formatTable(
        [
          { header: 'system' },
          ...[
            'ms p50',
            'ms p95',
            'ms max',
            'bytes p50',
            'bytes p95',
            'peak max',
            'allocs p95',
            'arena share',
          ].map(right),
        ],
        rows,
      )}`,
    );
  }

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

  sections.push(formatSizing(report.sizing));
  return `${sections.join('\n\n')}\n`;
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
