import {
  addComponent,
  addEntity,
  commitRemovals,
  createWorld,
  type Query,
  registerQuery,
  removeEntity,
  type World,
} from 'bitecs';
import { createRng, type Rng, reseed } from '../loop/index.ts';
import { createFieldArrays, type FieldArrays, type PoolFigures } from '../memory/index.ts';
import { BURST_COUNT, BURST_FLOATS, BURST_KEY } from './burst.ts';
import { createInput, type GameInput } from './InputState.ts';
import { type GameOptions, type ResolvedGameOptions, resolveGameOptions } from './options.ts';
import {
  bulletExpired,
  bulletsDue,
  burstSeed,
  cellOf,
  clampCell,
  createDebts,
  dragged,
  enemiesDue,
  exhaustDue,
  explodes,
  hpAfter,
  integrateBody,
  overlaps,
  particleDrag,
  particleLife,
  RULES,
  rollBullet,
  rollEnemy,
  rollParticle,
  seek,
  seekTurn,
  writeExhaust,
  writeExplosion,
  writeSpark,
} from './rules.ts';
import { ShipBody } from './ShipBody.ts';
import {
  requireFiguresOut,
  requireSink,
  requireSpriteKind,
  type Simulation,
  type SpriteKind,
  type SpriteSink,
} from './Simulation.ts';
import { SteppedSimulation } from './SteppedSimulation.ts';
import { BODY_FIELDS, ENEMY_FIELDS, type EnemySchema } from './schema.ts';

const KIND = { bullets: 0, enemies: 1, particles: 2 } as const;

/**
 * The game written the way bitecs 0.4's documentation recommends, the anchor framepool's pooled world
 * is measured against: bullets, enemies and particles are all entities; their components are
 * struct-of-arrays stores indexed by entity id (`Body`, `Enemy`, and the tags `Bullet` and
 * `Particle`); systems iterate queries registered once (`registerQuery`, `q.dense`,
 * `commitRemovals`). Its per-tick scratch (the collision grid, the hits, the burst queue) is typed
 * arrays made once, as a data-oriented bitecs user would write it, so what it allocates per tick is
 * what bitecs itself allocates on every structural change.
 *
 * Budgets are counted per kind, as the pooled world's pools enforce them, and the stores are sized to
 * their sum. It takes every number and decision from the rules, so it plays the pooled world's game.
 */
export class BitecsSimulation extends SteppedSimulation implements Simulation {
  readonly mode = 'bitecs';
  readonly width: number;
  readonly height: number;
  readonly input: GameInput;
  readonly ship: ShipBody;
  readonly arena = null;
  /** The bitecs world. */
  readonly world: World;
  kills = 0;

  /** Position, velocity and looks of everything that moves, indexed by entity id. */
  private readonly body;
  /** Enemy stats (hp, radius, serial) with the body fields: the rules' enemy record, by entity id. */
  private readonly enemy: FieldArrays<EnemySchema>;
  private readonly queries: Readonly<Record<SpriteKind, Query>>;
  private readonly tags: Readonly<Record<SpriteKind, object>>;
  private readonly options: ResolvedGameOptions;
  private readonly rng: Rng;
  private readonly burstRng = createRng(0);
  private readonly debts = createDebts();
  private enemiesSpawned = 0;
  /** Live, peak and refused spawns per kind, indexed by {@link KIND}. */
  private readonly live = new Int32Array(3);
  private readonly peak = new Int32Array(3);
  private readonly refused = new Float64Array(3);
  private readonly velocity = new Float32Array(2);

  // Collision scratch, made once: enemies linked per grid cell (by centre), damage per entity, bursts.
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellHead: Int32Array;
  private readonly cellNext: Int32Array;
  private readonly damage: Int32Array;
  private readonly bursts: Float32Array;

  /** @throws TypeError or RangeError naming a bad option; see `GameOptions`. */
  constructor(options: GameOptions = {}) {
    super();
    this.options = resolveGameOptions(options);
    const { width, height, seed, bullets, enemies, particles } = this.options;
    this.width = width;
    this.height = height;
    this.rng = createRng(seed);
    this.input = createInput(width, height);
    this.ship = new ShipBody(width / 2, height / 2, -Math.PI / 2);
    // bitecs recycles ids, so they stay below the live count plus one.
    const maxEntities = bullets + enemies + particles + 1;
    this.body = createFieldArrays(BODY_FIELDS, maxEntities);
    const stats = createFieldArrays(
      { hp: ENEMY_FIELDS.hp, radius: ENEMY_FIELDS.radius, serial: ENEMY_FIELDS.serial },
      maxEntities,
    );
    this.enemy = { ...this.body, ...stats };
    this.world = createWorld();
    this.tags = { bullets: {}, enemies: stats, particles: {} };
    this.queries = {
      bullets: registerQuery(this.world, [this.body, this.tags.bullets]),
      enemies: registerQuery(this.world, [this.body, this.tags.enemies]),
      particles: registerQuery(this.world, [this.body, this.tags.particles]),
    };
    this.cols = Math.ceil(width / RULES.cellSize) + 1;
    this.rows = Math.ceil(height / RULES.cellSize) + 1;
    this.cellHead = new Int32Array(this.cols * this.rows);
    this.cellNext = new Int32Array(maxEntities);
    this.damage = new Int32Array(maxEntities);
    this.bursts = new Float32Array(BURST_FLOATS * 2 * enemies);
  }

  draw(kind: SpriteKind, sink: SpriteSink): number {
    requireSpriteKind(kind);
    requireSink(sink);
    const dense = this.queries[kind].dense;
    const body = this.body;
    const n = Math.min(dense.length, sink.capacity);
    for (let i = 0; i < n; i++) {
      const e = dense[i];
      sink.set(i, body.x[e], body.y[e], body.rotation[e], body.scale[e], body.tint[e], body.alpha[e]);
    }
    return n;
  }

  liveCount(): number {
    return this.live[0] + this.live[1] + this.live[2];
  }

  figures(kind: SpriteKind, out: PoolFigures): PoolFigures {
    requireSpriteKind(kind);
    requireFiguresOut(out);
    const k = KIND[kind];
    out.live = this.live[k];
    out.capacity = this.options[kind];
    out.highWater = this.peak[k];
    out.failureCount = this.refused[k];
    return out;
  }

  pool(kind: SpriteKind): null {
    requireSpriteKind(kind);
    return null;
  }

  /** A new entity of `kind`, or -1 when its budget is used up (counted as refused). */
  private spawnOf(kind: SpriteKind): number {
    const k = KIND[kind];
    if (this.live[k] >= this.options[kind]) {
      this.refused[k]++;
      return -1;
    }
    const eid = addEntity(this.world);
    addComponent(this.world, eid, this.body);
    addComponent(this.world, eid, this.tags[kind]);
    if (++this.live[k] > this.peak[k]) this.peak[k] = this.live[k];
    return eid;
  }

  private despawn(kind: SpriteKind, eid: number): void {
    removeEntity(this.world, eid);
    this.live[KIND[kind]]--;
  }

  protected spawn(dt: number): void {
    const { input, rng } = this;
    for (let n = bulletsDue(this.debts, input, dt); n > 0; n--) {
      const eid = this.spawnOf('bullets');
      if (eid === -1) break;
      rollBullet(this.body, eid, rng, this.ship);
    }
    for (let n = enemiesDue(this.debts, input, dt); n > 0; n--) {
      const eid = this.spawnOf('enemies');
      if (eid === -1) break;
      rollEnemy(this.enemy, eid, rng, this.width, this.height, this.enemiesSpawned++);
    }
    writeExhaust(this.ship, exhaustDue(this.debts, input, dt), this.bursts, 0);
    this.spawnBurst(0);
  }

  protected move(dt: number): void {
    const body = this.body;
    const bullets = this.queries.bullets.dense;
    for (let i = 0; i < bullets.length; i++) integrateBody(body, bullets[i], dt);
    const enemies = this.queries.enemies.dense;
    const turn = seekTurn(dt);
    const { x: shipX, y: shipY } = this.ship;
    for (let i = 0; i < enemies.length; i++) {
      const e = enemies[i];
      seek(body.vx[e], body.vy[e], shipX - body.x[e], shipY - body.y[e], turn, this.velocity);
      body.vx[e] = this.velocity[0];
      body.vy[e] = this.velocity[1];
      integrateBody(body, e, dt);
    }
  }

  protected expireBullets(): void {
    const body = this.body;
    const dense = this.queries.bullets.dense;
    for (let i = 0; i < dense.length; i++) {
      const b = dense[i];
      if (bulletExpired(body.age[b], body.ttl[b], body.x[b], body.y[b], this.width, this.height)) {
        this.despawn('bullets', b);
      }
    }
    commitRemovals(this.world);
  }

  /**
   * Enemies go into the grid cell of their centre; a bullet looks at its cell and the eight around it,
   * which holds every enemy that can overlap it (no enemy is wider than a cell).
   */
  protected collide(): void {
    const { body, enemy, cellHead, cellNext, damage, cols, rows } = this;
    const enemies = this.queries.enemies.dense;
    cellHead.fill(-1);
    for (let i = 0; i < enemies.length; i++) {
      const e = enemies[i];
      const cell = clampCell(cellOf(body.y[e]), rows) * cols + clampCell(cellOf(body.x[e]), cols);
      cellNext[e] = cellHead[cell];
      cellHead[cell] = e;
    }
    const bullets = this.queries.bullets.dense;
    for (let i = 0; i < bullets.length; i++) {
      const b = bullets[i];
      const target = this.targetOf(body.x[b], body.y[b]);
      if (target === -1) continue;
      damage[target]++;
      this.despawn('bullets', b);
    }
    let queued = 0;
    for (let i = 0; i < enemies.length; i++) {
      const e = enemies[i];
      const hits = damage[e];
      if (hits > 0) {
        damage[e] = 0;
        writeSpark(this.bursts, queued++ * BURST_FLOATS, body.x[e], body.y[e], hits, enemy.serial[e]);
        enemy.hp[e] = hpAfter(enemy.hp[e], hits);
      }
      if (explodes(enemy.hp[e], body.x[e], body.y[e], enemy.radius[e], this.ship)) {
        const at = queued++ * BURST_FLOATS;
        writeExplosion(this.bursts, at, body.x[e], body.y[e], enemy.radius[e], body.tint[e], enemy.serial[e]);
        this.despawn('enemies', e);
        this.kills++;
      }
    }
    commitRemovals(this.world);
    for (let i = 0; i < queued; i++) this.spawnBurst(i * BURST_FLOATS);
  }

  /** The overlapping enemy with the lowest serial around (x, y), or -1. */
  private targetOf(x: number, y: number): number {
    const { enemy, cellHead, cellNext, cols, rows } = this;
    const cx = cellOf(x);
    const cy = cellOf(y);
    let target = -1;
    for (let gy = Math.max(0, Math.min(cy, rows - 1) - 1); gy <= Math.min(rows - 1, cy + 1); gy++) {
      for (let gx = Math.max(0, Math.min(cx, cols - 1) - 1); gx <= Math.min(cols - 1, cx + 1); gx++) {
        for (let e = cellHead[gy * cols + gx]; e !== -1; e = cellNext[e]) {
          if (
            (target === -1 || enemy.serial[e] < enemy.serial[target]) &&
            overlaps(enemy.x[e], enemy.y[e], enemy.radius[e], x, y)
          ) {
            target = e;
          }
        }
      }
    }
    return target;
  }

  protected updateParticles(dt: number): void {
    const body = this.body;
    const drag = particleDrag(dt);
    const dense = this.queries.particles.dense;
    for (let i = 0; i < dense.length; i++) {
      const p = dense[i];
      body.vx[p] = dragged(body.vx[p], drag);
      body.vy[p] = dragged(body.vy[p], drag);
      integrateBody(body, p, dt);
      const life = particleLife(body.age[p], body.ttl[p]);
      if (life <= 0) this.despawn('particles', p);
      else body.alpha[p] = life;
    }
    commitRemovals(this.world);
  }

  /** Throws the particles of the burst record at `at` of the queue, from the burst's own generator. */
  private spawnBurst(at: number): void {
    const records = this.bursts;
    reseed(this.burstRng, burstSeed(this.options.seed, this.tick, records[at + BURST_KEY]));
    for (let n = records[at + BURST_COUNT]; n > 0; n--) {
      const eid = this.spawnOf('particles');
      if (eid === -1) return;
      rollParticle(this.body, eid, this.burstRng, records, at);
    }
  }
}
