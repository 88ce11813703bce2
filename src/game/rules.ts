/**
 * The game's rules, written once: every number of the game, and every decision that uses them, as
 * functions that all three simulations (pooled, bitecs, naive) call on their own storage. So the three
 * play the same game, tick for tick, and differ only in where they keep their numbers.
 *
 * Two properties make them agree exactly, not just roughly:
 * - every number a rule stores is a float32 (`Math.fround`), as the pools store them, so the naive
 *   game's objects hold the very values the pools hold;
 * - every sine, cosine and arctangent comes from `portableMath.ts`, which gives the same bits in every
 *   engine (`Math.sin` and the like differ in the last bit between V8 versions), so a replay saved
 *   in a browser plays the same game in Node;
 * - no outcome depends on the order in which a storage visits its things: a bullet hits the
 *   overlapping enemy with the lowest serial, every bullet that hits is spent, and each burst of
 *   particles draws from its own generator, seeded by the burst's identity (see {@link burstSeed}).
 *
 * Units: world units (pixels at scale 1), seconds, radians.
 */
import { drawFloat, mixSeed, type Rng } from '../loop/index.ts';
import type { FieldArrays } from '../memory/index.ts';
import { BURST_DIRECTION, BURST_SPREAD, BURST_TINT, BURST_X, BURST_Y, writeBurst } from './burst.ts';
import type { GameInput } from './InputState.ts';
import { atan2Into, sinCos } from './portableMath.ts';
import type { ShipState } from './Simulation.ts';
import type { BodySchema, EnemySchema } from './schema.ts';

/** The game's tuning. */
export const RULES = {
  /** Simulation steps per second. */
  tickHz: 60,
  shipAcceleration: 2200,
  shipDrag: 4,
  shipRadius: 18,
  bulletSpeed: 720,
  bulletTtl: 1.6,
  /** Drawn size of a bullet relative to its texture. */
  bulletScale: 0.45,
  /** Half-angle of the random spread of a stream of bullets. */
  bulletSpread: 0.14,
  enemySpeedMin: 35,
  enemySpeedMax: 95,
  enemyHpMin: 3,
  enemyHpMax: 9,
  enemyRadiusMin: 14,
  enemyRadiusMax: 28,
  /** How strongly an enemy turns toward the ship, per second. */
  enemySeek: 0.6,
  /** Particles per point of enemy radius when it explodes. */
  burstPerRadius: 6,
  /** Particles of the spark each hit makes. */
  sparkPerHit: 4,
  particleSpeedMin: 40,
  particleSpeedMax: 360,
  particleTtlMin: 0.35,
  particleTtlMax: 1.4,
  particleDrag: 2.2,
  /** Half-angle of the engine trail's cone. */
  exhaustSpread: 0.35,
  /** Collision grid cell size; enemies larger than a cell are entered in every cell they touch. */
  cellSize: 64,
  /**
   * The highest spawn rate any input may ask for, per second; higher rates count as this, and NaN or
   * negative ones as 0. It bounds a tick's spawning work even in a game without budgets. A million a
   * second lets the steady scenario hold a million live records (bullets live 1.6 s: 312,500 a second
   * for half a million).
   */
  maxSpawnRate: 1_000_000,
} as const;

/** Seconds per simulation step. */
export const STEP_SECONDS = 1 / RULES.tickHz;

/** Enemy colours (0xRRGGBB): explosions take their enemy's colour. */
export const ENEMY_TINTS = [0xff4d6d, 0xffa94d, 0xb197fc, 0x63e6be, 0xffd43b] as const;
/** Engine-trail colour. */
export const EXHAUST_TINT = 0x4dabf7;
/** Bullet colour. */
export const BULLET_TINT = 0x3fb8ff;
/** Spark colour. */
export const SPARK_TINT = 0xffffff;

// --- the ship -------------------------------------------------------------------------------------

/** Steers the ship from the input, with drag, kept inside the world; it faces the aim point. */
export function steerShip(
  ship: ShipState,
  input: GameInput,
  width: number,
  height: number,
  dt: number,
): void {
  const drag = Math.max(0, 1 - RULES.shipDrag * dt);
  ship.vx = (ship.vx + clampUnit(input.moveX) * RULES.shipAcceleration * dt) * drag;
  ship.vy = (ship.vy + clampUnit(input.moveY) * RULES.shipAcceleration * dt) * drag;
  ship.x = clamp(ship.x + ship.vx * dt, RULES.shipRadius, width - RULES.shipRadius);
  ship.y = clamp(ship.y + ship.vy * dt, RULES.shipRadius, height - RULES.shipRadius);
  // The input is a plain object anyone may write: an aim that is not a number leaves the ship facing
  // where it faced.
  const aimX = input.aimX;
  const aimY = input.aimY;
  if (typeof aimX !== 'number' || typeof aimY !== 'number') return;
  atan2Into(aimY - ship.y, aimX - ship.x, TRIG, 0);
  const angle = TRIG[0];
  if (!Number.isNaN(angle)) ship.angle = angle;
}

/** Where the rules' sines, cosines and angles are written (see `portableMath.ts`): sin, cos. */
const TRIG = new Float64Array(2);

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? clamp(value, -1, 1) : 0;
}

// --- spawn debts ----------------------------------------------------------------------------------

/** Index of the bullets' debt in a debts array (see {@link createDebts}). */
export const DEBT_BULLETS = 0;
/** Index of the enemies' debt. */
export const DEBT_ENEMIES = 1;
/** Index of the engine trail's debt. */
export const DEBT_EXHAUST = 2;

/**
 * Fractional spawns owed to each rate, carried from tick to tick: one Float64Array, so carrying them
 * boxes no number. Always finite and in [0, 1) between ticks.
 */
export function createDebts(): Float64Array {
  return new Float64Array(3);
}

/** Bullets to fire this tick: `input.fireRate` per second while firing; the debt is dropped when not. */
export function bulletsDue(debts: Float64Array, input: GameInput, dt: number): number {
  if (input.firing !== true) {
    debts[DEBT_BULLETS] = 0;
    return 0;
  }
  return due(debts, DEBT_BULLETS, input.fireRate, dt);
}

/** Enemies arriving this tick: `input.enemyRate` per second. */
export function enemiesDue(debts: Float64Array, input: GameInput, dt: number): number {
  return due(debts, DEBT_ENEMIES, input.enemyRate, dt);
}

/** Trail particles this tick: `input.exhaustRate` per second. */
export function exhaustDue(debts: Float64Array, input: GameInput, dt: number): number {
  return due(debts, DEBT_EXHAUST, input.exhaustRate, dt);
}

/** Adds `rate × dt` to the debt and takes its whole part: the spawns due now. */
function due(debts: Float64Array, kind: number, rate: number, dt: number): number {
  const perSecond = typeof rate === 'number' && rate > 0 ? Math.min(rate, RULES.maxSpawnRate) : 0;
  const debt = debts[kind] + perSecond * dt;
  const whole = Math.floor(debt);
  debts[kind] = debt - whole;
  return whole;
}

// --- new things -----------------------------------------------------------------------------------

/**
 * The random numbers of the thing being rolled, drawn by one call per thing ({@link draw}): a draw
 * that returned its number from a call V8 does not inline would box it, a heap number per draw
 * (the profiler measured 86 KiB a tick of them at 100k entities).
 */
const DRAWS = new Float64Array(9);

/** Fills the first `n` of {@link DRAWS} with `rng`'s next numbers in [0, 1), in order. */
function draw(rng: Rng, n: number): void {
  const state = rng.state;
  for (let k = 0; k < n; k++) DRAWS[k] = drawFloat(state);
}

/** Where a draw `u` in [0, 1) lands in [min, max): what `nextRange` computes, to the bit. */
function between(min: number, max: number, u: number): number {
  return min + (max - min) * u;
}

/** A fresh bullet at record `i` of `body`: from the ship's nose, along its aim with a little spread. */
export function rollBullet(body: FieldArrays<BodySchema>, i: number, rng: Rng, ship: ShipState): void {
  draw(rng, 2);
  const angle = ship.angle + between(-RULES.bulletSpread, RULES.bulletSpread, DRAWS[0]);
  sinCos(angle, TRIG, 0);
  const sin = TRIG[0];
  const cos = TRIG[1];
  // Spread the tick's bullets along their path so a stream looks continuous at any fire rate.
  const lead = RULES.shipRadius + DRAWS[1] * RULES.bulletSpeed * STEP_SECONDS;
  body.x[i] = ship.x + cos * lead;
  body.y[i] = ship.y + sin * lead;
  body.vx[i] = cos * RULES.bulletSpeed + ship.vx;
  body.vy[i] = sin * RULES.bulletSpeed + ship.vy;
  body.rotation[i] = angle;
  body.spin[i] = 0;
  body.age[i] = 0;
  body.ttl[i] = RULES.bulletTtl;
  body.scale[i] = RULES.bulletScale;
  body.alpha[i] = 1;
  body.tint[i] = BULLET_TINT;
}

/** A fresh enemy at record `i`: just outside a random edge, heading roughly for the middle. */
export function rollEnemy(
  enemy: FieldArrays<EnemySchema>,
  i: number,
  rng: Rng,
  width: number,
  height: number,
  serial: number,
): void {
  draw(rng, 9);
  const radius = between(RULES.enemyRadiusMin, RULES.enemyRadiusMax, DRAWS[0]);
  const edge = Math.floor(DRAWS[1] * 4);
  const along = DRAWS[2];
  enemy.x[i] = edge === 0 ? -radius : edge === 1 ? width + radius : along * width;
  enemy.y[i] = edge === 2 ? -radius : edge === 3 ? height + radius : along * height;
  atan2Into(height / 2 - enemy.y[i], width / 2 - enemy.x[i], TRIG, 0);
  const heading = TRIG[0] + between(-0.6, 0.6, DRAWS[3]);
  const speed = between(RULES.enemySpeedMin, RULES.enemySpeedMax, DRAWS[4]);
  sinCos(heading, TRIG, 0);
  enemy.vx[i] = TRIG[1] * speed;
  enemy.vy[i] = TRIG[0] * speed;
  enemy.rotation[i] = DRAWS[5] * Math.PI * 2;
  enemy.spin[i] = between(-1.5, 1.5, DRAWS[6]);
  enemy.age[i] = 0;
  enemy.ttl[i] = 0;
  enemy.scale[i] = radius / RULES.enemyRadiusMax;
  enemy.alpha[i] = 1;
  enemy.tint[i] = ENEMY_TINTS[Math.floor(DRAWS[7] * ENEMY_TINTS.length)];
  enemy.hp[i] = Math.round(between(RULES.enemyHpMin, RULES.enemyHpMax, DRAWS[8]));
  enemy.radius[i] = radius;
  enemy.serial[i] = serial;
}

/** A fresh particle at record `i`, thrown out of the burst record at `at` of `bursts`. */
export function rollParticle(
  body: FieldArrays<BodySchema>,
  i: number,
  rng: Rng,
  bursts: Float32Array,
  at: number,
): void {
  draw(rng, 5);
  const direction = bursts[at + BURST_DIRECTION];
  const spread = bursts[at + BURST_SPREAD];
  const angle = direction + between(-spread, spread, DRAWS[0]);
  const speed = between(RULES.particleSpeedMin, RULES.particleSpeedMax, DRAWS[1]);
  body.x[i] = bursts[at + BURST_X];
  body.y[i] = bursts[at + BURST_Y];
  sinCos(angle, TRIG, 0);
  body.vx[i] = TRIG[1] * speed;
  body.vy[i] = TRIG[0] * speed;
  body.rotation[i] = angle;
  body.spin[i] = between(-6, 6, DRAWS[2]);
  body.age[i] = 0;
  body.ttl[i] = between(RULES.particleTtlMin, RULES.particleTtlMax, DRAWS[3]);
  body.scale[i] = between(0.4, 1.1, DRAWS[4]);
  body.alpha[i] = 1;
  body.tint[i] = bursts[at + BURST_TINT];
}

/** Writes the tick's engine-trail burst of `count` particles out of the back of the ship at `at`. */
export function writeExhaust(ship: ShipState, count: number, bursts: Float32Array, at: number): void {
  const back = ship.angle + Math.PI;
  sinCos(back, TRIG, 0);
  const x = ship.x + TRIG[1] * RULES.shipRadius;
  const y = ship.y + TRIG[0] * RULES.shipRadius;
  writeBurst(bursts, at, x, y, count, EXHAUST_TINT, back, RULES.exhaustSpread, EXHAUST_KEY);
}

// --- motion ---------------------------------------------------------------------------------------

/** `value` moved at `rate` per second for `dt`: one Euler step, stored as a float32. */
export function stepped(value: number, rate: number, dt: number): number {
  return Math.fround(value + rate * dt);
}

/** Moves record `i` by its velocity and spin and ages it: the rule every moving thing shares. */
export function integrateBody(body: FieldArrays<BodySchema>, i: number, dt: number): void {
  body.x[i] = stepped(body.x[i], body.vx[i], dt);
  body.y[i] = stepped(body.y[i], body.vy[i], dt);
  body.rotation[i] = stepped(body.rotation[i], body.spin[i], dt);
  body.age[i] = stepped(body.age[i], 1, dt);
}

/** How far an enemy turns toward the ship in a step of `dt`, from 0 to 1. */
export function seekTurn(dt: number): number {
  return Math.min(1, RULES.enemySeek * dt);
}

/**
 * An enemy's new velocity, turned by `turn` toward the ship `(dx, dy)` away at the same speed:
 * written into `out[0]`, `out[1]` (a Float32Array, so stored as float32).
 */
export function seek(vx: number, vy: number, dx: number, dy: number, turn: number, out: Float32Array): void {
  // Math.sqrt rather than Math.hypot: V8 does not inline hypot, and the call boxes its doubles.
  const speed = Math.sqrt(vx * vx + vy * vy);
  const distance = Math.sqrt(dx * dx + dy * dy) || 1;
  out[0] = vx + ((dx / distance) * speed - vx) * turn;
  out[1] = vy + ((dy / distance) * speed - vy) * turn;
}

/** The factor a particle's velocity keeps over a step of `dt`. */
export function particleDrag(dt: number): number {
  return Math.max(0, 1 - RULES.particleDrag * dt);
}

/** A velocity slowed by `drag` (see {@link particleDrag}), stored as a float32. */
export function dragged(velocity: number, drag: number): number {
  return Math.fround(velocity * drag);
}

/** How much life a particle has left, its alpha: 1 when new, 0 or less when it is gone. */
export function particleLife(age: number, ttl: number): number {
  return Math.fround(1 - age / ttl);
}

/** A bullet dies when its time is up or when it leaves the `width × height` world. */
export function bulletExpired(
  age: number,
  ttl: number,
  x: number,
  y: number,
  width: number,
  height: number,
): boolean {
  return age >= ttl || x < 0 || y < 0 || x > width || y > height;
}

// --- collisions -----------------------------------------------------------------------------------

/** The grid cell coordinate of a world coordinate (unclamped). */
export function cellOf(value: number): number {
  return Math.floor(value / RULES.cellSize);
}

/** A grid cell coordinate clamped into a grid of `cells` columns or rows (bodies outside land on the edge). */
export function clampCell(c: number, cells: number): number {
  return c < 0 ? 0 : c >= cells ? cells - 1 : c;
}

/** Whether the point (x, y) lies inside the circle at (cx, cy) of radius r. */
export function overlaps(cx: number, cy: number, r: number, x: number, y: number): boolean {
  const dx = cx - x;
  const dy = cy - y;
  return dx * dx + dy * dy < r * r;
}

/** Whether an enemy of radius r at (x, y) has reached the ship's shield, and so explodes. */
export function ramsShip(x: number, y: number, r: number, ship: ShipState): boolean {
  return overlaps(x, y, r + RULES.shipRadius, ship.x, ship.y);
}

/** Particles of an enemy's spark after `hits` bullets hit it in one tick. */
export function sparkCount(hits: number): number {
  return RULES.sparkPerHit * hits;
}

/** Particles of an enemy's explosion. */
export function explosionCount(radius: number): number {
  return Math.round(radius * RULES.burstPerRadius);
}

/**
 * An enemy's hit points after `hits` bullets: never below 0, so no storage wraps (the pools keep
 * hit points in an int16).
 */
export function hpAfter(hp: number, hits: number): number {
  return hits >= hp ? 0 : hp - hits;
}

/** Whether an enemy explodes this tick: no hit points left, or it reached the ship's shield. */
export function explodes(hp: number, x: number, y: number, radius: number, ship: ShipState): boolean {
  return hp <= 0 || ramsShip(x, y, radius, ship);
}

/** Writes the spark of enemy `serial`, hit `hits` times at (x, y), as the burst record at `at`. */
export function writeSpark(
  bursts: Float32Array,
  at: number,
  x: number,
  y: number,
  hits: number,
  serial: number,
): void {
  writeBurst(bursts, at, x, y, sparkCount(hits), SPARK_TINT, 0, Math.PI, burstKey(serial, false));
}

/** Writes the explosion of enemy `serial` (its radius and colour) at (x, y) as the burst record at `at`. */
export function writeExplosion(
  bursts: Float32Array,
  at: number,
  x: number,
  y: number,
  radius: number,
  tint: number,
  serial: number,
): void {
  writeBurst(bursts, at, x, y, explosionCount(radius), tint, 0, Math.PI, burstKey(serial, true));
}

/** Key of the engine trail's burst (each tick has one). */
export const EXHAUST_KEY = 0;

/**
 * Key of a burst of enemy `serial`: its spark (`explosion` false) or its explosion. Keys are whole
 * numbers below 2^24, exact in a float32 burst record; serials wrap at 2^22, far beyond a game's
 * enemies, and a shared key would only correlate two bursts' randomness.
 */
export function burstKey(serial: number, explosion: boolean): number {
  return 1 + (((serial & 0x3fffff) << 1) | (explosion ? 1 : 0));
}

/**
 * The seed of a burst's own generator: a hash of the world's seed, the tick and the burst's key.
 * Bursts are spawned in whatever order a storage finds them; seeding each from its identity gives
 * every particle the same numbers in every storage.
 */
export function burstSeed(seed: number, tick: number, key: number): number {
  return mixSeed(mixSeed(seed, tick), key);
}
