import type { ShipState } from './Simulation.ts';

const X = 0;
const Y = 1;
const VX = 2;
const VY = 3;
const ANGLE = 4;

/**
 * The pooled world's ship. Its numbers live in a Float64Array: the ship is steered every tick, and
 * object fields holding doubles are boxed, a heap number per write (Chromium's sampling heap profiler
 * showed about 7 KB/s from the plain object this replaced). Reads and writes look like fields.
 */
export class ShipBody implements ShipState {
  /** x, y, vx, vy, angle. */
  readonly data = new Float64Array(5);

  constructor(x: number, y: number, angle: number) {
    this.data[X] = x;
    this.data[Y] = y;
    this.data[ANGLE] = angle;
  }

  get x(): number {
    return this.data[X];
  }
  set x(value: number) {
    this.data[X] = value;
  }
  get y(): number {
    return this.data[Y];
  }
  set y(value: number) {
    this.data[Y] = value;
  }
  get vx(): number {
    return this.data[VX];
  }
  set vx(value: number) {
    this.data[VX] = value;
  }
  get vy(): number {
    return this.data[VY];
  }
  set vy(value: number) {
    this.data[VY] = value;
  }
  get angle(): number {
    return this.data[ANGLE];
  }
  set angle(value: number) {
    this.data[ANGLE] = value;
  }
}
