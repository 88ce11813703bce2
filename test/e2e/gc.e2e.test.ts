/**
 * Garbage collections while the demo plays, in Debian's Chromium, counted from V8's trace events:
 * the same game at the same spawn rates in each storage (pooled, bitecs, naive), measured in one run.
 * The pooled mode must have no major collection, far fewer minor ones than the naive mode, and
 * allocate a small fraction of the bytes of the other two (by Chromium's sampling heap profiler).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationMode } from '../../src/game/index.ts';
import {
  type BrowserSession,
  countGC,
  type GCCounts,
  type OpenPage,
  openPage,
  sampleAllocations,
} from './browser.ts';

const WARM_UP_MS = 3000;
const MEASURE_MS = 5000;
const SAMPLE_MS = 3000;
const BULLETS_PER_SECOND = 20_000;

describe('garbage collection during steady play', () => {
  let opened: OpenPage;
  let session: BrowserSession;

  beforeAll(async () => {
    opened = await openPage('', () => (window.demo?.snapshot().tick ?? 0) > 10);
    session = opened.session;
  });

  afterAll(() => opened?.close());

  /**
   * Plays `mode` at fixed rates: warm up, count collections, then sample allocation; also reports
   * ticks and entities.
   */
  async function measure(
    mode: SimulationMode,
  ): Promise<GCCounts & { ticks: number; entities: number; bytesPerSecond: number; canary: number }> {
    const { page } = session;
    await page.evaluate(
      ({ m, rate }) => {
        const demo = window.demo!;
        demo.setMode(m);
        demo.setFireRate(rate);
        demo.setEnemyRate(8);
        demo.setFiring(true);
      },
      { m: mode, rate: BULLETS_PER_SECOND },
    );
    await page.waitForTimeout(WARM_UP_MS);
    const before = await page.evaluate(() => window.demo!.snapshot());
    const gc = await countGC(page, MEASURE_MS);
    const after = await page.evaluate(() => window.demo!.snapshot());
    // What the player sees: the overlay, its garbage section counted by the page's own canary.
    await page.screenshot({
      path: `test-results/overlay-gc-${mode}.png`,
      clip: { x: 0, y: 0, width: 372, height: 330 },
    });
    const { bytesPerSecond } = await sampleAllocations(page, SAMPLE_MS);
    return {
      ...gc,
      ticks: after.tick - before.tick,
      entities: after.live,
      bytesPerSecond,
      canary: after.gc.count - before.gc.count,
    };
  }

  it('pooled: no major GC, far fewer minor GCs and far fewer bytes than bitecs and naive', async () => {
    const pooled = await measure('pooled');
    const bitecs = await measure('bitecs');
    const naive = await measure('naive');
    console.log(
      `[e2e] GC over ${MEASURE_MS / 1000} s at ${BULLETS_PER_SECOND.toLocaleString('en-US')} bullets/s, 8 enemies/s:`,
    );
    for (const [mode, r] of [
      ['pooled', pooled],
      ['bitecs', bitecs],
      ['naive', naive],
    ] as const) {
      console.log(
        `[e2e]   ${mode.padEnd(6)} minor ${r.minor} (${r.minorMs.toFixed(1)} ms), major ${r.major} (${r.majorMs.toFixed(1)} ms), the page's canary ${r.canary}, ${r.ticks} ticks, ${r.entities} entities at the end; then ${(r.bytesPerSecond / 1024).toFixed(0)} KiB/s allocated`,
      );
    }
    expect(pooled.ticks).toBeGreaterThan(60);
    expect(naive.ticks).toBeGreaterThan(60);
    expect(pooled.major).toBe(0);
    // Bullets and particles allocate nothing in pooled play; what the page still allocates is Pixi's,
    // stats.js's and bitecs' on enemy spawns and deaths: a collection or two in 5 s at most.
    expect(pooled.minor).toBeLessThanOrEqual(2);
    expect(naive.minor).toBeGreaterThanOrEqual(Math.max(5, 4 * pooled.minor));
    // The same holds for the bytes: measured 130 KiB/s pooled against 46 MB/s naive.
    expect(pooled.bytesPerSecond).toBeLessThan(1024 * 1024);
    expect(naive.bytesPerSecond).toBeGreaterThan(20 * pooled.bytesPerSecond);
    // bitecs allocates on every structural change: an entity per bullet and particle.
    expect(bitecs.ticks).toBeGreaterThan(60);
    expect(bitecs.bytesPerSecond).toBeGreaterThan(5 * pooled.bytesPerSecond);
    // The overlay's figure (demo.snapshot().gc, the page's FinalizationRegistry canary) tells the
    // modes apart as the trace does: near zero pooled, many naive. Its window holds the trace's and
    // the full collection countGC forces before it starts counting, so it sees that one more.
    expect(pooled.canary).toBeLessThanOrEqual(pooled.minor + pooled.major + 1);
    expect(naive.canary).toBeGreaterThanOrEqual(5);
    expect(session.errors).toEqual([]);
  });
});
