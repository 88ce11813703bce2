import { describe, expect, it } from 'vitest';
import { ShipBody } from '../../src/game/index.ts';

describe('ShipBody', () => {
  it('starts at the given position and heading, at rest', () => {
    const ship = new ShipBody(640, 360, -Math.PI / 2);
    expect([ship.x, ship.y, ship.vx, ship.vy, ship.angle]).toEqual([640, 360, 0, 0, -Math.PI / 2]);
  });

  it.each(['x', 'y', 'vx', 'vy', 'angle'] as const)(
    '%s reads back what was written, in double precision',
    (field) => {
      const ship = new ShipBody(0, 0, 0);
      const value = 1 / 3;
      ship[field] = value;
      expect(ship[field]).toBe(value);
      expect(Array.from(ship.data).filter((v) => v === value)).toHaveLength(1);
    },
  );
});
