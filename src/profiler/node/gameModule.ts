import { describeValue } from '../../memory/index.ts';
import type { ArenaLike, PoolLike } from '../index.ts';

/** One system of a {@link GameModule}: a named function of the tick. */
export interface GameSystem {
  /** Its name in the report: unique, not empty. */
  readonly name: string;
  /** Runs the system once for a step of `dt` seconds. */
  run(dt: number): void;
}

/** A frame arena the command can profile: read like the profiler's arena, and reset before every tick. */
export type GameArena = ArenaLike & {
  /** Frees everything allocated: the command calls it before every tick. */
  reset(): void;
};

/**
 * What a game's replay hook returns for one replay file: the ticks it played, the final state hash the
 * file holds and the one the game ended with here, and whether they match. `framepool replay` prints
 * them, with the `description` when there is one (the game's own words: its seed, its size …).
 */
export interface ReplayResult {
  /** Ticks played. */
  readonly ticks: number;
  /** The final state hash the file holds. */
  readonly expected: string;
  /** The final state hash the game ended with here. */
  readonly actual: string;
  /** Whether the game ended in the state the file holds. */
  readonly matches: boolean;
  /** What was played, in a few words, for the first line of the output. */
  readonly description?: string;
}

/**
 * What a module hands `framepool profile` as its default export: its systems in tick order, and
 * optionally a setup to run first, an entity count per tick, and the frame arena and pools whose
 * figures join the report. `entities`, `arena` and `pools` are read after `setup` has run, so setup may
 * make them. `framepool replay` loads the same module and calls its `replay` hook alone (no setup, no
 * systems): the hook plays a replay file in a world of its own.
 *
 * @example
 * // my-game.ts
 * const world = createWorld();
 * export default {
 *   systems: [{ name: 'move', run: (dt) => move(world, dt) }, { name: 'render', run: () => draw(world) }],
 *   entities: () => world.count,
 * };
 */
export interface GameModule {
  /** The systems, run in this order every tick. */
  readonly systems: readonly GameSystem[];
  /** Runs once before the first tick (may return a promise). */
  setup?(): unknown;
  /** Live entities at the end of a tick, for the report. */
  entities?(): number;
  /** The frame arena: the command resets it before every tick, as the profiler's protocol wants. */
  readonly arena?: GameArena;
  /** Pools to watch, by name. */
  readonly pools?: Readonly<Record<string, PoolLike>>;
  /**
   * Plays a replay file's bytes again (for `framepool replay`) and compares the final state hashes;
   * throws, with the reason, for a file it cannot play (truncated, another version, corrupt …). May
   * return a promise.
   */
  replay?(bytes: Uint8Array): ReplayResult | Promise<ReplayResult>;
}

/**
 * Which part of a game failed: loading it, its shape, its setup, a system, or its replay hook (which
 * refused the file).
 */
export type GamePhase = 'load' | 'shape' | 'setup' | 'system' | 'replay';

/**
 * A game module that cannot be profiled or replay a file: it is missing or does not load, has the wrong
 * shape, its setup or one of its systems threw, or its replay hook refused the file. The message names
 * the module (or the file), and the system and tick when one threw; `cause` is what was thrown. The
 * commands print it and exit with code 2.
 */
export class GameError extends Error {
  override readonly name = 'GameError';

  constructor(
    /** What failed. */
    readonly phase: GamePhase,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a thrown value says, for a message: an Error's own message, anything else described. */
export function reasonOf(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeValue(thrown);
}

/**
 * Throws a {@link GameError} ('shape') naming `module` and the field unless `game` is shaped like a
 * {@link GameModule} with at least one system, all named, unique, and runnable. Call it again after
 * `setup` with `afterSetup` to check the fields that setup may have made.
 */
export function requireGameModule(
  game: unknown,
  module: string,
  afterSetup = false,
): asserts game is GameModule {
  const fail = (field: string, what: string, value: unknown): never => {
    throw new GameError('shape', `${module}: ${field} must be ${what}, got ${describeValue(value)}`);
  };
  if (typeof game !== 'object' || game === null) {
    fail('the default export', 'an object with a systems list', game);
  }
  const g = game as Record<string, unknown>;
  if (!Array.isArray(g.systems)) fail('systems', 'an array of { name, run(dt) }', g.systems);
  const systems = g.systems as unknown[];
  if (systems.length === 0) fail('systems', 'a list of at least one system', systems);
  systems.forEach((system, i) => {
    const s = system as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null) fail(`systems[${i}]`, 'an object { name, run(dt) }', s);
    if (typeof s!.name !== 'string' || s!.name === '')
      fail(`systems[${i}].name`, 'a non-empty string', s!.name);
    if (typeof s!.run !== 'function') fail(`systems[${i}].run`, 'a function', s!.run);
    if (systems.findIndex((other) => (other as { name: unknown }).name === s!.name) !== i) {
      fail(`systems[${i}].name`, 'a name no other system has', s!.name);
    }
  });
  for (const hook of ['setup', 'replay'] as const) {
    if (g[hook] !== undefined && typeof g[hook] !== 'function')
      fail(hook, 'undefined or a function', g[hook]);
  }
  if (!afterSetup) return;
  if (g.entities !== undefined && typeof g.entities !== 'function') {
    fail('entities', 'undefined or a function', g.entities);
  }
  const arena = g.arena as Record<string, unknown> | undefined;
  if (
    arena !== undefined &&
    (typeof arena !== 'object' || arena === null || typeof arena.reset !== 'function')
  ) {
    fail('arena', 'undefined or a frame arena with reset()', arena);
  }
  if (g.pools !== undefined && (typeof g.pools !== 'object' || g.pools === null)) {
    fail('pools', 'undefined or an object of pools by name', g.pools);
  }
}

/**
 * Throws a {@link GameError} ('shape') naming `module` unless `result`, what its replay hook returned,
 * is a {@link ReplayResult}: ticks a whole number ≥ 0, both hashes strings, `matches` true or false,
 * `description` undefined or a string.
 */
export function requireReplayResult(result: unknown, module: string): asserts result is ReplayResult {
  const r = result as Record<string, unknown> | null;
  const fields: [string, boolean][] = [
    ['ticks', Number.isSafeInteger(r?.ticks) && (r?.ticks as number) >= 0],
    ['expected', typeof r?.expected === 'string'],
    ['actual', typeof r?.actual === 'string'],
    ['matches', typeof r?.matches === 'boolean'],
    ['description', r?.description === undefined || typeof r?.description === 'string'],
  ];
  const wrong = typeof r === 'object' && r !== null ? fields.find(([, ok]) => !ok)?.[0] : 'itself';
  if (wrong !== undefined) {
    throw new GameError(
      'shape',
      `${module}: replay() must return { ticks (a whole number ≥ 0), expected, actual (strings), ` +
        `matches (true or false), description? (a string) }; ${wrong === 'itself' ? 'it returned' : `its ${wrong} is`} ` +
        `${describeValue(wrong === 'itself' ? result : r![wrong])}`,
    );
  }
}
