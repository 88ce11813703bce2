/**
 * The cost of one snapshot of the pooled game's state at 10k, 50k and 100k live entities, side by side
 * with bitecs 0.4's own snapshot serializer on the same entities.
 *
 * - framepool: `SnapshotRing.push` of the pooled world's three pools (bullets, enemies, particles) and
 *   its small buffers (ship, generators, spawn debts): what a rewind pays every tick.
 * - bitecs: `createSnapshotSerializer` (from `bitecs/serialization`) over a bitecs world holding the
 *   same records as entities: a body store and an enemy store indexed by entity id, tags for bullets
 *   and particles, every record copied from the pooled world. Its buffer is sized to fit (the
 *   serializer slices the rest of its buffer on every call, so its default 100 MiB costs far more,
 *   measured at 10k as a third row).
 * - the pooled tick itself, stepped between snapshots, so each snapshot is weighed against a tick.
 *
 * Interleaved rounds timed by CPU time (harness.ts), a process of its own per run. Target: framepool at
 * least 100x faster than bitecs at 10k entities, and no collection in the push loop.
 */
import { addComponent, addEntity, createWorld, type World } from 'bitecs';
import { createSnapshotSerializer } from 'bitecs/serialization';
import {
  BODY_FIELDS,
  ENEMY_FIELDS,
  type GameWorld,
  PooledSimulation,
  steadyStep,
  steadyWorldOptions,
  warmUpSteady,
} from '../src/game/index.ts';
import { createFieldArrays, type MemoryPool, SnapshotRing } from '../src/memory/index.ts';
import { type BenchCase, cpuShare, machineLine, measure, pairedRatio } from './harness.ts';
import { fmtRatio, markdownTable, passFail } from './report.ts';

const SIZES = [10_000, 50_000, 100_000];
const SEED = 42;
const TARGET = 100;
/** Snapshots a rewind of 10 s at 60 ticks a second holds. */
const REWIND = 600;

/** The pooled world's state as a ring takes it: its pools and its small buffers. */
function ringOf(world: GameWorld): SnapshotRing {
  return new SnapshotRing({
    capacity: 8,
    pools: [world.bullets, world.enemies.pool, world.particles],
    buffers: [world.ship.data, world.rng.state, world.burstRng.state, world.debts],
  });
}

/** A bitecs world holding every live record of the pooled world as an entity, and its serializer's components. */
function bitecsMirror(world: GameWorld): { ecs: World; components: object[]; entities: number } {
  const { bullets, particles } = world;
  const enemies = world.enemies.pool;
  const total = bullets.live + enemies.live + particles.live;
  const body = createFieldArrays(BODY_FIELDS, total + 1);
  const stats = createFieldArrays(
    { hp: ENEMY_FIELDS.hp, radius: ENEMY_FIELDS.radius, serial: ENEMY_FIELDS.serial },
    total + 1,
  );
  const bullet = {};
  const particle = {};
  const ecs = createWorld();
  const copy = (pool: MemoryPool, tag: object) => {
    const fields = pool.fields as Record<string, ArrayLike<number>>;
    for (let s = 0; s < pool.live; s++) {
      const eid = addEntity(ecs);
      addComponent(ecs, eid, body);
      addComponent(ecs, eid, tag);
      for (const name of Object.keys(BODY_FIELDS))
        (body as Record<string, Float32Array | Uint32Array>)[name][eid] = fields[name][s];
      if (tag === stats) {
        for (const name of Object.keys(stats))
          (stats as Record<string, Float32Array | Int16Array | Uint32Array>)[name][eid] = fields[name][s];
      }
    }
  };
  copy(bullets, bullet);
  copy(enemies, stats);
  copy(particles, particle);
  return { ecs, components: [body, stats, bullet, particle], entities: total };
}

interface Row {
  entities: number;
  framepoolUs: number;
  bitecsUs: number;
  defaultUs: number | null;
  tickUs: number;
  speedup: number;
  snapshotShare: number;
  ringBytes: number;
  written: number;
  bitecsBytes: number;
  pushGcs: number;
  cpu: number;
}

function measureSize(entities: number): Row {
  const sim = warmUpSteady(new PooledSimulation(steadyWorldOptions(entities, SEED)), entities);
  for (let t = 0; t < 60; t++) steadyStep(sim);
  const ring = ringOf(sim.world);
  const mirror = bitecsMirror(sim.world);
  const probe = createSnapshotSerializer(mirror.ecs, mirror.components as never, new ArrayBuffer(256 << 20));
  const bitecsBytes = probe().byteLength;
  const serialize = createSnapshotSerializer(
    mirror.ecs,
    mirror.components as never,
    new ArrayBuffer(Math.ceil(bitecsBytes * 1.25)),
  );
  // What the pools' snapshots write (slots never used are left out), against what the ring reserves.
  const pools = [sim.world.bullets, sim.world.enemies.pool, sim.world.particles];
  const written = pools.reduce((bytes, pool) => bytes + pool.snapshot(new Uint8Array(pool.snapshotBytes)), 0);
  const cases: BenchCase[] = [
    {
      name: 'framepool SnapshotRing.push',
      run(ops) {
        for (let i = 0; i < ops; i++) ring.push();
        return ring.length;
      },
    },
    {
      name: 'bitecs createSnapshotSerializer',
      run(ops) {
        let bytes = 0;
        for (let i = 0; i < ops; i++) bytes += serialize().byteLength;
        return bytes;
      },
    },
    {
      name: 'pooled tick',
      run(ops) {
        for (let i = 0; i < ops; i++) steadyStep(sim);
        return sim.liveCount();
      },
    },
  ];
  if (entities === SIZES[0]) {
    const serializeDefault = createSnapshotSerializer(mirror.ecs, mirror.components as never);
    cases.push({
      name: 'bitecs, default 100 MiB buffer',
      run(ops) {
        let bytes = 0;
        for (let i = 0; i < ops; i++) bytes += serializeDefault().byteLength;
        return bytes;
      },
    });
  }
  const results = measure(cases, { rounds: 15, warmupRounds: 2, roundMs: 40, gcLoopMs: 1000 });
  const [push, bitecs, tick, slow] = results;
  return {
    entities: mirror.entities,
    framepoolUs: push.median / 1000,
    bitecsUs: bitecs.median / 1000,
    defaultUs: slow === undefined ? null : slow.median / 1000,
    tickUs: tick.median / 1000,
    speedup: pairedRatio(bitecs, push),
    snapshotShare: pairedRatio(push, tick),
    ringBytes: ring.snapshotBytes,
    written,
    bitecsBytes,
    pushGcs: push.gcEvents,
    cpu: cpuShare(),
  };
}

const fmtUs = (us: number) => (us < 100 ? us.toFixed(1) : us.toFixed(0));
const fmtMiB = (bytes: number) => (bytes / (1 << 20)).toFixed(bytes < 10 << 20 ? 2 : 0);

export function run(): void {
  console.log(`\n## Snapshots (${machineLine()})\n`);
  const rows = SIZES.map(measureSize);
  console.log(
    markdownTable(
      [
        'target',
        'live',
        'framepool µs',
        'bitecs µs',
        'bitecs / framepool',
        'tick µs',
        'snapshot / tick',
        'ring MiB per snapshot',
        `ring MiB for ${REWIND}`,
        'bitecs MiB',
        'push GCs',
        'CPU',
      ],
      rows.map((r, i) => [
        SIZES[i].toLocaleString('en'),
        r.entities.toLocaleString('en'),
        fmtUs(r.framepoolUs),
        fmtUs(r.bitecsUs) + (r.defaultUs === null ? '' : ` (${fmtUs(r.defaultUs)} with its default buffer)`),
        fmtRatio(r.speedup),
        fmtUs(r.tickUs),
        `${(r.snapshotShare * 100).toFixed(1)}%`,
        fmtMiB(r.ringBytes),
        fmtMiB(r.ringBytes * REWIND),
        fmtMiB(r.bitecsBytes),
        String(r.pushGcs),
        r.cpu.toFixed(2),
      ]),
      'r'.repeat(12),
    ),
  );
  const first = rows[0];
  console.log(
    `\n- ${passFail(first.speedup >= TARGET)}: framepool at least ${TARGET}x faster than bitecs at 10k: ${fmtRatio(first.speedup)}`,
  );
  console.log(
    `- ${passFail(rows.every((r) => r.pushGcs === 0))}: no collection in the push loop: ${rows.map((r) => r.pushGcs).join(', ')}`,
  );
  for (const r of rows) {
    console.log(
      `- ${r.entities.toLocaleString('en')} live: the pools' snapshots write ${fmtMiB(r.written)} MiB of the ${fmtMiB(r.ringBytes)} MiB a ring entry reserves`,
    );
  }
  console.log('');
}
