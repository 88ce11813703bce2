/**
 * Rewind and replay in Debian's Chromium, through the page's real inputs: 10 s of play with the
 * keyboard and the mouse, R held plays time backwards (a screenshot of it lands in test-results/),
 * the control bar's button does too, `demo.rewind` jumps; then the replay the page saves (by
 * `demo.saveReplay()` and by the L key, the same bytes) plays again in Node to the very state hash the
 * browser's game ended with: V8 in Chromium and in Node agree bit for bit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReplay, replayTicks, runReplay } from '../../src/game/index.ts';
import { runFramepool } from '../../src/profiler/node/index.ts';
import { runCommand } from '../commandRun.ts';
import { type BrowserSession, type OpenPage, openPage, RESULTS_DIR, screenshot } from './browser.ts';

describe('rewind and replay in the page', () => {
  let opened: OpenPage;
  let session: BrowserSession;
  const snapshot = () => session.page.evaluate(() => window.demo!.snapshot());

  beforeAll(async () => {
    opened = await openPage('', () => (window.demo?.snapshot().tick ?? 0) > 5);
    session = opened.session;
  });

  afterAll(() => opened?.close());

  it('plays 10 s with the keyboard and the mouse, recording every tick', async () => {
    const { page } = session;
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await page.keyboard.press('=');
    // 10 s of game time: 600 ticks (headless Chromium renders in software, so that takes longer).
    const tick = () => page.evaluate(() => window.demo!.snapshot().tick);
    let step = 0;
    while ((await tick()) < 600) {
      const t = step++;
      await page.mouse.move(640 + 400 * Math.cos(t / 5), 360 + 220 * Math.sin(t / 5), { steps: 3 });
      if (t % 8 === 0) await page.mouse.down();
      if (t % 8 === 5) await page.mouse.up();
      const key = ['ArrowLeft', 'w', 'ArrowRight', 's'][Math.floor(t / 6) % 4];
      await page.keyboard.down(key);
      await page.waitForTimeout(60);
      await page.keyboard.up(key);
    }
    await page.mouse.up();
    const played = await snapshot();
    console.log(`[e2e] 10 s of play: ${played.tick} ticks, ${played.kills} kills, ${played.live} live`);
    expect(played.tick).toBeGreaterThanOrEqual(600);
    expect(played.kills).toBeGreaterThan(0);
    expect(played.rewind.recordedTicks).toBe(played.tick);
    expect(played.rewind.heldTicks).toBeGreaterThanOrEqual(Math.min(played.tick, 600));
    expect(played.rewind.bytes).toBeGreaterThan(0);
  });

  it('holding R plays time backwards; letting go plays on from there', async () => {
    const { page } = session;
    const before = await snapshot();
    await page.keyboard.down('r');
    await page.waitForFunction((t) => window.demo!.snapshot().tick < t - 60, before.tick, {
      timeout: 20_000,
    });
    const during = await snapshot();
    expect(during.rewind.rewinding).toBe(true);
    const shot = await screenshot(page, 'rewind');
    console.log(`[e2e] rewinding at tick ${during.tick} (from ${before.tick}): ${shot.path}`);
    await page.keyboard.up('r');
    const released = await snapshot();
    expect(released.rewind.rewinding).toBe(false);
    await page.waitForFunction((t) => window.demo!.snapshot().tick > t + 30, released.tick, {
      timeout: 20_000,
    });
  });

  it("the control bar's Rewind button plays backwards while held; demo.rewind jumps", async () => {
    const { page } = session;
    const button = page.getByRole('button', { name: /Rewind/ });
    const before = await snapshot();
    await button.hover();
    await page.mouse.down();
    await page.waitForFunction((t) => window.demo!.snapshot().tick < t - 20, before.tick, {
      timeout: 20_000,
    });
    await page.mouse.up();
    expect((await snapshot()).rewind.rewinding).toBe(false);

    await page.evaluate(() => window.demo!.setPaused(true));
    const paused = await snapshot();
    const gone = await page.evaluate(() => window.demo!.rewind(90));
    expect(gone).toBe(90);
    expect((await snapshot()).tick).toBe(paused.tick - 90);
    const refusal = await page.evaluate(() => {
      try {
        window.demo!.rewind(-3);
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(refusal).toBe('RangeError: ticks must be a whole number, got -3');
    await page.evaluate(() => window.demo!.setPaused(false));
    await page.waitForFunction((t) => window.demo!.snapshot().tick > t + 60, paused.tick, {
      timeout: 20_000,
    });
  });

  it('the saved replay plays again in Node to the hash the browser ended with; L downloads the same file', async () => {
    const { page } = session;
    await page.keyboard.press('p');
    const bytes = Uint8Array.from(await page.evaluate(() => Array.from(window.demo!.saveReplay())));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('l')]);
    const state = await snapshot();
    expect(download.suggestedFilename()).toBe(`framepool-replay-tick${state.tick}.fprp`);
    expect(new Uint8Array(readFileSync(await download.path()))).toEqual(bytes);

    const replay = decodeReplay(bytes);
    expect(replayTicks(replay)).toBe(state.tick);
    expect(replay.options).toMatchObject({ seed: 2024, bullets: 50_000, enemies: 1_500, particles: 60_000 });
    const result = runReplay(replay);
    console.log(`[e2e] replay of ${result.ticks} ticks: browser ${result.expected}, Node ${result.actual}`);
    expect(result.actual).toBe(result.expected);

    const file = join(RESULTS_DIR, 'replay.fprp');
    writeFileSync(file, bytes);
    // `framepool replay` with the game package.json names (the working directory is the repository's).
    const run = await runCommand(runFramepool, ['replay', file]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(': match');
  });

  it('logged no errors', () => {
    expect(session.errors).toEqual([]);
  });
});
