import { formatBytes } from './byteUnits.ts';
import { requireArray, requireShape } from './checks.ts';
import { formatCount, formatMs, formatPercent, formatSampling } from './formatReport.ts';
import {
  colourOf,
  escapeHtml,
  GC_COLOUR,
  garbageChart,
  OUTSIDE_COLOUR,
  timelineChart,
} from './htmlCharts.ts';
import type { AllocationSite, SamplingFigures } from './jsonReport.ts';
import { type ProfileSnapshot, requireSnapshot } from './snapshot.ts';
import type { ProfileReport } from './summarize.ts';

/** Options for {@link toHtmlReport}. */
export interface HtmlReportOptions {
  /** The page's heading. Default 'framepool profile'. */
  readonly title?: string;
  /** Each system's allocation sites, by system id, when sampled. */
  readonly sites?: readonly (readonly AllocationSite[])[];
  /** How the sites were sampled. */
  readonly sampling?: SamplingFigures;
}

const STYLE = `
:root { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; background: #f1f5f9; }
body { margin: 0; padding: 28px 36px 48px; max-width: 1040px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 0 0 10px; }
.sub { color: #475569; margin-bottom: 20px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 18px; }
.card, section { background: #fff; border-radius: 10px; box-shadow: 0 1px 3px #0f172a1f; }
.card { padding: 12px 14px; } .card b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.card span { color: #475569; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
section { padding: 16px 18px; margin-bottom: 18px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 4px 0 8px; font-size: 13px; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: #e2e8f0; } svg .axis-line { stroke: #94a3b8; }
svg .axis { fill: #64748b; font-size: 11px; } svg .label { fill: #334155; font-size: 12px; }
svg .name { fill: #0f172a; font-size: 13px; } svg .value { fill: #334155; font-size: 12px; font-variant-numeric: tabular-nums; }
svg .gc-mark { stroke: ${GC_COLOUR}; stroke-opacity: .2; stroke-width: 1.5; }
svg .clipped { fill: #0f172a; }
svg .hover { fill: transparent; } svg .hover:hover { fill: #0f172a14; }
svg .whisker { stroke: #0f172a; stroke-width: 1.5; }
.advice { list-style: none; padding: 0; margin: 0; }
.advice li { border-left: 4px solid ${GC_COLOUR}; background: #fef2f2; padding: 8px 12px; margin-bottom: 8px; border-radius: 0 6px 6px 0; }
.advice li.ok { border-color: #59a14f; background: #f0fdf4; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: 5px 8px; border-bottom: 1px solid #e2e8f0; }
th:first-child, td:first-child, .text { text-align: left; } th { color: #475569; font-weight: 600; font-size: 12px; }
.note { color: #64748b; font-size: 12px; margin-top: 8px; }
`;

/**
 * The profile as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): headline
 * figures; a stacked chart of each system's time over the ticks with the collector's pauses on the same
 * timeline; each system's garbage per tick as bars; the advice that turns garbage into arena budgets
 * and sizes the arena and pools; the allocation sites when sampled; and a table of every system.
 * @throws TypeError naming the argument or field of the wrong type.
 * @example
 * writeFileSync('profile.html', toHtmlReport(snapshot, summarize(snapshot), { title: 'my game' }));
 */
export function toHtmlReport(
  snapshot: ProfileSnapshot,
  report: ProfileReport,
  options: HtmlReportOptions = {},
): string {
  requireSnapshot(snapshot);
  requireShape('report', report, { systems: 'array', gc: 'object', garbageAdvice: 'array', sizing: 'array' });
  requireShape('options', options, { title: 'string?', sites: 'array?', sampling: 'object?' }, '');
  options.sites?.forEach((list, i) => {
    requireArray(`sites[${i}]`, list);
  });
  const title = options.title ?? 'framepool profile';
  const t = snapshot.ticks;
  const n = t.tick.length;
  const outside = Float64Array.from(t.tickMs, (ms, i) =>
    Math.max(
      0,
      snapshot.systems.reduce((rest, s) => rest - s.series.ms[i], ms),
    ),
  );
  const bands = [
    ...snapshot.systems.map((s, id) => ({ name: s.name, colour: colourOf(id), values: s.series.ms })),
    { name: '(outside systems)', colour: OUTSIDE_COLOUR, values: outside },
  ];
  const gc = report.gc;
  const counted = !Number.isNaN(gc.collections);
  const garbagePerTick = seriesMean(t.garbage);
  const cards = [
    [
      'tick time p50 / p99',
      `${formatMs(metric(report, 'tick_ms', 'p50'))} / ${formatMs(metric(report, 'tick_ms', 'p99'))} ms`,
    ],
    ['garbage per tick', Number.isNaN(garbagePerTick) ? 'not measured' : formatBytes(garbagePerTick)],
    ['collections a minute', counted ? formatCount(Math.round(gc.perMinute)) : 'not counted'],
    ['pause a minute', counted ? `${formatMs(gc.pauseMsPerMinute)} ms` : 'not counted'],
  ];
  const bars = [
    ...report.systems.map((s, id) => ({
      name: s.name,
      colour: colourOf(id),
      mean: s.garbage.mean,
      p99: s.garbage.p99,
      counted: s.garbage.count,
      ticks: n,
    })),
  ];
  const sub =
    `${formatCount(n)} ticks of ${formatMs(report.dt * 1000)} ms game time` +
    (counted
      ? ` · ${formatCount(gc.collections)} collections (${formatCount(gc.minor)} minor, ${formatCount(gc.major)} major), ` +
        `${formatMs(gc.pauseMs)} ms of pause · ${formatCount(gc.ticksMarked)} ticks had one inside (their garbage figures dropped)`
      : '');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="sub">${escapeHtml(sub)}</div>
<div class="cards">${cards.map(([label, value]) => `<div class="card"><span>${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`).join('')}</div>
<section><h2>Time per tick, by system, and the collector's pauses</h2>
<div class="legend">${bands.map((b) => `<span><i style="background:${b.colour}"></i>${escapeHtml(b.name)}</span>`).join('')}<span><i style="background:${GC_COLOUR}"></i>collector pause / collection inside a tick</span></div>
${timelineChart(t.tick, bands, t.pauseMs, t.collections)}
</section>
<section><h2>Garbage per tick, by system</h2>
${garbageChart(bars)}
<div class="note">Bar: mean JS-heap bytes allocated per tick; whisker: p99. A system's figure in a tick a collection fell inside is dropped, never guessed.</div>
</section>
${adviceSection(report)}
${sitesSection(report, options)}
${systemsTable(report)}
</body></html>
`;
}

function metric(report: ProfileReport, key: string, field: 'p50' | 'p99'): number {
  return report.metrics.find((m) => m.key === key)?.[field] ?? Number.NaN;
}

function seriesMean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    sum += values[i];
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

function adviceSection(report: ProfileReport): string {
  const garbage = report.garbageAdvice.map((a) => `<li>${escapeHtml(a.message)}</li>`);
  const measured = report.systems.some((s) => s.garbage.count > 0);
  if (garbage.length === 0 && measured)
    garbage.push('<li class="ok">No system makes garbage worth moving.</li>');
  const sizing = report.sizing.map(
    (a) =>
      `<tr><td>${escapeHtml(a.kind === 'pool' ? `pool ${a.name}` : a.name)}</td><td>${formatCount(a.limit)} ${a.unit}</td>` +
      `<td>${formatCount(a.peak)}</td><td>${formatPercent(a.use)}</td><td>${formatCount(a.recommended)}</td>` +
      `<td class="text">${escapeHtml(a.status)}</td></tr>`,
  );
  const warnings = report.sizing.flatMap((a) =>
    a.warnings.map((w) => `<li>${escapeHtml(`${a.name}: ${w}`)}</li>`),
  );
  if (garbage.length === 0 && sizing.length === 0) return '';
  return `<section><h2>Sizing advice</h2>
${garbage.length > 0 ? `<ul class="advice">${garbage.join('')}</ul>` : ''}
${
  sizing.length > 0
    ? `<table><tr><th>buffer</th><th>capacity</th><th>peak</th><th>use</th><th>recommended</th><th class="text">status</th></tr>${sizing.join('')}</table>${warnings.length > 0 ? `<ul class="advice">${warnings.join('')}</ul>` : ''}`
    : ''
}
</section>`;
}

function sitesSection(report: ProfileReport, options: HtmlReportOptions): string {
  const sites = options.sites;
  if (sites === undefined) return '';
  const rows = report.systems.flatMap((system, id) =>
    (sites[id] ?? []).map(
      (site) =>
        `<tr><td>${escapeHtml(system.name)}</td><td class="text">${escapeHtml(site.functionName)}</td>` +
        `<td class="text">${escapeHtml(site.url === '' ? '(built-in)' : `${shortUrl(site.url)}:${site.line}`)}</td><td>${formatBytes(site.bytesPerTick)}</td></tr>`,
    ),
  );
  const s = options.sampling;
  const how =
    s === undefined
      ? ''
      : `${capitalized(formatSampling(s))}. An allocation in a function the JIT inlined counts for the function it was inlined into; one in a built-in, for the function that called it.`;
  return `<section><h2>Allocation sites</h2>
<table><tr><th>system</th><th class="text">function</th><th class="text">where</th><th>bytes/tick</th></tr>${rows.join('')}</table>
<div class="note">${escapeHtml(how)}</div>
</section>`;
}

function systemsTable(report: ProfileReport): string {
  const rows = report.systems.map(
    (s, id) =>
      `<tr><td><i style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;background:${colourOf(id)}"></i>${escapeHtml(s.name)}</td>` +
      `<td>${formatMs(s.ms.p50)}</td><td>${formatMs(s.ms.p99)}</td><td>${formatBytes(s.garbage.mean)}</td>` +
      `<td>${formatBytes(s.garbage.p99)}</td><td>${formatCount(s.garbage.count)}</td><td>${formatCount(s.collections)}</td>` +
      `<td>${formatBytes(s.bytes.mean)}</td></tr>`,
  );
  return `<section><h2>Systems</h2>
<table><tr><th>system</th><th>ms p50</th><th>ms p99</th><th>garbage/tick</th><th>garbage p99</th><th>ticks counted</th><th>collections inside</th><th>arena bytes/tick</th></tr>${rows.join('')}</table>
</section>`;
}

/** A file URL as a path relative to the working directory's idea of it: its last two parts. */
function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
