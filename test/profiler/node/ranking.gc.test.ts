/**
 * The proof on games not designed for it: `framepool profile` on the bitecs-idiomatic and the naive
 * simulations (scripts/games), against an independent measurement: each system's expected garbage,
 * computed from what it did in each tick (spawns, removals, arrays rebuilt, replayed from the same
 * seed) times what one such operation allocates on its own (games/garbageModel.ts). The ranking of the
 * systems by garbage must agree wherever the model sets two systems clearly apart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSteadyGame } from '../../../scripts/games/steadyGame.ts';
import type { SimulationMode } from '../../../src/game/index.ts';
import type { JsonReport } from '../../../src/profiler/index.ts';
import { runFramepool } from '../../../src/profiler/node/index.ts';
import { bitecsCosts, naiveCosts, replay, type SystemStep } from '../games/garbageModel.ts';

const TICKS = 300;
const WARMUP = 600;
/** The modules' own scenario size (scripts/games use the default). */
const ENTITIES = 10_000;
/** Two systems are clearly apart when one's expected garbage is this many times the other's, plus 1 KiB. */
const APART = 1.5;
/**
 * The same for a system whose garbage comes in rare ticks (none in the median tick, as collisions that
 * kill): those paths run seldom, so how much of them V8 has optimized, and so what they allocate,
 * differs from run to run (bitecs' collision measured 14 to 40 KiB over identical ticks).
 */
const APART_RARE = 10;

const dir = mkdtempSync(join(tmpdir(), 'framepool-ranking-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the command measured: its JSON report, and each system's garbage per tick from its CSV (undefined: dropped). */
interface Measured {
  readonly report: JsonReport;
  readonly perTick: ReadonlyMap<string, readonly (number | undefined)[]>;
}

/** Profiles scripts/games/<mode>.ts through the command, with the JSON report and the per-tick CSV. */
async function profile(mode: SimulationMode): Promise<Measured> {
  const json = join(dir, `${mode}.json`);
  const csv = join(dir, `${mode}.csv`);
  const module = fileURLToPath(new URL(`../../../scripts/games/${mode}.ts`, import.meta.url));
  let output = '';
  const io = { write: (text: string) => (output += text) };
  const code = await runFramepool(
    ['profile', module, '--ticks', String(TICKS), '--warmup', String(WARMUP), '--json', json, '--csv', csv],
    { stdout: io, stderr: io },
  );
  expect(code, output).toBe(0);
  const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
  const [header, ...rows] = readFileSync(csv, 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  const perTick = new Map(
    report.systems.map(({ name }) => {
      const at = columns.indexOf(`system.${name}.garbage`);
      return [name, rows.map((row) => (row.split(',')[at] === '' ? undefined : Number(row.split(',')[at])))];
    }),
  );
  return { report, perTick };
}

const added = (s: SystemStep, kind: keyof SystemStep['after']) => Math.max(0, s.after[kind] - s.before[kind]);
const removed = (s: SystemStep, kind: keyof SystemStep['after']) =>
  Math.max(0, s.before[kind] - s.after[kind]);

/** Each system's expected bytes in each replayed tick: the same ticks the command profiled. */
async function expected(mode: SimulationMode, cost: (name: string, step: SystemStep) => number) {
  const { game, sim } = createSteadyGame(mode, { entities: ENTITIES });
  const ticks = await replay(game, sim, WARMUP, TICKS);
  return new Map(game.systems.map(({ name }) => [name, ticks.map((t) => cost(name, t.get(name)!))]));
}

/**
 * Compares each system's mean over the ticks whose measured figure counts (the same ticks on both
 * sides: a rare event in a dropped tick counts for neither) and checks the ranking where the model sets
 * two systems clearly apart ({@link APART}, {@link APART_RARE}). Returns the means, and the table for
 * messages.
 */
function compare(measured: Measured, model: Map<string, number[]>) {
  const means = new Map(
    [...model].map(([name, expectedTicks]) => {
      const kept = measured.perTick
        .get(name)!
        .flatMap((bytes, i) => (bytes === undefined ? [] : [[bytes, expectedTicks[i]]]));
      const mean = (side: 0 | 1) => kept.reduce((sum, pair) => sum + pair[side], 0) / kept.length;
      const rare = [...expectedTicks].sort((x, y) => x - y)[expectedTicks.length >> 1] === 0;
      return [name, { measured: mean(0), expected: mean(1), rare }];
    }),
  );
  const table = [...means].map(
    ([name, m]) =>
      `${name.padEnd(10)} expected ${Math.round(m.expected).toString().padStart(9)} B  measured ${Math.round(m.measured).toString().padStart(9)} B`,
  );
  const broken: string[] = [];
  for (const [a, ma] of means) {
    for (const [b, mb] of means) {
      const apart = ma.rare || mb.rare ? APART_RARE : APART;
      if (ma.expected > apart * mb.expected + 1024 && !(ma.measured > mb.measured)) {
        broken.push(`${a} should make more than ${b}`);
      }
    }
  }
  expect(broken, table.join('\n')).toEqual([]);
  return { means, message: table.join('\n') };
}

describe('the ranking of systems by garbage agrees with an independent measurement', () => {
  it('bitecs as its documentation recommends: entities spawned and removed, each costing what bitecs allocates', async () => {
    const measured = await profile('bitecs');
    const unit = bitecsCosts(ENTITIES);
    const model = await expected('bitecs', (name, s) => {
      const spawned = added(s, 'bullets') + added(s, 'enemies') + added(s, 'particles');
      const despawned = removed(s, 'bullets') + removed(s, 'enemies') + removed(s, 'particles');
      return name === 'input' || name === 'ship' || name === 'motion'
        ? 0
        : spawned * unit.spawn + despawned * unit.remove;
    });
    const { means, message } = compare(measured, model);
    // The model is coarse, but where it counts, the two agree to within a factor of two.
    for (const name of ['spawn', 'lifetime', 'particles']) {
      const { measured: bytes, expected: model } = means.get(name)!;
      expect(bytes / model, message).toBeGreaterThan(0.5);
      expect(bytes / model, message).toBeLessThan(2);
    }
    const report = measured.report;
    expect(report.systems.find((s) => s.name === 'spawn')!.garbageBytesPerTick).toBe(
      Math.max(...report.systems.map((s) => s.garbageBytesPerTick ?? 0)),
    );
  }, 120_000);

  it('naive objects and arrays: things made, arrays filtered and copied, grid lookups', async () => {
    const measured = await profile('naive');
    const unit = naiveCosts();
    const model = await expected('naive', (name, s) => {
      switch (name) {
        case 'spawn': {
          const trail = added(s, 'particles');
          return (
            (added(s, 'bullets') + added(s, 'enemies') + trail) * unit.thing +
            unit.concat(s.after.particles) +
            unit.burst(trail)
          );
        }
        case 'motion':
          return s.before.enemies * unit.destructure;
        case 'lifetime':
          return unit.filter(s.after.bullets);
        case 'collision':
          return (
            s.before.bullets * unit.lookup +
            unit.filter(s.after.bullets) +
            unit.filter(s.after.enemies) +
            added(s, 'particles') * unit.thing
          );
        case 'particles':
          return unit.filter(s.after.particles);
        default:
          return 0;
      }
    });
    const { message } = compare(measured, model);
    const report = measured.report;
    expect(report.systems.find((s) => s.name === 'collision')!.garbageBytesPerTick, message).toBe(
      Math.max(...report.systems.map((s) => s.garbageBytesPerTick ?? 0)),
    );
  }, 120_000);
});
