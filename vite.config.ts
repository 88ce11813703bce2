import { defineConfig } from 'vitest/config';

// One file configures the demo build (Vite) and the test suites (Vitest projects).
export default defineConfig({
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: { target: 'es2022', sourcemap: true },
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
