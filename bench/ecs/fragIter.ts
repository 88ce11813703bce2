/**
 * frag_iter: 26 kinds of entity, 100 of each, with a Data component and one of the components A..Z
 * (an i32 each); one system doubles Data on every entity, another doubles Z.
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

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function bitecsWorld(count: number) {
  const world = createWorld();
  const size = LETTERS.length * count + 1;
  const letters = LETTERS.map(() => valueStore(size));
  const Data = valueStore(size);
  for (let i = 0; i < count; i++) {
    for (const letter of letters) {
      const eid = addEntity(world);
      addComponent(world, eid, Data);
      addComponent(world, eid, letter);
    }
  }
  return { world, Data, Z: letters[25] };
}

export const FRAG_ITER: EcsSuite = {
  name: 'frag_iter',
  count: 100,
  iterates: true,
  cases: {
    bitecs(count) {
      const { world, Data, Z } = bitecsWorld(count);
      const [data, z] = [registerQuery(world, [Data]), registerQuery(world, [Z])];
      return () => {
        commitRemovals(world);
        double(data.dense, Data.value);
        commitRemovals(world);
        double(z.dense, Z.value);
      };
    },
    query(count) {
      const { world, Data, Z } = bitecsWorld(count);
      return () => {
        double(query(world, [Data]), Data.value);
        double(query(world, [Z]), Z.value);
      };
    },
    pooled(count) {
      const world = createWorld();
      const maxEntities = LETTERS.length * count + 1;
      const Data = createPooledComponent('Data', {
        capacity: LETTERS.length * count,
        fields: VALUE,
        maxEntities,
      });
      const letters = LETTERS.map((name) =>
        createPooledComponent(name, { capacity: count, fields: VALUE, maxEntities }),
      );
      for (const component of [Data, ...letters]) attachPooledComponent(world, component);
      for (let i = 0; i < count; i++) {
        for (const letter of letters) tryAddPooled(world, spawnPooled(world, Data), letter);
      }
      const Z = letters[25];
      // Each system touches one component: it walks that component's pool, whose records are packed.
      return () => {
        const data = Data.fields.value;
        for (let s = 0, n = Data.pool.live; s < n; s++) data[s] *= 2;
        const z = Z.fields.value;
        for (let s = 0, n = Z.pool.live; s < n; s++) z[s] *= 2;
      };
    },
    pools(count) {
      // A pool per component, as the peer's shapes are: Data's records in one pool, each letter's in its
      // own. (A pool per kind of entity, 26 pools of Data and a letter, measured 1.0-1.1x: V8's cost of
      // entering each 100-record loop is about that of running it.)
      const data = new MemoryPool({ capacity: LETTERS.length * count, fields: VALUE });
      const letters = LETTERS.map(() => new MemoryPool({ capacity: count, fields: VALUE }));
      for (let i = 0; i < count; i++) {
        for (const letter of letters) {
          data.alloc();
          letter.alloc();
        }
      }
      const z = letters[25];
      return () => {
        const d = data.fields.value;
        for (let s = 0, n = data.live; s < n; s++) d[s] *= 2;
        const v = z.fields.value;
        for (let s = 0, n = z.live; s < n; s++) v[s] *= 2;
      };
    },
  },
};
