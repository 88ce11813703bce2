/**
 * The demo in Debian's Chromium, played through its real inputs: it renders the game (not a blank
 * or background-only canvas), holding fire fills the bullet pool, the keyboard steers the ship, the
 * memory overlay toggles with the O key, the control bar switches modes, and nothing logs an error.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, type BrowserSession, type OpenPage, openPage, screenshot } from './browser.ts';

describe('the demo page', () => {
  let opened: OpenPage;
  let session: BrowserSession;

  beforeAll(async () => {
    opened = await openPage('', () => (window.demo?.snapshot().tick ?? 0) > 30);
    session = opened.session;
  });

  afterAll(() => opened?.close());

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
    expect(firing.arena.highWater).toBeGreaterThan(0);
    expect(firing.arena.capacity).toBeGreaterThan(firing.arena.highWater);

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
    // M cycles pooled → bitecs → naive → pooled.
    await page.keyboard.press('m');
    expect((await page.evaluate(() => window.demo!.snapshot())).mode).toBe('pooled');
    await page.keyboard.press('m');
    expect((await page.evaluate(() => window.demo!.snapshot())).mode).toBe('bitecs');
    await page.getByRole('button', { name: 'Pooled' }).click();
    expect((await page.evaluate(() => window.demo!.snapshot())).mode).toBe('pooled');
  });

  it('plays the bitecs mode: every thing an entity, the same game, no arena', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'bitecs' }).click();
    await page.evaluate(() => {
      window.demo!.setFiring(true);
      window.demo!.setEnemyRate(20);
    });
    const start = await page.evaluate(() => window.demo!.snapshot());
    expect(start.mode).toBe('bitecs');
    await page.waitForFunction(
      (t) => {
        const s = window.demo!.snapshot();
        return s.tick > t + 60 && s.pools.bullets.live > 0 && s.pools.enemies.live > 0;
      },
      start.tick,
      { timeout: 30_000 },
    );
    const playing = await page.evaluate(() => window.demo!.snapshot());
    expect(playing.arena).toEqual({ used: 0, highWater: 0, capacity: 0, failureCount: 0 });
    expect(playing.live).toBe(
      playing.pools.bullets.live + playing.pools.enemies.live + playing.pools.particles.live,
    );
    await page.screenshot({ path: 'test-results/bitecs-mode.png' });
    await page.evaluate(() => {
      window.demo!.setFiring(false);
      window.demo!.setMode('pooled');
    });
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
    expect(message).toMatch(/RangeError: mode must be one of pooled, bitecs, naive, got "fast"/);
    expect((await session.page.evaluate(() => window.demo!.snapshot())).mode).toBe('pooled');
  });

  it('window.demo keeps the bad-input promise: every method, every class of bad value', async () => {
    const problems = await session.page.evaluate(() => {
      const demo = window.demo! as unknown as Record<string, (value: unknown) => unknown> & {
        snapshot(): unknown;
        setPaused(paused: boolean): void;
      };
      const values: Record<string, unknown[]> = {
        negative: [-1, -1e9],
        fraction: [0.5, 1.5],
        nan: [Number.NaN],
        infinity: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
        huge: [2 ** 31, 2 ** 53, 1e300],
        'numeric-string': ['5', '0'],
        string: ['', 'abc', 'constructor'],
        bigint: [BigInt(5)],
        symbol: [Symbol('x')],
        null: [null],
        undefined: [undefined],
        object: [{}, { valueOf: () => 5 }, Object.create(null)],
        array: [[], [5]],
        function: [() => 5],
      };
      const methods: [string, string][] = [
        ['setMode', 'mode'],
        ['setFireRate', 'perSecond'],
        ['setSpawnRate', 'perSecond'],
        ['setEnemyRate', 'perSecond'],
        ['setFiring', 'on'],
        ['setPaused', 'paused'],
        ['step', 'ticks'],
        ['setOverlay', 'visible'],
      ];
      // Rates are clamped into their slider's range; `step()` without a count steps once.
      const rates = ['negative', 'fraction', 'huge'];
      const accepted: Record<string, string[]> = {
        setFireRate: rates,
        setSpawnRate: rates,
        setEnemyRate: rates,
        step: ['undefined'],
      };
      demo.setPaused(true);
      const found: string[] = [];
      let cases = 0;
      for (const [method, param] of methods) {
        for (const [kind, list] of Object.entries(values)) {
          for (const value of list) {
            cases++;
            const before = JSON.stringify(demo.snapshot());
            const label = `${method}(${kind === 'symbol' ? 'Symbol' : kind === 'bigint' ? '5n' : (JSON.stringify(value) ?? String(value))})`;
            try {
              demo[method](value);
              if (!accepted[method]?.includes(kind)) found.push(`${label} was accepted`);
            } catch (error) {
              const named =
                (error instanceof TypeError || error instanceof RangeError) &&
                new RegExp(`\\b${param}\\b`).test(error.message);
              if (!named) found.push(`${label} threw ${String(error)}`);
              if (JSON.stringify(demo.snapshot()) !== before)
                found.push(`${label} changed the state before throwing`);
            }
          }
        }
      }
      demo.setPaused(false);
      return { found, cases };
    });
    expect(problems.found).toEqual([]);
    expect(problems.cases).toBeGreaterThan(150);
  });

  it('logs no console errors, page errors or failed requests', () => {
    expect(session.errors).toEqual([]);
  });
});
