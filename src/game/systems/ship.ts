import type { GameWorld } from '../GameWorld.ts';
import { RULES } from '../rules.ts';

/** Steers the ship from the input, with drag, kept inside the world; it faces the aim point. */
export function steerShip(world: GameWorld, dt: number): void {
  const { ship, input } = world;
  const drag = Math.max(0, 1 - RULES.shipDrag * dt);
  ship.vx = (ship.vx + clampUnit(input.moveX) * RULES.shipAcceleration * dt) * drag;
  ship.vy = (ship.vy + clampUnit(input.moveY) * RULES.shipAcceleration * dt) * drag;
  ship.x = clamp(ship.x + ship.vx * dt, RULES.shipRadius, world.width - RULES.shipRadius);
  ship.y = clamp(ship.y + ship.vy * dt, RULES.shipRadius, world.height - RULES.shipRadius);
  ship.angle = Math.atan2(input.aimY - ship.y, input.aimX - ship.x);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? clamp(value, -1, 1) : 0;
}
