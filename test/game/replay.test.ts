/**
 * Replays: the file round-trips; a replay recorded from a rewind (rewinds included) plays again to the
 * same state hash in a new world; a changed input gives another; every kind of bad file is refused
 * with a reason and nothing else happens; `framepool replay` (`npm run replay`), with the pooled
 * game's hook that package.json names, prints the result and exits 0, 1 or 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeReplay,
  encodeReplay,
  hashBytes,
  INPUT_FLOATS,
  PooledSimulation,
  playReplayFile,
  REPLAY_HEADER_BYTES,
  REPLAY_VERSION,
  Rewind,
  recordReplay,
  runReplay,
  saveReplay,
} from '../../src/game/index.ts';
import { runReplayCommand } from '../../src/profiler/node/index.ts';
import { runCommand } from '../commandRun.ts';
import { playScripted, ROOMY } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'framepool-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A recorded game of `ticks` scripted ticks, with a rewind in the middle. */
function recorded(ticks = 240) {
  const sim = new PooledSimulation({ seed: 11, ...ROOMY, arenaBytes: 1 << 19 });
  const rewind = new Rewind(sim.world);
  for (let i = 0; i < ticks / 2; i++) {
    playScripted(sim, sim.tick);
    rewind.step(() => sim.step());
  }
  rewind.rewind(30);
  while (sim.tick < ticks) {
    playScripted(sim, sim.tick + 7);
    rewind.step(() => sim.step());
  }
  return { sim, rewind };
}

/** `bytes` with its trailing checksum made right again (to reach the checks behind it). */
function resealed(bytes: Uint8Array): Uint8Array {
  const body = bytes.subarray(0, bytes.length - 16);
  const checksum = hashBytes(body);
  for (let i = 0; i < 16; i++) bytes[body.length + i] = checksum.charCodeAt(i);
  return bytes;
}

/** `framepool replay <argv>` in the repository's root, where package.json names the pooled game. */
const replayCommand = (...argv: string[]) => runCommand((args, io) => runReplayCommand(args, io, ROOT), argv);

const { sim, rewind } = recorded();
const good = saveReplay(rewind);

/** Bad files, how each is made, and the reason given. */
const bad: [string, () => Uint8Array, RegExp][] = [
  ['empty', () => new Uint8Array(0), /not a framepool replay/],
  ['not a replay', () => new TextEncoder().encode('{"seed": 1}'), /not a framepool replay/],
  ['truncated in the header', () => good.slice(0, 40), /truncated: 40 bytes/],
  ['truncated in the inputs', () => good.slice(0, good.length - 100), /truncated/],
  ['longer than its contents', () => new Uint8Array([...good, 0]), /longer than its contents/],
  [
    'another version',
    () => {
      const b = good.slice();
      new DataView(b.buffer).setUint32(4, REPLAY_VERSION + 1, true);
      return b;
    },
    /version 2; this framepool reads version 1/,
  ],
  [
    'a corrupt final hash',
    () => {
      const b = good.slice();
      b[REPLAY_HEADER_BYTES - 1] ^= 1;
      return b;
    },
    /corrupt: its checksum/,
  ],
  [
    'a corrupt input',
    () => {
      const b = good.slice();
      b[REPLAY_HEADER_BYTES + 1000] ^= 0x40;
      return b;
    },
    /corrupt/,
  ],
  [
    'bullets out of range',
    () => {
      const b = good.slice();
      new DataView(b.buffer).setFloat64(8 + 8 * 4, -5, true);
      return resealed(b);
    },
    /bullets must be a whole number from 1/,
  ],
  [
    'with a world too small',
    () => {
      const b = good.slice();
      new DataView(b.buffer).setFloat64(8 + 8, 10, true);
      return resealed(b);
    },
    /width must be a number from 64/,
  ],
];

describe('replay files', () => {
  it('round-trip: options, every input and the final hash', () => {
    const replay = recordReplay(rewind);
    expect(replay.inputs.length).toBe(240 * INPUT_FLOATS);
    expect(replay.options).toEqual({
      seed: 11,
      width: 1280,
      height: 720,
      arenaBytes: 1 << 19,
      ...ROOMY,
    });
    const back = decodeReplay(encodeReplay(replay));
    expect(back.options).toEqual(replay.options);
    expect(back.finalHash).toBe(replay.finalHash);
    expect(Array.from(back.inputs)).toEqual(Array.from(replay.inputs));
    expect(good.length).toBe(REPLAY_HEADER_BYTES + 240 * INPUT_FLOATS * 8 + 16);
  });

  it('play again in a new world to the same state hash, rewinds and all', () => {
    const result = runReplay(decodeReplay(good));
    expect(result).toEqual({ ticks: 240, expected: result.actual, actual: result.actual, matches: true });
    expect(sim.tick).toBe(240);
  });

  it('a changed input plays another game: the hashes differ', () => {
    const replay = decodeReplay(good);
    replay.inputs[100 * INPUT_FLOATS + 2] += 200; // tick 100's aim
    const result = runReplay(replay);
    expect(result.matches).toBe(false);
    expect(result.actual).not.toBe(result.expected);
  });

  it('needs every tick from 0: a log that forgot them refuses', () => {
    const short = new PooledSimulation({ seed: 1, ...ROOMY });
    const r = new Rewind(short.world, { seconds: 1, recordTicks: 100 });
    for (let i = 0; i < 150; i++) r.step();
    expect(() => recordReplay(r)).toThrow(/starts at tick 50/);
  });

  it.each(bad)('refuses a file %s, with the reason', (_, make, reason) => {
    expect(() => decodeReplay(make())).toThrow(reason);
  });

  it('refuses what is not bytes with a TypeError naming bytes', () => {
    expect(() => decodeReplay('FPRP' as never)).toThrow(/bytes must be a Uint8Array/);
  });

  it('refuses to encode a bad replay, naming what is wrong', () => {
    const replay = recordReplay(rewind);
    expect(() => encodeReplay({ ...replay, finalHash: 'xyz' })).toThrow(/replay.finalHash/);
    expect(() => encodeReplay({ ...replay, inputs: new Float64Array(7) })).toThrow(/replay.inputs/);
    expect(() => encodeReplay({ ...replay, options: { ...replay.options, enemies: 0 } })).toThrow(/enemies/);
  });
});

describe("playReplayFile, the pooled game's replay hook", () => {
  it('plays the bytes and describes the game: length, seed, size, budgets', () => {
    const result = playReplayFile(good);
    expect(result).toEqual({
      ...runReplay(decodeReplay(good)),
      description:
        `4.0 s, seed 11, 1280×720, budgets ${ROOMY.bullets} bullets, ${ROOMY.enemies} enemies, ` +
        `${ROOMY.particles} particles, arena ${1 << 19} B`,
    });
    expect(result.matches).toBe(true);
  });

  it.each(bad)('throws for a file %s, as decodeReplay does', (_, make, reason) => {
    expect(() => playReplayFile(make())).toThrow(reason);
  });
});

describe('framepool replay with the pooled game (npm run replay)', () => {
  const file = join(dir, 'good.fprp');
  writeFileSync(file, good);
  /** The same game with another final hash in the file, sealed right: a mismatch, not a corrupt file. */
  const otherHash = join(dir, 'other-hash.fprp');
  const replay = decodeReplay(good);
  writeFileSync(
    otherHash,
    encodeReplay({ ...replay, finalHash: replay.finalHash.replace(/^./, (c) => (c === '0' ? '1' : '0')) }),
  );

  it('plays a good file: match, exit 0', async () => {
    const run = await replayCommand(file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `replay of ${file} with scripts/games/pooled.ts: 240 ticks (4.0 s, seed 11, 1280×720,`,
    );
    expect(run.stdout).toMatch(/final state hash: file ([0-9a-f]{16}), replayed \1: match/);
  });

  it('a file whose game ends elsewhere: MISMATCH, exit 1', async () => {
    const changed = decodeReplay(good);
    changed.inputs[5 * INPUT_FLOATS + 7] = 0; // tick 5 does not fire
    const other = join(dir, 'other.fprp');
    writeFileSync(other, encodeReplay(changed));
    const run = await replayCommand(other);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('MISMATCH');
  });

  it.each([
    [[], /which replay file\? give its path/],
    [['a', 'b'], /one replay file only, got a b/],
    [['--ticks', '3'], /unknown option "--ticks"/],
    [[join(dir, 'missing.fprp')], /cannot read the replay file .*missing\.fprp: Error: ENOENT/],
  ])('%o: the reason on stderr, exit 2', async (argv, reason) => {
    const run = await replayCommand(...(argv as string[]));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(reason);
  });

  it.each(bad)('a file %s: the reason on stderr, exit 2, nothing on stdout', async (_, make, reason) => {
    const path = join(dir, 'bad.fprp');
    writeFileSync(path, make());
    const run = await replayCommand(path);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toContain(`framepool replay: ${path}: `);
  });

  it('as the real bin (node --import tsx src/profiler/node/cli.ts): exit 0 on a match, 1 on another final hash; npm run replay: 2 on a bad file', async () => {
    const exec = promisify(execFile);
    const bin = (...argv: string[]) =>
      exec(process.execPath, ['--import', 'tsx', 'src/profiler/node/cli.ts', ...argv], { cwd: ROOT }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const ok = await bin('replay', file);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(ok.stdout).toMatch(/replayed ([0-9a-f]{16}): match\n$/);
    const mismatch = await bin('replay', otherHash);
    expect([mismatch.code, mismatch.stderr]).toEqual([1, '']);
    expect(mismatch.stdout).toContain(`file ${readHash(otherHash)}, replayed ${replay.finalHash}: MISMATCH`);
    const truncated = join(dir, 'truncated.fprp');
    writeFileSync(truncated, good.slice(0, 100));
    const failed = await exec('npm', ['run', '--silent', 'replay', '--', truncated], { cwd: ROOT }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain('truncated');
  }, 30_000);
});

/** The final hash a replay file holds. */
function readHash(path: string): string {
  return decodeReplay(new Uint8Array(readFileSync(path))).finalHash;
}
