import { createWorld, type World } from 'bitecs';
import { attachPooledComponent, createPooledComponent, type PooledComponent } from '../ecs/index.ts';
import { createRng, type Rng } from '../loop/index.ts';
import {
  type Allocator,
  describeValue,
  FixedBufferAllocator,
  MemoryPool,
  TypedList,
} from '../memory/index.ts';
import { BURST_FLOATS } from './burst.ts';
import { createInput, type GameInput } from './InputState.ts';
import { type GameOptions, resolveGameOptions } from './options.ts';
import { createDebts } from './rules.ts';
import { ShipBody } from './ShipBody.ts';
import { BODY_FIELDS, type BodySchema, ENEMY_FIELDS, type EnemySchema } from './schema.ts';

/**
 * The pooled game state: a bitecs world whose enemy component store is a MemoryPool, pools of
 * bullets and particles addressed by handle, one frame arena for every per-tick temporary, and the
 * counters the overlay shows. Every system walks a pool's packed records (the enemies' too: no system
 * joins the enemy component with another), so none needs a bitecs query. Build it with
 * {@link createGameWorld}; advance it with `stepGameWorld`.
 *
 * Bullets and particles are pooled records, not bitecs entities: their handle is their identity.
 * They are the short-lived, high-churn things, and bitecs 0.4 allocates on every structural change
 * (a `Set` per entity, arrays and objects per observer notification); a pool allocates nothing.
 *
 * Between ticks `arena.used` and `arena.highWater` are the last tick's use and peak: the arena is
 * reset (and its peak restarted) at the start of each tick.
 */
export interface GameWorld {
  readonly ecs: World;
  /**
   * Per-tick temporaries (collision grid, damage, the hit and burst lists); reset at the start of
   * every tick. Any {@link Allocator}: a `FixedBufferAllocator` by default, or the one given to
   * {@link createGameWorld} (a growing arena, a `failingAllocator` in a test).
   */
  readonly arena: Allocator;
  /** This tick's hits, (bullet handle, enemy id) pairs, in the arena; empty again after each reset. */
  readonly hits: TypedList<'i32'>;
  /** This tick's bursts, `BURST_FLOATS` floats each, in the arena; empty again after each reset. */
  readonly bursts: TypedList<'f32'>;
  /** Bullets: pooled records, walked in slot order. */
  readonly bullets: MemoryPool<BodySchema>;
  /** Enemies: bitecs entities whose component's records are packed in a pool, walked in slot order. */
  readonly enemies: PooledComponent<EnemySchema>;
  /** Particles: pooled records, walked in slot order. */
  readonly particles: MemoryPool<BodySchema>;
  /** The seed the world was made with; bursts seed their own generators from it. */
  readonly seed: number;
  /** The world's generator: bullets, enemies and the trail draw from it in spawn order. */
  readonly rng: Rng;
  /** Reseeded for each burst (see `burstSeed` in the rules). */
  readonly burstRng: Rng;
  readonly input: GameInput;
  readonly ship: ShipBody;
  readonly width: number;
  readonly height: number;
  /** Steps simulated. */
  tick: number;
  /** Enemies destroyed. */
  kills: number;
  /** Enemies spawned: the next enemy's serial. */
  enemiesSpawned: number;
  /** Fractional spawns owed to each rate (see `createDebts` in the rules). */
  readonly debts: Float64Array;
  /** The burst record of the engine trail, rewritten every tick. */
  readonly trailBurst: Float32Array;
  /** Two floats of scratch for rules that give a pair (a velocity). */
  readonly pair: Float32Array;
}

/** Hits and bursts each tick's lists make room for at first (they grow past it as needed). */
const HITS_RESERVED = 256;
const BURSTS_RESERVED = 64;

/** Options of {@link createGameWorld}: the game's, and the frame arena to use. */
export interface GameWorldOptions extends GameOptions {
  /** The frame arena, instead of a new `FixedBufferAllocator` of `arenaBytes` (give one or the other). */
  arena?: Allocator;
  /** Keep the pools in SharedArrayBuffers, so other threads can attach to them (see `threads/`). */
  shared?: boolean;
}

/** Throws a TypeError naming `world` unless it is a world made by {@link createGameWorld}. */
export function requireGameWorld(world: GameWorld): void {
  if (
    !(
      typeof world === 'object' &&
      world !== null &&
      typeof world.arena === 'object' &&
      world.arena !== null &&
      world.bullets instanceof MemoryPool &&
      world.particles instanceof MemoryPool &&
      typeof world.tick === 'number'
    )
  ) {
    throw new TypeError(`world must be a world made by createGameWorld, got ${describeValue(world)}`);
  }
}

/**
 * Creates a world with fixed budgets; nothing in it grows afterwards.
 * @throws TypeError or RangeError naming a bad option (see `GameOptions`; `arena` when it is not an
 *   Allocator, or is given with `arenaBytes`); nothing is built then.
 */
export function createGameWorld(options: GameWorldOptions = {}): GameWorld {
  const arena = resolveArena(options);
  const {
    seed,
    width,
    height,
    arenaBytes,
    bullets,
    enemies: enemyCapacity,
    particles,
  } = resolveGameOptions(options);
  const ecs = createWorld();
  const enemies = createPooledComponent('enemies', {
    capacity: enemyCapacity,
    fields: ENEMY_FIELDS,
    // bitecs recycles entity ids, so ids stay below the number of entities alive at once, plus one.
    maxEntities: enemyCapacity + 1,
    shared: options.shared === true,
  });
  attachPooledComponent(ecs, enemies);
  const frameArena = arena ?? new FixedBufferAllocator(arenaBytes);
  return {
    ecs,
    arena: frameArena,
    hits: new TypedList(frameArena, 'i32', 2 * HITS_RESERVED),
    bursts: new TypedList(frameArena, 'f32', BURST_FLOATS * BURSTS_RESERVED),
    bullets: new MemoryPool({ capacity: bullets, fields: BODY_FIELDS, shared: options.shared === true }),
    enemies,
    particles: new MemoryPool({ capacity: particles, fields: BODY_FIELDS, shared: options.shared === true }),
    seed,
    rng: createRng(seed),
    burstRng: createRng(0),
    input: createInput(width, height),
    ship: new ShipBody(width / 2, height / 2, -Math.PI / 2),
    width,
    height,
    tick: 0,
    kills: 0,
    enemiesSpawned: 0,
    debts: createDebts(),
    trailBurst: new Float32Array(BURST_FLOATS),
    pair: new Float32Array(2),
  };
}

/**
 * The arena `options` gives, if any.
 * @throws TypeError naming `arena` when it is not an Allocator; RangeError when `arenaBytes` is given too.
 */
function resolveArena(options: GameWorldOptions): Allocator | undefined {
  const arena = (options as { arena?: unknown } | null)?.arena;
  if (arena === undefined) return undefined;
  const a = arena as Partial<Allocator> | null;
  if (
    typeof a !== 'object' ||
    a === null ||
    typeof a.tryAllocI32 !== 'function' ||
    typeof a.epoch !== 'number'
  ) {
    throw new TypeError(
      `arena must be an Allocator (a FixedBufferAllocator, an ArenaAllocator…), got ${describeValue(arena)}`,
    );
  }
  if (options.arenaBytes !== undefined) {
    throw new RangeError(
      'give arena or arenaBytes, not both: arenaBytes sizes the arena made when none is given',
    );
  }
  return arena as Allocator;
}
