import { FixedBufferAllocator } from '../../memory/index.ts';
import { createGameWorld, type GameWorld } from '../GameWorld.ts';
import { resolveGameOptions } from '../options.ts';
import { INPUT_FLOATS, type Rewind, readInputRow, stateHash } from '../rewind/index.ts';
import { RULES } from '../rules.ts';
import { stepGameWorld } from '../step.ts';
import { WorldState } from '../WorldState.ts';
import { decodeReplay, encodeReplay, type Replay, replayTicks } from './replayFile.ts';

/**
 * The replay of everything `rewind` recorded, from tick 0 to its world's tick now, with the world's
 * state hash now: what `demo.saveReplay()` returns (as the file's bytes, {@link saveReplay}).
 * @throws RangeError when the log no longer holds tick 0 (the game ran longer than it records), or the
 *   world's arena is not the `FixedBufferAllocator` a replay makes again.
 */
export function recordReplay(rewind: Rewind): Replay {
  const { world, inputs } = rewind;
  if (inputs.firstTick !== 0) {
    throw new RangeError(
      `the input log starts at tick ${inputs.firstTick}: a replay needs every tick from 0 (record more ticks)`,
    );
  }
  return {
    options: optionsOf(world),
    inputs: inputs.rows(0, world.tick),
    finalHash: stateHash(rewind.state),
  };
}

/** {@link recordReplay}'s replay as a file's bytes. */
export function saveReplay(rewind: Rewind): Uint8Array {
  return encodeReplay(recordReplay(rewind));
}

/** The options a world was made with, read back from it. */
function optionsOf(world: GameWorld) {
  if (!(world.arena instanceof FixedBufferAllocator)) {
    throw new RangeError(
      'a replay needs a world with its own FixedBufferAllocator arena (made from arenaBytes)',
    );
  }
  return resolveGameOptions({
    seed: world.seed,
    width: world.width,
    height: world.height,
    arenaBytes: world.arena.capacity,
    bullets: world.bullets.capacity,
    enemies: world.enemies.pool.capacity,
    particles: world.particles.capacity,
  });
}

/** What playing a replay again gave. */
export interface ReplayResult {
  readonly ticks: number;
  /** The hash the file says the game ended with. */
  readonly expected: string;
  /** The hash the game ended with here. */
  readonly actual: string;
  readonly matches: boolean;
}

/** Plays `replay` in a new world, headless, and compares the state hash it ends with to the file's. */
export function runReplay(replay: Replay): ReplayResult {
  const world = createGameWorld(replay.options);
  const state = new WorldState(world);
  const ticks = replayTicks(replay);
  for (let t = 0; t < ticks; t++) {
    readInputRow(replay.inputs, t * INPUT_FLOATS, state.input);
    stepGameWorld(world);
  }
  const actual = stateHash(state);
  return { ticks, expected: replay.finalHash, actual, matches: actual === replay.finalHash };
}

/**
 * The pooled game's replay hook (`framepool replay`, through `scripts/games/pooled.ts`): reads the
 * file's bytes, plays them with {@link runReplay}, and describes the game played (its length, seed,
 * size and budgets).
 * @throws what {@link decodeReplay} throws for a bad file (truncated, another version, corrupt, an
 *   option out of range), before anything is played.
 */
export function playReplayFile(bytes: Uint8Array): ReplayResult & { readonly description: string } {
  const replay = decodeReplay(bytes);
  const result = runReplay(replay);
  const o = replay.options;
  return {
    ...result,
    description:
      `${(result.ticks / RULES.tickHz).toFixed(1)} s, seed ${o.seed}, ${o.width}×${o.height}, budgets ` +
      `${o.bullets} bullets, ${o.enemies} enemies, ${o.particles} particles, arena ${o.arenaBytes} B`,
  };
}
