/**
 * Vitest globalSetup of the 'e2e' project: fails fast when Chromium is missing, then builds the
 * page once (`vite build` into dist/) for every browser test to serve with `vite preview`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, requireChromium } from './browser.ts';

export default function setup(): void {
  requireChromium();
  const started = performance.now();
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  console.log(`[e2e] vite build took ${Math.round(performance.now() - started)} ms`);
}
