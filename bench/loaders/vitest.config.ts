import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Vitest config of the loaders benchmark's module-runner child only (`npm test` uses vite.config.ts
 * and never sees it). Forks with --expose-gc, as the harness counts collections from a clean heap.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['bench/loaders/runner.vitest.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 120_000,
  },
});
