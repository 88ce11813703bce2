/**
 * How a system reaches a pooled component's record, measured side by side: from an entity id, the
 * checked lookup (`pool.slotOf(handles[eid])`, which catches a stale entity) and stores indexed by
 * entity id (bitecs' native layout, and a pooled component's with `indexBy: 'entity'`); and walking
 * the pool in slot order, through `nextLive` and with a plain loop to `pool.live` (its records are
 * packed). Each op moves one body record (the motion system's work) for 50,000 entities, visited from
 * ids in a shuffled order (query order and slot order disagree, as after play).
 */

import { BODY_FIELDS, integrateBody } from '../src/game/index.ts';
import { MemoryPool } from '../src/memory/index.ts';
import { type BenchCase, machineLine, measure, pairedRatio } from './harness.ts';
import { fmtNs, fmtRatio, markdownTable } from './report.ts';

const N = 50_000;
const DT = 1e-6;

function entities() {
  const pool = new MemoryPool({ capacity: N, fields: BODY_FIELDS });
  const byEntity = new MemoryPool({ capacity: N + 1, fields: BODY_FIELDS });
  const handles = new Int32Array(N + 1).fill(-1);
  const dense: number[] = [];
  for (let eid = 1; eid <= N; eid++) {
    handles[eid] = pool.alloc();
    dense.push(eid);
  }
  // A fixed shuffle: query order and slot order disagree, as they do after spawns and deaths.
  for (let i = dense.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [dense[i], dense[j]] = [dense[j], dense[i]];
  }
  return { pool, byEntity, handles, dense };
}

export function run(): void {
  const { pool, byEntity, handles, dense } = entities();
  const body = pool.fields;
  const cases: BenchCase[] = [
    {
      name: 'checked: `pool.slotOf(handles[eid])`',
      quantum: N,
      run(ops) {
        for (let k = 0; k < ops; k += N)
          for (let i = 0; i < N; i++) integrateBody(body, pool.slotOf(handles[dense[i]]), DT);
        return body.x[0] | 0;
      },
    },
    {
      name: 'stores indexed by entity id',
      quantum: N,
      run(ops) {
        const fields = byEntity.fields;
        for (let k = 0; k < ops; k += N) for (let i = 0; i < N; i++) integrateBody(fields, dense[i], DT);
        return fields.x[0] | 0;
      },
    },
    {
      name: 'slot order: `pool.nextLive`',
      quantum: N,
      run(ops) {
        for (let k = 0; k < ops; k += N)
          for (let s = pool.nextLive(-1); s !== -1; s = pool.nextLive(s)) integrateBody(body, s, DT);
        return body.x[0] | 0;
      },
    },
    {
      name: 'slot order: a loop to `pool.live`',
      quantum: N,
      run(ops) {
        for (let k = 0; k < ops; k += N)
          for (let s = 0, n = pool.live; s < n; s++) integrateBody(body, s, DT);
        return body.x[0] | 0;
      },
    },
  ];
  console.log(`\n## Entity to record lookup, 50,000 entities (${machineLine()})\n`);
  const results = measure(cases, { rounds: 25, warmupRounds: 3, roundMs: 20, gcLoopMs: 500 });
  const baseline = results[0];
  console.log(
    markdownTable(
      ['lookup', 'ns/entity', 'vs checked', 'GCs'],
      results.map((r) => [r.name, fmtNs(r.median), fmtRatio(pairedRatio(r, baseline)), String(r.gcEvents)]),
      'lrrr',
    ),
  );
}
