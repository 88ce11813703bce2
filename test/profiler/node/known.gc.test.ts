/**
 * The proof on known amounts: `framepool profile` run on a module whose systems allocate objects,
 * arrays and strings of sizes V8's layout fixes, and one that allocates nothing. Each figure must come
 * within ±25 % of the known amount, the clean system under 1 % of the total, and with `--sites` each
 * system's top allocation site must be its own function, with about its bytes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../../src/profiler/index.ts';
import { runFramepool } from '../../../src/profiler/node/index.ts';
import { KNOWN_BYTES } from '../games/known.ts';

const MODULE = fileURLToPath(new URL('../games/known.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'framepool-known-'));
let report: JsonReport;
let stdout = '';

beforeAll(async () => {
  const json = join(dir, 'known.json');
  const code = await runFramepool(['profile', MODULE, '--ticks', '600', '--sites', '--json', json], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stdout += text) },
  });
  expect(code, stdout).toBe(0);
  report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('garbage of known amounts, measured by framepool profile', () => {
  it('runs where V8 lays objects out with 8-byte fields (64-bit, no pointer compression)', () => {
    const config = process.config.variables as { v8_enable_pointer_compression?: unknown };
    expect(process.arch).toMatch(/64/);
    expect(Boolean(config.v8_enable_pointer_compression)).toBe(false);
  });

  it.each(['makeObjects', 'makeArrays', 'makeStrings'])(
    '%s: within ±25 % of the known bytes per tick',
    (name) => {
      const system = report.systems.find((s) => s.name === name)!;
      const known = KNOWN_BYTES[name];
      expect(system.garbageBytesPerTick).toBeGreaterThan(known * 0.75);
      expect(system.garbageBytesPerTick).toBeLessThan(known * 1.25);
      // Most ticks count; the ones a collection fell inside were dropped, not guessed.
      expect(system.garbageTicks).toBeGreaterThan(report.ticks * 0.8);
    },
  );

  it('the clean system: under 1 % of the total', () => {
    const total = report.systems.reduce((sum, s) => sum + (s.garbageBytesPerTick ?? 0), 0);
    const clean = report.systems.find((s) => s.name === 'clean')!;
    expect(total).toBeGreaterThan(100_000);
    expect(clean.garbageBytesPerTick).toBeLessThan(total * 0.01);
  });

  it('counts the collections that much garbage causes, and their pauses', () => {
    expect(report.gc.count).toBeGreaterThan(0);
    expect(report.gc.pauseMs).toBeGreaterThan(0);
  });

  it('with --sites, each system’s top site is its own function in the module, with about its bytes', () => {
    expect(report.sampling).toMatchObject({ intervalBytes: 32 * 1024, ticks: 600 / 2 });
    for (const name of ['makeObjects', 'makeArrays', 'makeStrings']) {
      const [top] = report.systems.find((s) => s.name === name)!.sites;
      expect(top).toMatchObject({ functionName: name });
      expect(top.url).toMatch(/games\/known\.ts$/);
      expect(top.line).toBeGreaterThan(1);
      expect(top.bytesPerTick).toBeGreaterThan(KNOWN_BYTES[name] * 0.75);
      expect(top.bytesPerTick).toBeLessThan(KNOWN_BYTES[name] * 1.25);
    }
    expect(report.systems.find((s) => s.name === 'clean')!.sites).toEqual([]);
  });
});
