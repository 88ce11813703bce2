import {
  addComponent,
  addEntity,
  createWorld,
  entityExists,
  getAllEntities,
  hasComponent,
  removeComponent,
  removeEntity,
} from 'bitecs';
import { describe, expect, it } from 'vitest';
import {
  attachPooledComponent,
  createPooledComponent,
  type IndexBy,
  slotOf,
  spawnPooled,
  tryAddPooled,
} from '../../src/ecs/index.ts';
import { StaleHandleError } from '../../src/memory/index.ts';
import { FIELDS, fill, poolCounters, REMOVALS, setup } from './helpers.ts';

describe('adding the component', () => {
  it('takes a pool slot and records its handle in handles[eid]', () => {
    const { ecs, things } = setup();
    const eid = addEntity(ecs);
    expect(things.handles[eid]).toBe(-1);
    addComponent(ecs, eid, things);
    const handle = things.handles[eid];
    expect(things.pool.live).toBe(1);
    expect(things.pool.isAlive(handle)).toBe(true);
    expect(slotOf(things, eid)).toBe(things.pool.slotOf(handle));
  });

  it('gives each entity its own slot, whose fields hold that entity data', () => {
    const { ecs, things } = setup();
    const eids = fill(ecs, things);
    eids.forEach((eid, i) => {
      things.pool.fields.x[slotOf(things, eid)] = i * 10;
    });
    expect(new Set(eids.map((eid) => slotOf(things, eid))).size).toBe(eids.length);
    expect(eids.map((eid) => things.pool.fields.x[slotOf(things, eid)])).toEqual(eids.map((_, i) => i * 10));
  });

  it('adding it twice takes no second slot', () => {
    const { ecs, things } = setup();
    const eid = spawnPooled(ecs, things);
    const handle = things.handles[eid];
    expect(tryAddPooled(ecs, eid, things)).toBe(true);
    expect(things.pool.live).toBe(1);
    expect(things.handles[eid]).toBe(handle);
  });
});

describe.each(REMOVALS)('%s', (_name, remove) => {
  it('frees the slot: live drops, handles[eid] is -1, the old handle is dead', () => {
    const { ecs, things } = setup();
    const [keep, eid] = [spawnPooled(ecs, things), spawnPooled(ecs, things)];
    const handle = things.handles[eid];
    remove(ecs, eid, things);
    expect(things.pool.live).toBe(1);
    expect(things.handles[eid]).toBe(-1);
    expect(things.pool.isAlive(handle)).toBe(false);
    expect(() => slotOf(things, eid)).toThrow(StaleHandleError);
    expect(slotOf(things, keep)).toBe(things.pool.slotOf(things.handles[keep]));
  });

  it('lets the freed slot be used again under a new handle', () => {
    const { ecs, things } = setup(1);
    const eid = spawnPooled(ecs, things);
    const [slot, handle] = [slotOf(things, eid), things.handles[eid]];
    remove(ecs, eid, things);
    const next = spawnPooled(ecs, things);
    expect(next).not.toBe(-1);
    expect(slotOf(things, next)).toBe(slot);
    expect(things.handles[next]).not.toBe(handle);
    expect(things.pool.isAlive(handle)).toBe(false);
  });
});

describe('removal details', () => {
  it('removeComponent keeps the entity; removeEntity then frees nothing twice', () => {
    const { ecs, things } = setup();
    const eid = spawnPooled(ecs, things);
    removeComponent(ecs, eid, things);
    expect(entityExists(ecs, eid)).toBe(true);
    removeEntity(ecs, eid);
    expect(things.pool.live).toBe(0);
    expect(things.pool.freeCount).toBe(1);
  });

  it('removeEntity frees the slot of every pooled component the entity has', () => {
    const ecs = createWorld();
    const a = createPooledComponent('a', { capacity: 2, fields: FIELDS, maxEntities: 8 });
    const b = createPooledComponent('b', { capacity: 2, fields: FIELDS, maxEntities: 8 });
    attachPooledComponent(ecs, a);
    attachPooledComponent(ecs, b);
    const eid = spawnPooled(ecs, a);
    expect(tryAddPooled(ecs, eid, b)).toBe(true);
    removeEntity(ecs, eid);
    expect([a.pool.live, b.pool.live]).toEqual([0, 0]);
    expect([a.handles[eid], b.handles[eid]]).toEqual([-1, -1]);
  });
});

describe('slotOf', () => {
  it('throws StaleHandleError for an entity that never had the component', () => {
    const { ecs, things } = setup();
    const eid = addEntity(ecs);
    expect(() => slotOf(things, eid)).toThrow(StaleHandleError);
  });

  it.each([-1, 16, 1000, 1.5, Number.NaN])('throws StaleHandleError for entity id %s', (eid) => {
    const { ecs, things } = setup(4, 16);
    fill(ecs, things);
    expect(() => slotOf(things, eid)).toThrow(StaleHandleError);
  });
});

describe('tryAddPooled', () => {
  it('adds the component when a slot is free', () => {
    const { ecs, things } = setup();
    const eid = addEntity(ecs);
    expect(tryAddPooled(ecs, eid, things)).toBe(true);
    expect(hasComponent(ecs, eid, things)).toBe(true);
    expect(things.pool.failureCount).toBe(0);
  });

  it('on a full pool returns false, the pool counts each refusal, and neither the entity nor the slots change', () => {
    const { ecs, things } = setup();
    fill(ecs, things);
    const before = poolCounters(things);
    const eid = addEntity(ecs);
    expect(tryAddPooled(ecs, eid, things)).toBe(false);
    expect(tryAddPooled(ecs, eid, things)).toBe(false);
    expect(things.pool.failureCount).toBe(2);
    expect(hasComponent(ecs, eid, things)).toBe(false);
    expect(things.handles[eid]).toBe(-1);
    expect(poolCounters(things)).toEqual(before);
  });

  it('on a full pool, an entity that already has the component keeps it: true and no refusal', () => {
    const { ecs, things } = setup(2);
    const [eid] = fill(ecs, things);
    const handle = things.handles[eid];
    expect(tryAddPooled(ecs, eid, things)).toBe(true);
    expect(things.pool.failureCount).toBe(0);
    expect(things.handles[eid]).toBe(handle);
    expect(things.pool.live).toBe(2);
  });

  it('throws a RangeError for an entity id beyond maxEntities, taking no slot', () => {
    const { ecs, things } = setup(8, 3);
    const eids = [addEntity(ecs), addEntity(ecs), addEntity(ecs)];
    expect(eids.at(-1)).toBeGreaterThanOrEqual(3);
    expect(() => tryAddPooled(ecs, eids[2], things)).toThrow(RangeError);
    expect(things.pool.live).toBe(0);
  });
});

describe('spawnPooled', () => {
  it('creates an entity that has the component', () => {
    const { ecs, things } = setup();
    const eid = spawnPooled(ecs, things);
    expect(entityExists(ecs, eid)).toBe(true);
    expect(hasComponent(ecs, eid, things)).toBe(true);
  });

  it('on a full pool returns -1, the pool counts the refusal, and no entity is made', () => {
    const { ecs, things } = setup(3);
    fill(ecs, things);
    const entities = getAllEntities(ecs).length;
    const before = poolCounters(things);
    expect(spawnPooled(ecs, things)).toBe(-1);
    expect(spawnPooled(ecs, things)).toBe(-1);
    expect(getAllEntities(ecs).length).toBe(entities);
    expect(things.pool.failureCount).toBe(2);
    expect(poolCounters(things)).toEqual(before);
  });

  it('throws a RangeError for an id beyond maxEntities and leaves no entity and no pool change behind', () => {
    const { ecs, things } = setup(8, 2);
    spawnPooled(ecs, things);
    const entities = getAllEntities(ecs).length;
    const before = poolCounters(things);
    expect(() => spawnPooled(ecs, things)).toThrow(RangeError);
    expect(getAllEntities(ecs).length).toBe(entities);
    expect(poolCounters(things)).toEqual(before);
  });
});

describe('tryAddPooled on an entity that is not alive', () => {
  it('throws a RangeError naming eid, and neither the pool nor bitecs changes', () => {
    const { ecs, things } = setup();
    const gone = addEntity(ecs);
    removeEntity(ecs, gone);
    const before = poolCounters(things);
    const entities = getAllEntities(ecs).length;
    expect(() => tryAddPooled(ecs, gone, things)).toThrow(/eid must be a live entity/);
    expect(poolCounters(things)).toEqual(before);
    expect(getAllEntities(ecs).length).toBe(entities);
  });
});

describe('a raw bitecs addComponent that the pool cannot serve', () => {
  it.each([
    // A full pool refuses the allocation (and counts it); an id beyond maxEntities never asks for one.
    ['the pool is full', 2, 16, 1],
    ['the id is beyond maxEntities', 8, 1, 0],
  ])(
    'when %s: leaves handles[eid] at -1, slotOf throws, removal still works',
    (_, capacity, maxEntities, refusals) => {
      const { ecs, things } = setup(capacity, maxEntities);
      if (capacity === 2) fill(ecs, things);
      const before = poolCounters(things);
      const eid = addEntity(ecs);
      addComponent(ecs, eid, things);
      expect(things.pool.failureCount).toBe(refusals);
      expect(poolCounters(things)).toEqual(before);
      if (eid < things.handles.length) expect(things.handles[eid]).toBe(-1);
      expect(() => slotOf(things, eid)).toThrow(StaleHandleError);
      expect(() => removeEntity(ecs, eid)).not.toThrow();
      expect(entityExists(ecs, eid)).toBe(false);
      expect(poolCounters(things)).toEqual(before);
    },
  );

  it('tryAddPooled gives the entity its record once the pool has room', () => {
    const { ecs, things } = setup(2);
    const [first] = fill(ecs, things);
    const eid = addEntity(ecs);
    addComponent(ecs, eid, things);
    expect(tryAddPooled(ecs, eid, things)).toBe(false);
    removeEntity(ecs, first);
    expect(tryAddPooled(ecs, eid, things)).toBe(true);
    expect(things.entities[slotOf(things, eid)]).toBe(eid);
    expect([things.pool.live, hasComponent(ecs, eid, things)]).toEqual([2, true]);
    removeEntity(ecs, eid);
    expect(things.pool.live).toBe(1);
  });
});

describe('createPooledComponent', () => {
  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects maxEntities = %s', (maxEntities) => {
    expect(() => createPooledComponent('bad', { capacity: 4, fields: FIELDS, maxEntities })).toThrow(
      /maxEntities/,
    );
  });

  it('starts with every handle -1 and nothing refused', () => {
    const things = createPooledComponent('things', { capacity: 4, fields: FIELDS, maxEntities: 5 });
    expect([...things.handles]).toEqual([-1, -1, -1, -1, -1]);
    expect(things.pool.failureCount).toBe(0);
    expect(things.name).toBe('things');
    expect(things.pool.capacity).toBe(4);
  });

  it('rejects a bad capacity through the pool', () => {
    expect(() => createPooledComponent('bad', { capacity: 0, fields: FIELDS, maxEntities: 4 })).toThrow(
      RangeError,
    );
  });
});

describe('attachPooledComponent', () => {
  it('returns a function that detaches: adds then take no slot and removals free none', () => {
    const { ecs, things, detach } = setup();
    const before = spawnPooled(ecs, things);
    detach();
    const after = addEntity(ecs);
    addComponent(ecs, after, things);
    expect(things.pool.live).toBe(1);
    expect(things.handles[after]).toBe(-1);
    removeEntity(ecs, before);
    expect(things.pool.live).toBe(1);
  });
});

describe('indexBy', () => {
  it("'slot' (the default) keeps the records in the pool: fields are the pool's, packed", () => {
    const { ecs, things } = setup(4, 16);
    expect([things.indexBy, things.fields === things.pool.fields]).toEqual(['slot', true]);
    const [a, b, c] = [spawnPooled(ecs, things), spawnPooled(ecs, things), spawnPooled(ecs, things)];
    things.fields.x[slotOf(things, c)] = 3;
    removeEntity(ecs, a);
    expect(things.pool.live).toBe(2);
    // The last record moved into the hole: c's slot changed, its data and its entity came along.
    expect(slotOf(things, c)).toBe(0);
    expect(things.fields.x[0]).toBe(3);
    expect([things.entities[0], things.entities[1]]).toEqual([c, b]);
  });

  it("'entity' keeps the records in arrays indexed by entity id; the pool keeps the budget", () => {
    const ecs = createWorld();
    const things = createPooledComponent('things', {
      capacity: 2,
      fields: FIELDS,
      maxEntities: 16,
      indexBy: 'entity',
    });
    attachPooledComponent(ecs, things);
    expect([things.indexBy, things.fields.x.length, Object.keys(things.pool.fields)]).toEqual([
      'entity',
      16,
      [],
    ]);
    const [a, b] = [spawnPooled(ecs, things), spawnPooled(ecs, things)];
    things.fields.x[a] = 1;
    things.fields.x[b] = 2;
    expect([slotOf(things, a), slotOf(things, b)]).toEqual([a, b]);
    expect(spawnPooled(ecs, things)).toBe(-1);
    expect(things.pool.failureCount).toBe(1);
    removeEntity(ecs, a);
    expect(() => slotOf(things, a)).toThrow(StaleHandleError);
    expect(things.fields.x[b]).toBe(2);
    expect([things.pool.live, things.entities[0]]).toEqual([1, b]);
  });

  it.each([
    ['a string', 'rows'],
    ['a number', 1],
    ['null', null],
  ])('rejects %s with a RangeError naming indexBy', (_, indexBy) => {
    const make = () =>
      createPooledComponent('things', {
        capacity: 2,
        fields: FIELDS,
        maxEntities: 4,
        indexBy: indexBy as unknown as IndexBy,
      });
    expect(make).toThrow(RangeError);
    expect(make).toThrow(/indexBy/);
  });
});

describe('attaching', () => {
  it('a component attaches to one world at a time: a second attach throws and takes nothing', () => {
    const { ecs, things, detach } = setup();
    expect(() => attachPooledComponent(ecs, things)).toThrow(/already attached/);
    expect(() => attachPooledComponent(createWorld(), things)).toThrow(/already attached/);
    const eids = [spawnPooled(ecs, things), spawnPooled(ecs, things)];
    expect(things.pool.live).toBe(eids.length);
    detach();
    const again = createWorld();
    attachPooledComponent(again, things);
    expect(tryAddPooled(again, addEntity(again), things)).toBe(true);
  });

  it('tryAddPooled and spawnPooled refuse a world the component is not attached to, changing nothing', () => {
    const { things } = setup();
    const other = createWorld();
    const eid = addEntity(other);
    expect(() => tryAddPooled(other, eid, things)).toThrow(/not attached to this world/);
    expect(() => spawnPooled(other, things)).toThrow(/not attached/);
    expect([things.pool.live, things.pool.failureCount, getAllEntities(other).length]).toEqual([0, 0, 1]);
  });

  it.each([
    ['a string', '3'],
    ['NaN', Number.NaN],
    ['a fraction', 1.5],
    ['-1', -1],
  ])('tryAddPooled rejects %s as an entity id with a RangeError naming eid', (_, eid) => {
    const { ecs, things } = setup();
    expect(() => tryAddPooled(ecs, eid as unknown as number, things)).toThrow(/eid/);
    expect(things.pool.live).toBe(0);
  });
});
