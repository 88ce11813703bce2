/** Fixtures shared by the ecs tests: a scripted player, state snapshots and a recording sprite sink. */
import { getAllEntities, query } from 'bitecs';
import { expect } from 'vitest';
import { type PooledComponent, slotOf } from '../../src/ecs/index.ts';
import type { GameWorld, ShipState, Simulation, SpriteKind, SpriteSink } from '../../src/game/index.ts';
import type { MemoryPool, PoolFigures } from '../../src/memory/index.ts';

/**
 * Budgets large enough that the scripted game never runs out, small enough that ticks stay cheap
 * (particle update and draw visit every slot).
 */
export const ROOMY = { bullets: 4_000, enemies: 300, particles: 12_000 } as const;

/** One tick's worth of scripted controls: guns on, aim circling the ship, a slow strafe, many enemies. */
export function playScripted(sim: Simulation, t: number): void {
  const { input } = sim;
  input.firing = true;
  input.fireRate = 600;
  input.enemyRate = 20;
  input.aimX = sim.width / 2 + sim.width * 0.4 * Math.cos(t / 25);
  input.aimY = sim.height / 2 + sim.height * 0.4 * Math.sin(t / 25);
  input.moveX = Math.sin(t / 90);
  input.moveY = Math.cos(t / 70) * 0.5;
}

/** Turns everything off: no firing, no arrivals, no engine trail. */
export function quiet(sim: Simulation): void {
  sim.input.firing = false;
  sim.input.enemyRate = 0;
  sim.input.exhaustRate = 0;
}

/** Runs `ticks` steps; `before` sets the controls of each tick, `after` inspects its result. */
export function run(
  sim: Simulation,
  ticks: number,
  before: ((sim: Simulation, t: number) => void) | null = playScripted,
  after?: (t: number) => void,
): void {
  for (let t = 0; t < ticks; t++) {
    before?.(sim, sim.tick);
    sim.step();
    after?.(t);
  }
}

/** Every live record of a pool, by slot, with all its fields. */
export function liveRecords(pool: MemoryPool): Record<string, number>[] {
  const records: Record<string, number>[] = [];
  const names = Object.keys(pool.fields);
  for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) {
    const record: Record<string, number> = { slot: s };
    for (const name of names) record[name] = pool.fields[name][s];
    records.push(record);
  }
  return records;
}

/** The (entity, slot) pairs of a pooled component's entities, in bitecs's query order. */
function entitySlots(world: GameWorld, component: PooledComponent): number[][] {
  return Array.from(query(world.ecs, [component]), (eid) => [eid, slotOf(component, eid)]);
}

/**
 * Everything a pooled world's future depends on, in plain data: counters, ship, generator state,
 * every live record of every pool and every entity's slot. (Pool handles are left out on purpose: each
 * pool starts its generations at its own value, so equal worlds have different handles.)
 */
export function worldState(world: GameWorld) {
  const { bullets, enemies, particles, arena } = world;
  return {
    tick: world.tick,
    kills: world.kills,
    enemiesSpawned: world.enemiesSpawned,
    arena: [arena.used, arena.highWater, arena.allocCount, arena.failureCount],
    debts: Array.from(world.debts),
    ship: shipFields(world.ship),
    rng: world.rng.state[0],
    refused: [bullets.failureCount, enemies.pool.failureCount, particles.failureCount],
    highWater: [bullets.highWater, enemies.pool.highWater, particles.highWater],
    bullets: liveRecords(bullets),
    enemies: liveRecords(enemies.pool),
    particles: liveRecords(particles),
    enemyEntities: entitySlots(world, enemies),
  };
}

/**
 * The pooled world's bookkeeping agrees with bitecs: the enemy pool's live count is its query's
 * length, every queried entity has its own live slot, whose `entities` entry names it back, and bitecs
 * has no entity besides them.
 */
export function expectBookkeeping(world: GameWorld): void {
  const { enemies } = world;
  const eids = query(world.ecs, [enemies]);
  expect(enemies.pool.live).toBe(eids.length);
  const slots = Array.from(eids, (eid) => slotOf(enemies, eid));
  expect(new Set(slots).size).toBe(eids.length);
  for (let i = 0; i < eids.length; i++) expect(enemies.entities[slots[i]]).toBe(eids[i]);
  expect(getAllEntities(world.ecs).length).toBe(enemies.pool.live);
}

/** A sprite sink that records what it receives. */
export class RecordingSink implements SpriteSink {
  constructor(readonly capacity = Number.MAX_SAFE_INTEGER) {}
  /** Indices in call order. */
  readonly indices: number[] = [];
  /** [x, y, rotation, scale, tint, alpha] per index. */
  readonly sprites: number[][] = [];

  set(index: number, x: number, y: number, rotation: number, scale: number, tint: number, alpha: number) {
    this.indices.push(index);
    this.sprites[index] = [x, y, rotation, scale, tint, alpha];
  }
}

/** Draws `kind` into a fresh recording sink that takes at most `capacity` sprites. */
export function drawn(sim: Simulation, kind: SpriteKind, capacity?: number) {
  const sink = new RecordingSink(capacity);
  const count = sim.draw(kind, sink);
  return { count, indices: sink.indices, sprites: sink.sprites };
}

/** `sim.figures(kind)` into a fresh object. */
export function figuresOf(sim: Simulation, kind: SpriteKind): PoolFigures {
  return sim.figures(kind, { live: -1, capacity: -1, highWater: -1, failureCount: -1 });
}

/** Sorts rows of numbers lexicographically, for comparing sets of sprites regardless of order. */
export function sortRows(rows: readonly number[][]): number[][] {
  return [...rows].sort((a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  });
}

/** A ship's figures as a plain object, whichever storage the simulation keeps them in. */
export function shipFields(ship: ShipState) {
  return { x: ship.x, y: ship.y, vx: ship.vx, vy: ship.vy, angle: ship.angle };
}
