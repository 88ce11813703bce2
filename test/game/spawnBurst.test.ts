import { describe, expect, it } from 'vitest';
import { BURST_FLOATS, burstKey, createGameWorld, spawnBurst, writeBurst } from '../../src/game/index.ts';
import { liveRecords } from './helpers.ts';

describe('writeBurst + spawnBurst', () => {
  it('throws `count` particles from the record: its origin, tint and cone', () => {
    const world = createGameWorld({ seed: 3, particles: 64 });
    const records = new Float32Array(2 * BURST_FLOATS);
    writeBurst(records, BURST_FLOATS, 100, 50, 12, 0x336699, Math.PI / 2, 0.25, burstKey(5, true));
    spawnBurst(world, records, BURST_FLOATS);
    const particles = liveRecords(world.particles);
    expect(particles).toHaveLength(12);
    for (const p of particles) {
      expect([p.x, p.y, p.tint, p.age, p.alpha]).toEqual([100, 50, 0x336699, 0, 1]);
      // rotation is the launch angle: within the spread of the direction (float32 rounding aside)
      expect(Math.abs(p.rotation - Math.PI / 2)).toBeLessThanOrEqual(0.25 + 1e-6);
    }
    expect(world.particles.failureCount).toBe(0);
  });

  it('the same key in the same tick throws the same particles; another key, others', () => {
    const spawned = (key: number) => {
      const world = createGameWorld({ seed: 3, particles: 64 });
      const records = new Float32Array(BURST_FLOATS);
      writeBurst(records, 0, 10, 10, 6, 0xffffff, 0, Math.PI, key);
      spawnBurst(world, records, 0);
      return liveRecords(world.particles);
    };
    expect(spawned(burstKey(9, false))).toEqual(spawned(burstKey(9, false)));
    expect(spawned(burstKey(9, true))).not.toEqual(spawned(burstKey(9, false)));
  });

  it('a burst bigger than the free slots fills the pool and stops at the first refusal', () => {
    const world = createGameWorld({ seed: 3, particles: 5 });
    const records = new Float32Array(BURST_FLOATS);
    writeBurst(records, 0, 0, 0, 8, 0xffffff, 0, Math.PI, 1);
    expect(() => spawnBurst(world, records, 0)).not.toThrow();
    expect(world.particles.live).toBe(5);
    expect(world.particles.failureCount).toBe(1);
  });
});
