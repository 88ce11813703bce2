/**
 * The demo in Debian's Chromium, played through its real inputs: it renders the game (not a blank
 * or background-only canvas), holding fire fills the bullet pool, the keyboard steers the ship, the
 * memory overlay toggles with the O key, the control bar switches modes, and nothing logs an error.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  launchBrowser,
  type PreviewServer,
  screenshot,
  startPreview,
} from './browser.ts';

/** Pixel statistics of a PNG (decoded by the page itself, so the tests need no image library). */
interface PixelStats {
  width: number;
  height: number;
  /** Share of pixels that differ clearly from the space background colour. */
  nonBackground: number;
  /** Pixels with a channel above 200: bullet cores, sparks, HUD text. */
  bright: number;
  /** Bright pixels that are strongly coloured (bullets and sparks are tinted, stars are white). */
  saturated: number;
}

async function analyse(
  session: BrowserSession,
  png: Buffer,
  region?: [number, number, number, number],
): Promise<PixelStats> {
  return session.page.evaluate(
    async ({ base64, region }) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const [x, y, w, h] = region ?? [0, 0, bitmap.width, bitmap.height];
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, -x, -y);
      const data = context.getImageData(0, 0, w, h).data;
      let nonBackground = 0;
      let bright = 0;
      let saturated = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i];
        const g = data[i + 1];
        const b = data[i + 2];
        // Background is 0x04060f; anything 24 levels away in some channel is drawn content.
        if (Math.abs(r - 4) + Math.abs(g - 6) + Math.abs(b - 15) > 24) nonBackground++;
        const max = Math.max(r, g, b);
        const min = Math.min(r, g, b);
        if (max > 200) {
          bright++;
          if (max - min > 90) saturated++;
        }
      }
      return { width: w, height: h, nonBackground: nonBackground / (w * h), bright, saturated };
    },
    { base64: png.toString('base64'), region },
  );
}

describe('the demo page', () => {
  let server: PreviewServer;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startPreview();
    session = await launchBrowser();
    await session.page.goto(server.url);
    await session.page.waitForFunction(() => (window.demo?.snapshot().tick ?? 0) > 30, null, {
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('holding the mouse button fires: the bullet pool fills and the scene shows it', async () => {
    const { page } = session;
    const before = await page.evaluate(() => window.demo!.snapshot());
    expect(before.mode).toBe('pooled');
    expect(before.pools.bullets.live).toBe(0);

    await page.mouse.move(1100, 200);
    await page.mouse.down();
    await page.waitForFunction(() => window.demo!.snapshot().pools.bullets.live > 200, null, {
      timeout: 20_000,
    });
    const shot = await screenshot(page, 'demo');
    await page.mouse.up();

    const firing = await page.evaluate(() => window.demo!.snapshot());
    expect(firing.pools.bullets.live).toBeGreaterThan(200);
    expect(firing.pools.bullets.capacity).toBeGreaterThanOrEqual(firing.pools.bullets.live);
    expect(firing.arena.peak).toBeGreaterThan(0);
    expect(firing.arena.capacity).toBeGreaterThan(firing.arena.peak);

    const stats = await analyse(session, shot.png);
    console.log(`[e2e] screenshot ${shot.path}: ${JSON.stringify(stats)}`);
    expect(stats.nonBackground).toBeGreaterThan(0.05);
    expect(stats.bright).toBeGreaterThan(500);
    expect(stats.saturated).toBeGreaterThan(200);
  });

  it('the keyboard steers the ship', async () => {
    const { page } = session;
    const shipX = () => page.evaluate(() => window.demo!.snapshot().ship.x);
    const start = await shipX();
    await page.keyboard.down('ArrowLeft');
    await page.waitForFunction((x) => window.demo!.snapshot().ship.x < x - 50, start, { timeout: 20_000 });
    await page.keyboard.up('ArrowLeft');
    expect(await shipX()).toBeLessThan(start - 50);
  });

  it('toggles the memory overlay with the O key', async () => {
    const { page } = session;
    const region: [number, number, number, number] = [12, 12, 376, 120];
    expect(await page.evaluate(() => window.demo!.overlayVisible())).toBe(true);
    const shown = await analyse(session, await page.screenshot(), region);

    await page.keyboard.press('o');
    expect(await page.evaluate(() => window.demo!.overlayVisible())).toBe(false);
    await page.waitForTimeout(150);
    const hidden = await analyse(session, (await screenshot(page, 'demo-overlay-hidden')).png, region);
    // The panel's text and bars are bright; without it the corner is mostly space.
    expect(shown.bright).toBeGreaterThan(hidden.bright + 200);

    await page.keyboard.press('O');
    expect(await page.evaluate(() => window.demo!.overlayVisible())).toBe(true);
  });

  it('pauses, single-steps and switches modes from the control bar and keys', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = await page.evaluate(() => window.demo!.snapshot());
    expect(paused.paused).toBe(true);
    await page.waitForTimeout(200);
    expect((await page.evaluate(() => window.demo!.snapshot())).tick).toBe(paused.tick);
    await page.keyboard.press('n');
    await page.waitForFunction((t) => window.demo!.snapshot().tick === t + 1, paused.tick, {
      timeout: 5_000,
    });

    await page.getByRole('button', { name: 'Naive' }).click();
    expect((await page.evaluate(() => window.demo!.snapshot())).mode).toBe('naive');
    await page.keyboard.press('p');
    const naiveStart = (await page.evaluate(() => window.demo!.snapshot())).tick;
    await page.waitForFunction((t) => window.demo!.snapshot().tick > t + 10, naiveStart, { timeout: 20_000 });
    await page.keyboard.press('m');
    expect((await page.evaluate(() => window.demo!.snapshot())).mode).toBe('pooled');
  });

  it('the T key saves the frame profile as a Chrome trace', async () => {
    const { page } = session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('t')]);
    expect(download.suggestedFilename()).toMatch(/^framepool-trace-tick\d+\.json$/);
    const path = await download.path();
    const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: { ph: string; name: string }[] };
    const names = (ph: string) => new Set(trace.traceEvents.filter((e) => e.ph === ph).map((e) => e.name));
    expect([...names('X')]).toEqual(
      expect.arrayContaining(['ship', 'spawn', 'motion', 'lifetime', 'collision', 'particles']),
    );
    expect(names('C').size).toBeGreaterThanOrEqual(4);
  });

  it('rejects bad automation input with a clear error and keeps playing', async () => {
    const message = await session.page.evaluate(() => {
      try {
        window.demo!.setMode('fast' as 'pooled');
        return 'no error';
      } catch (error) {
        return String(error);
      }
    });
    expect(message).toMatch(/RangeError: mode must be 'pooled' or 'naive'/);
    expect((await session.page.evaluate(() => window.demo!.snapshot())).mode).toBe('pooled');
  });

  it('logs no console errors, page errors or failed requests', () => {
    expect(session.errors).toEqual([]);
  });
});
