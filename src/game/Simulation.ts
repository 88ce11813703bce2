/**
 * What the page drives and the renderer draws, whichever way the game stores its things: the pooled
 * world, bitecs as its documentation recommends, or the naive object-per-entity version. The page
 * and the scene depend on this, never on an implementation.
 */
import { type Allocator, describeValue, type MemoryPool, type PoolFigures } from '../memory/index.ts';
import type { GameInput } from './InputState.ts';
import type { BodySchema } from './schema.ts';

/** How a simulation stores its things. */
export type SimulationMode = 'pooled' | 'bitecs' | 'naive';

/** The modes, in the order the page offers them. */
export const SIMULATION_MODES: readonly SimulationMode[] = ['pooled', 'bitecs', 'naive'];

/** The kinds of sprite the game draws, each in its own layer. */
export type SpriteKind = 'bullets' | 'enemies' | 'particles';

/** The sprite kinds in drawing order (back to front). */
export const SPRITE_KINDS: readonly SpriteKind[] = ['particles', 'enemies', 'bullets'];

/** Receives sprites densely: index 0, 1, 2, … below `capacity` (a Pixi particle layer implements it). */
export interface SpriteSink {
  /** How many sprites the sink can take; `draw` stops there. */
  readonly capacity: number;
  /** Places sprite `index` (below `capacity`): position, rotation in radians, scale, 0xRRGGBB tint, alpha. */
  set(
    index: number,
    x: number,
    y: number,
    rotation: number,
    scale: number,
    tint: number,
    alpha: number,
  ): void;
}

/** The ship, in plain numbers. */
export interface ShipState {
  x: number;
  y: number;
  vx: number;
  vy: number;
  angle: number;
}

/**
 * One system of a simulation's step, for a profiler to time one by one: the same names as the pooled
 * world's `SYSTEMS` (ship, spawn, motion, lifetime, collision, particles).
 */
export interface SimulationSystem {
  /** The system's name. */
  readonly name: string;
  /** Runs it once for a step of `dt` seconds. */
  readonly run: (dt: number) => void;
}

/** One playable game state that advances in fixed steps. */
export interface Simulation {
  readonly mode: SimulationMode;
  /** Steps simulated so far. */
  readonly tick: number;
  /** World size in units. */
  readonly width: number;
  readonly height: number;
  /** The controls; mutate its fields. */
  readonly input: GameInput;
  readonly ship: ShipState;
  /** Enemies destroyed so far. */
  readonly kills: number;
  /**
   * The frame arena the game takes its per-tick temporaries from, or null when it has none. Between
   * ticks its `used` and `highWater` are the last tick's use and peak.
   */
  readonly arena: Allocator | null;
  /** Advances one fixed step. */
  step(): void;
  /**
   * Writes the live sprites of `kind` into `sink` densely, at most `sink.capacity`; returns how many.
   * @throws RangeError for a kind that is not one of {@link SPRITE_KINDS}.
   */
  draw(kind: SpriteKind, sink: SpriteSink): number;
  /** Live bullets, enemies and particles. */
  liveCount(): number;
  /**
   * The figures of one kind's storage, written into `out` and returned, so a caller reuses one object.
   * `capacity` is the kind's budget (the naive game has none and reports the budget it was given, for
   * scale); `failureCount` counts spawns refused because the budget was used up.
   * @throws RangeError for a kind that is not one of {@link SPRITE_KINDS}.
   */
  figures(kind: SpriteKind, out: PoolFigures): PoolFigures;
  /** The pool that stores `kind`, when it is a framepool pool; null otherwise. */
  pool(kind: SpriteKind): MemoryPool<BodySchema> | null;
}

/** Throws a TypeError naming `sink` unless it has a numeric `capacity` and a `set` function. */
export function requireSink(sink: SpriteSink): void {
  if (
    !(
      typeof sink === 'object' &&
      sink !== null &&
      typeof sink.capacity === 'number' &&
      typeof sink.set === 'function'
    )
  ) {
    throw new TypeError(`sink must have a numeric capacity and a set function, got ${describeValue(sink)}`);
  }
}

/** Throws a TypeError naming `out` unless it is an object to write figures into. */
export function requireFiguresOut(out: PoolFigures): void {
  if (typeof out !== 'object' || out === null) {
    throw new TypeError(`out must be an object to fill with figures, got ${describeValue(out)}`);
  }
}

/** Throws a TypeError naming `sim` unless it looks like a {@link Simulation}: its input and step. */
export function requireSimulation(sim: Simulation): void {
  if (
    !(
      typeof sim === 'object' &&
      sim !== null &&
      typeof sim.input === 'object' &&
      typeof sim.step === 'function'
    )
  ) {
    throw new TypeError(`sim must be a Simulation, got ${describeValue(sim)}`);
  }
}

/** Throws a RangeError naming `kind` unless it is one of {@link SPRITE_KINDS}. */
export function requireSpriteKind(kind: SpriteKind): void {
  if (kind !== 'bullets' && kind !== 'enemies' && kind !== 'particles') {
    throw new RangeError(`kind must be one of ${SPRITE_KINDS.join(', ')}, got ${describeValue(kind)}`);
  }
}
