import { createWorld, type Query, registerQuery, type World } from 'bitecs';
import { FixedBufferAllocator, MemoryPool } from '../memory/index.ts';
import { attachPooledComponent, createPooledComponent, type PooledComponent } from './PooledComponent.ts';
import { createRng, type Rng } from './Rng.ts';
import { createInput, type GameInput, type ShipState } from './Simulation.ts';
import { BODY_FIELDS, type BodySchema, ENEMY_FIELDS, type EnemySchema } from './schema.ts';

/** Sizes and seed of a {@link GameWorld}; every budget is fixed for the world's life. */
export interface GameWorldOptions {
  /** Seed of the world's random numbers. Default 1. */
  seed?: number;
  /** World size in units. Default 1280 × 720. */
  width?: number;
  height?: number;
  /** Frame arena capacity in bytes. Default 1 MiB. */
  arenaBytes?: number;
  /** Slot budgets. Defaults: 60,000 bullets, 2,000 enemies, 60,000 particles. */
  bullets?: number;
  enemies?: number;
  particles?: number;
}

/** Pooled records that are not bitecs entities: particles are pure effects with no identity. */
export interface ParticleStore {
  readonly name: string;
  readonly pool: MemoryPool<BodySchema>;
  /** Spawns refused because the pool was full. */
  dropped: number;
}

/**
 * The pooled game state: a bitecs world whose component stores are MemoryPools, one frame arena for
 * every per-tick temporary, the registered queries the systems iterate, and the counters the overlay
 * shows. Build it with {@link createGameWorld}; advance it with `stepGameWorld`.
 */
export interface GameWorld {
  readonly ecs: World;
  /** Per-tick temporaries (collision grid, hit and burst lists); reset at the start of every tick. */
  readonly arena: FixedBufferAllocator;
  readonly bullets: PooledComponent<BodySchema>;
  readonly enemies: PooledComponent<EnemySchema>;
  readonly particles: ParticleStore;
  /** Registered once: iterating `dense` creates no garbage, unlike calling `query()` per tick. */
  readonly bulletQuery: Query;
  readonly enemyQuery: Query;
  readonly rng: Rng;
  readonly input: GameInput;
  readonly ship: ShipState;
  readonly width: number;
  readonly height: number;
  /** Steps simulated. */
  tick: number;
  /** Enemies destroyed. */
  kills: number;
  /** Ticks whose optional work was skipped because the frame arena ran out. */
  arenaOverflows: number;
  /** Fractional bullets, enemies and trail particles owed to the spawn rates, carried between ticks. */
  fireDebt: number;
  enemyDebt: number;
  exhaustDebt: number;
  /** Arena bytes in use at the end of the last tick, and the peak within it. */
  arenaUsed: number;
  arenaPeak: number;
}

/** Creates a world with fixed budgets; nothing in it grows afterwards. */
export function createGameWorld(options: GameWorldOptions = {}): GameWorld {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const bulletCapacity = options.bullets ?? 60_000;
  const enemyCapacity = options.enemies ?? 2_000;
  // bitecs recycles entity ids, so ids stay below the number of entities alive at once, plus one.
  const maxEntities = bulletCapacity + enemyCapacity + 1;
  const ecs = createWorld();
  const bullets = createPooledComponent('bullets', {
    capacity: bulletCapacity,
    fields: BODY_FIELDS,
    maxEntities,
  });
  const enemies = createPooledComponent('enemies', {
    capacity: enemyCapacity,
    fields: ENEMY_FIELDS,
    maxEntities,
  });
  // Register the queries before the observers: observe() then reuses them instead of making twins
  // that bitecs would keep up to date on every structural change.
  const bulletQuery = registerQuery(ecs, [bullets]);
  const enemyQuery = registerQuery(ecs, [enemies]);
  attachPooledComponent(ecs, bullets);
  attachPooledComponent(ecs, enemies);
  return {
    ecs,
    arena: new FixedBufferAllocator(options.arenaBytes ?? 1 << 20),
    bullets,
    enemies,
    particles: {
      name: 'particles',
      pool: new MemoryPool({ capacity: options.particles ?? 60_000, fields: BODY_FIELDS }),
      dropped: 0,
    },
    bulletQuery,
    enemyQuery,
    rng: createRng(options.seed ?? 1),
    input: createInput(width, height),
    ship: { x: width / 2, y: height / 2, vx: 0, vy: 0, angle: -Math.PI / 2 },
    width,
    height,
    tick: 0,
    kills: 0,
    arenaOverflows: 0,
    fireDebt: 0,
    enemyDebt: 0,
    exhaustDebt: 0,
    arenaUsed: 0,
    arenaPeak: 0,
  };
}
