import {
  type ColumnUnit,
  describeSeries,
  POOL_SERIES,
  type SeriesArrays,
  type SeriesDescriptor,
  type SeriesTable,
  SYSTEM_SERIES,
  TAG_SERIES,
  TICK_SERIES,
} from './seriesTables.ts';
import { type ProfileSnapshot, requireSnapshot } from './snapshot.ts';

/** One column of the per-tick table: a named series with its unit and meaning. */
export interface TickColumn {
  /** Column name, as in the CSV header (see {@link tickColumns} for the scheme). */
  readonly key: string;
  /** What the numbers count. */
  readonly unit: ColumnUnit;
  /** One line saying what the column holds. */
  readonly description: string;
  /** One value per recorded tick, oldest first. */
  readonly values: Float64Array;
}

/**
 * The per-tick table of a snapshot as named columns, in this order (`<name>` is the pool's, system's
 * or tag's registered name):
 *
 * | key | unit | value per tick |
 * |---|---|---|
 * | `tick` | tick | tick number, 0 = first tick since the profiler was made or cleared |
 * | `start_ms` | ms | clock at `beginTick` |
 * | `tick_ms` | ms | `beginTick` to `endTick` |
 * | `entities` | entities | the count passed to `endTick` |
 * | `arena.used` | bytes | arena bytes in use at `endTick` |
 * | `arena.peak` | bytes | highest arena use within the tick |
 * | `arena.allocs` / `arena.failures` | count | arena allocations / refusals in the tick |
 * | `pool.<name>.live` / `.peak` | slots | live slots at `endTick` / highest within the tick |
 * | `pool.<name>.allocs` / `.frees` / `.failures` | count | pool allocations / frees / refusals in the tick |
 * | `system.<name>.ms` | ms | time inside the system (summed over its runs) |
 * | `system.<name>.bytes` | bytes | arena bytes it left allocated (used after − used before) |
 * | `system.<name>.peak_bytes` | bytes | highest arena use inside it above its starting point |
 * | `system.<name>.allocs` / `.failures` / `.calls` | count | arena allocations / refusals inside it, runs |
 * | `tag.<name>.bytes` / `.count` | bytes / count | bytes and calls tagged in the tick |
 *
 * The CSV export writes exactly these columns; the report gives statistics for all but the first two.
 * Throws a TypeError naming the part of `snapshot` that is missing or of the wrong type. They are
 * built from the series tables ({@link TICK_SERIES}, {@link POOL_SERIES},
 * {@link SYSTEM_SERIES}, {@link TAG_SERIES}), in their order.
 */
export function tickColumns(snapshot: ProfileSnapshot): TickColumn[] {
  return describedColumns(snapshot).map(({ column }) => column);
}

/**
 * The per-tick columns the report gives statistics for: every column of {@link tickColumns} but the
 * time axis (`tick`, `start_ms`).
 */
export function metricColumns(snapshot: ProfileSnapshot): TickColumn[] {
  return describedColumns(snapshot)
    .filter(({ descriptor }) => descriptor.axis !== true)
    .map(({ column }) => column);
}

/** Every column with the descriptor it comes from, built from the series tables in their order. */
function describedColumns(snapshot: ProfileSnapshot) {
  requireSnapshot(snapshot);
  return [
    ...groupColumns(TICK_SERIES, snapshot.ticks),
    ...snapshot.pools.flatMap((pool) => groupColumns(POOL_SERIES, pool.series, 'pool', pool.name)),
    ...snapshot.systems.flatMap((system) =>
      groupColumns(SYSTEM_SERIES, system.series, 'system', system.name),
    ),
    ...snapshot.tags.flatMap((tag) => groupColumns(TAG_SERIES, tag.series, 'tag', tag.name)),
  ];
}

/** The columns of one group's series: keyed `<kind>.<name>.<column>`, or `<column>` in the tick group. */
function groupColumns<T extends SeriesTable>(
  table: T,
  series: SeriesArrays<T>,
  kind?: string,
  name = '',
): { column: TickColumn; descriptor: SeriesDescriptor }[] {
  return Object.entries(table).flatMap(([key, descriptor]) =>
    descriptor.column === null
      ? []
      : [
          {
            descriptor,
            column: {
              key: kind === undefined ? descriptor.column : `${kind}.${name}.${descriptor.column}`,
              unit: descriptor.unit,
              description: describeSeries(descriptor, name),
              values: series[key as keyof T],
            },
          },
        ],
  );
}
