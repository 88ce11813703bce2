import { describeValue } from '../memory/index.ts';

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

const MOVE_X = 0;
const MOVE_Y = 1;
const AIM_X = 2;
const AIM_Y = 3;
const FIRE_RATE = 4;
const ENEMY_RATE = 5;
const EXHAUST_RATE = 6;

/**
 * The controls as a game keeps them: the numbers in a Float64Array, so the page (or the steady
 * scenario) can write them every tick without boxing a heap number per write, as fields of a plain
 * object would (the profiler measured 112 B a tick from the scenario's aim). Anyone may write any
 * value: what is not a number is stored as NaN, which the rules read as "no input" (no move, the aim
 * unchanged, a rate of 0).
 */
export class InputState implements GameInput {
  /** moveX, moveY, aimX, aimY, fireRate, enemyRate, exhaustRate. */
  readonly data = new Float64Array(7);
  /** Whether the guns fire (only `true` fires). */
  firing = false;

  constructor(aimX: number, aimY: number) {
    this.data[AIM_X] = aimX;
    this.data[AIM_Y] = aimY;
    this.data[FIRE_RATE] = 600;
    this.data[ENEMY_RATE] = 2;
    this.data[EXHAUST_RATE] = 90;
  }

  get moveX(): number {
    return this.data[MOVE_X];
  }
  set moveX(value: number) {
    this.data[MOVE_X] = numberOrNaN(value);
  }
  get moveY(): number {
    return this.data[MOVE_Y];
  }
  set moveY(value: number) {
    this.data[MOVE_Y] = numberOrNaN(value);
  }
  get aimX(): number {
    return this.data[AIM_X];
  }
  set aimX(value: number) {
    this.data[AIM_X] = numberOrNaN(value);
  }
  get aimY(): number {
    return this.data[AIM_Y];
  }
  set aimY(value: number) {
    this.data[AIM_Y] = numberOrNaN(value);
  }
  get fireRate(): number {
    return this.data[FIRE_RATE];
  }
  set fireRate(value: number) {
    this.data[FIRE_RATE] = numberOrNaN(value);
  }
  get enemyRate(): number {
    return this.data[ENEMY_RATE];
  }
  set enemyRate(value: number) {
    this.data[ENEMY_RATE] = numberOrNaN(value);
  }
  get exhaustRate(): number {
    return this.data[EXHAUST_RATE];
  }
  set exhaustRate(value: number) {
    this.data[EXHAUST_RATE] = numberOrNaN(value);
  }
}

/** A number as given; anything else (a string, a BigInt, a Symbol) as NaN, never a coercion that throws. */
function numberOrNaN(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * A fresh input with the guns off and default rates, aiming above the middle of a `width × height` world.
 * @throws TypeError naming `width` or `height` when it is not a finite number.
 */
export function createInput(width: number, height: number): GameInput {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`${name} must be a finite number, got ${describeValue(value)}`);
    }
  }
  return new InputState(width / 2, height / 4);
}
