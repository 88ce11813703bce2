/**
 * The HTML report of `framepool profile`, opened in Debian's Chromium as a person would open the file:
 * it must fetch nothing, draw its charts, and read as a report (the screenshot lands in
 * test-results/profile-report.png).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFramepool } from '../../src/profiler/node/index.ts';
import { analyse, type BrowserSession, launchBrowser, ROOT, screenshot } from './browser.ts';

describe('the HTML report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'framepool-report-'));
  const html = join(dir, 'profile.html');
  let session: BrowserSession;
  const requests: string[] = [];

  beforeAll(async () => {
    let output = '';
    const io = { write: (text: string) => (output += text) };
    const module = join(ROOT, 'test/profiler/games/known.ts');
    const code = await runFramepool(
      ['profile', module, '--ticks', '300', '--warmup', '300', '--sites', '--html', html],
      {
        stdout: io,
        stderr: io,
      },
    );
    expect(code, output).toBe(0);
    session = await launchBrowser({ viewport: { width: 1100, height: 900 } });
    session.page.on('request', (request) => requests.push(request.url()));
    await session.page.goto(pathToFileURL(html).href);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no request but its own file and no error', () => {
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(session.errors).toEqual([]);
  });

  it('draws the timeline and the garbage bars at full width, and lists the advice and the sites', async () => {
    const page = session.page;
    const charts = await page
      .locator('svg')
      .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().toJSON()));
    expect(charts).toHaveLength(2);
    for (const box of charts) {
      expect(box.width).toBeGreaterThan(900);
      expect(box.height).toBeGreaterThan(100);
    }
    expect(await page.locator('svg polygon').count()).toBe(5); // four systems and what lies outside them
    expect(await page.locator('.advice li').allTextContents()).toEqual([
      expect.stringMatching(/^makeObjects creates 4\d\.\d KiB of garbage per tick/),
      expect.stringMatching(/^makeArrays creates/),
      expect.stringMatching(/^makeStrings creates/),
    ]);
    expect(await page.getByRole('cell', { name: 'makeStrings', exact: true }).count()).toBeGreaterThan(0);
  });

  it('looks like a report: mostly white cards on a light page, with coloured charts', async () => {
    const { path, png } = await screenshot(session.page, 'profile-report');
    const whole = await analyse(session, png, undefined, { background: 0xf1f5f9, tolerance: 24 });
    const chart = await analyse(session, png, [60, 250, 960, 250], { background: 0xffffff, tolerance: 60 });
    expect(whole.nonBackground, path).toBeGreaterThan(0.3);
    expect(chart.saturated, path).toBeGreaterThan(1000);
  });
});
