/**
 * packed_5: 1,000 entities with components A, B, C, D and E (an i32 each); five systems each double
 * one component's value over every entity that has it.
 */
import { addComponent, addEntity, commitRemovals, createWorld, query, registerQuery } from 'bitecs';
import {
  attachPooledComponent,
  createPooledComponent,
  spawnPooled,
  tryAddPooled,
} from '../../src/ecs/index.ts';
import { MemoryPool } from '../../src/memory/index.ts';
import { double, type EcsSuite, VALUE, valueStore } from './suite.ts';

function bitecsWorld(count: number) {
  const world = createWorld();
  const stores = [0, 1, 2, 3, 4].map(() => valueStore(count + 1));
  for (let i = 0; i < count; i++) {
    const eid = addEntity(world);
    for (const store of stores) addComponent(world, eid, store);
  }
  return { world, stores };
}

export const PACKED_5: EcsSuite = {
  name: 'packed_5',
  count: 1000,
  iterates: true,
  cases: {
    bitecs(count) {
      const { world, stores } = bitecsWorld(count);
      const queries = stores.map((store) => registerQuery(world, [store]));
      return () => {
        for (let c = 0; c < 5; c++) {
          commitRemovals(world);
          double(queries[c].dense, stores[c].value);
        }
      };
    },
    query(count) {
      const { world, stores } = bitecsWorld(count);
      return () => {
        for (let c = 0; c < 5; c++) double(query(world, [stores[c]]), stores[c].value);
      };
    },
    pooled(count) {
      const world = createWorld();
      const components = ['A', 'B', 'C', 'D', 'E'].map((name) =>
        createPooledComponent(name, { capacity: count, fields: VALUE, maxEntities: count + 1 }),
      );
      for (const component of components) attachPooledComponent(world, component);
      for (let i = 0; i < count; i++) {
        const eid = spawnPooled(world, components[0]);
        for (let c = 1; c < 5; c++) tryAddPooled(world, eid, components[c]);
      }
      // Each system touches one component, so it walks that component's pool: its records are packed.
      return () => {
        for (let c = 0; c < 5; c++) {
          const { pool, fields } = components[c];
          const value = fields.value;
          for (let s = 0, n = pool.live; s < n; s++) value[s] *= 2;
        }
      };
    },
    pools(count) {
      // A pool per component, as the peer's shapes are; every entity has a record in each.
      const pools = [0, 1, 2, 3, 4].map(() => new MemoryPool({ capacity: count, fields: VALUE }));
      for (let i = 0; i < count; i++) for (const pool of pools) pool.alloc();
      return () => {
        for (let c = 0; c < 5; c++) {
          const pool = pools[c];
          const value = pool.fields.value;
          for (let s = 0, n = pool.live; s < n; s++) value[s] *= 2;
        }
      };
    },
  },
};
