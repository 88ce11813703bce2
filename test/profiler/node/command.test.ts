/**
 * `framepool profile` in this process, on small modules written for each case: the bad input the issue
 * lists (a module that is missing, throws, has no systems, or whose setup or a system throws) gives a
 * message naming the module (and the system), exit code 2 and no file; a good run writes every output
 * whole, with the JSON report's names as documented.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonReport, TraceFile } from '../../../src/profiler/index.ts';
import {
  loadGame,
  profileGame,
  runFramepool,
  runProfile,
  runProfileCommand,
} from '../../../src/profiler/node/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'framepool-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const memory = new URL('../../../src/memory/index.ts', import.meta.url).href;
let modules = 0;

/** Writes an ES module with `source` as its body and returns its path. */
function module(source: string): string {
  const path = join(dir, `game${modules++}.mjs`);
  writeFileSync(path, source);
  return path;
}

/** Runs `framepool <argv>` with its output captured. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFramepool(argv, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A short run of `path`: 5 ticks, no warm-up, and `more` options. */
const quick = (path: string, ...more: string[]) =>
  run('profile', path, '--ticks', '5', '--warmup', '0', ...more);

const TWO_SYSTEMS = `
let kept;
export default { systems: [
  { name: 'spawn', run(dt) { kept = { at: dt }; } },
  { name: 'collide', run() {} },
] };`;

/** The files in the output folder: none may be left behind by a failed run, not even a temporary one. */
const outputs = () => (existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []);

describe('framepool profile: bad input exits 2, names the module, writes nothing', () => {
  const files = () => ['--json', join(dir, 'out', 'p.json'), '--html', join(dir, 'out', 'p.html')];

  it.each([
    { source: null, message: /no such file/ },
    { source: 'throw new Error("no assets");', message: /threw while loading: Error: no assets/ },
    {
      source: 'export const x = 1;',
      message: /the default export must be an object with a systems list, got undefined/,
    },
    { source: 'export default { systems: [] };', message: /systems must be a list of at least one system/ },
    {
      source: 'export default { systems: [{ name: "a" }] };',
      message: /systems\[0\]\.run must be a function, got undefined/,
    },
    {
      source: 'export default { systems: [{ name: "a", run() {} }, { name: "a", run() {} }] };',
      message: /systems\[1\]\.name must be a name no other system has, got "a"/,
    },
    {
      source:
        'export default { systems: [{ name: "a", run() {} }], setup() { throw new Error("no level"); } };',
      message: /setup\(\) threw: Error: no level/,
    },
    {
      source: `let n = 0; export default { systems: [{ name: 'spawn', run() {} }, { name: 'collide', run() { if (++n === 4) throw new RangeError('bad cell'); } }] };`,
      message: /system "collide" threw in profile tick 3: RangeError: bad cell/,
    },
    {
      source: 'export default { systems: [{ name: "a", run() {} }], entities: () => -1 };',
      message: /entities\(\) must return a whole number ≥ 0, got -1/,
    },
    {
      source: 'export default { systems: [{ name: "a", run() {} }], arena: { reset() {} } };',
      message: /arena\.capacity must be a number/,
    },
  ])('$message', async ({ source, message }) => {
    const path = source === null ? join(dir, 'missing.mjs') : module(source);
    const result = await quick(path, ...files());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(path);
    expect(outputs()).toEqual([]);
  });

  it('a system throwing during the warm-up is named with its warm-up tick', async () => {
    const path = module(`export default { systems: [{ name: 'x', run() { throw 'oops'; } }] };`);
    const result = await run('profile', path, '--warmup', '2', ...files());
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`${path}: system "x" threw in warm-up tick 0: "oops"`);
  });

  it.each([
    { argv: [], message: 'no command' },
    { argv: ['profiel', 'x.mjs'], message: 'unknown command "profiel"' },
    { argv: ['profile'], message: 'which module? give its path' },
    { argv: ['profile', 'a.mjs', 'b.mjs'], message: 'one module only, got a.mjs b.mjs' },
    { argv: ['profile', 'a.mjs', '--ticks', '0'], message: '--ticks must be between 1 and 100000, got 0' },
  ])('the command line $argv: $message', async ({ argv, message }) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('two outputs on one path, or a path that cannot be written: exit 2, and no output at all', async () => {
    const path = module(TWO_SYSTEMS);
    const same = join(dir, 'out', 'same.json');
    const twice = await quick(path, '--json', same, '--trace', same);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`two outputs would both write ${same}`);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const csv = join(dir, 'out', 'ok.csv');
    const blocked = await quick(path, '--csv', csv, '--html', join(blocker, 'p.html'));
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/could not write the output files \(none was written\)/);
    // The CSV went to a temporary file first, removed when the HTML could not be written.
    expect(existsSync(join(dir, 'out'))).toBe(true);
    expect(outputs()).toEqual([]);
  });
});

describe('framepool profile: a good run', () => {
  const out = join(dir, 'good');
  const paths = {
    json: join(out, 'p.json'),
    trace: join(out, 't.json'),
    csv: join(out, 'p.csv'),
    html: join(out, 'p.html'),
  };
  let result: Awaited<ReturnType<typeof run>>;

  it('profiles, prints the report and writes the JSON, trace, CSV and HTML whole', async () => {
    mkdirSync(out, { recursive: true });
    const path = module(`
import { FixedBufferAllocator, MemoryPool } from '${memory}';
const arena = new FixedBufferAllocator(4096);
const sparks = new MemoryPool({ capacity: 64, fields: { x: 'f32' } });
let kept;
export default {
  systems: [
    // Takes 1 KiB of the arena every tick: without a reset before each tick it would run out.
    { name: 'scratch', run() { arena.allocF32(256); } },
    { name: 'sparks', run() { const h = sparks.tryAlloc(); if (h !== -1 && sparks.live > 32) sparks.free(h); } },
    { name: 'garbage', run() { kept = Array.from({ length: 100 }, (_, i) => ({ i })); } },
  ],
  entities: () => sparks.live,
  arena,
  pools: { sparks },
};`);
    result = await run(
      'profile',
      path,
      '--ticks',
      '30',
      '--warmup',
      '10',
      ...Object.entries(paths).flatMap(([k, v]) => [`--${k}`, v]),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of Object.values(paths)) expect(result.stdout).toContain(`Wrote ${file}`);
    expect(readdirSync(out).sort()).toEqual(['p.csv', 'p.html', 'p.json', 't.json']);
    expect(result.stdout).toMatch(/\narena +4,096 B +1,024 B/);
    expect(result.stdout).toMatch(/\npool sparks +64 slots/);
  });

  it('the JSON report has the documented names, sites empty without --sites', () => {
    const report = JSON.parse(readFileSync(paths.json, 'utf8')) as JsonReport;
    expect(report.ticks).toBe(30);
    expect(Object.keys(report.gc)).toEqual(expect.arrayContaining(['count', 'pauseMs']));
    expect(report.systems.map((s) => s.name)).toEqual(['scratch', 'sparks', 'garbage']);
    for (const system of report.systems) {
      expect(Object.keys(system)).toEqual(
        expect.arrayContaining([
          'name',
          'msP50',
          'msP99',
          'garbageBytesPerTick',
          'garbageBytesP99',
          'arenaBytesPerTick',
          'sites',
        ]),
      );
      expect(system.sites).toEqual([]);
    }
    expect(report.systems[0].arenaBytesPerTick).toBe(1024);
    expect(report.systems[2].garbageBytesPerTick).toBeGreaterThan(100 * 24);
    expect(report.sampling).toBeNull();
  });

  it('the CSV has a row per tick, the trace a slice per system per tick, the HTML fetches nothing', () => {
    expect(readFileSync(paths.csv, 'utf8').trimEnd().split('\n')).toHaveLength(31);
    const trace = JSON.parse(readFileSync(paths.trace, 'utf8')) as TraceFile;
    expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.name === 'garbage')).toHaveLength(30);
    const html = readFileSync(paths.html, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/<svg /g)).toHaveLength(2);
  });
});

describe("the asynchronous calls refuse a caller's bad arguments by name, before running anything", () => {
  let runs = 0;
  const game = {
    systems: [
      {
        name: 'a',
        run: () => {
          runs++;
        },
      },
    ],
  };
  const settings = { name: 'g', title: 't', ticks: 5, warmup: 0, dt: 1 / 60, sites: false };
  const io = { stdout: { write: () => true }, stderr: { write: () => true } };

  it.each([
    [() => runProfileCommand('profile x.mjs' as never, io), TypeError, /argv must be an array of strings/],
    [() => runProfileCommand(['profile'], {} as never), TypeError, /io\.stdout must have a write function/],
    [() => runProfile(game, { ...settings, ticks: 0 }, io), RangeError, /ticks must be a whole number/],
    [() => runProfile(game, { ...settings, title: null } as never, io), TypeError, /title must be a string/],
    [
      () => runProfile(game, { ...settings, json: '' }, io),
      RangeError,
      /json must be undefined or a file path/,
    ],
    [() => profileGame(game, { ticks: '5' } as never), TypeError, /ticks must be a whole number/],
    [() => profileGame(game, { ticks: 5, dt: 0 }), RangeError, /dt must be seconds above 0/],
    [() => profileGame(game, { ticks: 5, sites: 1 } as never), TypeError, /sites must be true or false/],
    [
      () => profileGame(game, { ticks: 5, warmup: null } as never),
      TypeError,
      /warmup must be a whole number/,
    ],
    [() => profileGame(game, { ticks: 5, samplingInterval: 0 }), RangeError, /samplingInterval must be/],
    [() => profileGame(game, { ticks: 5, name: '' }), RangeError, /name must be a non-empty string/],
    [
      () => profileGame(game, { ticks: 5, onProgress: 5 } as never),
      TypeError,
      /onProgress must be a function/,
    ],
    [() => loadGame(5 as never), TypeError, /path must be a non-empty string/],
    [() => loadGame('x.mjs', ''), RangeError, /cwd must be a non-empty string/],
  ])('%#', async (call, type, message) => {
    await expect(call()).rejects.toThrow(type);
    await expect(call()).rejects.toThrow(message);
    expect(runs).toBe(0);
  });
});
