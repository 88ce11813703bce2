/**
 * add_remove: 1,000 entities with a tag component A; the op adds a tag component B to every entity
 * with A, then removes B from every entity that has it. Tags without an ECS have no port: no `pools`.
 */
import {
  addComponent,
  addEntity,
  commitRemovals,
  createWorld,
  query,
  registerQuery,
  removeComponent,
} from 'bitecs';
import {
  attachPooledComponent,
  createPooledComponent,
  spawnPooled,
  tryAddPooled,
} from '../../src/ecs/index.ts';
import type { EcsSuite } from './suite.ts';

function bitecsWorld(count: number) {
  const world = createWorld();
  const A = {};
  const B = {};
  for (let i = 0; i < count; i++) addComponent(world, addEntity(world), A);
  return { world, A, B };
}

export const ADD_REMOVE: EcsSuite = {
  name: 'add_remove',
  count: 1000,
  iterates: false,
  cases: {
    bitecs(count) {
      const { world, A, B } = bitecsWorld(count);
      const [qa, qb] = [registerQuery(world, [A]), registerQuery(world, [B])];
      return () => {
        commitRemovals(world);
        const as = qa.dense;
        for (let i = 0; i < as.length; i++) addComponent(world, as[i], B);
        commitRemovals(world);
        const bs = qb.dense;
        for (let i = 0; i < bs.length; i++) removeComponent(world, bs[i], B);
      };
    },
    query(count) {
      const { world, A, B } = bitecsWorld(count);
      return () => {
        const as = query(world, [A]);
        for (let i = 0; i < as.length; i++) addComponent(world, as[i], B);
        const bs = query(world, [B]);
        for (let i = 0; i < bs.length; i++) removeComponent(world, bs[i], B);
      };
    },
    pooled(count) {
      // Tags: pooled components with no fields, a budget and liveness only.
      const world = createWorld();
      const A = createPooledComponent('A', { capacity: count, fields: {}, maxEntities: count + 1 });
      const B = createPooledComponent('B', { capacity: count, fields: {}, maxEntities: count + 1 });
      attachPooledComponent(world, A);
      attachPooledComponent(world, B);
      for (let i = 0; i < count; i++) spawnPooled(world, A);
      return () => {
        const as = A.entities;
        for (let s = 0, n = A.pool.live; s < n; s++) tryAddPooled(world, as[s], B);
        const bs = B.entities;
        for (let s = B.pool.live - 1; s >= 0; s--) removeComponent(world, bs[s], B);
      };
    },
  },
};
