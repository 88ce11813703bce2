import { createRng, type Rng } from '../loop/index.ts';
import { createFieldArrays, type FieldArrays, type PoolFigures } from '../memory/index.ts';
import { BURST_COUNT, BURST_FLOATS, BURST_KEY } from './burst.ts';
import { createInput, type GameInput } from './InputState.ts';
import { type GameOptions, type ResolvedGameOptions, resolveGameOptions } from './options.ts';
import {
  bulletExpired,
  bulletsDue,
  burstSeed,
  cellOf,
  createDebts,
  dragged,
  enemiesDue,
  exhaustDue,
  explodes,
  hpAfter,
  overlaps,
  particleDrag,
  particleLife,
  rollBullet,
  rollEnemy,
  rollParticle,
  seek,
  seekTurn,
  stepped,
  writeExhaust,
  writeExplosion,
  writeSpark,
} from './rules.ts';
import {
  requireFiguresOut,
  requireSink,
  requireSpriteKind,
  type ShipState,
  type Simulation,
  type SpriteKind,
  type SpriteSink,
} from './Simulation.ts';
import { SteppedSimulation } from './SteppedSimulation.ts';
import { ENEMY_FIELDS, type EnemySchema } from './schema.ts';

/** One thing as object-per-entity code writes it: a fresh object, numbers in its fields. */
interface Thing {
  x: number;
  y: number;
  vx: number;
  vy: number;
  rotation: number;
  spin: number;
  age: number;
  ttl: number;
  scale: number;
  alpha: number;
  tint: number;
  hp: number;
  radius: number;
  serial: number;
}

/**
 * The same game written the usual way, as the baseline the pooled world is measured against: an
 * object per thing, arrays rebuilt with `filter`, a `Map` of arrays for the collision grid, and fresh
 * maps, sets and lists every tick. Everything it makes becomes garbage.
 *
 * It takes every number and decision from the rules, as the pooled world does (a new thing's numbers
 * are rolled into a one-record scratch and copied into a fresh object), so the two play the same game;
 * only the storage differs. It keeps the pooled world's budgets (a spawn past one is refused and
 * counted), so the two hold the same number of things and the comparison is of storage alone.
 */
export class NaiveSimulation extends SteppedSimulation implements Simulation {
  readonly mode = 'naive';
  readonly width: number;
  readonly height: number;
  readonly input: GameInput;
  readonly ship: ShipState;
  readonly arena = null;
  kills = 0;
  private bullets: Thing[] = [];
  private enemies: Thing[] = [];
  private particles: Thing[] = [];
  private readonly options: ResolvedGameOptions;
  private readonly rng: Rng;
  private readonly debts = createDebts();
  private enemiesSpawned = 0;
  private readonly peaks = { bullets: 0, enemies: 0, particles: 0 };
  private readonly refused = { bullets: 0, enemies: 0, particles: 0 };
  private readonly scratch: FieldArrays<EnemySchema> = createFieldArrays(ENEMY_FIELDS, 1);
  private readonly velocity = new Float32Array(2);

  /** @throws TypeError or RangeError naming a bad option; see `GameOptions`. */
  constructor(options: GameOptions = {}) {
    super();
    this.options = resolveGameOptions(options);
    this.width = this.options.width;
    this.height = this.options.height;
    this.rng = createRng(this.options.seed);
    this.input = createInput(this.width, this.height);
    this.ship = { x: this.width / 2, y: this.height / 2, vx: 0, vy: 0, angle: -Math.PI / 2 };
  }

  /** Ends a step run system by system: notes the peaks, then counts the tick. */
  override endStep(): void {
    for (const kind of ['bullets', 'enemies', 'particles'] as const) {
      this.peaks[kind] = Math.max(this.peaks[kind], this[kind].length);
    }
    super.endStep();
  }

  protected spawn(dt: number): void {
    const { ship, input, rng, scratch } = this;
    for (let n = this.admit('bullets', bulletsDue(this.debts, input, dt)); n > 0; n--) {
      rollBullet(scratch, 0, rng, ship);
      this.bullets.push(thingOf(scratch));
    }
    for (let n = this.admit('enemies', enemiesDue(this.debts, input, dt)); n > 0; n--) {
      rollEnemy(scratch, 0, rng, this.width, this.height, this.enemiesSpawned++);
      this.enemies.push(thingOf(scratch));
    }
    const trail = new Float32Array(BURST_FLOATS);
    writeExhaust(ship, exhaustDue(this.debts, input, dt), trail, 0);
    this.particles = this.particles.concat(this.burst(trail));
  }

  protected move(dt: number): void {
    const ship = this.ship;
    this.bullets.forEach((b) => {
      this.integrate(b, dt);
    });
    const turn = seekTurn(dt);
    for (const e of this.enemies) {
      seek(e.vx, e.vy, ship.x - e.x, ship.y - e.y, turn, this.velocity);
      [e.vx, e.vy] = this.velocity;
      this.integrate(e, dt);
    }
  }

  protected expireBullets(): void {
    this.bullets = this.bullets.filter(
      (b) => !bulletExpired(b.age, b.ttl, b.x, b.y, this.width, this.height),
    );
  }

  protected updateParticles(dt: number): void {
    const drag = particleDrag(dt);
    for (const p of this.particles) {
      p.vx = dragged(p.vx, drag);
      p.vy = dragged(p.vy, drag);
      this.integrate(p, dt);
      p.alpha = particleLife(p.age, p.ttl);
    }
    this.particles = this.particles.filter((p) => p.alpha > 0);
  }

  draw(kind: SpriteKind, sink: SpriteSink): number {
    requireSpriteKind(kind);
    requireSink(sink);
    const things = this[kind].slice(0, sink.capacity);
    things.forEach((t, i) => {
      sink.set(i, t.x, t.y, t.rotation, t.scale, t.tint, t.alpha);
    });
    return things.length;
  }

  liveCount(): number {
    return this.bullets.length + this.enemies.length + this.particles.length;
  }

  /** `capacity` is the budget the pooled game would have (the options'), so the two show on one scale. */
  figures(kind: SpriteKind, out: PoolFigures): PoolFigures {
    requireSpriteKind(kind);
    requireFiguresOut(out);
    out.live = this[kind].length;
    out.capacity = this.options[kind];
    out.highWater = this.peaks[kind];
    out.failureCount = this.refused[kind];
    return out;
  }

  pool(kind: SpriteKind): null {
    requireSpriteKind(kind);
    return null;
  }

  private integrate(t: Thing, dt: number): void {
    t.x = stepped(t.x, t.vx, dt);
    t.y = stepped(t.y, t.vy, dt);
    t.rotation = stepped(t.rotation, t.spin, dt);
    t.age = stepped(t.age, 1, dt);
  }

  protected collide(): void {
    const grid = new Map<string, Thing[]>();
    for (const e of this.enemies) {
      for (let cy = cellOf(e.y - e.radius); cy <= cellOf(e.y + e.radius); cy++) {
        for (let cx = cellOf(e.x - e.radius); cx <= cellOf(e.x + e.radius); cx++) {
          const key = `${cx},${cy}`;
          const cell = grid.get(key);
          if (cell) cell.push(e);
          else grid.set(key, [e]);
        }
      }
    }
    const damage = new Map<Thing, number>();
    const spent = new Set<Thing>();
    for (const b of this.bullets) {
      const [target] = (grid.get(`${cellOf(b.x)},${cellOf(b.y)}`) ?? [])
        .filter((e) => overlaps(e.x, e.y, e.radius, b.x, b.y))
        .sort((a, c) => a.serial - c.serial);
      if (target === undefined) continue;
      spent.add(b);
      damage.set(target, (damage.get(target) ?? 0) + 1);
    }
    const bursts: Float32Array[] = [];
    for (const e of this.enemies) {
      const hits = damage.get(e) ?? 0;
      if (hits > 0) {
        const spark = new Float32Array(BURST_FLOATS);
        writeSpark(spark, 0, e.x, e.y, hits, e.serial);
        bursts.push(spark);
        e.hp = hpAfter(e.hp, hits);
      }
      if (explodes(e.hp, e.x, e.y, e.radius, this.ship)) {
        const explosion = new Float32Array(BURST_FLOATS);
        writeExplosion(explosion, 0, e.x, e.y, e.radius, e.tint, e.serial);
        bursts.push(explosion);
        e.hp = 0;
        this.kills++;
      }
    }
    this.bullets = this.bullets.filter((b) => !spent.has(b));
    this.enemies = this.enemies.filter((e) => e.hp > 0);
    for (const burst of bursts) this.particles.push(...this.burst(burst));
  }

  /**
   * How many of `wanted` new things of `kind` its budget has room for. A shortfall counts as one
   * refusal, as a pool counts its first failed allocation, where spawning stops.
   */
  private admit(kind: SpriteKind, wanted: number): number {
    const room = this.options[kind] - this[kind].length;
    if (wanted <= room) return wanted;
    this.refused[kind]++;
    return room;
  }

  /** The particles of a burst record that fit the budget, from the burst's own generator. */
  private burst(record: Float32Array): Thing[] {
    const rng = createRng(burstSeed(this.options.seed, this.tick, record[BURST_KEY]));
    return Array.from({ length: this.admit('particles', record[BURST_COUNT]) }, () => {
      rollParticle(this.scratch, 0, rng, record, 0);
      return thingOf(this.scratch);
    });
  }
}

/** A fresh object holding record 0 of `scratch`. */
function thingOf(scratch: FieldArrays<EnemySchema>): Thing {
  return {
    x: scratch.x[0],
    y: scratch.y[0],
    vx: scratch.vx[0],
    vy: scratch.vy[0],
    rotation: scratch.rotation[0],
    spin: scratch.spin[0],
    age: scratch.age[0],
    ttl: scratch.ttl[0],
    scale: scratch.scale[0],
    alpha: scratch.alpha[0],
    tint: scratch.tint[0],
    hp: scratch.hp[0],
    radius: scratch.radius[0],
    serial: scratch.serial[0],
  };
}
