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
import { createRng, nextFloat, nextInt } from 'framepool/loop';
import {
  ARENA_BYTES,
  BOID,
  BUDGET,
  COLORS,
  DT,
  FLOCK,
  HAWK,
  MAX_GRID_CELLS,
  POINTER,
  START_HAWKS,
} from './config.ts';

/** The grid cells a bird looks at: its own, then the eight around it. */
const CELL_DX = Int8Array.of(0, -1, 1, 0, 0, -1, 1, -1, 1);
const CELL_DY = Int8Array.of(0, 0, 0, -1, 1, -1, -1, 1, 1);
/** Fields of the tick's bird snapshot: x, y, vx, vy, panic (floats), slot (an integer). */
const SNAPSHOT_FIELDS = 6;
/** Words before the cell heads in the grid: cols, rows, index of `next`, 1 / cell size. */
const GRID_HEADER = 4;

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
    const snap = this.snapshotBirds();
    const grid = this.buildGrid(snap, n);
    const hawkSnap = this.snapshotHawks();
    this.steerBirds(input, snap, n, grid, hawkSnap);
    const caught = this.hunt(snap, n);
    this.releaseCatches(caught);
    this.driftFeathers();
    this.balancePopulation();
  }

  /**
   * Copies every live bird into the arena so that all of them react to the same positions. Returns
   * the index s of the snapshot in `arena.f32`, `n = boids.live` floats per field: x at s, y at
   * s + n, vx at s + 2n, vy at s + 3n, panic at s + 4n; at s + 5n, read through `arena.i32`, each
   * bird's pool slot.
   */
  private snapshotBirds(): number {
    const { arena, boids } = this;
    const b = boids.fields;
    const n = boids.live;
    const snap = arena.allocF32(SNAPSHOT_FIELDS * n);
    const f32 = arena.f32;
    const i32 = arena.i32;
    let k = 0;
    for (let s = boids.nextLive(-1); s !== -1; s = boids.nextLive(s)) {
      f32[snap + k] = b.x[s];
      f32[snap + n + k] = b.y[s];
      f32[snap + 2 * n + k] = b.vx[s];
      f32[snap + 3 * n + k] = b.vy[s];
      f32[snap + 4 * n + k] = b.panic[s];
      i32[snap + 5 * n + k] = s;
      k++;
    }
    return snap;
  }

  /**
   * A uniform grid over the snapshot, threaded as linked lists: `head[cell]` is the first bird in
   * the cell, `next[bird]` the following one. Returns the index g of its header in `arena.i32`:
   * cols, rows, the index of `next`, 1 / cell size (read through `arena.f32`), then `head`.
   */
  private buildGrid(snap: number, n: number): number {
    const arena = this.arena;
    let cellSize: number = BOID.view;
    let cols = Math.ceil(this.width / cellSize);
    let rows = Math.ceil(this.height / cellSize);
    while (cols * rows > MAX_GRID_CELLS) {
      cellSize *= 1.5;
      cols = Math.ceil(this.width / cellSize);
      rows = Math.ceil(this.height / cellSize);
    }
    const cells = cols * rows;
    this.gridCells = cells;
    const g = arena.allocI32(GRID_HEADER + cells);
    const next = arena.allocI32(n);
    const i32 = arena.i32;
    const f32 = arena.f32;
    const head = g + GRID_HEADER;
    const inv = 1 / cellSize;
    i32[g] = cols;
    i32[g + 1] = rows;
    i32[g + 2] = next;
    f32[g + 3] = inv;
    i32.fill(-1, head, head + cells);
    for (let j = 0; j < n; j++) {
      const c = gridCoord(f32[snap + n + j], inv, rows) * cols + gridCoord(f32[snap + j], inv, cols);
      i32[next + j] = i32[head + c];
      i32[head + c] = j;
    }
    return g;
  }

  /**
   * Hawk positions, for the birds to flee from. Returns the index h in `arena.i32` of the count m,
   * followed by m x and then m y, read through `arena.f32`.
   */
  private snapshotHawks(): number {
    const { arena, hawks } = this;
    const h = hawks.fields;
    const m = hawks.live;
    const at = arena.allocI32(1 + 2 * m);
    const f32 = arena.f32;
    arena.i32[at] = m;
    let k = 0;
    for (let s = hawks.nextLive(-1); s !== -1; s = hawks.nextLive(s)) {
      f32[at + 1 + k] = h.x[s];
      f32[at + 1 + m + k] = h.y[s];
      k++;
    }
    return at;
  }

  /** The flocking rules for every bird, from the snapshot, written back to the pool. */
  private steerBirds(input: FlockInput, snap: number, n: number, grid: number, hawkSnap: number): void {
    const { arena, rng } = this;
    const b = this.boids.fields;
    const i32 = arena.i32;
    const f32 = arena.f32;
    const px = snap;
    const py = snap + n;
    const pvx = snap + 2 * n;
    const pvy = snap + 3 * n;
    const ppanic = snap + 4 * n;
    const slots = snap + 5 * n;
    const cols = i32[grid];
    const rows = i32[grid + 1];
    const next = i32[grid + 2];
    const inv = f32[grid + 3];
    const head = grid + GRID_HEADER;
    const m = i32[hawkSnap];
    const hx = hawkSnap + 1;
    const hy = hawkSnap + 1 + m;
    const view2 = BOID.view * BOID.view;
    const sep = BOID.separation;
    const sep2 = sep * sep;
    const fear2 = BOID.fear * BOID.fear;
    const lure2 = POINTER.lureRadius * POINTER.lureRadius;
    const scare2 = POINTER.scareRadius * POINTER.scareRadius;
    const lure = input.inside && input.lure;
    const scare = input.inside && input.scare;
    const ptrX = input.pointerX;
    const ptrY = input.pointerY;
    const width = this.width;
    const height = this.height;
    const margin = Math.min(BOID.margin, width * 0.2, height * 0.2);
    const halfW = width / 2;
    const halfH = height / 2;
    let checks = 0;
    for (let i = 0; i < n; i++) {
      const x = f32[px + i];
      const y = f32[py + i];
      let vx = f32[pvx + i];
      let vy = f32[pvy + i];
      let panic = f32[ppanic + i];
      let count = 0;
      let sumVx = 0;
      let sumVy = 0;
      let sumDx = 0;
      let sumDy = 0;
      let sumPanic = 0;
      let sepX = 0;
      let sepY = 0;
      const cx = gridCoord(x, inv, cols);
      const cy = gridCoord(y, inv, rows);
      // The bird's own cell first, then the eight around it, until the check budget runs out: in
      // a dense knot the nearest birds (the ones to keep apart from) are the first ones seen.
      let budget = BOID.maxChecks;
      for (let o = 0; o < 9 && budget > 0; o++) {
        const gx = cx + CELL_DX[o];
        const gy = cy + CELL_DY[o];
        if (gx < 0 || gy < 0 || gx >= cols || gy >= rows) continue;
        for (let j = i32[head + gy * cols + gx]; j !== -1 && budget > 0; j = i32[next + j]) {
          if (j === i) continue;
          budget--;
          const dx = f32[px + j] - x;
          const dy = f32[py + j] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 >= view2) continue;
          if (d2 < sep2 && d2 > 1e-4) {
            const d = Math.sqrt(d2);
            const w = (sep - d) / (sep * d);
            sepX -= dx * w;
            sepY -= dy * w;
          }
          // Starlings follow a handful of neighbours, not the whole crowd.
          if (count === BOID.maxNeighbours) continue;
          count++;
          sumVx += f32[pvx + j];
          sumVy += f32[pvy + j];
          sumDx += dx;
          sumDy += dy;
          sumPanic += f32[ppanic + j];
        }
      }
      checks += BOID.maxChecks - budget;
      let ax = (nextInt(rng, 65536) - 32768) * (BOID.wander / 65536);
      let ay = (nextInt(rng, 65536) - 32768) * (BOID.wander / 65536);
      if (count > 0) {
        const invCount = 1 / count;
        ax += (sumVx * invCount - vx) * BOID.align + sumDx * invCount * BOID.cohesion + sepX * BOID.separate;
        ay += (sumVy * invCount - vy) * BOID.align + sumDy * invCount * BOID.cohesion + sepY * BOID.separate;
        // Fright spreads through the flock: the wave a hawk sends through a murmuration.
        const caughtFear = sumPanic * invCount * BOID.panicSpread;
        if (caughtFear > panic) panic = caughtFear;
      }
      for (let q = 0; q < m; q++) {
        const dx = x - f32[hx + q];
        const dy = y - f32[hy + q];
        const d2 = dx * dx + dy * dy;
        if (d2 < fear2 && d2 > 1e-4) {
          const d = Math.sqrt(d2);
          const w = 1 - d / BOID.fear;
          ax += (dx / d) * w * BOID.flee;
          ay += (dy / d) * w * BOID.flee;
          if (w + 0.35 > panic) panic = w + 0.35;
        }
      }
      if (lure) {
        const dx = ptrX - x;
        const dy = ptrY - y;
        const d2 = dx * dx + dy * dy;
        if (d2 < lure2 && d2 > 1) {
          const d = Math.sqrt(d2);
          const w = 0.35 + 0.65 * (1 - d / POINTER.lureRadius);
          ax += (dx / d) * w * POINTER.lure;
          ay += (dy / d) * w * POINTER.lure;
        }
      }
      if (scare) {
        const dx = x - ptrX;
        const dy = y - ptrY;
        const d2 = dx * dx + dy * dy;
        if (d2 < scare2 && d2 > 1) {
          const d = Math.sqrt(d2);
          const w = 1 - d / POINTER.scareRadius;
          ax += (dx / d) * w * POINTER.scare;
          ay += (dy / d) * w * POINTER.scare;
          if (w + 0.5 > panic) panic = w + 0.5;
        }
      }
      ax += (halfW - x) * BOID.home;
      ay += (halfH - y) * BOID.home;
      if (x < margin) ax += (margin - x) * BOID.wall;
      else if (x > width - margin) ax -= (x - width + margin) * BOID.wall;
      if (y < margin) ay += (margin - y) * BOID.wall;
      else if (y > height - margin) ay -= (y - height + margin) * BOID.wall;

      vx += ax * DT;
      vy += ay * DT;
      panic -= BOID.panicDecay * DT;
      panic = Math.max(0, Math.min(panic, 1));
      const speed = Math.sqrt(vx * vx + vy * vy);
      const top = BOID.maxSpeed + panic * BOID.panicBoost;
      if (speed > top) {
        vx *= top / speed;
        vy *= top / speed;
      } else if (speed < BOID.minSpeed && speed > 1e-3) {
        vx *= BOID.minSpeed / speed;
        vy *= BOID.minSpeed / speed;
      }
      const s = i32[slots + i];
      b.x[s] = x + vx * DT;
      b.y[s] = y + vy * DT;
      b.vx[s] = vx;
      b.vy[s] = vy;
      b.panic[s] = panic;
    }
    this.checksPerBoid = n > 0 ? checks / n : 0;
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

/** Handle of the bird nearest (x, y) in the tick's snapshot at `snap` of `n` birds, or -1 if none. */
function nearestBoid(
  boids: MemoryPool<typeof BOID_FIELDS>,
  arena: FixedBufferAllocator,
  snap: number,
  n: number,
  x: number,
  y: number,
): number {
  const f32 = arena.f32;
  let best = -1;
  let bestD2 = Number.POSITIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const dx = f32[snap + j] - x;
    const dy = f32[snap + n + j] - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = j;
    }
  }
  // The snapshot was taken at the start of the tick; a bird caught since is no longer live.
  return best === -1 ? -1 : boids.handleAt(arena.i32[snap + 5 * n + best]);
}

/** The grid column (or row) of coordinate `v`, for cells of size 1 / `inv`, clamped to `cells`. */
function gridCoord(v: number, inv: number, cells: number): number {
  const c = (v * inv) | 0;
  return c < 0 ? 0 : c >= cells ? cells - 1 : c;
}
