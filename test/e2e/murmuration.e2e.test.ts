/**
 * The second game, demos/murmuration, in Debian's Chromium: it draws a flock, its pools and frame
 * arena are in use, the mouse lures and scares the birds, H releases a hawk that catches some, the
 * arrow keys resize the flock, the memory overlay toggles with O, steady play runs without a major
 * collection and allocates little, nothing logs an error, and the main page's link leads to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../demos/murmuration/automation.ts';
import {
  analyse,
  type BrowserSession,
  countGC,
  type OpenPage,
  openPage,
  sampleAllocations,
  screenshot,
} from './browser.ts';

const GAME_PATH = 'demos/murmuration/';
/** The page's CSS sky is a dark gradient around this colour; a generous tolerance absorbs it. */
const SKY = { background: 0x05060f, tolerance: 60 };
/** The play field away from the overlay (top-left), the stats and title (top) and the key list (bottom). */
const FIELD: [number, number, number, number] = [400, 100, 860, 560];
/**
 * Bytes per second the whole page may allocate in steady play (Pixi and stats.js included). When
 * the flock's step was one large function, each rarely taken branch deoptimized it and the bird loop
 * ran in the interpreter, which boxes every double: 2.2–4.8 MB/s. Split into systems, the page measures
 * 80–170 KiB/s here, and up to 0.9 MB/s while V8 is still tiering the flock up.
 */
const ALLOCATION_BUDGET = 1024 * 1024;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

describe('the murmuration game', () => {
  let opened: OpenPage;
  let session: BrowserSession;

  beforeAll(async () => {
    opened = await openPage(GAME_PATH, () => (window.murmurationDemo?.snapshot().tick ?? 0) > 30);
    session = opened.session;
  });

  afterAll(() => opened?.close());

  it('draws the flock, with its pools and frame arena in use', async () => {
    const { page } = session;
    await page.waitForTimeout(1500);
    const shot = await screenshot(page, 'murmuration');
    const state = await page.evaluate(() => window.murmurationDemo!.snapshot());
    console.log(`[e2e] murmuration ${shot.path}: ${JSON.stringify(state)}`);

    expect(state.pools.boids.live).toBeGreaterThan(1000);
    expect(state.pools.boids.live).toBeLessThanOrEqual(state.pools.boids.capacity);
    expect(state.pools.hawks.live).toBeGreaterThan(0);
    // Hawks leave ember trails, so the feather pool is never idle.
    expect(state.pools.feathers.highWater).toBeGreaterThan(0);
    // The arena holds the tick's grid and snapshot: about 28 bytes a bird plus the grid.
    expect(state.arena.highWater).toBeGreaterThan(state.pools.boids.live * 24);
    expect(state.arena.highWater).toBeLessThan(state.arena.capacity);
    expect(state.arena.failureCount).toBe(0);

    const stats = await analyse(session, shot.png, FIELD, SKY);
    console.log(`[e2e] murmuration field pixels: ${JSON.stringify(stats)}`);
    expect(stats.nonBackground).toBeGreaterThan(0.02);
    expect(stats.bright).toBeGreaterThan(300);
  });

  it('holding the left button lures the flock; the right button scares it', async () => {
    const { page } = session;
    const x = 640;
    const y = 400;
    const near = (radius: number) =>
      page.evaluate(([x, y, r]) => window.murmurationDemo!.countNear(x, y, r), [x, y, radius] as const);
    await page.mouse.move(x, y);
    const before = await near(120);
    await page.mouse.down();
    await page.waitForFunction(
      ([x, y, n]) => window.murmurationDemo!.countNear(x, y, 120) > Math.max(n * 1.5, n + 150),
      [x, y, before] as const,
      { timeout: 20_000 },
    );
    await screenshot(page, 'murmuration-lure');
    await page.mouse.up();
    const lured = await near(120);
    expect(lured).toBeGreaterThan(before);

    await page.mouse.down({ button: 'right' });
    await page.waitForFunction(
      ([x, y, n]) => window.murmurationDemo!.countNear(x, y, 120) < n / 3,
      [x, y, lured] as const,
      { timeout: 20_000 },
    );
    await page.mouse.up({ button: 'right' });
  });

  it('H releases a hawk at the pointer, and hawks catch birds', async () => {
    const { page } = session;
    const before = await page.evaluate(() => window.murmurationDemo!.snapshot());
    await page.mouse.move(900, 300);
    await page.keyboard.press('h');
    await page.keyboard.press('h');
    const after = await page.evaluate(() => window.murmurationDemo!.snapshot());
    expect(after.pools.hawks.live).toBe(before.pools.hawks.live + 2);
    await page.waitForFunction((c) => window.murmurationDemo!.snapshot().caught > c, before.caught, {
      timeout: 30_000,
    });
    // A catch bursts into feathers; the flock refills toward its size.
    const caught = await page.evaluate(() => window.murmurationDemo!.snapshot());
    expect(caught.pools.feathers.highWater).toBeGreaterThan(10);

    await page.keyboard.press('k');
    expect((await page.evaluate(() => window.murmurationDemo!.snapshot())).pools.hawks.live).toBe(0);
    await page.evaluate(() => {
      window.murmurationDemo!.addHawk(200, 200);
      window.murmurationDemo!.addHawk(1000, 500);
    });
  });

  it('the arrow keys change the flock size', async () => {
    const { page } = session;
    const start = (await page.evaluate(() => window.murmurationDemo!.snapshot())).flockTarget;
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await page.evaluate(() => window.murmurationDemo!.snapshot())).flockTarget).toBe(start + 500);
    await page.waitForFunction(
      (n) => window.murmurationDemo!.snapshot().pools.boids.live >= n - 20,
      start + 500,
      {
        timeout: 20_000,
      },
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await page.evaluate(() => window.murmurationDemo!.snapshot())).flockTarget).toBe(start);
  });

  it('toggles the memory overlay with the O key', async () => {
    const { page } = session;
    const region: [number, number, number, number] = [12, 12, 376, 120];
    // Paused, the birds stand still: only the overlay differs between the two shots.
    await page.keyboard.press('Space');
    expect((await page.evaluate(() => window.murmurationDemo!.snapshot())).paused).toBe(true);
    expect(await page.evaluate(() => window.murmurationDemo!.overlayVisible())).toBe(true);
    await page.waitForTimeout(300);
    const shown = await analyse(session, await page.screenshot(), region, SKY);

    await page.keyboard.press('o');
    expect(await page.evaluate(() => window.murmurationDemo!.overlayVisible())).toBe(false);
    await page.waitForTimeout(150);
    const hidden = await analyse(
      session,
      (await screenshot(page, 'murmuration-overlay-hidden')).png,
      region,
      SKY,
    );
    expect(shown.bright).toBeGreaterThan(hidden.bright + 200);
    expect(shown.nonBackground).toBeGreaterThan(hidden.nonBackground);

    await page.keyboard.press('O');
    expect(await page.evaluate(() => window.murmurationDemo!.overlayVisible())).toBe(true);
    await page.keyboard.press('Space');
    expect((await page.evaluate(() => window.murmurationDemo!.snapshot())).paused).toBe(false);
  });

  it('plays without a major garbage collection, allocating little', async () => {
    const { page } = session;
    await page.waitForTimeout(1000);
    const before = await page.evaluate(() => window.murmurationDemo!.snapshot().tick);
    const gc = await countGC(page, 3000);
    const after = await page.evaluate(() => window.murmurationDemo!.snapshot());
    console.log(
      `[e2e] murmuration GC over 3 s: minor ${gc.minor} (${gc.minorMs.toFixed(1)} ms), major ${gc.major} (${gc.majorMs.toFixed(1)} ms), ${after.tick - before} ticks, ${after.pools.boids.live} birds, ${after.pools.hawks.live} hawks`,
    );
    expect(after.tick - before).toBeGreaterThan(60);
    expect(gc.major).toBe(0);

    const alloc = await sampleAllocations(page, 3000, { depth: 1, top: 5 });
    console.log(`[e2e] murmuration allocates ${kib(alloc.bytesPerSecond)}/s; top sites:`);
    for (const site of alloc.sites) console.log(`[e2e]   ${kib(site.bytes / 3)}/s  ${site.stack}`);
    expect(alloc.bytesPerSecond).toBeLessThan(ALLOCATION_BUDGET);
  });

  it('logs no console errors, page errors or failed requests', () => {
    expect(session.errors).toEqual([]);
  });

  it("the main page's link leads to the game", async () => {
    const { page } = session;
    await page.goto(opened.server.url);
    // Click once the main demo runs, as a person would: leaving mid-load aborts its texture loads.
    await page.waitForFunction(() => (window.demo?.snapshot().tick ?? 0) > 10, null, { timeout: 30_000 });
    const link = page.locator('a.demos-link');
    await link.waitFor({ state: 'visible', timeout: 20_000 });
    await link.click();
    await page.waitForURL(`**/${GAME_PATH}`, { timeout: 20_000 });
    await page.waitForFunction(() => (window.murmurationDemo?.snapshot().tick ?? 0) > 10, null, {
      timeout: 30_000,
    });
    expect(await page.title()).toMatch(/Murmuration/);
    expect(session.errors).toEqual([]);
  });
});
