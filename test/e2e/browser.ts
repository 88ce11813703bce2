/**
 * Browser-test helpers: Debian's Chromium through playwright-core, `vite preview` of the built
 * page on 127.0.0.1, console/page-error collection, GC counting through CDP tracing, screenshots.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** The project root (tests run from anywhere). */
export const ROOT = resolve(import.meta.dirname, '../..');
/** Where screenshots and other artifacts go (gitignored). */
export const RESULTS_DIR = join(ROOT, 'test-results');
/** Debian's Chromium; playwright's own browser downloads do not work here (no network). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Throws a loud, actionable error when Chromium is missing, instead of letting playwright fail
 * with a path error that reads like a bug in the test.
 */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    const line = '='.repeat(78);
    throw new Error(
      `\n${line}\nBROWSER TESTS NEED CHROMIUM: ${CHROMIUM_PATH} does not exist.\n` +
        `Install Debian's Chromium with:  ./scripts/setup-chromium.sh   (needs root or sudo)\n` +
        `or point CHROMIUM_PATH at a Chromium binary.\n${line}`,
    );
  }
  return CHROMIUM_PATH;
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released for the server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A running `vite preview`. */
export interface PreviewServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** The server process id (the node process running vite itself). */
  pid: number;
  /** Stops the server by its PID and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Serves the built `dist/` with `vite preview` on 127.0.0.1 and a free port, and waits until it
 * answers. Started through the real binary so the PID is vite's own process, not a shell's.
 */
export async function startPreview(timeoutMs = 20_000): Promise<PreviewServer> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    throw new Error('dist/index.html is missing: the e2e globalSetup builds it (vite build) first');
  }
  const port = await freePort();
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const timer = setTimeout(
        () => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
        3000,
      );
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(url);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid ?? -1, stop };
}

/** Options for {@link launchBrowser}. */
export interface LaunchOptions {
  /** Extra Chromium flags, e.g. `--disable-gpu-vsync --disable-frame-rate-limit` for throughput runs. */
  args?: string[];
  /** Viewport size (default 1280×720). */
  viewport?: { width: number; height: number };
}

/** A browser context with one page and the errors it reported. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** `console.error` messages, failed requests (4xx/5xx) and uncaught page errors, as they arrive. */
  errors: string[];
  /** `console.*` messages of every type, for diagnostics. */
  logs: string[];
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a fresh profile (`launchPersistentContext` takes the
 * profile directory as its first parameter: `--user-data-dir` in `args` throws) and opens a page
 * that records console errors, page errors and failed requests.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const executablePath = requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'framepool-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 720 },
    args: [
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const logs: string[] = [];
  page.on('console', (message) => {
    const text = `${message.type()}: ${message.text()}`;
    logs.push(text);
    if (message.type() === 'error')
      errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    errors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`),
  );
  return {
    context,
    page,
    errors,
    logs,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A built page served by `vite preview` and open in Chromium. */
export interface OpenPage {
  server: PreviewServer;
  session: BrowserSession;
  /** Closes the browser, then stops the server. */
  close(): Promise<void>;
}

/**
 * Serves the build, opens `path` in a fresh browser and waits until `ready()` holds in the page (a
 * predicate over the page's automation handle, e.g. "has simulated 30 ticks").
 */
export async function openPage(path: string, ready: () => boolean): Promise<OpenPage> {
  const server = await startPreview();
  const session = await launchBrowser();
  await session.page.goto(`${server.url}${path}`);
  await session.page.waitForFunction(ready, null, { timeout: 30_000 });
  return {
    server,
    session,
    async close() {
      await session.close();
      await server.stop();
    },
  };
}

/** Garbage collections V8 ran in the page's renderer process during a {@link countGC} window. */
export interface GCCounts {
  minor: number;
  major: number;
  /** Total pause of the minor collections, in milliseconds. */
  minorMs: number;
  /** Total pause of the major collections, in milliseconds. */
  majorMs: number;
}

/** One event of a Chromium trace, as far as these helpers read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { data?: { frames?: { processId?: number; url?: string }[]; frame?: string } };
}

/**
 * Counts V8 collections in `page`'s renderer over `ms` milliseconds of running, by CDP tracing
 * (`devtools.timeline` and `v8` categories; complete 'X' events named MinorGC/MajorGC, `dur` in
 * µs). Only events of the page's own renderer process count: the browser and GPU processes
 * collect too. Whatever should happen during the window (steady play) must already be running.
 *
 * A full collection runs first, outside the window. Without it the window inherits the garbage of
 * loading and of earlier test steps: V8's memory reducer, which starts incremental marking once
 * the allocation rate drops (as it does in garbage-free play), then finalizes a major collection
 * of that old garbage inside the window (seen in CI: one MajorGC freeing 8 MB with no minor GC
 * in 3 s). After a full collection the reducer waits at least 8 s, so what the window counts is
 * what the play in it causes.
 */
export async function countGC(page: Page, ms: number): Promise<GCCounts> {
  const events = await recordTrace(page, ms);

  // The page's renderer: the process the tracing-start event lists for the page's main frame.
  const origin = new URL(page.url()).origin;
  const pids = new Set<number>();
  for (const event of events) {
    if (event.name !== 'TracingStartedInBrowser') continue;
    for (const frame of event.args?.data?.frames ?? []) {
      if (frame.processId && frame.url?.startsWith(origin)) pids.add(frame.processId);
    }
  }
  if (pids.size === 0) throw new Error(`countGC: no renderer process for ${origin} in the trace`);
  const counts: GCCounts = { minor: 0, major: 0, minorMs: 0, majorMs: 0 };
  for (const event of events) {
    if (event.ph !== 'X' || !pids.has(event.pid)) continue;
    if (event.name === 'MinorGC') {
      counts.minor++;
      counts.minorMs += (event.dur ?? 0) / 1000;
    } else if (event.name === 'MajorGC') {
      counts.major++;
      counts.majorMs += (event.dur ?? 0) / 1000;
    }
  }
  return counts;
}

/** The trace categories {@link countGC} records. */
const GC_CATEGORIES = ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'];

/**
 * The trace events of `ms` milliseconds of `page` running (CDP tracing of `categories`), after a full
 * collection outside the window (see {@link countGC} for why).
 */
export async function recordTrace(page: Page, ms: number, categories = GC_CATEGORIES): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const event of e.value as unknown as TraceEvent[]) events.push(event);
  });
  const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: categories },
  });
  await page.waitForTimeout(ms);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return events;
}

/** One allocation site from {@link sampleAllocations}. */
export interface AllocationSite {
  /** Innermost frames first, `function file:line:column` (bundle positions; dist has source maps). */
  stack: string;
  bytes: number;
}

/**
 * Where the page allocates, over `ms` milliseconds: V8's sampling heap profiler (one sample per
 * `intervalBytes` on average, objects collected meanwhile included), summed per innermost
 * `depth` frames. Use it to find the source of collections that {@link countGC} reports.
 */
export async function sampleAllocations(
  page: Page,
  ms: number,
  options: { intervalBytes?: number; depth?: number; top?: number } = {},
): Promise<{ bytesPerSecond: number; sites: AllocationSite[] }> {
  const { intervalBytes = 1024, depth = 3, top = 10 } = options;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: intervalBytes,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const started = performance.now();
  await page.waitForTimeout(ms);
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  const seconds = (performance.now() - started) / 1000;
  await cdp.detach();
  type Node = typeof profile.head;
  const sites = new Map<string, number>();
  let total = 0;
  const visit = (node: Node, stack: string[]) => {
    const frame = node.callFrame;
    const here = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    const path = [here, ...stack].slice(0, depth);
    if (node.selfSize > 0) {
      total += node.selfSize;
      const key = path.join(' < ');
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, path);
  };
  visit(profile.head, []);
  return {
    bytesPerSecond: total / seconds,
    sites: [...sites]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([stack, bytes]) => ({ stack, bytes })),
  };
}

/** Saves a PNG of the page to `test-results/<name>.png` and returns the path and the bytes. */
export async function screenshot(page: Page, name: string): Promise<{ path: string; png: Buffer }> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  const png = await page.screenshot({ path });
  return { path, png };
}

/** Pixel statistics of a PNG (decoded by the page itself, so the tests need no image library). */
export interface PixelStats {
  width: number;
  height: number;
  /** Share of pixels that differ clearly from the background colour. */
  nonBackground: number;
  /** Pixels with a channel above 200: bullet cores, sparks, HUD text. */
  bright: number;
  /** Bright pixels that are strongly coloured (bullets and sparks are tinted, stars are white). */
  saturated: number;
}

/** Options for {@link analyse}. */
export interface AnalyseOptions {
  /** The page's background colour, 0xRRGGBB (default 0x04060f, the demo's space colour). */
  background?: number;
  /** Summed channel distance from `background` above which a pixel counts as drawn (default 24). */
  tolerance?: number;
}

/**
 * Pixel statistics of a screenshot, whole or a `[x, y, width, height]` region: how much of it is
 * drawn content rather than background, and how many pixels are bright or brightly coloured.
 */
export async function analyse(
  session: BrowserSession,
  png: Buffer,
  region?: [number, number, number, number],
  options: AnalyseOptions = {},
): Promise<PixelStats> {
  const { background = 0x04060f, tolerance = 24 } = options;
  return session.page.evaluate(
    async ({ base64, region, background, tolerance }) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const [x, y, w, h] = region ?? [0, 0, bitmap.width, bitmap.height];
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, -x, -y);
      const data = context.getImageData(0, 0, w, h).data;
      const br = (background >> 16) & 0xff;
      const bg = (background >> 8) & 0xff;
      const bb = background & 0xff;
      let nonBackground = 0;
      let bright = 0;
      let saturated = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i];
        const g = data[i + 1];
        const b = data[i + 2];
        // Anything `tolerance` levels away from the background (summed over channels) is drawn content.
        if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > tolerance) nonBackground++;
        const max = Math.max(r, g, b);
        const min = Math.min(r, g, b);
        if (max > 200) {
          bright++;
          if (max - min > 90) saturated++;
        }
      }
      return { width: w, height: h, nonBackground: nonBackground / (w * h), bright, saturated };
    },
    { base64: png.toString('base64'), region, background, tolerance },
  );
}
