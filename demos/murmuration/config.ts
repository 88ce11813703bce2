/**
 * Murmuration's tuning and budgets. Every pool and particle layer is sized here once; nothing in
 * the game grows at run time.
 */

/** Simulation ticks per second (fixed step) and the most ticks one frame may catch up. */
export const TICK_HZ = 60;
export const DT = 1 / TICK_HZ;
export const MAX_CATCH_UP = 4;

/** Slot budgets: the pools and the particle layers that draw them share these sizes. */
export const BUDGET = { boids: 4096, hawks: 16, feathers: 8192 } as const;
/** The frame arena: the spatial grid, the boids' read snapshot and the catch list of one tick. */
export const ARENA_BYTES = 256 * 1024;
/** The grid never has more cells than this; on huge windows its cells get larger instead. */
export const MAX_GRID_CELLS = 16_384;

/** Flock size the game starts with and the range the player may choose. */
export const FLOCK = { start: 1800, min: 250, max: BUDGET.boids, step: 250 } as const;
/** Hawks circling at the start. */
export const START_HAWKS = 3;

/** Starling behaviour (pixels and seconds). */
export const BOID = {
  /** Neighbours within this radius steer the bird; also the grid's cell size. */
  view: 38,
  /** Closer than this, birds push apart. */
  separation: 15,
  /** Starlings watch about seven neighbours; we let each bird weigh at most this many. */
  maxNeighbours: 12,
  /** Most pair distances one bird computes per tick (bounds the cost inside dense knots). */
  maxChecks: 56,
  minSpeed: 85,
  maxSpeed: 165,
  /** Extra top speed at full panic. */
  panicBoost: 75,
  align: 2.4,
  cohesion: 1.3,
  separate: 1500,
  /** Random jitter (px/s²) so a calm flock keeps changing shape. */
  wander: 90,
  /** Panic decays by this much per second; neighbours pass on this fraction of theirs. */
  panicDecay: 0.55,
  panicSpread: 0.93,
  /** Distance from a hawk at which birds flee, and how hard. */
  fear: 125,
  flee: 950,
  /** A gentle pull toward the middle of the sky (px/s² per px), so the flock wheels rather than hugging walls. */
  home: 0.22,
  /** Soft walls: inside this margin birds turn back this hard (px/s² per px). */
  margin: 70,
  wall: 9,
} as const;

/** Hawk behaviour. */
export const HAWK = {
  speed: 300,
  /** Gliding speed while resting after a catch. */
  glide: 115,
  steer: 3.2,
  maxAccel: 700,
  catchRadius: 11,
  rest: 1.6,
  /** Seconds between re-choosing the nearest bird. */
  retarget: 1.4,
  margin: 60,
  wall: 6,
} as const;

/** The player's pointer: hold the left button to lure, the right one (or Shift) to scare. */
export const POINTER = { lureRadius: 300, lure: 520, scareRadius: 170, scare: 2600 } as const;

/** Colours (0xRRGGBB). */
export const COLORS = {
  calmA: 0x6fd6ff,
  calmB: 0xd8f6ff,
  panic: 0xffa640,
  hawk: 0xff4d6d,
  hawkGlow: 0xff2a55,
  ember: 0xff6a3d,
  feather: 0xffe2b0,
  lure: 0x46f0a0,
  scare: 0xff6a3d,
  idle: 0x5ee8ff,
} as const;
