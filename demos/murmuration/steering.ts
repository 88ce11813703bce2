/**
 * The flock's per-tick temporaries in the frame arena, and the flocking rules that read them: a
 * snapshot of the birds (so every bird reacts to the same positions), a uniform grid over it threaded
 * as linked lists, the hawks' positions, and the steering of every bird. Offsets into `arena.i32` and
 * `arena.f32` are plain numbers: no views, no objects. Each system is its own function (see
 * {@link Flock.step} for why).
 */
import type { FixedBufferAllocator } from 'framepool';
import { nextInt } from 'framepool/loop';
import { BOID, DT, MAX_GRID_CELLS, POINTER } from './config.ts';
import type { Flock, FlockInput } from './flock.ts';

/** The grid cells a bird looks at: its own, then the eight around it. */
const CELL_DX = Int8Array.of(0, -1, 1, 0, 0, -1, 1, -1, 1);
const CELL_DY = Int8Array.of(0, 0, 0, -1, 1, -1, -1, 1, 1);
/** Fields of the tick's bird snapshot: x, y, vx, vy, panic (floats), slot (an integer). */
const SNAPSHOT_FIELDS = 6;
/** Words before the cell heads in the grid: cols, rows, index of `next`, 1 / cell size. */
const GRID_HEADER = 4;

/**
 * Copies every live bird into the arena so that all of them react to the same positions. Returns
 * the index s of the snapshot in `arena.f32`, `n = boids.live` floats per field: x at s, y at
 * s + n, vx at s + 2n, vy at s + 3n, panic at s + 4n; at s + 5n, read through `arena.i32`, each
 * bird's pool slot.
 */
export function snapshotBirds(flock: Flock): number {
  const { arena, boids } = flock;
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
export function buildGrid(flock: Flock, snap: number, n: number): number {
  const arena = flock.arena;
  let cellSize: number = BOID.view;
  let cols = Math.ceil(flock.width / cellSize);
  let rows = Math.ceil(flock.height / cellSize);
  while (cols * rows > MAX_GRID_CELLS) {
    cellSize *= 1.5;
    cols = Math.ceil(flock.width / cellSize);
    rows = Math.ceil(flock.height / cellSize);
  }
  const cells = cols * rows;
  flock.gridCells = cells;
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
export function snapshotHawks(flock: Flock): number {
  const { arena, hawks } = flock;
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
export function steerBirds(
  flock: Flock,
  input: FlockInput,
  snap: number,
  n: number,
  grid: number,
  hawkSnap: number,
): void {
  const { arena, rng } = flock;
  const b = flock.boids.fields;
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
  const width = flock.width;
  const height = flock.height;
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
  flock.checksPerBoid = n > 0 ? checks / n : 0;
}

/** Handle of the bird nearest (x, y) in the tick's snapshot at `snap` of `n` birds, or -1 if none. */
export function nearestBoid(
  boids: Flock['boids'],
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
