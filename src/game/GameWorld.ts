import { createWorld, type Query, registerQuery, type World } from 'bitecs';
import { attachPooledComponent, createPooledComponent, type PooledComponent } from '../ecs/index.ts';
import { createRng, type Rng } from '../loop/index.ts';
import { FixedBufferAllocator, MemoryPool } from '../memory/index.ts';
import { ShipBody } from './ShipBody.ts';
import { createInput, type GameInput } from './Simulation.ts';
import { BODY_FIELDS, type BodySchema, ENEMY_FIELDS, type EnemySchema } from './schema.ts';
import { BURST_FLOATS } from './systems/spawn.ts';

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

/**
 * Pooled records that are not bitecs entities: their pool handle is their identity. Used for the
 * short-lived, high-churn things (bullets, particles): bitecs 0.4 allocates on every structural
 * change (a `Set` per entity, arrays and objects per observer notification), which at thousands of
 * spawns a second is the game's only steady garbage; a pool allocates nothing.
 */
export interface PooledStore {
  /** Name shown in the overlay and in profiles. */
  readonly name: string;
  readonly pool: MemoryPool<BodySchema>;
  /** Spawns refused because the pool was full. */
  dropped: number;
}

function createPooledStore(name: string, capacity: number): PooledStore {
  return { name, pool: new MemoryPool({ capacity, fields: BODY_FIELDS }), dropped: 0 };
}

/**
 * The pooled game state: a bitecs world whose enemy component store is a MemoryPool, pools of
 * bullets and particles addressed by handle, one frame arena for every per-tick temporary, the
 * registered query the systems iterate, and the counters the overlay shows. Build it with {@link createGameWorld}; advance it with `stepGameWorld`.
 */
export interface GameWorld {
  readonly ecs: World;
  /** Per-tick temporaries (collision grid, hit and burst lists); reset at the start of every tick. */
  readonly arena: FixedBufferAllocator;
  /** Bullets: pooled records, iterated in slot order. */
  readonly bullets: PooledStore;
  /** Enemies: bitecs entities whose component store is a pool. */
  readonly enemies: PooledComponent<EnemySchema>;
  /** Particles: pooled records, iterated in slot order. */
  readonly particles: PooledStore;
  /** Registered once: iterating `dense` creates no garbage, unlike calling `query()` per tick. */
  readonly enemyQuery: Query;
  readonly rng: Rng;
  readonly input: GameInput;
  readonly ship: ShipBody;
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
  /** The burst record of the engine trail, rewritten every tick (see `writeBurst`). */
  readonly trailBurst: Float32Array;
  /** Arena bytes in use at the end of the last tick, and the peak within it. */
  arenaUsed: number;
  arenaPeak: number;
}

/** Creates a world with fixed budgets; nothing in it grows afterwards. */
export function createGameWorld(options: GameWorldOptions = {}): GameWorld {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const enemyCapacity = options.enemies ?? 2_000;
  const ecs = createWorld();
  const enemies = createPooledComponent('enemies', {
    capacity: enemyCapacity,
    fields: ENEMY_FIELDS,
    // bitecs recycles entity ids, so ids stay below the number of entities alive at once, plus one.
    maxEntities: enemyCapacity + 1,
  });
  // Register the query before the observers: observe() then reuses it instead of making a twin
  // that bitecs would keep up to date on every structural change.
  const enemyQuery = registerQuery(ecs, [enemies]);
  attachPooledComponent(ecs, enemies);
  return {
    ecs,
    arena: new FixedBufferAllocator(options.arenaBytes ?? 1 << 20),
    bullets: createPooledStore('bullets', options.bullets ?? 60_000),
    enemies,
    particles: createPooledStore('particles', options.particles ?? 60_000),
    enemyQuery,
    rng: createRng(options.seed ?? 1),
    input: createInput(width, height),
    ship: new ShipBody(width / 2, height / 2, -Math.PI / 2),
    width,
    height,
    tick: 0,
    kills: 0,
    arenaOverflows: 0,
    fireDebt: 0,
    enemyDebt: 0,
    exhaustDebt: 0,
    trailBurst: new Float32Array(BURST_FLOATS),
    arenaUsed: 0,
    arenaPeak: 0,
  };
}
