/**
 * The page in Debian's Chromium: it renders a game scene (not a blank or background-only canvas),
 * logs no errors, and its memory overlay toggles with the O key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  countGC,
  launchBrowser,
  type PreviewServer,
  sampleAllocations,
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

describe('the page', () => {
  let server: PreviewServer;
  let session: BrowserSession;

  beforeAll(async () => {
    server = await startPreview();
    session = await launchBrowser();
    await session.page.goto(server.url);
    // Wait until the scene has simulated a while, so bullets and sparks are on screen.
    await session.page.waitForFunction(() => (window.demo?.snapshot().tick ?? 0) > 90, null, {
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('renders the game scene, not a background-only canvas', async () => {
    const { page } = session;
    const canvas = await page.evaluate(() => {
      const element = document.querySelector('canvas');
      const gl = element?.getContext('webgl2') ?? element?.getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return {
        width: element?.clientWidth ?? 0,
        height: element?.clientHeight ?? 0,
        renderer: gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown',
        scrollable: document.documentElement.scrollHeight > window.innerHeight,
      };
    });
    console.log(`[e2e] canvas ${canvas.width}x${canvas.height}, GL renderer: ${canvas.renderer}`);
    expect(canvas.width).toBe(1280);
    expect(canvas.height).toBe(720);
    expect(canvas.scrollable).toBe(false);

    const shot = await screenshot(page, 'page');
    const stats = await analyse(session, shot.png);
    console.log(`[e2e] screenshot ${shot.path}: ${JSON.stringify(stats)}`);
    expect(stats.nonBackground).toBeGreaterThan(0.05);
    expect(stats.bright).toBeGreaterThan(500);
    expect(stats.saturated).toBeGreaterThan(200);

    const snapshot = await page.evaluate(() => window.demo!.snapshot());
    expect(snapshot.pools.bullets.live).toBeGreaterThan(100);
    expect(snapshot.pools.sparks.live).toBeGreaterThan(0);
    expect(snapshot.arena.peak).toBeGreaterThan(0);
  });

  it('toggles the memory overlay with the O key', async () => {
    const { page } = session;
    const region: [number, number, number, number] = [12, 12, 376, 120];
    expect(await page.evaluate(() => window.demo!.overlayVisible())).toBe(true);
    const shown = await analyse(session, await page.screenshot(), region);

    await page.keyboard.press('o');
    expect(await page.evaluate(() => window.demo!.overlayVisible())).toBe(false);
    await page.waitForTimeout(100);
    const hiddenShot = await screenshot(page, 'page-overlay-hidden');
    const hidden = await analyse(session, hiddenShot.png, region);
    // The panel's text and bars are bright; without it the corner is mostly space.
    expect(shown.bright).toBeGreaterThan(hidden.bright + 200);

    await page.keyboard.press('O');
    expect(await page.evaluate(() => window.demo!.overlayVisible())).toBe(true);
  });

  it('runs without major collections (counts and allocation sites reported)', async () => {
    const gc = await countGC(session.page, 3000);
    console.log(`[e2e] GC over 3 s of the preview scene: ${JSON.stringify(gc)}`);
    expect(gc.major).toBe(0);
    // Where the remaining allocation comes from, for whoever chases the next collection.
    const allocations = await sampleAllocations(session.page, 2000, { top: 5 });
    console.log(
      `[e2e] allocation ${(allocations.bytesPerSecond / 1024).toFixed(0)} KB/s; top sites:\n` +
        allocations.sites.map((site) => `  ${(site.bytes / 1024).toFixed(1)} KB  ${site.stack}`).join('\n'),
    );
  });

  it('logs no console errors, page errors or failed requests', () => {
    expect(session.errors).toEqual([]);
  });

  // Runs last: it litters the page. Guards the harness itself, so a zero above means "no
  // collections", not "countGC looked at the wrong process or event names".
  it('countGC sees the collections of a page that makes garbage', async () => {
    await session.page.evaluate(() => {
      // A timer rather than requestAnimationFrame: headless frame rates vary with machine load.
      const sink: { value: unknown } = { value: null };
      setInterval(() => {
        for (let i = 0; i < 50_000; i++) sink.value = { i, x: i * 0.5, y: i * 1.5 };
      }, 10);
    });
    const gc = await countGC(session.page, 2000);
    console.log(`[e2e] GC over 2 s with 50,000 objects per 10 ms: ${JSON.stringify(gc)}`);
    expect(gc.minor).toBeGreaterThan(2);
  });
});
