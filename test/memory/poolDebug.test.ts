/**
 * A pool's debug mode (after Zig's DebugAllocator): the allocation site of every live handle, leaks
 * grouped by site, stale uses and double frees that name where the handle was allocated and freed,
 * and poison over what a freed record leaves behind, packing included. It changes no result.
 */
import { describe, expect, it } from 'vitest';
import { MemoryPool, StaleHandleError } from '../../src/memory/index.ts';
import { allocMany, poolState, thrownBy } from './helpers.ts';

/** This file's name: every recorded site must point here, past framepool's own frames. */
const HERE = /poolDebug\.test\.ts/;
const FIELDS = { x: 'f32', v: 'f64', hp: 'i16', id: 'u32', flag: 'u8' } as const;

function debugPool(capacity = 8) {
  return new MemoryPool({ capacity, fields: FIELDS, slotBytes: 6, debug: true });
}

/** Allocates one handle here: one site. */
function spawnEnemy(pool: MemoryPool): number {
  return pool.alloc();
}
/** Allocates one handle here: another site. */
function spawnBullet(pool: MemoryPool): number {
  return pool.alloc();
}

/** Every field and raw byte of `slot`. */
function record(pool: MemoryPool<typeof FIELDS>, slot: number) {
  const { x, v, hp, id, flag } = pool.fields;
  const raw = Array.from(pool.u8.subarray(slot * 6, slot * 6 + 6));
  return { x: x[slot], v: v[slot], hp: hp[slot], id: id[slot], flag: flag[slot], raw };
}

const POISONED = {
  x: Number.NaN,
  v: Number.NaN,
  hp: (0xaaaa << 16) >> 16,
  id: 0xaaaaaaaa,
  flag: 0xaa,
  raw: new Array(6).fill(0xaa),
};

describe('MemoryPool debug mode', () => {
  it('is off by default: leaks() puts every live handle under an empty site', () => {
    const pool = new MemoryPool({ capacity: 4 });
    const handles = allocMany(pool, 3);
    pool.free(handles[1]);
    expect(pool.debug).toBe(false);
    expect(pool.leaks()).toEqual([{ site: '', count: 2, handles: [handles[0], handles[2]] }]);
    expect(new MemoryPool({ capacity: 1 }).leaks()).toEqual([]);
  });

  it('groups the live handles by allocation site, the largest group first, sites pointing here', () => {
    const pool = debugPool();
    expect(pool.debug).toBe(true);
    // A site is the caller's stack (up to 4 frames): each helper is called from one place.
    const enemies: number[] = [];
    const bullets: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 0 || i === 4) enemies.push(spawnEnemy(pool));
      else bullets.push(spawnBullet(pool));
    }
    pool.free(bullets[1]);
    const leaks = pool.leaks();
    expect(leaks.map((leak) => leak.count)).toEqual([2, 2]);
    expect(leaks.flatMap((leak) => leak.handles).sort()).toEqual([...enemies, bullets[0], bullets[2]].sort());
    const enemySite = leaks.find((leak) => leak.handles.includes(enemies[0]))!;
    expect(enemySite.handles.sort()).toEqual([...enemies].sort());
    for (const leak of leaks) {
      expect(leak.site.split('\n')[0]).toMatch(HERE);
      expect(leak.site).not.toMatch(/MemoryPool\.|PackedPool\.|HandleLog\./);
    }
    expect(enemySite.site).toMatch(/spawnEnemy/);
  });

  it('a double free names where the handle was allocated and where it was first freed', () => {
    const pool = debugPool();
    const handle = spawnEnemy(pool);
    pool.free(handle);
    const before = poolState(pool);
    const error = thrownBy(() => pool.free(handle)) as StaleHandleError;
    expect(error).toBeInstanceOf(StaleHandleError);
    expect(error.allocatedAt).toMatch(/spawnEnemy/);
    expect(error.freedAt.split('\n')[0]).toMatch(HERE);
    expect(error.message).toMatch(/allocated at:[\s\S]*spawnEnemy[\s\S]*freed at:/);
    expect(poolState(pool)).toEqual(before);
  });

  it('a stale handle used after its id was reused still names both sites', () => {
    const pool = debugPool(1);
    const old = spawnBullet(pool);
    pool.free(old);
    const fresh = spawnEnemy(pool);
    for (const use of [() => pool.slotOf(old), () => pool.offsetOf(old), () => pool.free(old)]) {
      const error = thrownBy(use) as StaleHandleError;
      expect(error.allocatedAt).toMatch(/spawnBullet/);
      expect(error.freedAt).toMatch(HERE);
    }
    expect(pool.isAlive(fresh)).toBe(true);
    // Once the id's next handle is freed, the old one's sites are gone: a plain StaleHandleError.
    pool.free(fresh);
    const error = thrownBy(() => pool.slotOf(old)) as StaleHandleError;
    expect([error.allocatedAt, error.freedAt]).toEqual(['', '']);
  });

  it('a foreign or garbage handle gets the plain error', () => {
    const pool = debugPool();
    for (const handle of [123456, -1, 'h' as never, 2 ** 31]) {
      const error = thrownBy(() => pool.free(handle)) as StaleHandleError;
      expect(error).toBeInstanceOf(StaleHandleError);
      expect(error.freedAt).toBe('');
    }
  });

  it('poisons a freed record: NaN in float fields, 0xAA bytes in the others and the raw slot', () => {
    const pool = debugPool();
    const [a, b] = allocMany(pool, 2);
    const slot = pool.slotOf(a);
    pool.fields.x[slot] = 1.5;
    pool.fields.id[slot] = 7;
    pool.free(a);
    expect(record(pool, slot)).toEqual(POISONED);
    // The pool's own bookkeeping is untouched: b is where it was, and the hole is filled next.
    expect(pool.slotOf(b)).toBe(1);
    expect(pool.slotOf(pool.alloc())).toBe(slot);
  });

  it('packing poisons the slot a moved record leaves behind, and the record moves intact', () => {
    const pool = debugPool();
    const handles = allocMany(pool, 4);
    handles.forEach((h, i) => {
      pool.fields.x[pool.slotOf(h)] = i;
      pool.fields.id[pool.slotOf(h)] = 100 + i;
    });
    pool.free(handles[1]);
    expect(pool.live).toBe(3);
    // The last record (3) moved into slot 1; slot 3, beyond live, holds poison, not a copy of it.
    expect(pool.slotOf(handles[3])).toBe(1);
    expect([pool.fields.x[1], pool.fields.id[1]]).toEqual([3, 103]);
    expect(record(pool, 3)).toEqual(POISONED);
  });

  it('reset poisons every live record and names the reset as where each handle was freed', () => {
    const pool = debugPool();
    const handles = allocMany(pool, 3);
    pool.reset();
    for (let s = 0; s < 3; s++) expect(record(pool, s)).toEqual(POISONED);
    const error = thrownBy(() => pool.slotOf(handles[2])) as StaleHandleError;
    expect(error.freedAt).toMatch(HERE);
    expect(pool.leaks()).toEqual([]);
  });

  it('changes no handle, slot or count: the same calls give the same results as in release', () => {
    const script = (pool: MemoryPool) => {
      const out: number[] = [];
      const handles = allocMany(pool, 6);
      pool.free(handles[2]);
      pool.free(handles[4]);
      out.push(pool.alloc(), pool.live);
      pool.free(handles[0]);
      out.push(pool.live, ...handles.filter((h) => pool.isAlive(h)).map((h) => pool.slotOf(h)));
      pool.reset();
      out.push(pool.alloc());
      return out.map((n) => n & 7);
    };
    const release = new MemoryPool({ capacity: 8, fields: FIELDS });
    const debug = debugPool();
    expect(script(debug)).toEqual(script(release));
    const { handles: _h, ...counts } = poolState(debug);
    const { handles: _r, ...releaseCounts } = poolState(release);
    expect(counts).toEqual(releaseCounts);
  });
});
