import { restorePooledEntities, saveEntityIds } from '../ecs/index.ts';
import { describeValue, type MemoryPool, type SnapshotRingOptions } from '../memory/index.ts';
import type { GameWorld } from './GameWorld.ts';
import { InputState } from './InputState.ts';

/** The world's plain-number fields, in the Float64Array a snapshot copies (numbers on a plain object cannot be copied with `set`). */
const COUNTERS = ['tick', 'kills', 'enemiesSpawned'] as const;

/**
 * Everything else a snapshot of the world holds, one typed array each, by name. `hashed`: whether the
 * state hash covers it. The input is the next tick's, which the page may have changed since the last
 * tick; the enemies' handles carry their pool's generation base, which differs between processes.
 */
const BUFFERS: readonly {
  readonly name: string;
  readonly of: (state: WorldState) => ArrayBufferView;
  readonly hashed: boolean;
}[] = [
  { name: 'ship', of: (s) => s.world.ship.data, hashed: true },
  { name: 'rng', of: (s) => s.world.rng.state, hashed: true },
  { name: 'burstRng', of: (s) => s.world.burstRng.state, hashed: true },
  { name: 'debts', of: (s) => s.world.debts, hashed: true },
  { name: 'trailBurst', of: (s) => s.world.trailBurst, hashed: true },
  { name: 'counters', of: (s) => s.counters, hashed: true },
  { name: 'entity index', of: (s) => s.index, hashed: true },
  { name: 'input', of: (s) => s.input.data, hashed: false },
  { name: 'firing', of: (s) => s.firing, hashed: false },
  { name: 'enemy handles', of: (s) => s.world.enemies.handles, hashed: false },
];

/** A part's bytes in {@link WorldState.save}'s buffer: whole multiples of 8, so every part starts aligned. */
function aligned(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/**
 * A pooled world's whole state as pools and typed arrays: the bullet, particle and enemy pools; the
 * ship, both generators, the spawn debts, the trail's burst record, the input, the enemies' handles by
 * entity id, the counters and bitecs's entity index. The frame arena needs nothing: it is empty
 * between ticks. Rewind's `SnapshotRing`s hold it ({@link ringOptions}: call {@link capture} before
 * every push and {@link restored} after every restore; between them the world's own arrays are the
 * snapshot's), the state hash reads it, and the threaded game moves its world between threads with it
 * ({@link save} and {@link load}: the page's world into the workers, the owner's checkpoints back).
 * It holds copies, so make one per world and keep it.
 */
export class WorldState {
  /** The world described. */
  readonly world: GameWorld;
  /** The world's input, whose numbers are in its `data`. */
  readonly input: InputState;
  /** tick, kills and enemiesSpawned, as {@link capture} left them. */
  readonly counters = new Float64Array(COUNTERS.length);
  /** The input's flag, 1 or 0, as {@link capture} left it. */
  readonly firing = new Uint8Array(1);
  /**
   * bitecs's entity index, as {@link capture} left it (`saveEntityIds`): an enemy's id is stored in
   * the enemy pool, so a restored world must hand out the same ids next as the original did, or its
   * bytes drift from the first enemy spawned after it. Room for every id: each bitecs entity of the
   * world is an enemy and `spawnPooled` refuses before bitecs makes one past the pool's capacity.
   */
  readonly index: Int32Array;
  /** The pools a snapshot holds, in its order. */
  readonly pools: readonly MemoryPool[];
  /** The typed arrays a snapshot holds, in its order, and their names. */
  readonly buffers: readonly ArrayBufferView[];
  readonly bufferNames: readonly string[] = BUFFERS.map((b) => b.name);
  /** The buffers the state hash covers. */
  readonly hashedBuffers: readonly ArrayBufferView[];
  /** Each buffer's bytes, made once: {@link save} runs every 30 ticks in the threaded game's owner. */
  private readonly bufferBytes: readonly Uint8Array[];
  /** Bytes {@link save} writes: fixed for the world's budgets. */
  readonly bytes: number;

  /** @throws TypeError naming `world` unless it is a pooled world with an `InputState` input. */
  constructor(world: GameWorld) {
    if (!(typeof world === 'object' && world !== null && world.input instanceof InputState)) {
      throw new TypeError(`world must be a world made by createGameWorld, got ${describeValue(world)}`);
    }
    this.world = world;
    this.input = world.input;
    this.index = new Int32Array(2 + world.enemies.pool.capacity);
    this.pools = [world.bullets, world.particles, world.enemies.pool];
    this.buffers = BUFFERS.map((b) => b.of(this));
    this.hashedBuffers = BUFFERS.filter((b) => b.hashed).map((b) => b.of(this));
    this.bufferBytes = this.buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    let bytes = 0;
    for (const pool of this.pools) bytes += aligned(pool.snapshotBytes);
    for (const part of this.bufferBytes) bytes += aligned(part.length);
    this.bytes = bytes;
  }

  /** The options of a ring of `capacity` snapshots of this state. */
  ringOptions(capacity: number): SnapshotRingOptions {
    return { capacity, pools: this.pools, buffers: this.buffers };
  }

  /** Copies the world's counters and entity index into their buffers: before every push. No garbage. */
  capture(): void {
    const { world, counters } = this;
    counters[0] = world.tick;
    counters[1] = world.kills;
    counters[2] = world.enemiesSpawned;
    this.firing[0] = this.input.firing ? 1 : 0;
    saveEntityIds(world.ecs, this.index);
  }

  /**
   * After a ring restored the pools and buffers: makes bitecs agree with the enemy pool and the
   * snapshot's entity index (`restorePooledEntities`: the same entities, the same ids next, also when
   * going back before ids made since) and sets the counters. Allocates: a restore is not steady play.
   */
  restored(): void {
    const { world, counters } = this;
    restorePooledEntities(world.ecs, world.enemies, this.index);
    world.tick = counters[0];
    world.kills = counters[1];
    world.enemiesSpawned = counters[2];
    this.input.firing = this.firing[0] === 1;
  }

  /**
   * Writes the world's whole state (between ticks) into `into` from `offset`, a multiple of 8: each
   * pool's snapshot, then each buffer's bytes, every part at its fixed place. No garbage in steady play.
   * @throws RangeError naming `into` when it is not a Uint8Array with {@link bytes} from `offset`.
   */
  save(into: Uint8Array, offset = 0): void {
    this.requireRoom('into', into, offset);
    this.capture();
    let at = offset;
    for (const pool of this.pools) {
      pool.snapshot(into, at);
      at += aligned(pool.snapshotBytes);
    }
    for (const part of this.bufferBytes) {
      into.set(part, at);
      at += aligned(part.length);
    }
  }

  /**
   * Brings back the state {@link save} wrote (from a world made with the same options, in any
   * thread): its pools, numbers and controls, and bitecs's entities with the ids it hands out next
   * (see {@link restored}). Every pool's snapshot is checked before anything is written.
   * @throws RangeError naming `from` when it is not a Uint8Array with {@link bytes} from `offset`;
   *   what `MemoryPool.restore` throws for a buffer that holds no such state. The world is unchanged then.
   */
  load(from: Uint8Array, offset = 0): void {
    this.requireRoom('from', from, offset);
    let at = offset;
    for (const pool of this.pools) {
      pool.checkSnapshot(from, at);
      at += aligned(pool.snapshotBytes);
    }
    at = offset;
    for (const pool of this.pools) {
      pool.restore(from, at);
      at += aligned(pool.snapshotBytes);
    }
    for (const part of this.bufferBytes) {
      part.set(from.subarray(at, at + part.length));
      at += aligned(part.length);
    }
    this.restored();
  }

  private requireRoom(name: string, buffer: Uint8Array, offset: number): void {
    if (
      !(buffer instanceof Uint8Array && Number.isInteger(offset) && offset >= 0 && offset % 8 === 0) ||
      offset + this.bytes > buffer.length
    ) {
      throw new RangeError(
        `${name} must be a Uint8Array with ${this.bytes} bytes from an offset that is a multiple of 8, got offset ${describeValue(offset)}`,
      );
    }
  }
}
