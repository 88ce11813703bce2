/**
 * The demo with its simulation in workers, in Debian's Chromium served by `vite preview`: the page is
 * cross-origin isolated (the preview server sends COOP and COEP), `demo.setThreads` moves the pooled
 * game into workers and back while it plays, the scene keeps drawing from the shared pools, the
 * overlay and `snapshot().threads` say where it runs, the H key cycles the choice, and a switch while
 * paused keeps the tick count exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, type OpenPage, openPage, screenshot } from './browser.ts';

describe('the demo with its simulation in workers', () => {
  let opened: OpenPage;

  beforeAll(async () => {
    opened = await openPage('', () => (window.demo?.snapshot().tick ?? 0) > 30);
  });

  afterAll(() => opened?.close());

  it('is cross-origin isolated and plays with the simulation in workers', async () => {
    const { page, errors } = opened.session;
    const workers = await page.evaluate(() => Math.min(2, navigator.hardwareConcurrency));
    const start = await page.evaluate(() => window.demo!.snapshot().threads);
    expect(start).toMatchObject({ threads: 'main', isolated: true, unavailable: null, failure: null });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    await page.evaluate(async (n) => {
      window.demo!.setFireRate(5000);
      window.demo!.setEnemyRate(20);
      window.demo!.setFiring(true);
      await window.demo!.setThreads(n);
    }, workers);
    const tickIn = await page.evaluate(() => window.demo!.snapshot().tick);
    await page.waitForFunction(
      (from) => {
        const s = window.demo!.snapshot();
        return s.tick > from + 120 && s.pools.bullets.live > 2000 && s.kills > 0;
      },
      tickIn,
      { timeout: 30_000 },
    );
    const playing = await page.evaluate(() => window.demo!.snapshot());
    expect(playing.threads).toMatchObject({
      threads: workers,
      failure: null,
      status: `sim on ${workers} workers`,
    });
    expect(playing.threads.workerTickMs).toBeGreaterThan(0);
    expect(playing.threads.frameMs).toBeGreaterThan(0);
    expect(playing.live).toBe(
      playing.pools.bullets.live + playing.pools.enemies.live + playing.pools.particles.live,
    );

    const shot = await screenshot(page, 'threads');
    const stats = await analyse(opened.session, shot.png);
    console.log(
      `[e2e] screenshot ${shot.path}: ${JSON.stringify(stats)}; ${JSON.stringify(playing.threads)}`,
    );
    expect(stats.nonBackground).toBeGreaterThan(0.05);
    expect(stats.bright).toBeGreaterThan(500);
    expect(errors).toEqual([]);
  });

  it('a switch while paused keeps the tick count; stepping runs in the workers', async () => {
    const { page } = opened.session;
    await page.evaluate(() => window.demo!.setPaused(true));
    const paused = await page.evaluate(async () => {
      const demo = window.demo!;
      await demo.setThreads('main');
      return demo.snapshot().tick;
    });
    const moved = await page.evaluate(async () => {
      const demo = window.demo!;
      await demo.setThreads(1);
      return demo.snapshot();
    });
    expect(moved.tick).toBe(paused);
    expect(moved.threads.threads).toBe(1);
    await page.evaluate(() => window.demo!.step(10));
    await page.waitForFunction((t) => window.demo!.snapshot().tick === t + 10, paused, { timeout: 10_000 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.demo!.snapshot().tick)).toBe(paused + 10);
    await page.evaluate(() => window.demo!.setPaused(false));
  });

  it('the H key cycles main thread, 1 worker … and bad counts throw a RangeError naming threads', async () => {
    const { page, errors } = opened.session;
    const most = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.evaluate(() => window.demo!.setThreads('main'));
    const seen: unknown[] = [];
    for (let i = 0; i < Math.min(most, 3) + 1; i++) {
      await page.keyboard.press('h');
      await page.waitForFunction(() => window.demo!.snapshot().threads.behind === 0, null, {
        timeout: 10_000,
      });
      seen.push(await page.evaluate(() => window.demo!.snapshot().threads.threads));
    }
    const cycle: unknown[] = [...Array.from({ length: most }, (_, i) => i + 1), 'main'];
    expect(seen).toEqual(seen.map((_, i) => cycle[i % cycle.length]));
    for (const bad of [0, -1, 1.5, most + 1]) {
      const message = await page.evaluate((n) => {
        try {
          void window.demo!.setThreads(n);
          return 'no error';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      }, bad);
      expect(message).toMatch(/^RangeError: threads must be 'main' or a whole number of workers from 1 to/);
    }
    expect(errors).toEqual([]);
  });
});
