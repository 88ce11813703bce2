import type { FieldArrays, MemoryPool, PoolFigures } from '../memory/index.ts';
import type { TickProfiler } from '../profiler/index.ts';
import { createGameWorld, type GameWorld, type GameWorldOptions } from './GameWorld.ts';
import { requireWorldProfiler } from './profiling.ts';
import {
  requireFiguresOut,
  requireSink,
  requireSpriteKind,
  type Simulation,
  type SpriteKind,
  type SpriteSink,
} from './Simulation.ts';
import type { BodySchema } from './schema.ts';
import { liveCount, stepGameWorld } from './step.ts';

/** The game on the pooled world: pools, a frame arena, bitecs for the enemies. The mode this project is about. */
export class PooledSimulation implements Simulation {
  readonly mode = 'pooled';
  /** The world underneath, for the overlay and the profiler. */
  readonly world: GameWorld;
  private attached: TickProfiler | undefined;

  /** @throws TypeError or RangeError naming a bad option; see `GameWorldOptions`. */
  constructor(options: GameWorldOptions = {}) {
    this.world = createGameWorld(options);
  }

  /**
   * The profiler recording each {@link step}, or undefined (the default: no recording, one branch per
   * system). Assign one made by `createWorldProfiler(sim.world)`; toggle its `enabled` to pause it.
   * @throws TypeError or RangeError when assigned anything else (a profiler made for another world or
   *   without the world's systems), keeping the one it had.
   */
  get profiler(): TickProfiler | undefined {
    return this.attached;
  }
  set profiler(profiler: TickProfiler | undefined) {
    if (profiler !== undefined) requireWorldProfiler(this.world, profiler);
    this.attached = profiler;
  }

  get tick(): number {
    return this.world.tick;
  }
  get width(): number {
    return this.world.width;
  }
  get height(): number {
    return this.world.height;
  }
  get input() {
    return this.world.input;
  }
  get ship() {
    return this.world.ship;
  }
  get kills(): number {
    return this.world.kills;
  }
  get arena() {
    return this.world.arena;
  }

  step(): void {
    stepGameWorld(this.world, this.attached);
  }

  /** The render sync: copies live records of `kind` from their pool into `sink`, densely. */
  draw(kind: SpriteKind, sink: SpriteSink): number {
    const pool = this.pool(kind);
    requireSink(sink);
    const body: FieldArrays<BodySchema> = pool.fields;
    const n = Math.min(pool.live, sink.capacity);
    for (let s = 0; s < n; s++) {
      sink.set(s, body.x[s], body.y[s], body.rotation[s], body.scale[s], body.tint[s], body.alpha[s]);
    }
    return n;
  }

  liveCount(): number {
    return liveCount(this.world);
  }

  figures(kind: SpriteKind, out: PoolFigures): PoolFigures {
    const pool = this.pool(kind);
    requireFiguresOut(out);
    out.live = pool.live;
    out.capacity = pool.capacity;
    out.highWater = pool.highWater;
    out.failureCount = pool.failureCount;
    return out;
  }

  pool(kind: SpriteKind): MemoryPool<BodySchema> {
    requireSpriteKind(kind);
    const w = this.world;
    return kind === 'bullets' ? w.bullets : kind === 'enemies' ? w.enemies.pool : w.particles;
  }
}
