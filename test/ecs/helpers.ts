/** Fixtures shared by the pooled-component tests: worlds with one pooled component, and builders. */
import { createWorld, removeComponent, removeEntity, type World } from 'bitecs';
import {
  type AnyPooledComponent,
  attachPooledComponent,
  createPooledComponent,
  type IndexBy,
  type PooledComponent,
  spawnPooled,
} from '../../src/ecs/index.ts';

export const FIELDS = { x: 'f32', hp: 'i16' } as const;

/** A world with one attached pooled component of `capacity` slots for entity ids below `maxEntities`. */
export function setup(capacity = 4, maxEntities = 16) {
  const ecs = createWorld();
  const things = createPooledComponent('things', { capacity, fields: FIELDS, maxEntities });
  const detach = attachPooledComponent(ecs, things);
  return { ecs, things, detach };
}

/** The same, with the fields indexed as `indexBy` says. */
export function setupIndexed(indexBy: IndexBy, capacity: number, maxEntities: number) {
  const ecs = createWorld();
  const things: AnyPooledComponent = createPooledComponent('things', {
    capacity,
    fields: FIELDS,
    maxEntities,
    indexBy,
  });
  attachPooledComponent(ecs, things);
  return { ecs, things };
}

/** Spawns until the pool is full; returns the entity ids. */
export function fill(ecs: World, component: PooledComponent): number[] {
  const eids: number[] = [];
  while (component.pool.available > 0) eids.push(spawnPooled(ecs, component));
  return eids;
}

export function poolCounters(component: PooledComponent) {
  const { pool } = component;
  return {
    live: pool.live,
    allocCount: pool.allocCount,
    freeCount: pool.freeCount,
    highWater: pool.highWater,
  };
}

export const REMOVALS = [
  ['removeComponent', (ecs: World, eid: number, c: PooledComponent) => removeComponent(ecs, eid, c)],
  ['removeEntity', (ecs: World, eid: number) => removeEntity(ecs, eid)],
] as const;
