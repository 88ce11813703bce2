/**
 * The game's tuning, shared by the pooled simulation and the naive one so that both play the same
 * game. Units: world units (pixels at scale 1), seconds, radians.
 */
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
} as const;

/** Enemy colours (0xRRGGBB): explosions take their enemy's colour. */
export const ENEMY_TINTS = [0xff4d6d, 0xffa94d, 0xb197fc, 0x63e6be, 0xffd43b] as const;
/** Engine-trail colour. */
export const EXHAUST_TINT = 0x4dabf7;
/** Bullet colour. */
export const BULLET_TINT = 0x3fb8ff;
