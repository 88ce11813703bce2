import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ENTRIES, entrySource } from './scripts/entries.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Cross-origin isolation: with these two headers on the page (and its workers) `crossOriginIsolated`
 * is true and SharedArrayBuffer exists, so the pooled game can run in workers over shared pools. A
 * host serving the built page must send them too (see the README).
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// One file configures the demo build (Vite) and the test suites (Vitest projects).
export default defineConfig({
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  // The simulation worker is a module worker (it imports the game like the page does).
  worker: { format: 'es' },
  resolve: {
    // The package's public entry points, resolved to their sources in development, so the games in
    // demos/ import `framepool`, `framepool/pixi`… as an outside user would. Exact matches, so that
    // `framepool` does not swallow `framepool/pixi`. (tsconfig.json `paths` mirrors these.)
    alias: ENTRIES.map((entry) => ({
      find: new RegExp(`^${entry.name.replace('/', '\\/')}$`),
      replacement: here(`./${entrySource(entry)}`),
    })),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Multi-page: the main demo and every game in demos/.
    rollupOptions: {
      input: {
        main: here('./index.html'),
        murmuration: here('./demos/murmuration/index.html'),
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.gc.test.ts', 'test/e2e/**'],
        },
      },
      {
        // Heap-growth checks force collections, so they run in their own processes with --expose-gc.
        extends: true,
        test: {
          name: 'gc',
          include: ['test/**/*.gc.test.ts'],
          pool: 'forks',
          execArgv: ['--expose-gc'],
          testTimeout: 60_000,
        },
      },
      {
        // Browser tests: Debian's Chromium via playwright-core against `vite preview` of a build made
        // once in globalSetup. Forks keep the browser and server processes out of the worker threads.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
