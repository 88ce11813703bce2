/**
 * What the page drives and the renderer draws, whichever way the game stores its entities: the
 * pooled bitecs world or the naive object-per-entity version. The renderer depends on this, never
 * on either implementation.
 */

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

/** The player's controls, mutated in place by the page (no object per frame). */
export interface GameInput {
  /** Steering, each from -1 to 1. */
  moveX: number;
  moveY: number;
  /** Aim point in world units. */
  aimX: number;
  aimY: number;
  /** Whether the guns fire. */
  firing: boolean;
  /** Bullets per second while firing. */
  fireRate: number;
  /** Enemies arriving per second. */
  enemyRate: number;
  /** Engine-trail particles per second. */
  exhaustRate: number;
}

/** Per-kind budget and usage, as the overlay and `window.demo.snapshot()` show them. */
export interface PoolUsage {
  /** Records alive now. */
  live: number;
  /** The budget; the naive game has none and reports its array's length. */
  capacity: number;
  /** Most records alive at once so far. */
  highWater: number;
  /** Spawns refused because the budget was used up. */
  dropped: number;
}

/** The ship, in plain numbers. */
export interface ShipState {
  x: number;
  y: number;
  vx: number;
  vy: number;
  angle: number;
}

/** One playable game state that advances in fixed steps. */
export interface Simulation {
  readonly mode: 'pooled' | 'naive';
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
  /** Advances one fixed step. */
  step(): void;
  /** Writes the live sprites of `kind` into `sink` densely, at most `sink.capacity`; returns how many. */
  draw(kind: SpriteKind, sink: SpriteSink): number;
  /** Live entities of every kind. */
  entityCount(): number;
  /** Usage of one kind's storage; fills and returns `out` so callers can reuse one object. */
  usage(kind: SpriteKind, out: PoolUsage): PoolUsage;
}

/** A fresh input with the guns off and default rates. */
export function createInput(width: number, height: number): GameInput {
  return {
    moveX: 0,
    moveY: 0,
    aimX: width / 2,
    aimY: height / 4,
    firing: false,
    fireRate: 600,
    enemyRate: 2,
    exhaustRate: 90,
  };
}
