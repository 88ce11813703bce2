import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatReport, formatTable, summarize } from '../../src/profiler/index.ts';
import { makeRig, runTick } from './helpers.ts';

const [SPAWN, PHYSICS] = [0, 1];

/**
 * 200 ticks of spawn (1 ms, 32 B) and physics (2 ms, 8 B); tick 150 has a 20 ms physics step that
 * takes 800 B, tick 160 a spawn burst of 640 B in normal time.
 */
function recordRun() {
  const rig = makeRig({ window: 200, arenaBytes: 1024 });
  for (let tick = 0; tick < 200; tick++) {
    runTick(
      rig,
      [
        tick === 160
          ? { id: SPAWN, ms: 1, bytes: 32, allocs: 20 }
          : { id: SPAWN, ms: 1, bytes: 32, allocs: 1 },
        tick === 150
          ? { id: PHYSICS, ms: 20, bytes: 8, allocs: 100 }
          : { id: PHYSICS, ms: 2, bytes: 8, allocs: 1 },
      ],
      1000 + tick,
    );
  }
  return summarize(rig.profiler.snapshot());
}

describe('summarize', () => {
  const report = recordRun();
  const metric = (key: string) => report.metrics.find((m) => m.key === key);

  it('covers every per-tick column but the tick number and start time', () => {
    expect(report.metrics.map((m) => m.key).slice(0, 4)).toEqual([
      'tick_ms',
      'entities',
      'arena.used',
      'arena.peak',
    ]);
    // tick + arena + heap and collector, one pool, three systems
    expect(report.metrics).toHaveLength(6 + 3 + 5 + 3 * 8);
    expect([report.recordedTicks, report.totalTicks, report.firstTick, report.lastTick]).toEqual([
      200, 200, 0, 199,
    ]);
  });

  it.each([
    { key: 'tick_ms', p50: 3, p99: 3, max: 21, maxTick: 150 },
    { key: 'arena.peak', p50: 40, p99: 40, max: 832, maxTick: 150 },
    { key: 'entities', p50: 1099, p99: 1197, max: 1199, maxTick: 199 },
    { key: 'system.spawn.bytes', p50: 32, p99: 32, max: 640, maxTick: 160 },
  ])('gives nearest-rank stats and the max tick for $key', ({ key, ...expected }) => {
    expect(metric(key)).toMatchObject(expected);
  });

  it('lists ticks above p99 with their top systems by time and by bytes, worst first', () => {
    expect(report.spikeThresholds).toEqual({ tickMs: 3, arenaPeak: 40 });
    expect(report.spikeCount).toBe(2);
    const [slow, burst] = report.spikes;
    expect(slow).toMatchObject({ tick: 150, reasons: ['time', 'arena'], tickMs: 21, arenaPeak: 832 });
    expect(slow.topByTime.map((s) => [s.name, s.ms])).toEqual([
      ['physics', 20],
      ['spawn', 1],
    ]);
    expect(burst).toMatchObject({ tick: 160, reasons: ['arena'] });
    expect(burst.topByBytes.map((s) => [s.name, s.peakBytes])).toEqual([
      ['spawn', 640],
      ['physics', 8],
    ]);
  });

  it('limits the spike list and the systems per spike on request', () => {
    const rig = makeRig();
    // 600 ticks: p99 is rank 594, so the 5 slow ticks at the end are all above it.
    for (let tick = 0; tick < 600; tick++)
      runTick(rig, [
        { id: SPAWN, ms: tick < 595 ? 1 : 5 },
        { id: PHYSICS, ms: 1 },
      ]);
    const limited = summarize(rig.profiler.snapshot(), { maxSpikes: 2, topSystems: 1 });
    expect(limited.spikeCount).toBe(5);
    expect(limited.spikes.map((s) => s.tick)).toEqual([595, 596]);
    expect(limited.spikes[0].topByTime.map((s) => s.name)).toEqual(['spawn']);
  });

  it('shares the arena bytes among systems and knows what was allocated outside them', () => {
    const [spawn, physics] = report.systems;
    expect(spawn.arenaShare + physics.arenaShare).toBeCloseTo(1, 12);
    expect(spawn.arenaShare).toBeCloseTo((199 * 32 + 640) / (198 * 40 + 648 + 832), 12);
    expect(report.outsideSystems.max).toBe(0);
    expect(report.systems[2]).toMatchObject({ name: 'render', ticksRun: 0, arenaShare: 0 });
  });

  it('advises sizes for the arena and every pool', () => {
    expect(report.sizing.map((a) => [a.name, a.peak, a.status])).toEqual([
      ['arena', 832, 'ok'],
      ['particles', 0, 'ok'],
    ]);
  });
});

describe('formatReport', () => {
  const text = formatReport(recordRun());

  it.each([
    '200 ticks recorded (ticks 0..199; 200 since start)',
    'Metrics per tick (nearest-rank percentiles)',
    'Spikes: 2 ticks above p99 (tick 3.000 ms or arena peak 40 B)',
    'physics 20.000 ms, spawn 1.000 ms',
    'Sizing (recommended = need × 1.25, rounded up)',
    '(outside systems)',
  ])('contains %j', (fragment) => {
    expect(text).toContain(fragment);
  });

  it('lines up every table: each row is as wide as its rule or narrower', () => {
    const blocks = text.split('\n\n').map((block) => block.split('\n'));
    for (const lines of blocks.filter((b) => b.some((line) => /^-+( {2}-+)*$/.test(line)))) {
      const ruleIndex = lines.findIndex((line) => /^-+( {2}-+)*$/.test(line));
      const rule = lines[ruleIndex];
      for (const line of lines.slice(ruleIndex - 1, ruleIndex + 20))
        expect(line.length).toBeLessThanOrEqual(rule.length);
    }
  });

  it('hides all-zero metrics unless asked', () => {
    expect(text).not.toContain('system.render.ms');
    expect(formatReport(recordRun(), { hideZeroMetrics: false })).toContain('system.render.ms');
  });

  it('says so when nothing was recorded', () => {
    const empty = summarize(makeRig().profiler.snapshot());
    expect(formatReport(empty)).toContain('0 ticks recorded');
    expect(empty.spikes).toEqual([]);
  });
});

describe('text formatting', () => {
  it('formatTable pads to fixed widths, numbers right-aligned', () => {
    const table = formatTable(
      [{ header: 'pool' }, { header: 'live', align: 'right' }],
      [
        ['bullets', '12'],
        ['fx', '12345'],
      ],
    );
    expect(table).toBe(['pool      live', '-------  -----', 'bullets     12', 'fx       12345'].join('\n'));
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [131_072, '128.0 KiB'],
    [5 * 1024 * 1024 + 512 * 1024, '5.5 MiB'],
  ])('formatBytes(%d) is %j', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [999, '999'],
    [1234567, '1,234,567'],
    [1234.5, '1,234.5'],
  ])('formatCount(%d) is %j', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});
