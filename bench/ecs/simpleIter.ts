/**
 * simple_iter: 1,000 entities each of (A, B), (A, B, C), (A, B, C, D) and (A, B, C, E), an i32 each;
 * three systems swap the values of A and B, of C and D, and of C and E on every entity that has both.
 */
import {
  addComponent,
  addEntity,
  commitRemovals,
  createWorld,
  query,
  registerQuery,
  type World,
} from 'bitecs';
import {
  type AnyPooledComponent,
  attachPooledComponent,
  createPooledComponent,
  spawnPooled,
  tryAddPooled,
} from '../../src/ecs/index.ts';
import { MemoryPool } from '../../src/memory/index.ts';
import { type EcsSuite, VALUE, valueStore } from './suite.ts';

/** The four kinds of entity, as indices of A..E, and the value each component starts with. */
const KINDS = [
  [0, 1],
  [0, 1, 2],
  [0, 1, 2, 3],
  [0, 1, 2, 4],
];
const START = [0, 1, 2, 3, 3];

function bitecsWorld(count: number) {
  const world = createWorld();
  const [A, B, C, D, E] = [0, 1, 2, 3, 4].map(() => valueStore(4 * count + 1));
  const stores = [A, B, C, D, E];
  for (let i = 0; i < count; i++) {
    for (const kind of KINDS) {
      const eid = addEntity(world);
      for (const c of kind) {
        addComponent(world, eid, stores[c]);
        stores[c].value[eid] = START[c];
      }
    }
  }
  return { world, A, B, C, D, E };
}

/** The work of each of the three systems: swaps `x` and `y` of every entity in `dense`. */
function swap(dense: ArrayLike<number>, x: Int32Array, y: Int32Array): void {
  for (let i = 0; i < dense.length; i++) {
    const eid = dense[i];
    const t = x[eid];
    x[eid] = y[eid];
    y[eid] = t;
  }
}

/**
 * The three systems over queries registered once, on the components A..E (bitecs stores or pooled
 * components) whose values, indexed by entity id, are `values`.
 */
function registeredSystems(world: World, components: readonly object[], values: readonly Int32Array[]) {
  const [A, B, C, D, E] = components;
  const [a, b, c, d, e] = values;
  const [ab, cd, ce] = [
    registerQuery(world, [A, B]),
    registerQuery(world, [C, D]),
    registerQuery(world, [C, E]),
  ];
  return () => {
    commitRemovals(world);
    swap(ab.dense, a, b);
    commitRemovals(world);
    swap(cd.dense, c, d);
    commitRemovals(world);
    swap(ce.dense, c, e);
  };
}

export const SIMPLE_ITER: EcsSuite = {
  name: 'simple_iter',
  count: 1000,
  iterates: true,
  cases: {
    bitecs(count) {
      const { world, A, B, C, D, E } = bitecsWorld(count);
      const stores = [A, B, C, D, E];
      return registeredSystems(
        world,
        stores,
        stores.map((store) => store.value),
      );
    },
    query(count) {
      const { world, A, B, C, D, E } = bitecsWorld(count);
      return () => {
        swap(query(world, [A, B]), A.value, B.value);
        swap(query(world, [C, D]), C.value, D.value);
        swap(query(world, [C, E]), C.value, E.value);
      };
    },
    pooled(count) {
      // Every system joins two components, so their records are indexed by entity id, as bitecs's are.
      const world = createWorld();
      const components = ['A', 'B', 'C', 'D', 'E'].map((name) =>
        createPooledComponent(name, {
          capacity: 4 * count,
          fields: VALUE,
          maxEntities: 4 * count + 1,
          indexBy: 'entity',
        }),
      );
      for (const component of components) attachPooledComponent(world, component);
      for (let i = 0; i < count; i++) for (const kind of KINDS) spawnKind(world, components, kind);
      return registeredSystems(
        world,
        components,
        components.map((component) => component.fields.value),
      );
    },
    pools(count) {
      // A pool per kind of entity, with a field per component it has.
      const ab = new MemoryPool({ capacity: count, fields: { a: 'i32', b: 'i32' } });
      const abc = new MemoryPool({ capacity: count, fields: { a: 'i32', b: 'i32', c: 'i32' } });
      const abcd = new MemoryPool({ capacity: count, fields: { a: 'i32', b: 'i32', c: 'i32', d: 'i32' } });
      const abce = new MemoryPool({ capacity: count, fields: { a: 'i32', b: 'i32', c: 'i32', e: 'i32' } });
      for (let i = 0; i < count; i++) {
        for (const pool of [ab, abc, abcd, abce]) {
          const s = pool.slotOf(pool.alloc());
          for (const [name, values] of Object.entries(pool.fields)) values[s] = START['abcde'.indexOf(name)];
        }
      }
      const swap = (pool: MemoryPool, x: Int32Array, y: Int32Array) => {
        for (let s = 0, n = pool.live; s < n; s++) {
          const t = x[s];
          x[s] = y[s];
          y[s] = t;
        }
      };
      return () => {
        swap(ab, ab.fields.a, ab.fields.b);
        swap(abc, abc.fields.a, abc.fields.b);
        swap(abcd, abcd.fields.a, abcd.fields.b);
        swap(abce, abce.fields.a, abce.fields.b);
        swap(abcd, abcd.fields.c, abcd.fields.d);
        swap(abce, abce.fields.c, abce.fields.e);
      };
    },
  },
};

/** An entity of one kind, its components added with their starting values. */
function spawnKind(world: World, components: AnyPooledComponent[], kind: number[]): void {
  const eid = spawnPooled(world, components[kind[0]]);
  for (const c of kind) {
    tryAddPooled(world, eid, components[c]);
    components[c].fields.value[eid] = START[c];
  }
}
