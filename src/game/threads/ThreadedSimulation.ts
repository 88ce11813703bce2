import { describeValue, type MemoryPool, type PoolFigures } from '../../memory/index.ts';
import type { GameWorldOptions } from '../GameWorld.ts';
import { PooledSimulation } from '../PooledSimulation.ts';
import {
  requireFiguresOut,
  requireSink,
  requireSpriteKind,
  type ShipState,
  type Simulation,
  type SpriteKind,
  type SpriteSink,
} from '../Simulation.ts';
import type { BodySchema } from '../schema.ts';
import { WorldState } from '../WorldState.ts';
import { type Crew, type SpawnWorker, startCrew } from './Crew.ts';
import { F, I, INPUT_FLOATS, INPUT_RING, inputAt, MAX_WORKERS, readInput, writeInput } from './header.ts';

/** Options of {@link ThreadedSimulation}: the game's, and how to start workers. */
export interface ThreadedOptions extends GameWorldOptions {
  /**
   * Starts one worker, or null where workers cannot share memory (no `SharedArrayBuffer`: a page
   * that is not cross-origin isolated); the game then runs on this thread only.
   */
  spawn: SpawnWorker | null;
  /** The most threads to offer: `navigator.hardwareConcurrency`, `os.availableParallelism()`. */
  maxThreads: number;
  /** Why `spawn` is null, in one line, for the overlay. */
  unavailable?: string;
}

/** Where the simulation runs: `'main'` (the page's thread) or a number of workers. */
export type Threads = 'main' | number;

/** Where a kind's figures are published in the header. */
const LIVE_AT: Record<SpriteKind, number> = {
  bullets: F.bulletsLive,
  enemies: F.enemiesLive,
  particles: F.particlesLive,
};
const POOL_INDEX: Record<SpriteKind, number> = { bullets: 0, enemies: 1, particles: 2 };

/**
 * The pooled game on this thread or in workers, switchable while it plays: `threads` `'main'` runs
 * ticks here (in {@link local}, a `PooledSimulation`), `threads` 1 or more runs them in that many workers over
 * shared pools, the first of them the owner of the world. The page renders from the shared pools
 * either way; no entity data is posted. A worker that fails is reported ({@link failure},
 * `onFailure`, the console) and the game goes on here from the last published tick.
 *
 * In workers, {@link step} asks for a tick and returns: the tick, the figures and the ship are those
 * last published, and {@link settle} waits for the ticks asked for.
 */
export class ThreadedSimulation implements Simulation {
  readonly mode = 'pooled';
  /** The world on this thread: the one that runs on `'main'`, and the one a failure falls back to. */
  readonly local: PooledSimulation;
  /** The most threads {@link setThreads} takes. */
  readonly maxThreads: number;
  /** Why the game cannot run in workers here, or null when it can. */
  readonly unavailable: string | null;
  /** The last worker failure, or null. */
  failure: string | null = null;
  /** Called with the message when a worker fails (after the fallback). */
  onFailure: (message: string) => void = () => {};
  /**
   * How a tick runs on this thread: `local.step()` unless set (the page records each one for rewind).
   * Every tick this thread runs goes through it: asked for, queued during a switch, or lost by a worker.
   */
  stepHere: () => void = () => this.local.step();
  private crew: Crew | null = null;
  private switching: Promise<void> | null = null;
  /** Ticks asked for during a switch, and their controls. */
  private queued = 0;
  private readonly waiting = new Float64Array(INPUT_RING * INPUT_FLOATS);
  /** The controls as they are, kept while past ticks run with theirs. */
  private readonly current = new Float64Array(INPUT_FLOATS);
  private wanted = 0;
  private readonly spawn: SpawnWorker | null;
  private readonly options: GameWorldOptions;
  private readonly drawn: Record<SpriteKind, number> = { bullets: 0, enemies: 0, particles: 0 };
  private readonly publishedShip: ShipState;
  /** {@link local}'s world's state: what goes into the workers and what their checkpoint comes back into. */
  private readonly state: WorldState;

  /** @throws TypeError or RangeError naming a bad option (the game's, `spawn`, `maxThreads`). */
  constructor(options: ThreadedOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options must be an object, got ${describeValue(options)}`);
    }
    const { spawn, maxThreads, unavailable, ...game } = options;
    if (spawn !== null && typeof spawn !== 'function') {
      throw new TypeError(`spawn must be a function or null, got ${describeValue(spawn)}`);
    }
    if (!(Number.isInteger(maxThreads) && maxThreads >= 1)) {
      throw new RangeError(`maxThreads must be a whole number from 1, got ${describeValue(maxThreads)}`);
    }
    this.local = new PooledSimulation(game);
    this.state = new WorldState(this.local.world);
    this.options = game;
    this.spawn = spawn;
    this.maxThreads = Math.min(maxThreads, MAX_WORKERS);
    this.unavailable = spawn === null ? (unavailable ?? 'workers are not available here') : null;
    const f64 = () => (this.crew as Crew).header.f64;
    this.publishedShip = {
      get x() {
        return f64()[F.shipX];
      },
      get y() {
        return f64()[F.shipY];
      },
      get vx() {
        return f64()[F.shipVx];
      },
      get vy() {
        return f64()[F.shipVy];
      },
      get angle() {
        return f64()[F.shipAngle];
      },
    };
  }

  /** Threads the simulation runs in: 0 for this thread. While a switch is under way, the number asked for. */
  get threads(): Threads {
    return this.wanted === 0 ? 'main' : this.wanted;
  }

  /**
   * Moves the simulation to `threads` workers (`'main'`: this thread) between two ticks: every tick asked for
   * before is run first, the world goes over whole, and ticks asked for meanwhile run after, so the
   * tick count and the state are exactly those of staying. Resolves once it runs there (or, if a worker
   * failed on the way, back here).
   * @throws RangeError naming `threads` unless it is `'main'` or a whole number from 1 to
   *   {@link maxThreads} (`'main'` only, where workers are unavailable); nothing changes then.
   */
  setThreads(threads: Threads): Promise<void> {
    if (threads === 'main') return this.queueMove(0);
    if (this.unavailable !== null) {
      throw new RangeError(
        `threads must be 'main' here (${this.unavailable}), got ${describeValue(threads)}`,
      );
    }
    if (
      !(
        typeof threads === 'number' &&
        Number.isInteger(threads) &&
        threads >= 1 &&
        threads <= this.maxThreads
      )
    ) {
      throw new RangeError(
        `threads must be 'main' or a whole number of workers from 1 to ${this.maxThreads}, got ${describeValue(threads)}`,
      );
    }
    return this.queueMove(threads);
  }

  /** Whether the ticks run on this thread now: no workers and no switch under way. */
  get runsHere(): boolean {
    return this.crew === null && this.switching === null;
  }

  /** Resolves once every tick asked for so far has run (at once on this thread). */
  async settle(): Promise<void> {
    while (this.switching !== null) await this.switching;
    await this.crew?.settle(this.local.input);
  }

  /** The owner worker's last tick, in ms (its checkpoints aside); NaN on this thread. */
  get workerTickMs(): number {
    return this.crew === null ? Number.NaN : this.crew.header.f64[F.tickMs];
  }
  /**
   * The parts of the owner's last tick, in ms: `serial` (what only it runs), `range` (its own slot
   * ranges, as long as each helper's), `barrier` (its wait for the helpers), and its last
   * `checkpoint`; NaN on this thread. Written into `out`, which is returned.
   */
  tickParts(out: { serial: number; range: number; barrier: number; checkpoint: number }) {
    const f64 = this.crew?.header.f64;
    out.serial = f64 === undefined ? Number.NaN : f64[F.serialMs];
    out.range = f64 === undefined ? Number.NaN : f64[F.rangeMs];
    out.barrier = f64 === undefined ? Number.NaN : f64[F.barrierMs];
    out.checkpoint = f64 === undefined ? Number.NaN : f64[F.checkpointMs];
    return out;
  }
  /** Ticks asked for and not yet published (0 on this thread): a page stops adding clock ticks when it grows. */
  get behind(): number {
    return (
      this.queued + (this.crew === null ? 0 : this.crew.target + this.crew.backlog - this.crew.published)
    );
  }
  /** Draws that kept the last frame because the owner was writing a tick. */
  get skippedDraws(): number {
    return this.crew === null ? 0 : this.crew.header.i32[I.skippedDraws];
  }

  get tick(): number {
    return this.crew === null ? this.local.tick : this.crew.published;
  }
  get width(): number {
    return this.local.width;
  }
  get height(): number {
    return this.local.height;
  }
  /** The controls: this thread's, copied to the workers with every tick asked for. */
  get input() {
    return this.local.input;
  }
  get ship(): ShipState {
    return this.crew === null ? this.local.ship : this.publishedShip;
  }
  get kills(): number {
    return this.crew === null ? this.local.kills : this.crew.header.f64[F.kills];
  }
  /** The frame arena on this thread; null while the workers run (theirs is theirs). */
  get arena() {
    return this.crew === null ? this.local.arena : null;
  }

  step(): void {
    if (this.switching !== null) this.queue();
    else if (this.crew !== null) this.crew.request(this.local.input);
    else this.stepHere();
  }

  draw(kind: SpriteKind, sink: SpriteSink): number {
    const crew = this.crew;
    if (crew === null) return this.local.draw(kind, sink);
    requireSpriteKind(kind);
    requireSink(sink);
    // Each layer is drawn from a whole tick; a tick being written keeps the layer's last frame.
    if (!crew.hold()) return this.drawn[kind];
    const body = crew.pools[POOL_INDEX[kind]].fields;
    const n = Math.min(crew.header.f64[LIVE_AT[kind]], sink.capacity);
    for (let s = 0; s < n; s++) {
      sink.set(s, body.x[s], body.y[s], body.rotation[s], body.scale[s], body.tint[s], body.alpha[s]);
    }
    crew.release();
    this.drawn[kind] = n;
    return n;
  }

  liveCount(): number {
    if (this.crew === null) return this.local.liveCount();
    const f64 = this.crew.header.f64;
    return f64[F.bulletsLive] + f64[F.enemiesLive] + f64[F.particlesLive];
  }

  figures(kind: SpriteKind, out: PoolFigures): PoolFigures {
    if (this.crew === null) return this.local.figures(kind, out);
    requireSpriteKind(kind);
    requireFiguresOut(out);
    const f64 = this.crew.header.f64;
    const at = LIVE_AT[kind];
    out.live = f64[at];
    out.capacity = this.local.pool(kind).capacity;
    out.highWater = f64[at + 1];
    out.failureCount = f64[at + 2];
    return out;
  }

  /** The pool of `kind`: this thread's, or while workers run a reader of theirs (read it between ticks). */
  pool(kind: SpriteKind): MemoryPool<BodySchema> {
    if (this.crew === null) return this.local.pool(kind);
    requireSpriteKind(kind);
    return this.crew.pools[POOL_INDEX[kind]];
  }

  /** Stops the workers, keeping the world here: `setThreads('main')`. */
  dispose(): Promise<void> {
    return this.setThreads('main');
  }

  /** Moves to `threads` after every move asked for before; ticks asked for meanwhile wait in `queued`. */
  private queueMove(threads: number): Promise<void> {
    this.wanted = threads;
    const next = (this.switching ?? Promise.resolve()).then(() => this.moveTo(threads));
    const settled = next.finally(() => {
      if (this.switching === settled) this.switching = null;
    });
    this.switching = settled;
    return settled;
  }

  private async moveTo(threads: number): Promise<void> {
    const crew = this.crew;
    if (crew !== null && (crew.failure !== null || crew.threads !== threads)) await this.bringHome(crew);
    if (threads > 0 && this.crew === null && this.spawn !== null) {
      try {
        const started = await startCrew(this.state, this.options, threads, this.spawn);
        started.onFail = () => void this.queueMove(0);
        this.crew = started;
        this.failure = null;
      } catch (error) {
        this.report(`starting ${threads} workers failed: ${(error as Error).message}`);
      }
    }
    this.wanted = this.crew === null ? 0 : this.crew.threads;
    this.flush();
  }

  /** A tick asked for during a switch: its controls wait with it (past the ring's length, the last slot takes the latest). */
  private queue(): void {
    const at = Math.min(this.queued, INPUT_RING - 1);
    writeInput(this.waiting, at * INPUT_FLOATS, this.local.input);
    this.queued = at + 1;
  }

  /** Runs the ticks asked for during a switch, each with its controls; the controls are then as they were. */
  private flush(): void {
    if (this.queued === 0) return;
    const input = this.local.input;
    writeInput(this.current, 0, input);
    for (let i = 0; i < this.queued; i++) {
      readInput(this.waiting, i * INPUT_FLOATS, input);
      if (this.crew !== null) this.crew.request(input);
      else this.stepHere();
    }
    readInput(this.current, 0, input);
    this.queued = 0;
  }

  /**
   * Every tick asked for runs (unless a worker failed), then the last published tick comes back here.
   * After a failure, the ticks that were asked for and lost run here, so none is missing.
   */
  private async bringHome(crew: Crew): Promise<void> {
    await crew.settle(this.local.input);
    const lost = await crew.stop(this.state);
    this.crew = null;
    if (crew.failure === null) return;
    const from = this.local.tick;
    // Each lost tick runs with the controls it was asked for with, still in the header's ring.
    const input = this.local.input;
    writeInput(this.current, 0, input);
    for (let tick = from; tick < from + lost; tick++) {
      readInput(crew.header.f64, inputAt(tick), input);
      this.stepHere();
    }
    readInput(this.current, 0, input);
    this.report(`${crew.failure}; the game goes on on the main thread from tick ${from}`);
  }

  private report(message: string): void {
    this.failure = message;
    console.error(`framepool: simulation worker failed: ${message}`);
    this.onFailure(message);
  }
}
