/**
 * The simulation: a murmuration of starlings (boids), hawks that hunt them, and feathers.
 *
 * Memory, as framepool intends it:
 * - Three {@link MemoryPool}s with struct-of-arrays fields hold every entity; their sizes are the
 *   game's budget and never change.
 * - A hawk remembers its prey as a pool *handle* (`hawks.fields.target`), not a slot: when the bird
 *   is caught by another hawk, or leaves because the player shrank the flock, `boids.isAlive(target)`
 *   turns false and the hawk picks a new one, instead of chasing whatever bird reuses the slot.
 * - One {@link FixedBufferAllocator} is the frame arena, reset at the start of every tick. It holds
 *   that tick's temporaries: a read snapshot of the flock (so every bird reacts to the same
 *   positions), a uniform spatial grid threaded as linked lists, and the list of caught birds.
 *   Offsets from it are plain numbers into `arena.i32`/`arena.f32`: no views, no objects.
 */
import { FixedBufferAllocator, MemoryPool } from 'framepool';
import { createRng, nextFloat } from 'framepool/loop';
import { ARENA_BYTES, BOID, BUDGET, COLORS, DT, FLOCK, HAWK, START_HAWKS } from './config.ts';
import { buildGrid, nearestBoid, snapshotBirds, snapshotHawks, steerBirds } from './steering.ts';

/** What the player does this tick (kept in one object, overwritten by the input handler). */
export interface FlockInput {
  pointerX: number;
  pointerY: number;
  /** Pointer is over the canvas. */
  inside: boolean;
  lure: boolean;
  scare: boolean;
}

const BOID_FIELDS = { x: 'f32', y: 'f32', vx: 'f32', vy: 'f32', panic: 'f32', shade: 'u8' } as const;
const HAWK_FIELDS = {
  x: 'f32',
  y: 'f32',
  vx: 'f32',
  vy: 'f32',
  /** Handle of the bird being chased in the boids pool, or -1. */
  target: 'i32',
  rest: 'f32',
  retarget: 'f32',
  catches: 'u16',
} as const;
const FEATHER_FIELDS = {
  x: 'f32',
  y: 'f32',
  vx: 'f32',
  vy: 'f32',
  life: 'f32',
  maxLife: 'f32',
  size: 'f32',
  rot: 'f32',
  spin: 'f32',
  tint: 'u32',
} as const;

export class Flock {
  readonly arena = new FixedBufferAllocator(ARENA_BYTES);
  readonly rng = createRng(0x5eed);
  readonly boids = new MemoryPool({ capacity: BUDGET.boids, fields: BOID_FIELDS });
  readonly hawks = new MemoryPool({ capacity: BUDGET.hawks, fields: HAWK_FIELDS });
  readonly feathers = new MemoryPool({ capacity: BUDGET.feathers, fields: FEATHER_FIELDS });

  width: number;
  height: number;
  tick = 0;
  /** The flock size the game steers toward (birds fly in or leave a few per tick). */
  target: number = FLOCK.start;
  /** Birds caught by hawks since the start. */
  caught = 0;
  /** Hawk targets found dead by the generation check (caught by another hawk, or gone). */
  staleTargets = 0;
  /** Pair distance checks per bird in the last tick (the grid's work). */
  checksPerBoid = 0;
  /** Cells of the last tick's grid. */
  gridCells = 0;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.reset();
  }

  /** Starts over: every pool is emptied at once (all handles die) and a new flock is placed on screen. */
  reset(): void {
    this.boids.reset();
    this.hawks.reset();
    this.feathers.reset();
    this.caught = 0;
    this.staleTargets = 0;
    const clusters = 6;
    for (let c = 0; c < clusters; c++) {
      const cx = this.width * (0.2 + 0.6 * nextFloat(this.rng));
      const cy = this.height * (0.2 + 0.6 * nextFloat(this.rng));
      const heading = nextFloat(this.rng) * Math.PI * 2;
      const count = Math.ceil(this.target / clusters);
      for (let i = 0; i < count && this.boids.live < this.target; i++) {
        const r = 90 * Math.sqrt(nextFloat(this.rng));
        const a = nextFloat(this.rng) * Math.PI * 2;
        this.spawnBoid(
          cx + Math.cos(a) * r,
          cy + Math.sin(a) * r,
          heading + (nextFloat(this.rng) - 0.5) * 0.6,
        );
      }
    }
    for (let i = 0; i < START_HAWKS; i++) this.addHawk(this.width * (0.15 + 0.35 * i), this.height * 0.1);
  }

  resize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  /** Releases a hawk at (x, y); returns false when every hawk slot is taken. */
  addHawk(x: number, y: number): boolean {
    const handle = this.hawks.tryAlloc();
    if (handle === -1) return false;
    const s = this.hawks.slotOf(handle);
    const h = this.hawks.fields;
    const a = nextFloat(this.rng) * Math.PI * 2;
    h.x[s] = x;
    h.y[s] = y;
    h.vx[s] = Math.cos(a) * HAWK.glide;
    h.vy[s] = Math.sin(a) * HAWK.glide;
    h.target[s] = -1;
    h.rest[s] = 0.5;
    h.retarget[s] = 0;
    h.catches[s] = 0;
    return true;
  }

  /** Sends every hawk away, each in a puff of embers. */
  clearHawks(): void {
    const h = this.hawks.fields;
    for (let s = this.hawks.nextLive(-1); s !== -1; s = this.hawks.nextLive(s)) {
      this.burst(h.x[s], h.y[s], 18, COLORS.ember, 160);
      this.hawks.free(this.hawks.handleAt(s));
    }
  }

  /**
   * One fixed step of the whole game: one method per system, in order. Each is its own function on
   * purpose: V8 optimizes and deoptimizes whole functions, and a rare branch seen for the first time
   * (a catch, a lure) deoptimizes the function around it. In one large step that sent the bird loop
   * back to the interpreter, which boxes every double: 2.2–4.8 MB/s of garbage in Chromium.
   */
  step(input: FlockInput): void {
    const arena = this.arena;
    arena.reset();
    arena.resetHighWater();
    this.tick++;
    const n = this.boids.live;
    const snap = snapshotBirds(this);
    const grid = buildGrid(this, snap, n);
    const hawkSnap = snapshotHawks(this);
    steerBirds(this, input, snap, n, grid, hawkSnap);
    const caught = this.hunt(snap, n);
    this.releaseCatches(caught);
    this.driftFeathers();
    this.balancePopulation();
  }

  /**
   * Every hawk glides, picks the nearest bird from the snapshot, chases it and catches it. Returns
   * the index c in `arena.i32` of the tick's catches: their count, then the caught birds' handles.
   */
  private hunt(snap: number, n: number): number {
    const { arena, boids, hawks } = this;
    const b = boids.fields;
    const h = hawks.fields;
    const i32 = arena.i32;
    const caught = arena.allocI32(1 + hawks.live);
    let caughtCount = 0;
    const width = this.width;
    const height = this.height;
    for (let s = hawks.nextLive(-1); s !== -1; s = hawks.nextLive(s)) {
      let x = h.x[s];
      let y = h.y[s];
      let vx = h.vx[s];
      let vy = h.vy[s];
      let ax = 0;
      let ay = 0;
      let top: number = HAWK.speed;
      if (h.rest[s] > 0) {
        // Full: glide in a lazy circle.
        h.rest[s] -= DT;
        top = HAWK.glide;
        ax = -vy * 0.6;
        ay = vx * 0.6;
      } else {
        let target = h.target[s];
        h.retarget[s] -= DT;
        if (target !== -1 && !boids.isAlive(target)) {
          // The generation check: this bird was caught by another hawk (or flew off) and its slot
          // may already hold a newcomer. A slot index would not know; the handle does.
          this.staleTargets++;
          target = -1;
        }
        if (target === -1 || h.retarget[s] <= 0) {
          target = nearestBoid(boids, arena, snap, n, x, y);
          h.retarget[s] = HAWK.retarget;
        }
        h.target[s] = target;
        if (target !== -1) {
          const t = boids.slotOf(target);
          const dx = b.x[t] - x;
          const dy = b.y[t] - y;
          const d = Math.sqrt(dx * dx + dy * dy);
          if (d < HAWK.catchRadius) {
            i32[caught + 1 + caughtCount++] = target;
            h.target[s] = -1;
            h.rest[s] = HAWK.rest;
            h.catches[s]++;
          } else {
            // Aim a little ahead of the bird.
            const lead = Math.min(0.35, d / HAWK.speed);
            const tx = dx + b.vx[t] * lead;
            const ty = dy + b.vy[t] * lead;
            const td = Math.sqrt(tx * tx + ty * ty) || 1;
            ax = ((tx / td) * HAWK.speed - vx) * HAWK.steer;
            ay = ((ty / td) * HAWK.speed - vy) * HAWK.steer;
          }
        }
      }
      const a = Math.sqrt(ax * ax + ay * ay);
      if (a > HAWK.maxAccel) {
        ax *= HAWK.maxAccel / a;
        ay *= HAWK.maxAccel / a;
      }
      if (x < HAWK.margin) ax += (HAWK.margin - x) * HAWK.wall;
      else if (x > width - HAWK.margin) ax -= (x - width + HAWK.margin) * HAWK.wall;
      if (y < HAWK.margin) ay += (HAWK.margin - y) * HAWK.wall;
      else if (y > height - HAWK.margin) ay -= (y - height + HAWK.margin) * HAWK.wall;
      vx += ax * DT;
      vy += ay * DT;
      const speed = Math.sqrt(vx * vx + vy * vy);
      if (speed > top) {
        // Slow down gently after a dive rather than at once.
        const f = Math.max(top / speed, 1 - 1.5 * DT);
        vx *= f;
        vy *= f;
      }
      x += vx * DT;
      y += vy * DT;
      h.x[s] = x;
      h.y[s] = y;
      h.vx[s] = vx;
      h.vy[s] = vy;
      // A thin trail of embers behind every hawk.
      if ((this.tick & 1) === 0) this.spawnFeather(x, y, -vx * 0.15, -vy * 0.15, 0.55, 0.55, COLORS.ember);
    }
    i32[caught] = caughtCount;
    return caught;
  }

  /**
   * Frees the birds in the catch list at `caught` (from {@link Flock.hunt}), each in a burst of
   * feathers. Two hawks may have caught the same bird: the handle check skips the second, whose
   * free would be stale.
   */
  private releaseCatches(caught: number): void {
    const boids = this.boids;
    const b = boids.fields;
    const i32 = this.arena.i32;
    for (let c = 0, count = i32[caught]; c < count; c++) {
      const handle = i32[caught + 1 + c];
      if (!boids.isAlive(handle)) continue;
      const t = boids.slotOf(handle);
      this.burst(b.x[t], b.y[t], 16, COLORS.feather, 150);
      boids.free(handle);
      this.caught++;
    }
  }

  /** Feathers drift, slow, fall, spin and fade; a spent one frees its slot. */
  private driftFeathers(): void {
    const feathers = this.feathers;
    const f = feathers.fields;
    const drag = 1 - 2.2 * DT;
    for (let s = feathers.nextLive(-1); s !== -1; s = feathers.nextLive(s)) {
      const life = f.life[s] - DT;
      if (life <= 0) {
        feathers.free(feathers.handleAt(s));
        continue;
      }
      f.life[s] = life;
      f.vx[s] *= drag;
      f.vy[s] = f.vy[s] * drag + 40 * DT;
      f.x[s] += f.vx[s] * DT;
      f.y[s] += f.vy[s] * DT;
      f.rot[s] += f.spin[s] * DT;
    }
  }

  /** Birds fly in (from an edge, in small groups) or leave, a few per tick, toward `target`. */
  private balancePopulation(): void {
    const boids = this.boids;
    const missing = this.target - boids.live;
    if (missing > 0 && this.tick % 6 === 0) {
      const edge = (nextFloat(this.rng) * 4) | 0;
      const along = nextFloat(this.rng);
      const x = edge === 0 ? -10 : edge === 1 ? this.width + 10 : along * this.width;
      const y = edge === 2 ? -10 : edge === 3 ? this.height + 10 : along * this.height;
      const heading = Math.atan2(this.height / 2 - y, this.width / 2 - x);
      const group = Math.min(missing, 40);
      for (let i = 0; i < group; i++) {
        this.spawnBoid(
          x + (nextFloat(this.rng) - 0.5) * 60,
          y + (nextFloat(this.rng) - 0.5) * 60,
          heading + (nextFloat(this.rng) - 0.5) * 0.5,
        );
      }
    } else if (missing < 0) {
      const b = boids.fields;
      let leave = Math.min(-missing, 24);
      for (let s = boids.nextLive(-1); s !== -1 && leave > 0; s = boids.nextLive(s), leave--) {
        this.spawnFeather(b.x[s], b.y[s], b.vx[s] * 0.3, b.vy[s] * 0.3, 0.5, 0.7, COLORS.calmB);
        boids.free(boids.handleAt(s));
      }
    }
  }

  private spawnBoid(x: number, y: number, heading: number): void {
    const handle = this.boids.tryAlloc();
    if (handle === -1) return;
    const s = this.boids.slotOf(handle);
    const b = this.boids.fields;
    const speed = BOID.minSpeed + nextFloat(this.rng) * (BOID.maxSpeed - BOID.minSpeed);
    b.x[s] = x;
    b.y[s] = y;
    b.vx[s] = Math.cos(heading) * speed;
    b.vy[s] = Math.sin(heading) * speed;
    b.panic[s] = 0;
    b.shade[s] = (nextFloat(this.rng) * 256) | 0;
  }

  /** `count` feathers flying out of (x, y). Drops the rest silently when the pool is full. */
  private burst(x: number, y: number, count: number, tint: number, speed: number): void {
    for (let i = 0; i < count; i++) {
      const a = nextFloat(this.rng) * Math.PI * 2;
      const v = speed * (0.25 + 0.75 * nextFloat(this.rng));
      const warm = i % 3 === 0;
      this.spawnFeather(
        x,
        y,
        Math.cos(a) * v,
        Math.sin(a) * v,
        0.7 + nextFloat(this.rng) * 0.9,
        warm ? 0.7 : 0.45 + nextFloat(this.rng) * 0.4,
        warm ? COLORS.panic : tint,
      );
    }
  }

  private spawnFeather(
    x: number,
    y: number,
    vx: number,
    vy: number,
    life: number,
    size: number,
    tint: number,
  ): void {
    const handle = this.feathers.tryAlloc();
    if (handle === -1) return;
    const s = this.feathers.slotOf(handle);
    const f = this.feathers.fields;
    f.x[s] = x;
    f.y[s] = y;
    f.vx[s] = vx;
    f.vy[s] = vy;
    f.life[s] = life;
    f.maxLife[s] = life;
    f.size[s] = size;
    f.rot[s] = nextFloat(this.rng) * Math.PI * 2;
    f.spin[s] = (nextFloat(this.rng) - 0.5) * 8;
    f.tint[s] = tint;
  }
}
