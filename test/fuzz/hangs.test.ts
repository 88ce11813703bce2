/**
 * No call runs away on bad input: the calls that once hung (a spawn rate of Infinity looped forever)
 * or ran out of heap run in a child process, and each must finish within a second.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

const LIMIT_MS = 1000;
const FILE = new URL('./hangCandidates.ts', import.meta.url).pathname;

it(`every hang candidate finishes within ${LIMIT_MS} ms`, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', FILE], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let running = '(loading)';
  let started = performance.now();
  let finished = 0;
  let total = -1;
  const slow: string[] = [];
  // Loading TypeScript takes a while: the clock starts at the first case.
  let watchdog: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      slow.push(`${running} (still running after ${LIMIT_MS} ms)`);
      child.kill('SIGKILL');
    }, LIMIT_MS);
  };
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('start ')) {
      running = line.slice(6);
      started = performance.now();
      arm();
    } else if (line.startsWith('done ')) {
      clearTimeout(watchdog);
      const ms = performance.now() - started;
      if (ms > LIMIT_MS) slow.push(`${running} (${ms.toFixed(0)} ms)`);
      finished++;
    } else if (line.startsWith('all ')) {
      total = Number(line.slice(4));
    }
  }
  clearTimeout(watchdog);
  const code = await new Promise<number | null>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
    else child.on('exit', (exitCode) => done(exitCode));
  });
  expect(slow).toEqual([]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(total).toBeGreaterThan(50);
  expect(finished).toBe(total);
}, 120_000);
