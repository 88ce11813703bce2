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
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBin, PEERS, ROOT, run, runOrThrow } from './helpers.ts';

/**
 * The pack-and-consume test of issue 5: `npm pack` (whose prepack runs build:lib), install the tarball
 * into an empty project, type-check consumer files against the published .d.ts and run them in Node.
 */

const TSC = nodeBin('typescript/bin/tsc');

/** npm's environment minus what an enclosing `npm test` adds (package fields, lifecycle, local prefix). */
const NPM_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^npm_/i.test(key) ||
      /^npm_config_(cache|userconfig|globalconfig|cafile|registry|nodedir)$/i.test(key),
  ),
);
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/**
 * Uses the memory and profiler entries the way a game would. Only ES2022 is in `lib` and no @types
 * package is installed: the published types need neither DOM nor Node.
 */
const MEMORY_CONSUMER = `import { FixedBufferAllocator, MemoryPool, OutOfMemoryError, StaleHandleError } from 'framepool';
import { formatReport, summarize, TickProfiler } from 'framepool/profiler';

declare const console: { log(message: string): void };

const arena = new FixedBufferAllocator(1024);
const pool = new MemoryPool({ capacity: 2, fields: { x: 'f32', hp: 'i16' } });
const xs: Float32Array = pool.fields.x;
const hp: Int16Array = pool.fields.hp;
// @ts-expect-error: the schema has no field 'z', and the published types know it
pool.fields.z;
const profiler = new TickProfiler({ arena, pools: { things: pool }, systems: ['spawn'] });

let outOfMemory = 0;
let first = -1;
for (let tick = 0; tick < 5; tick++) {
  arena.reset();
  profiler.beginTick();
  profiler.beginSystem(0);
  const at = arena.allocF32(4);
  arena.f32[at] = tick;
  try {
    const handle = pool.alloc();
    if (first < 0) first = handle;
    xs[pool.slotOf(handle)] = arena.f32[at] ?? 0;
    hp[pool.slotOf(handle)] = 10;
  } catch (error) {
    if (!(error instanceof OutOfMemoryError)) throw error;
    outOfMemory++;
  }
  profiler.endSystem(0);
  profiler.endTick(pool.live);
}

let arenaUnit = '';
try {
  arena.alloc(4096);
} catch (error) {
  arenaUnit = error instanceof OutOfMemoryError ? error.unit : String(error);
}
pool.free(first);
let stale = false;
try {
  pool.slotOf(first);
} catch (error) {
  stale = error instanceof StaleHandleError;
}
const report = formatReport(summarize(profiler.snapshot()));
console.log(
  JSON.stringify({
    ticks: profiler.totalTicks,
    outOfMemory,
    live: pool.live,
    arenaUnit,
    stale,
    highWater: arena.highWater,
    reportNamesSystem: report.includes('spawn'),
  }),
);
`;

/**
 * Uses framepool/ecs and framepool/loop next to framepool and framepool/profiler, as a bitecs game
 * would: the ecs types must be the very same MemoryPool (classes with private fields are nominal), and
 * so must the runtime classes.
 */
const ECS_CONSUMER = `import { addEntity, createWorld, query, removeEntity } from 'bitecs';
import { FixedBufferAllocator, MemoryPool } from 'framepool';
import { attachPooledComponent, createPooledComponent, slotOf, spawnPooled } from 'framepool/ecs';
import { advance, createFixedStep, createRng, nextFloat } from 'framepool/loop';
import { TickProfiler } from 'framepool/profiler';

declare const console: { log(message: string): void };

const world = createWorld();
const Position = createPooledComponent('position', { capacity: 8, fields: { x: 'f32', y: 'f32' }, maxEntities: 16 });
attachPooledComponent(world, Position);
const pool: MemoryPool<{ readonly x: 'f32'; readonly y: 'f32' }> = Position.pool;
const arena = new FixedBufferAllocator(1024);
const profiler = new TickProfiler({ arena, pools: { position: pool }, systems: ['spawn'] });
const rng = createRng(7);
const clock = createFixedStep(60, 30);
const steps = advance(clock, 1000 / 60 * 30 + 1);
for (let tick = 0; tick < steps; tick++) {
  arena.reset();
  profiler.beginTick();
  profiler.beginSystem(0);
  const eid = spawnPooled(world, Position);
  if (eid !== -1) pool.fields.x[slotOf(Position, eid)] = nextFloat(rng);
  profiler.endSystem(0);
  profiler.endTick(pool.live);
}
const stray = addEntity(world);
removeEntity(world, stray);
console.log(
  JSON.stringify({
    samePool: pool instanceof MemoryPool,
    sameArena: arena instanceof FixedBufferAllocator,
    sameProfiler: profiler instanceof TickProfiler,
    ticks: profiler.totalTicks,
    live: pool.live,
    queried: query(world, [Position]).length,
    refused: pool.failureCount,
  }),
);
`;

/**
 * Counts garbage with framepool/profiler/node as a Node tool would: its published types need no
 * @types/node either.
 */
const NODE_CONSUMER = `import { FixedBufferAllocator } from 'framepool';
import { summarize, TickProfiler } from 'framepool/profiler';
import { createHeapReader, GcObserver } from 'framepool/profiler/node';

declare const console: { log(message: string): void };

const gc = new GcObserver();
const profiler = new TickProfiler({ arena: new FixedBufferAllocator(64), systems: ['make'], heap: createHeapReader(), gc });
let kept: { i: number }[] = [];
for (let tick = 0; tick < 200; tick++) {
  profiler.beginTick();
  profiler.beginSystem(0);
  kept = Array.from({ length: 100 }, (_, i) => ({ i }));
  profiler.endSystem(0);
  profiler.endTick(kept.length);
}
await gc.flush();
const report = summarize(profiler.snapshot());
gc.disconnect();
console.log(JSON.stringify({ garbage: (report.systems[0]?.garbage.mean ?? 0) > 100 * 24, counted: report.gc.collections >= 0 }));
`;

type Resolution = 'nodenext' | 'bundler';

/** A strict consumer tsconfig; nodenext emits to out/ (run by Node), bundler only type-checks. */
function tsconfig(files: readonly string[], resolution: Resolution): string {
  const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
  return JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        target: 'es2022',
        lib: ['es2022'],
        types: [],
        module,
        moduleResolution: resolution,
        skipLibCheck: false,
        ...(resolution === 'nodenext' ? { rootDir: 'src', outDir: 'out' } : { noEmit: true }),
      },
      files,
    },
    null,
    2,
  );
}

/** Every file below `dir`, relative to it, with forward slashes. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** The file targets of package.json `exports` (every condition of every entry). */
function exportTargets(manifest: { exports: Record<string, string | Record<string, string>> }): string[] {
  return Object.values(manifest.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
}

describe('npm pack, installed into an empty project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'framepool-pack-'));
  const app = join(dir, 'app');
  const installed = join(app, 'node_modules', 'framepool');
  let tarball = '';

  /** Type-checks (and for nodenext compiles) `files` of the consumer project with this repo's tsc. */
  async function typeCheck(name: string, files: readonly string[], resolution: Resolution): Promise<void> {
    const config = `tsconfig.${name}.${resolution}.json`;
    writeFileSync(join(app, config), tsconfig(files, resolution));
    const result = await run(process.execPath, [TSC, '-p', config, '--pretty', 'false'], app);
    expect(result.stdout + result.stderr, `tsc -p ${config} reported errors`).toBe('');
    expect(result.code).toBe(0);
  }

  /** Runs a compiled consumer in Node and parses the one JSON line it prints. */
  async function runConsumer(compiled: string): Promise<Record<string, unknown>> {
    const file = join(app, 'out', compiled);
    expect(existsSync(file), `${file} is missing: the nodenext type-check did not compile it`).toBe(true);
    const result = await runOrThrow(`Running the consumer ${compiled}`, process.execPath, [file], app);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  beforeAll(async () => {
    await runOrThrow(
      'npm pack (its prepack script runs `npm run build:lib`)',
      'npm',
      ['pack', '--pack-destination', dir, ...NPM_QUIET],
      ROOT,
      NPM_ENV,
    );
    const tarballs = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`npm pack made ${tarballs.length} tarballs in ${dir}`);
    tarball = join(dir, tarballs[0]!);

    mkdirSync(join(app, 'src'), { recursive: true });
    // `framepool replay` with no --game plays files with the module this names.
    const manifest = { name: 'app', private: true, type: 'module', framepool: { game: './replayer.mjs' } };
    writeFileSync(join(app, 'package.json'), JSON.stringify(manifest));
    writeFileSync(join(app, 'src', 'memory.ts'), MEMORY_CONSUMER);
    writeFileSync(join(app, 'src', 'ecs.ts'), ECS_CONSUMER);
    writeFileSync(join(app, 'src', 'node.ts'), NODE_CONSUMER);
    // The tarball has no dependencies and its peers are optional: nothing comes from the registry.
    await runOrThrow(
      'Installing the tarball into an empty project',
      'npm',
      ['install', tarball, '--offline', ...NPM_QUIET],
      app,
      NPM_ENV,
    );
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('packs only the built library, the README and package.json', () => {
    const files = listFiles(installed);
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    const allowed = ['LICENSE', 'README.md', 'package.json'];
    expect(files.filter((file) => !file.startsWith('dist-lib/') && !allowed.includes(file))).toEqual([]);
    expect(files.some((file) => file.startsWith('dist-lib/types/') && file.endsWith('.d.ts'))).toBe(true);
    expect(files.filter((file) => /\.(test|spec)\.|\.tsbuildinfo$/.test(file))).toEqual([]);
  });

  it('ships every exports target, a .d.ts for every entry, and source maps', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.exports)).toEqual([
      '.',
      './loop',
      './profiler',
      './profiler/node',
      './ecs',
      './pixi',
      './package.json',
    ]);
    for (const target of exportTargets(manifest)) {
      expect(existsSync(join(installed, target)), `exports target ${target} is not in the tarball`).toBe(
        true,
      );
    }
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (entry === './package.json') continue;
      expect((target as Record<string, string>).types, `${entry} has no types`).toMatch(/\.d\.ts$/);
    }
    expect(manifest.sideEffects).toBe(false);
    const maps = listFiles(join(installed, 'dist-lib')).filter((file) => file.endsWith('.js.map'));
    expect(maps).toEqual(expect.arrayContaining(['ecs.js.map', 'pixi.js.map']));
    expect(maps.some((file) => file.startsWith('chunks/memory'))).toBe(true);
  });

  it('installs without any peer dependency', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([
      'framepool',
    ]);
    for (const peer of PEERS) expect(existsSync(join(app, 'node_modules', peer))).toBe(false);
  });

  it('a consumer of framepool and framepool/profiler type-checks with moduleResolution nodenext', async () => {
    await typeCheck('memory', ['src/memory.ts'], 'nodenext');
  }, 60_000);

  it('the same consumer type-checks with moduleResolution bundler', async () => {
    await typeCheck('memory', ['src/memory.ts'], 'bundler');
  }, 60_000);

  it('the compiled consumer runs in Node against the installed package', async () => {
    expect(await runConsumer('memory.js')).toEqual({
      ticks: 5,
      outOfMemory: 3,
      live: 1,
      arenaUnit: 'bytes',
      stale: true,
      highWater: 16,
      reportNamesSystem: true,
    });
  }, 60_000);

  it('a consumer of framepool/profiler/node type-checks without @types/node and counts garbage in Node', async () => {
    await typeCheck('node', ['src/node.ts'], 'nodenext');
    expect(await runConsumer('node.js')).toEqual({ garbage: true, counted: true });
  }, 60_000);

  describe('the framepool command (the package bin)', () => {
    const bin = () => join(app, 'node_modules', '.bin', 'framepool');
    const GAME = `let kept;
export default { systems: [{ name: 'make', run() { kept = Array.from({ length: 100 }, (_, i) => ({ i })); } }] };
`;
    const TS_GAME = `interface Thing { i: number }
let kept: Thing[] = [];
export default { systems: [{ name: 'make', run(): void { kept = Array.from({ length: 100 }, (_, i): Thing => ({ i })); } }] };
export const last = (): number => kept.length;
`;

    /** A game whose replay hook compares the file's two words as the expected and the replayed hash. */
    const REPLAYER = `export default {
  systems: [{ name: 'play', run() {} }],
  replay: (bytes) => {
    const [expected, actual] = new TextDecoder().decode(bytes).split(' ');
    return { ticks: 1, expected, actual, matches: expected === actual };
  },
};
`;

    beforeAll(() => {
      writeFileSync(join(app, 'game.mjs'), GAME);
      writeFileSync(join(app, 'game.ts'), TS_GAME);
      writeFileSync(join(app, 'replayer.mjs'), REPLAYER);
      writeFileSync(join(app, 'same.rp'), 'ab ab');
      writeFileSync(join(app, 'other.rp'), 'ab cd');
    });

    it('replays a file with the game package.json names: 0 on a match, 1 on a mismatch, 2 for a module without a hook', async () => {
      const same = await run(bin(), ['replay', 'same.rp'], app);
      expect(same).toMatchObject({ code: 0, stderr: '' });
      expect(same.stdout).toContain('replay of same.rp with ./replayer.mjs: 1 ticks');
      const other = await run(bin(), ['replay', 'other.rp'], app);
      expect(other.code).toBe(1); // (run puts the exit's error in stderr when the command wrote none)
      expect(other.stdout).toContain('file ab, replayed cd: MISMATCH');
      const hookless = await run(bin(), ['replay', 'same.rp', '--game', 'game.mjs'], app);
      expect([hookless.code, hookless.stdout]).toEqual([2, '']);
      expect(hookless.stderr).toContain('game.mjs has no replay hook');
    }, 60_000);

    it('profiles a JavaScript module and writes the JSON report', async () => {
      const result = await runOrThrow(
        'framepool profile game.mjs',
        bin(),
        ['profile', 'game.mjs', '--ticks', '20', '--warmup', '5', '--json', 'out.json'],
        app,
      );
      expect(result.stdout).toContain('- make creates');
      const report = JSON.parse(readFileSync(join(app, 'out.json'), 'utf8'));
      expect(report.systems[0]).toMatchObject({ name: 'make', sites: [] });
      expect(report.systems[0].garbageBytesPerTick).toBeGreaterThan(100 * 24);
    }, 60_000);

    it('says how to load a TypeScript module when tsx is not installed (exit 2), and loads it when it is', async () => {
      const without = await run(bin(), ['profile', 'game.ts', '--ticks', '5', '--warmup', '0'], app);
      expect(without.code).toBe(2);
      expect(without.stderr).toContain('framepool loads .ts modules with tsx, which is not installed');
      const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/tsx/package.json'), 'utf8'));
      await runOrThrow(
        'Installing tsx (the command\u2019s optional peer)',
        'npm',
        ['install', `tsx@${version}`, '--prefer-offline', ...NPM_QUIET],
        app,
        NPM_ENV,
      );
      const result = await runOrThrow(
        'framepool profile game.ts, with tsx',
        bin(),
        ['profile', 'game.ts', '--ticks', '20', '--warmup', '5', '--sites'],
        app,
      );
      // The line the TypeScript says, through tsx's source map (the function: `run`, or the arrow in it).
      expect(result.stdout).toMatch(/\nmake +\S+ +\S*game\.ts:3 /);
    }, 120_000);
  });

  describe('framepool/ecs, with bitecs installed beside it', () => {
    beforeAll(async () => {
      // The exact version this repository uses, so `npm ci` has already put it in npm's cache.
      const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/bitecs/package.json'), 'utf8'));
      await runOrThrow(
        'Installing bitecs (the ecs entry\u2019s peer dependency)',
        'npm',
        ['install', `bitecs@${version}`, '--prefer-offline', ...NPM_QUIET],
        app,
        NPM_ENV,
      );
    }, 120_000);

    it('an ecs consumer type-checks: its memory and profiler types are the root entry\u2019s own', async () => {
      await typeCheck('ecs', ['src/ecs.ts'], 'nodenext');
      await typeCheck('ecs', ['src/ecs.ts'], 'bundler');
    }, 60_000);

    it('runs in Node, sharing the memory and profiler classes with the other entries', async () => {
      const result = await runConsumer('ecs.js');
      expect(result).toEqual({
        samePool: true,
        sameArena: true,
        sameProfiler: true,
        ticks: 30,
        live: 8,
        queried: 8,
        refused: 22,
      });
    }, 60_000);
  });
});
