import { createRng, nextFloat, nextRange, type Rng } from '../loop/index.ts';
import { BULLET_TINT, ENEMY_TINTS, EXHAUST_TINT, RULES } from './rules.ts';
import {
  createInput,
  type GameInput,
  type PoolUsage,
  type ShipState,
  type Simulation,
  type SpriteKind,
  type SpriteSink,
} from './Simulation.ts';
import { STEP_SECONDS } from './step.ts';

/** One entity as object-per-entity code writes it: a fresh object, numbers in its fields. */
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
}

/** Sizes of a naive game; they only cap what is drawn, since arrays grow without limit. */
export interface NaiveOptions {
  seed?: number;
  width?: number;
  height?: number;
}

/**
 * The same game written the usual way, as the baseline the pooled world is measured against: an
 * object per entity, arrays rebuilt with `filter`, a `Map` of arrays for the collision grid, and
 * fresh lists of hits and explosions every tick. Everything it makes becomes garbage.
 */
export class NaiveSimulation implements Simulation {
  readonly mode = 'naive';
  readonly width: number;
  readonly height: number;
  readonly input: GameInput;
  readonly ship: ShipState;
  tick = 0;
  kills = 0;
  private bullets: Thing[] = [];
  private enemies: Thing[] = [];
  private particles: Thing[] = [];
  private readonly rng: Rng;
  private fireDebt = 0;
  private enemyDebt = 0;
  private exhaustDebt = 0;
  private readonly peaks = { bullets: 0, enemies: 0, particles: 0 };

  constructor(options: NaiveOptions = {}) {
    this.width = options.width ?? 1280;
    this.height = options.height ?? 720;
    this.rng = createRng(options.seed ?? 1);
    this.input = createInput(this.width, this.height);
    this.ship = { x: this.width / 2, y: this.height / 2, vx: 0, vy: 0, angle: -Math.PI / 2 };
  }

  step(): void {
    const dt = STEP_SECONDS;
    this.steer(dt);
    this.spawn(dt);
    this.exhaust(dt);
    for (const b of this.bullets) this.integrate(b, dt);
    for (const e of this.enemies) this.seek(e, dt);
    this.bullets = this.bullets.filter(
      (b) => b.age < b.ttl && b.x >= 0 && b.y >= 0 && b.x <= this.width && b.y <= this.height,
    );
    this.collide();
    const drag = Math.max(0, 1 - RULES.particleDrag * dt);
    for (const p of this.particles) {
      p.vx *= drag;
      p.vy *= drag;
      this.integrate(p, dt);
      p.alpha = 1 - p.age / p.ttl;
    }
    this.particles = this.particles.filter((p) => p.alpha > 0);
    this.peaks.bullets = Math.max(this.peaks.bullets, this.bullets.length);
    this.peaks.enemies = Math.max(this.peaks.enemies, this.enemies.length);
    this.peaks.particles = Math.max(this.peaks.particles, this.particles.length);
    this.tick++;
  }

  draw(kind: SpriteKind, sink: SpriteSink): number {
    const things = this[kind].slice(0, sink.capacity);
    things.forEach((t, i) => {
      sink.set(i, t.x, t.y, t.rotation, t.scale, t.tint, t.alpha);
    });
    return things.length;
  }

  entityCount(): number {
    return this.bullets.length + this.enemies.length + this.particles.length;
  }

  usage(kind: SpriteKind, out: PoolUsage): PoolUsage {
    out.live = this[kind].length;
    out.capacity = this[kind].length;
    out.highWater = this.peaks[kind];
    out.dropped = 0;
    return out;
  }

  private steer(dt: number): void {
    const { ship, input } = this;
    const drag = Math.max(0, 1 - RULES.shipDrag * dt);
    const move = {
      x: Number.isFinite(input.moveX) ? Math.max(-1, Math.min(1, input.moveX)) : 0,
      y: Number.isFinite(input.moveY) ? Math.max(-1, Math.min(1, input.moveY)) : 0,
    };
    ship.vx = (ship.vx + move.x * RULES.shipAcceleration * dt) * drag;
    ship.vy = (ship.vy + move.y * RULES.shipAcceleration * dt) * drag;
    ship.x = Math.max(RULES.shipRadius, Math.min(this.width - RULES.shipRadius, ship.x + ship.vx * dt));
    ship.y = Math.max(RULES.shipRadius, Math.min(this.height - RULES.shipRadius, ship.y + ship.vy * dt));
    ship.angle = Math.atan2(input.aimY - ship.y, input.aimX - ship.x);
  }

  private spawn(dt: number): void {
    const { input, ship, rng } = this;
    this.fireDebt = input.firing ? this.fireDebt + Math.max(0, input.fireRate) * dt : 0;
    for (; this.fireDebt >= 1; this.fireDebt--) {
      const angle = ship.angle + nextRange(rng, -RULES.bulletSpread, RULES.bulletSpread);
      const lead = RULES.shipRadius + nextFloat(rng) * RULES.bulletSpeed * dt;
      this.bullets.push({
        ...blank(),
        x: ship.x + Math.cos(angle) * lead,
        y: ship.y + Math.sin(angle) * lead,
        vx: Math.cos(angle) * RULES.bulletSpeed + ship.vx,
        vy: Math.sin(angle) * RULES.bulletSpeed + ship.vy,
        rotation: angle,
        ttl: RULES.bulletTtl,
        scale: RULES.bulletScale,
        tint: BULLET_TINT,
      });
    }
    this.enemyDebt += Math.max(0, input.enemyRate) * dt;
    for (; this.enemyDebt >= 1; this.enemyDebt--) {
      const radius = nextRange(rng, RULES.enemyRadiusMin, RULES.enemyRadiusMax);
      const edge = Math.floor(nextFloat(rng) * 4);
      const along = nextFloat(rng);
      const x = edge === 0 ? -radius : edge === 1 ? this.width + radius : along * this.width;
      const y = edge === 2 ? -radius : edge === 3 ? this.height + radius : along * this.height;
      const heading = Math.atan2(this.height / 2 - y, this.width / 2 - x) + nextRange(rng, -0.6, 0.6);
      const speed = nextRange(rng, RULES.enemySpeedMin, RULES.enemySpeedMax);
      this.enemies.push({
        ...blank(),
        x,
        y,
        vx: Math.cos(heading) * speed,
        vy: Math.sin(heading) * speed,
        rotation: nextFloat(rng) * Math.PI * 2,
        spin: nextRange(rng, -1.5, 1.5),
        scale: radius / RULES.enemyRadiusMax,
        tint: ENEMY_TINTS[Math.floor(nextFloat(rng) * ENEMY_TINTS.length)],
        hp: Math.round(nextRange(rng, RULES.enemyHpMin, RULES.enemyHpMax)),
        radius,
      });
    }
  }

  private exhaust(dt: number): void {
    this.exhaustDebt += Math.max(0, this.input.exhaustRate) * dt;
    const count = Math.floor(this.exhaustDebt);
    this.exhaustDebt -= count;
    const back = this.ship.angle + Math.PI;
    const x = this.ship.x + Math.cos(back) * RULES.shipRadius;
    const y = this.ship.y + Math.sin(back) * RULES.shipRadius;
    this.particles = this.particles.concat(this.burst(x, y, count, EXHAUST_TINT, back, RULES.exhaustSpread));
  }

  private integrate(t: Thing, dt: number): void {
    t.x += t.vx * dt;
    t.y += t.vy * dt;
    t.rotation += t.spin * dt;
    t.age += dt;
  }

  private seek(e: Thing, dt: number): void {
    const dx = this.ship.x - e.x;
    const dy = this.ship.y - e.y;
    const speed = Math.hypot(e.vx, e.vy);
    const distance = Math.hypot(dx, dy) || 1;
    const turn = Math.min(1, RULES.enemySeek * dt);
    e.vx += ((dx / distance) * speed - e.vx) * turn;
    e.vy += ((dy / distance) * speed - e.vy) * turn;
    this.integrate(e, dt);
  }

  private collide(): void {
    const grid = new Map<string, Thing[]>();
    const cellOf = (x: number, y: number) =>
      `${Math.floor(x / RULES.cellSize)},${Math.floor(y / RULES.cellSize)}`;
    for (const e of this.enemies) {
      for (
        let cy = Math.floor((e.y - e.radius) / RULES.cellSize);
        cy <= Math.floor((e.y + e.radius) / RULES.cellSize);
        cy++
      ) {
        for (
          let cx = Math.floor((e.x - e.radius) / RULES.cellSize);
          cx <= Math.floor((e.x + e.radius) / RULES.cellSize);
          cx++
        ) {
          const key = `${cx},${cy}`;
          grid.set(key, [...(grid.get(key) ?? []), e]);
        }
      }
    }
    const hits = this.bullets
      .map((b) => ({
        bullet: b,
        enemy: (grid.get(cellOf(b.x, b.y)) ?? []).find((e) => Math.hypot(e.x - b.x, e.y - b.y) < e.radius),
      }))
      .filter((hit) => hit.enemy !== undefined);
    const spent = new Set<Thing>();
    const bursts: { x: number; y: number; count: number; tint: number }[] = [];
    for (const { bullet, enemy } of hits) {
      if (!enemy || enemy.hp <= 0) continue;
      spent.add(bullet);
      bursts.push({ x: enemy.x, y: enemy.y, count: RULES.sparkPerHit, tint: 0xffffff });
      if (--enemy.hp <= 0) bursts.push(this.explode(enemy));
    }
    for (const e of this.enemies) {
      if (e.hp > 0 && Math.hypot(e.x - this.ship.x, e.y - this.ship.y) < e.radius + RULES.shipRadius) {
        e.hp = 0;
        bursts.push(this.explode(e));
      }
    }
    this.bullets = this.bullets.filter((b) => !spent.has(b));
    this.enemies = this.enemies.filter((e) => e.hp > 0);
    for (const burst of bursts) this.particles.push(...this.burst(burst.x, burst.y, burst.count, burst.tint));
  }

  private explode(e: Thing): { x: number; y: number; count: number; tint: number } {
    this.kills++;
    return { x: e.x, y: e.y, count: Math.round(e.radius * RULES.burstPerRadius), tint: e.tint };
  }

  private burst(x: number, y: number, count: number, tint: number, direction = 0, spread = Math.PI): Thing[] {
    return Array.from({ length: count }, () => {
      const angle = direction + nextRange(this.rng, -spread, spread);
      const speed = nextRange(this.rng, RULES.particleSpeedMin, RULES.particleSpeedMax);
      return {
        ...blank(),
        x,
        y,
        vx: Math.cos(angle) * speed,
        vy: Math.sin(angle) * speed,
        rotation: angle,
        spin: nextRange(this.rng, -6, 6),
        ttl: nextRange(this.rng, RULES.particleTtlMin, RULES.particleTtlMax),
        scale: nextRange(this.rng, 0.4, 1.1),
        tint,
      };
    });
  }
}

function blank(): Thing {
  return {
    x: 0,
    y: 0,
    vx: 0,
    vy: 0,
    rotation: 0,
    spin: 0,
    age: 0,
    ttl: 0,
    scale: 1,
    alpha: 1,
    tint: 0,
    hp: 0,
    radius: 0,
  };
}
