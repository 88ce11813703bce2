/**
 * entity_cycle: 1,000 entities with a component A (an i32); the op creates, for every entity with A,
 * one entity with a component B holding A's value, then destroys every entity with B.
 */
import {
  addComponent,
  addEntity,
  commitRemovals,
  createWorld,
  query,
  registerQuery,
  removeEntity,
} from 'bitecs';
import { attachPooledComponent, createPooledComponent, spawnPooled } from '../../src/ecs/index.ts';
import { MemoryPool } from '../../src/memory/index.ts';
import { type EcsSuite, VALUE, valueStore } from './suite.ts';

function bitecsWorld(count: number) {
  const world = createWorld();
  const A = valueStore(2 * count + 1);
  const B = valueStore(2 * count + 1);
  for (let i = 0; i < count; i++) {
    const eid = addEntity(world);
    addComponent(world, eid, A);
    A.value[eid] = i;
  }
  return { world, A, B };
}

export const ENTITY_CYCLE: EcsSuite = {
  name: 'entity_cycle',
  count: 1000,
  iterates: false,
  cases: {
    bitecs(count) {
      const { world, A, B } = bitecsWorld(count);
      const [qa, qb] = [registerQuery(world, [A]), registerQuery(world, [B])];
      return () => {
        commitRemovals(world);
        const as = qa.dense;
        for (let i = 0; i < as.length; i++) {
          const eid = addEntity(world);
          addComponent(world, eid, B);
          B.value[eid] = A.value[as[i]];
        }
        commitRemovals(world);
        const bs = qb.dense;
        for (let i = 0; i < bs.length; i++) removeEntity(world, bs[i]);
      };
    },
    query(count) {
      const { world, A, B } = bitecsWorld(count);
      return () => {
        const as = query(world, [A]);
        for (let i = 0; i < as.length; i++) {
          const eid = addEntity(world);
          addComponent(world, eid, B);
          B.value[eid] = A.value[as[i]];
        }
        const bs = query(world, [B]);
        for (let i = 0; i < bs.length; i++) removeEntity(world, bs[i]);
      };
    },
    pooled(count) {
      const world = createWorld();
      const options = {
        capacity: count,
        fields: VALUE,
        maxEntities: 2 * count + 1,
        indexBy: 'entity',
      } as const;
      const A = createPooledComponent('A', options);
      const B = createPooledComponent('B', options);
      attachPooledComponent(world, A);
      attachPooledComponent(world, B);
      for (let i = 0; i < count; i++) A.fields.value[spawnPooled(world, A)] = i;
      return () => {
        const as = A.entities;
        const a = A.fields.value;
        const b = B.fields.value;
        for (let s = 0, n = A.pool.live; s < n; s++) b[spawnPooled(world, B)] = a[as[s]];
        // Backwards: a removal leaves a hole only behind the walk.
        const bs = B.entities;
        for (let s = B.pool.live - 1; s >= 0; s--) removeEntity(world, bs[s]);
      };
    },
    pools(count) {
      const A = new MemoryPool({ capacity: count, fields: VALUE });
      const B = new MemoryPool({ capacity: count, fields: VALUE });
      for (let i = 0; i < count; i++) A.fields.value[A.slotOf(A.alloc())] = i;
      return () => {
        const a = A.fields.value;
        const b = B.fields.value;
        for (let s = 0, n = A.live; s < n; s++) b[B.slotOf(B.alloc())] = a[s];
        for (let s = B.live - 1; s >= 0; s--) B.free(B.handleAt(s));
      };
    },
  },
};
