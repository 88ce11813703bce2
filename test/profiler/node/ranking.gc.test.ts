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
import { runProfileCommand } from '../../../src/profiler/node/index.ts';
import { bitecsCosts, naiveCosts, replay, type SystemStep } from '../games/garbageModel.ts';

const TICKS = 300;
const WARMUP = 600;
/** The modules' own scenario size (scripts/games use the default). */
const ENTITIES = 10_000;
/** Two systems are clearly apart when one's expected garbage is this many times the other's, plus 1 KiB. */
const APART = 1.5;

const dir = mkdtempSync(join(tmpdir(), 'framepool-ranking-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Profiles scripts/games/<mode>.ts through the command and returns its JSON report. */
async function profile(mode: SimulationMode): Promise<JsonReport> {
  const json = join(dir, `${mode}.json`);
  const module = fileURLToPath(new URL(`../../../scripts/games/${mode}.ts`, import.meta.url));
  let output = '';
  const io = { write: (text: string) => (output += text) };
  const code = await runProfileCommand(
    ['profile', module, '--ticks', String(TICKS), '--warmup', String(WARMUP), '--json', json],
    { stdout: io, stderr: io },
  );
  expect(code, output).toBe(0);
  return JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
}

const added = (s: SystemStep, kind: keyof SystemStep['after']) => Math.max(0, s.after[kind] - s.before[kind]);
const removed = (s: SystemStep, kind: keyof SystemStep['after']) =>
  Math.max(0, s.before[kind] - s.after[kind]);

/** Mean over the replayed ticks of each system's expected bytes. */
async function expected(mode: SimulationMode, cost: (name: string, step: SystemStep) => number) {
  const { game, sim } = createSteadyGame(mode, { entities: ENTITIES });
  const ticks = await replay(game, sim, WARMUP, TICKS);
  const names = game.systems.map((s) => s.name);
  return new Map(
    names.map((name) => [name, ticks.reduce((sum, t) => sum + cost(name, t.get(name)!), 0) / TICKS]),
  );
}

function checkRanking(report: JsonReport, model: Map<string, number>): string[] {
  const measured = new Map(report.systems.map((s) => [s.name, s.garbageBytesPerTick ?? Number.NaN]));
  const table = report.systems.map(
    (s) =>
      `${s.name.padEnd(10)} expected ${Math.round(model.get(s.name)!).toString().padStart(9)} B  measured ${Math.round(measured.get(s.name)!).toString().padStart(9)} B`,
  );
  const broken: string[] = [];
  for (const [a, ea] of model) {
    for (const [b, eb] of model) {
      if (ea > APART * eb + 1024 && !(measured.get(a)! > measured.get(b)!))
        broken.push(`${a} should make more than ${b}`);
    }
  }
  expect(broken, table.join('\n')).toEqual([]);
  return table;
}

describe('the ranking of systems by garbage agrees with an independent measurement', () => {
  it('bitecs as its documentation recommends: entities spawned and removed, each costing what bitecs allocates', async () => {
    const report = await profile('bitecs');
    const unit = bitecsCosts(ENTITIES);
    const model = await expected('bitecs', (name, s) => {
      const spawned = added(s, 'bullets') + added(s, 'enemies') + added(s, 'particles');
      const despawned = removed(s, 'bullets') + removed(s, 'enemies') + removed(s, 'particles');
      return name === 'input' || name === 'ship' || name === 'motion'
        ? 0
        : spawned * unit.spawn + despawned * unit.remove;
    });
    const table = checkRanking(report, model);
    // The model is coarse, but where it counts, the two agree to within a factor of two.
    for (const name of ['spawn', 'lifetime', 'particles']) {
      const measured = report.systems.find((s) => s.name === name)!.garbageBytesPerTick!;
      expect(measured / model.get(name)!, table.join('\n')).toBeGreaterThan(0.5);
      expect(measured / model.get(name)!, table.join('\n')).toBeLessThan(2);
    }
    expect(report.systems.find((s) => s.name === 'spawn')!.garbageBytesPerTick).toBe(
      Math.max(...report.systems.map((s) => s.garbageBytesPerTick ?? 0)),
    );
  }, 120_000);

  it('naive objects and arrays: things made, arrays filtered and copied, grid lookups', async () => {
    const report = await profile('naive');
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
    const table = checkRanking(report, model);
    expect(report.systems.find((s) => s.name === 'collision')!.garbageBytesPerTick, table.join('\n')).toBe(
      Math.max(...report.systems.map((s) => s.garbageBytesPerTick ?? 0)),
    );
  }, 120_000);
});
