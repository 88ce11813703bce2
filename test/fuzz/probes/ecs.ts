/** Probes of `framepool/ecs`: pooled bitecs components. */
import { addEntity, createWorld, getAllEntities, removeEntity, type World } from 'bitecs';
import {
  type AnyPooledComponent,
  attachPooledComponent,
  createPooledComponent,
  type IndexBy,
  type PooledComponent,
  slotOf,
  spawnPooled,
  tryAddPooled,
} from '../../../src/ecs/index.ts';
import { StaleHandleError } from '../../../src/memory/index.ts';
import { type Probe, probe } from '../probe.ts';

const FIELDS = { x: 'f32', hp: 'i16' } as const;

interface Scene {
  world: World;
  component: AnyPooledComponent;
  /** An entity with the component and one without. */
  member: number;
  stranger: number;
}

/**
 * A world with an attached component of 4 slots (fields indexed as `indexBy` says), two of them
 * taken, and one entity without it.
 */
function scene(indexBy: IndexBy = 'slot'): Scene {
  const world = createWorld();
  const component = createPooledComponent('things', {
    capacity: 4,
    fields: FIELDS,
    maxEntities: 16,
    indexBy,
  });
  attachPooledComponent(world, component);
  const member = spawnPooled(world, component);
  spawnPooled(world, component);
  return { world, component, member, stranger: addEntity(world) };
}

/**
 * The calls on a component's members, on a scene whose component indexes its fields as `indexBy`
 * says: adding, spawning and the checked accessor.
 */
function memberProbes(indexBy: IndexBy): Probe[] {
  const suffix = indexBy === 'slot' ? '' : ` (indexBy ${indexBy})`;
  const make = () => scene(indexBy);
  return [
    probe({
      name: `tryAddPooled${suffix}`,
      params: ['world', 'eid', 'component'],
      make,
      valid: (s) => [s.world, s.stranger, s.component],
      call: (_, [world, eid, component]) =>
        tryAddPooled(world as World, eid as number, component as AnyPooledComponent),
      state: sceneState,
      // An entity removed since: no longer one to add to.
      stale: (s) => {
        const gone = addEntity(s.world);
        removeEntity(s.world, gone);
        return [gone];
      },
    }),
    probe({
      name: `spawnPooled${suffix}`,
      params: ['world', 'component'],
      make,
      valid: (s) => [s.world, s.component],
      call: (_, [world, component]) => spawnPooled(world as World, component as AnyPooledComponent),
      state: sceneState,
    }),
    probe({
      name: `slotOf${suffix}`,
      params: ['component', 'eid'],
      make,
      valid: (s) => [s.component, s.member],
      call: (_, [component, eid]) => slotOf(component as AnyPooledComponent, eid as number),
      state: sceneState,
      // An entity without the component, and one removed since.
      stale: (s) => {
        const removed = spawnPooled(s.world, s.component);
        removeEntity(s.world, removed);
        return [s.stranger, removed];
      },
      // A value that is no entity with the component is a stale entity: the documented StaleHandleError.
      errors: { 1: [StaleHandleError] },
    }),
  ];
}

/** Everything a call could change: the pool's counters, the handles and bitecs' entities. */
function sceneState({ world, component }: Scene) {
  const { pool } = component;
  return {
    pool: [pool.live, pool.allocCount, pool.freeCount, pool.failureCount, pool.highWater],
    handles: Array.from(component.handles),
    entityOfSlot: Array.from(component.entities.subarray(0, pool.live)),
    entities: getAllEntities(world).length,
  };
}

export const ECS_PROBES: readonly Probe[] = [
  probe({
    name: 'createPooledComponent',
    params: ['name', 'capacity', 'fields', 'maxEntities', 'indexBy'],
    make: () => null,
    valid: () => ['things', 4, FIELDS, 8, 'entity'],
    call: (_, [name, capacity, fields, maxEntities, indexBy]) =>
      createPooledComponent(name as string, {
        capacity: capacity as number,
        fields: fields as typeof FIELDS,
        maxEntities: maxEntities as number,
        indexBy: indexBy as IndexBy,
      }),
    // Any non-empty string names it; an object without own fields is an empty record layout; no
    // indexBy is the default, 'slot'.
    accepts: (index, bad) =>
      (index === 0 && typeof bad.value === 'string' && bad.value !== '') ||
      (index === 2 && bad.kind === 'object' && Object.keys(bad.value as object).length === 0)
        ? () => true
        : index === 4 && bad.kind === 'undefined'
          ? (component) => (component as AnyPooledComponent).indexBy === 'slot'
          : null,
  }),
  probe({
    name: 'attachPooledComponent',
    params: ['world', 'component'],
    make: () => ({
      world: createWorld(),
      component: createPooledComponent('loose', { capacity: 2, fields: FIELDS, maxEntities: 4 }),
    }),
    valid: ({ world, component }) => [world, component],
    call: (_, [world, component]) => attachPooledComponent(world as World, component as PooledComponent),
    state: ({ world, component }) => sceneState({ world, component, member: 0, stranger: 0 }),
  }),
  ...memberProbes('slot'),
  ...memberProbes('entity'),
];
