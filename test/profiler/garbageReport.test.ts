/** The garbage in the reports: the advice, the text, the JSON and the HTML page. */
import { describe, expect, it } from 'vitest';
import {
  adviseGarbage,
  formatReport,
  GC_KIND,
  type GcSource,
  summarize,
  toHtmlReport,
  toJsonReport,
} from '../../src/profiler/index.ts';
import { makeRig } from './helpers.ts';

const stats = (mean: number, p99 = mean) => ({
  count: 10,
  mean,
  p50: mean,
  p95: p99,
  p99,
  max: p99,
  maxTick: 0,
});

describe('adviseGarbage', () => {
  it('sizes an arena for each system that makes garbage, most first, with the share of the collections', () => {
    const advice = adviseGarbage(
      [
        { name: 'move', garbage: stats(1024, 2048) },
        { name: 'collision', garbage: stats(31_744) },
        { name: 'render', garbage: stats(10) },
        { name: 'audio', garbage: stats(Number.NaN) },
      ],
      { minorPerMinute: 99 },
    );
    expect(advice.map((a) => a.name)).toEqual(['collision', 'move']);
    expect(advice[0]).toMatchObject({ bytesPerTick: 31_744, arenaBytes: 31_744, recommended: 40_960 });
    expect(advice[0].minorPerMinute).toBeCloseTo((99 * 31_744) / (31_744 + 1024 + 10), 9);
    expect(advice[1].message).toBe(
      'move creates 1.0 KiB of garbage per tick (≈ 3.1 minor GCs a minute); ' +
        'holding it in the frame arena needs ≈ 2.0 KiB, recommend 2.5 KiB',
    );
  });

  it('says when the collections were not counted, and takes its own threshold and headroom', () => {
    const [advice] = adviseGarbage(
      [{ name: 'a', garbage: stats(100) }],
      { minorPerMinute: Number.NaN },
      {
        minBytesPerTick: 50,
        headroom: 1,
      },
    );
    expect(advice.message).toBe(
      'a creates 100 B of garbage per tick (collections not counted); holding it in the frame arena needs ≈ 100 B, recommend 208 B',
    );
  });

  it.each([
    [[{ name: 1, garbage: stats(1) }], { minorPerMinute: 1 }, {}, /systems\[0\]\.name/],
    [[{ name: 'a' }], { minorPerMinute: 1 }, {}, /systems\[0\]\.garbage/],
    [[], {}, {}, /gc\.minorPerMinute/],
    [[], { minorPerMinute: 1 }, { headroom: 11 }, /headroom/],
    [[], { minorPerMinute: 1 }, { minBytesPerTick: -1 }, /minBytesPerTick/],
    [[], { minorPerMinute: 1 }, { minBytesPerTick: '1' }, /minBytesPerTick/],
  ])('refuses bad input by name (%#)', (systems, gc, options, name) => {
    expect(() => adviseGarbage(systems as never, gc as never, options as never)).toThrow(name);
  });
});

/** A recorded run with a heap and a collector: `render` makes 4 KiB a tick, one collection hits it. */
function garbageReport() {
  let used = 0;
  const events: number[][] = [];
  const gc: GcSource = {
    get count() {
      return events.length;
    },
    read: (i, out) => {
      out.set(events[i]);
      return true;
    },
  };
  const rig = makeRig({ heap: () => used, gc });
  const { profiler, clock } = rig;
  for (let tick = 0; tick < 120; tick++) {
    const start = clock.now;
    profiler.beginTick();
    for (const id of [0, 1, 2]) {
      profiler.beginSystem(id);
      used += id === 2 ? 4096 : 0;
      clock.advance(1);
      profiler.endSystem(id);
    }
    profiler.endTick(3);
    if (tick === 50) events.push([start + 2.5, 1.25, GC_KIND.minor]);
  }
  const snapshot = profiler.snapshot();
  return { snapshot, report: summarize(snapshot) };
}

describe('the reports with garbage', () => {
  const { snapshot, report } = garbageReport();

  it('formatReport shows garbage per system, the collector, and the advice', () => {
    const text = formatReport(report);
    expect(text).toMatch(/garbage\/tick +garbage p99/);
    expect(text).toMatch(/\nrender .* 4\.0 KiB +4\.0 KiB/);
    expect(text).toContain('1 collections (1 minor, 0 major) in 120 ticks');
    expect(text).toContain('1 ticks had one inside and their garbage figures were dropped');
    expect(text).toContain('- render creates 4.0 KiB of garbage per tick');
  });

  it('toJsonReport gives the documented names, null for what was not measured, and the sites given', () => {
    const site = { functionName: 'draw', url: 'file:///g.ts', line: 3, bytesPerTick: 4096 };
    const json = toJsonReport(report, { sites: [[], [], [site]] });
    expect(json).toMatchObject({ ticks: 120, gc: { count: 1, pauseMs: 1.25, ticksMarked: 1 } });
    expect(json.systems[2]).toMatchObject({
      name: 'render',
      garbageBytesPerTick: 4096,
      garbageBytesP99: 4096,
      garbageTicks: 119,
      collections: 1,
      arenaBytesPerTick: 0,
      sites: [site],
    });
    expect(json.systems[0].sites).toEqual([]);
    const unmeasured = toJsonReport(summarize(makeRig().profiler.snapshot()));
    expect(unmeasured.gc.count).toBeNull();
    expect(() => toJsonReport(report, { sites: [[], [], [], []] })).toThrow(/sites/);
    expect(() => toJsonReport(report, { sites: [[{ ...site, line: '3' }]] as never })).toThrow(
      /sites\[0\]\[0\]\.line/,
    );
  });

  it('toHtmlReport is one page with the timeline, the bars, the advice, and nothing fetched', () => {
    const html = toHtmlReport(snapshot, report, { title: 'my <game>' });
    expect(html).toContain('<title>my &#60;game&#62;</title>');
    expect(html.match(/<polygon /g)).toHaveLength(4); // three systems and what lies outside them
    expect(html).toContain('collector pauses');
    expect(html).toContain('render creates 4.0 KiB of garbage per tick');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    expect(() => toHtmlReport(snapshot, report, { title: 5 } as never)).toThrow(/title/);
  });
});
