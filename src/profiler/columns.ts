import type { ProfileSnapshot } from './snapshot.ts';

/** What a column's numbers count. */
export type ColumnUnit = 'tick' | 'ms' | 'bytes' | 'count' | 'slots' | 'entities';

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
 */
export function tickColumns(snapshot: ProfileSnapshot): TickColumn[] {
  const t = snapshot.ticks;
  const columns: TickColumn[] = [
    column('tick', 'tick', 'tick number since the profiler was made or cleared', t.tick),
    column('start_ms', 'ms', 'clock at beginTick', t.startMs),
    column('tick_ms', 'ms', 'time from beginTick to endTick', t.tickMs),
    column('entities', 'entities', 'entity count passed to endTick', t.entities),
    column('arena.used', 'bytes', 'arena bytes in use at endTick', t.arenaUsed),
    column('arena.peak', 'bytes', 'highest arena use within the tick', t.arenaPeak),
    column('arena.allocs', 'count', 'arena allocations in the tick', t.arenaAllocations),
    column('arena.failures', 'count', 'arena allocations refused in the tick', t.arenaFailures),
  ];
  for (const pool of snapshot.pools) {
    const s = pool.series;
    const key = `pool.${pool.name}`;
    columns.push(
      column(`${key}.live`, 'slots', `live slots of pool ${pool.name} at endTick`, s.live),
      column(`${key}.peak`, 'slots', `highest live count of pool ${pool.name} within the tick`, s.peak),
      column(`${key}.allocs`, 'count', `allocations from pool ${pool.name} in the tick`, s.allocations),
      column(`${key}.frees`, 'count', `frees to pool ${pool.name} in the tick`, s.frees),
      column(`${key}.failures`, 'count', `allocations refused by pool ${pool.name} in the tick`, s.failures),
    );
  }
  for (const system of snapshot.systems) {
    const s = system.series;
    const key = `system.${system.name}`;
    columns.push(
      column(`${key}.ms`, 'ms', `time inside system ${system.name}`, s.ms),
      column(`${key}.bytes`, 'bytes', `arena bytes system ${system.name} left allocated`, s.bytes),
      column(
        `${key}.peak_bytes`,
        'bytes',
        `arena peak inside system ${system.name} above its start`,
        s.peakBytes,
      ),
      column(`${key}.allocs`, 'count', `arena allocations inside system ${system.name}`, s.allocations),
      column(
        `${key}.failures`,
        'count',
        `arena allocations refused inside system ${system.name}`,
        s.failures,
      ),
      column(`${key}.calls`, 'count', `runs of system ${system.name} in the tick`, s.calls),
    );
  }
  for (const tag of snapshot.tags) {
    columns.push(
      column(`tag.${tag.name}.bytes`, 'bytes', `bytes tagged ${tag.name} in the tick`, tag.series.bytes),
      column(`tag.${tag.name}.count`, 'count', `calls tagged ${tag.name} in the tick`, tag.series.count),
    );
  }
  return columns;
}

function column(key: string, unit: ColumnUnit, description: string, values: Float64Array): TickColumn {
  return { key, unit, description, values };
}
