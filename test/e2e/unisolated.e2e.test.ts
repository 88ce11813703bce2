/**
 * The demo served without COOP and COEP (a plain static server over the build, as a host that sends
 * neither would): the page is not cross-origin isolated, so there is no SharedArrayBuffer; the game
 * plays on the main thread as before, the overlay's status line says why in one line, and asking for
 * workers is refused with a RangeError naming `threads`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, freePort, launchBrowser, ROOT } from './browser.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves dist/ on 127.0.0.1 with no isolation headers. */
async function serveWithoutIsolation(): Promise<{ server: Server; url: string }> {
  const dist = join(ROOT, 'dist');
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}/` };
}

describe('the demo on a host that sends no isolation headers', () => {
  let served: { server: Server; url: string };
  let session: BrowserSession;

  beforeAll(async () => {
    served = await serveWithoutIsolation();
    session = await launchBrowser();
    await session.page.goto(served.url);
    await session.page.waitForFunction(() => (window.demo?.snapshot().tick ?? 0) > 30, null, {
      timeout: 30_000,
    });
  });

  afterAll(async () => {
    await session?.close();
    await new Promise((resolve) => served?.server.close(resolve));
  });

  it('plays on the main thread, and the overlay says why in one line', async () => {
    const { page } = session;
    expect(await page.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([
      false,
      'undefined',
    ]);
    const before = await page.evaluate(() => window.demo!.snapshot());
    expect(before.threads).toMatchObject({ threads: 'main', isolated: false, failure: null });
    expect(before.threads.unavailable).toMatch(/not cross-origin isolated/);
    expect(before.threads.status).toBe(`sim on main thread — no workers: ${before.threads.unavailable}`);
    expect(before.threads.status).not.toContain('\n');
    const message = await page.evaluate(() => {
      try {
        void window.demo!.setThreads(1);
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(message).toMatch(
      /^RangeError: threads must be 'main' here \(the page is not cross-origin isolated/,
    );
    await page.waitForFunction((t) => window.demo!.snapshot().tick > t + 30, before.tick, {
      timeout: 20_000,
    });
    expect(session.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
