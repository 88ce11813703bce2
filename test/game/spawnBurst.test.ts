import { describe, expect, it } from 'vitest';
import { BURST_FLOATS, createGameWorld, spawnBurst, writeBurst } from '../../src/game/index.ts';
import { liveRecords } from './helpers.ts';

describe('writeBurst + spawnBurst', () => {
  it('throws `count` particles from the record: its origin, tint and cone', () => {
    const world = createGameWorld({ seed: 3, particles: 64 });
    const records = new Float32Array(2 * BURST_FLOATS);
    writeBurst(records, BURST_FLOATS, 100, 50, 12, 0x336699, Math.PI / 2, 0.25);
    spawnBurst(world, records, BURST_FLOATS);
    const particles = liveRecords(world.particles.pool);
    expect(particles).toHaveLength(12);
    for (const p of particles) {
      expect([p.x, p.y, p.tint, p.age, p.alpha]).toEqual([100, 50, 0x336699, 0, 1]);
      // rotation is the launch angle: within the spread of the direction (float32 rounding aside)
      expect(Math.abs(p.rotation - Math.PI / 2)).toBeLessThanOrEqual(0.25 + 1e-6);
    }
    expect(world.particles.dropped).toBe(0);
  });

  it('a burst bigger than the free slots fills the pool and counts the rest as dropped', () => {
    const world = createGameWorld({ seed: 3, particles: 5 });
    const records = new Float32Array(BURST_FLOATS);
    writeBurst(records, 0, 0, 0, 8, 0xffffff);
    expect(() => spawnBurst(world, records, 0)).not.toThrow();
    expect(world.particles.pool.live).toBe(5);
    expect(world.particles.dropped).toBe(3);
  });
});
