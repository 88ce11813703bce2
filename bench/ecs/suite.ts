/**
 * The peer ECS benchmark (noctjs/ecs-benchmark) as this project runs it: each suite sets up a world of
 * the peer's entity count and component shapes and returns one op, the peer's per-op work. Every case
 * of a suite does the same work on its own storage:
 *
 * - `bitecs`: plain bitecs 0.4, struct-of-arrays stores indexed by entity id, queries registered once
 *   (`registerQuery`, then `commitRemovals` and `q.dense` per system): the anchor of every ratio;
 * - `query`: bitecs 0.4 calling `query(world, terms)` in every system, as its README shows;
 * - `pooled`: bitecs with framepool pooled components (`framepool/ecs`);
 * - `pools`: framepool pools alone, no ECS: a pool per component, as the peer's shapes are (an entity
 *   is a record in the pool of each component it has), except where a system joins two components
 *   (simple_iter): there, a pool per kind of entity, with a field per component.
 */

/** The cases, in the order the table shows them. */
export const CASES = ['bitecs', 'query', 'pooled', 'pools'] as const;
/** One of {@link CASES}. */
export type CaseName = (typeof CASES)[number];

/** What each case is, for the table. */
export const CASE_LABELS: Readonly<Record<CaseName, string>> = {
  bitecs: 'bitecs 0.4, registered queries',
  query: 'bitecs 0.4, `query()` per system',
  pooled: 'bitecs + framepool pooled components',
  pools: 'framepool pools alone',
};

/** Builds a case's world of `count` entities (the peer's figure) and returns its op. */
export type Setup = (count: number) => () => void;

/** One suite of the peer: its entity count and its cases (a missing case has no port, e.g. tags without an ECS). */
export interface EcsSuite {
  readonly name: string;
  /** The peer's entity count for the suite. */
  readonly count: number;
  /** Whether the op only iterates (no structural change), where every framepool case must make no garbage. */
  readonly iterates: boolean;
  readonly cases: Readonly<Partial<Record<CaseName, Setup>>>;
}

/** The i32 `value` component of the peer's cases, as a bitecs store of `size` entity ids. */
export function valueStore(size: number): { value: Int32Array } {
  return { value: new Int32Array(size) };
}

/** The peer's component shape, as a framepool record layout. */
export const VALUE = { value: 'i32' } as const;

/** The work of the peer's doubling systems: doubles `value` of every entity in `dense`. */
export function double(dense: ArrayLike<number>, value: Int32Array): void {
  for (let i = 0; i < dense.length; i++) value[dense[i]] *= 2;
}
