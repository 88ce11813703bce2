/**
 * Record layouts of the pooled component types. Every moving thing shares the body fields, so one
 * motion system serves bullets, enemies and particles.
 */

/** Position, velocity, spin, lifetime and looks of anything that moves and is drawn. */
export const BODY_FIELDS = {
  x: 'f32',
  y: 'f32',
  vx: 'f32',
  vy: 'f32',
  rotation: 'f32',
  spin: 'f32',
  /** Seconds since spawn. */
  age: 'f32',
  /** Seconds to live; 0 means until killed. */
  ttl: 'f32',
  scale: 'f32',
  alpha: 'f32',
  tint: 'u32',
} as const;

/**
 * An enemy: a body with hit points, a collision radius, and its serial (0 for the first enemy spawned,
 * then 1, 2 …): the identity the rules use wherever they must choose between enemies, so the choice
 * does not depend on the order a storage keeps them in.
 */
export const ENEMY_FIELDS = { ...BODY_FIELDS, hp: 'i16', radius: 'f32', serial: 'u32' } as const;

/** The body layout's type. */
export type BodySchema = typeof BODY_FIELDS;
/** The enemy layout's type. */
export type EnemySchema = typeof ENEMY_FIELDS;
