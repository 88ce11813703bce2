/**
 * The page's side of a running set of simulation workers: it starts them over a saved world, adds
 * ticks to their target, reads the published figures, draws from the shared pools under the seqlock,
 * and on a failure or a stop brings the last published tick home into a world of the page's.
 */
import { MemoryPool } from '../../memory/index.ts';
import type { GameInput } from '../InputState.ts';
import type { GameOptions } from '../options.ts';
import type { BodySchema } from '../schema.ts';
import type { WorldState } from '../WorldState.ts';
import { CHECKPOINT_EVERY, type Header, I, INPUT_RING, inputAt, openHeader, writeInput } from './header.ts';
import type { HelperInit, OwnerInit, SharedWorld, ThreadMessage } from './thread.ts';

/** A worker as the page holds it: a Web Worker or a `worker_threads` Worker behind a small adapter. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  /** Stops it; a promise where the platform's terminate gives one (Node), so the caller can wait. */
  terminate(): unknown;
}

/**
 * Starts one simulation worker (running `runThread` on its first message) and reports to the page:
 * every message it posts, and its death (an uncaught error, an exit the page did not ask for).
 */
export type SpawnWorker = (
  onMessage: (message: ThreadMessage) => void,
  onFail: (error: Error) => void,
) => WorkerLike;

/** Milliseconds a worker gets to say it is ready before the start counts as failed. */
const READY_TIMEOUT_MS = 30_000;
/** Milliseconds the owner gets to save the world and stop when asked, before it is terminated anyway. */
const STOP_TIMEOUT_MS = 10_000;

/** Workers running one world; made by {@link startCrew}. */
export class Crew {
  /** Ticks asked for: the owner runs until `published` reaches it. */
  target: number;
  /** The failure that ended it, or null. */
  failure: string | null = null;
  /** Called once, with the message, when a worker fails. */
  onFail: (message: string) => void = () => {};
  /** Ticks asked for while the ring of controls was full; {@link settle} sends them. */
  backlog = 0;
  /** The owner stopped as asked, its world saved: called with its 'stopped' message. */
  ownerStopped: () => void = () => {};
  private stopping = false;

  constructor(
    readonly header: Header,
    readonly threads: number,
    private readonly workers: WorkerLike[],
    /** Reader views of the owner's pools: bullets, enemies, particles. */
    readonly pools: readonly MemoryPool<BodySchema>[],
    private readonly checkpoints: Uint8Array,
    private readonly stateBytes: number,
  ) {
    this.target = header.i32[I.published];
  }

  /** The last tick written and published. */
  get published(): number {
    return Atomics.load(this.header.i32, I.published);
  }

  /**
   * Asks for one more tick, to run with the controls in `input` as they are now. Past
   * {@link INPUT_RING} ticks in flight the extra ones wait here ({@link backlog}) and go out, with the
   * controls of that moment, as the workers catch up.
   */
  request(input: GameInput): void {
    // The ring keeps the controls of every tick since the last checkpoint, for a failure to run again.
    if (this.target - this.published >= INPUT_RING - CHECKPOINT_EVERY) {
      this.backlog++;
      return;
    }
    const { i32, f64 } = this.header;
    writeInput(f64, inputAt(this.target), input);
    this.target++;
    Atomics.store(i32, I.target, this.target);
    Atomics.notify(i32, I.target);
  }

  /**
   * Takes the renderer's hold: true when the pools hold a whole tick (then call {@link release} after
   * reading them), false while the owner writes one (nothing to release; keep the last frame).
   */
  hold(): boolean {
    const i32 = this.header.i32;
    Atomics.store(i32, I.hold, 1);
    if ((Atomics.load(i32, I.seq) & 1) === 0) return true;
    this.release();
    i32[I.skippedDraws]++;
    return false;
  }

  /** Lets the owner write again. */
  release(): void {
    Atomics.store(this.header.i32, I.hold, 0);
    Atomics.notify(this.header.i32, I.hold);
  }

  /** Resolves once every tick asked for is published, or the crew failed. */
  async settle(input: GameInput): Promise<void> {
    const i32 = this.header.i32;
    for (let seen = this.published; seen < this.target && this.failure === null; seen = this.published) {
      for (; this.backlog > 0 && this.target - seen < INPUT_RING - CHECKPOINT_EVERY; this.backlog--) {
        this.request(input);
      }
      const waited = Atomics.waitAsync(i32, I.published, seen, 50);
      if (waited.async) await waited.value;
    }
  }

  /** A worker failed: reported once, then the crew stops. */
  fail(index: number, error: Error | string): void {
    if (this.failure !== null || this.stopping) return;
    const message = `worker ${index}: ${typeof error === 'string' ? error : (error.stack ?? error.message)}`;
    this.failure = message;
    this.onFail(message);
  }

  /**
   * Stops the workers and loads their world into `state`'s: as it is, when they stop as asked; from the
   * last checkpoint, after a failure. Returns the ticks asked for that world has not run (0 unless a
   * worker failed), to run again with their controls from the ring.
   */
  async stop(state: WorldState): Promise<number> {
    this.stopping = this.failure === null;
    const i32 = this.header.i32;
    const stopped = new Promise<void>((resolve) => {
      this.ownerStopped = resolve;
      setTimeout(resolve, STOP_TIMEOUT_MS);
    });
    Atomics.store(i32, I.stop, 1);
    Atomics.notify(i32, I.target);
    Atomics.notify(i32, I.go);
    this.release();
    if (this.failure === null) await stopped;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    const slot = Atomics.load(i32, I.checkpoint);
    if (slot !== -1) state.load(this.checkpoints, slot * this.stateBytes);
    return this.target - state.world.tick;
  }
}

/**
 * Starts `threads` workers over a copy of `state`'s world (saved between ticks): the owner first, which
 * loads it into shared pools, then the helpers over those pools. The world is left as it was.
 * @throws Error when a worker fails or is not ready in time; the workers started are stopped.
 */
export async function startCrew(
  state: WorldState,
  game: GameOptions,
  threads: number,
  spawn: SpawnWorker,
): Promise<Crew> {
  const header = openHeader();
  const { world, bytes: stateBytes } = state;
  const saved = new SharedArrayBuffer(stateBytes);
  state.save(new Uint8Array(saved));
  const checkpoints = new SharedArrayBuffer(2 * stateBytes);
  const { i32, f64 } = header;
  i32[I.target] = world.tick;
  i32[I.published] = world.tick;
  writeInput(f64, inputAt(world.tick), world.input);
  const workers: WorkerLike[] = [];
  let crew: Crew | null = null;
  let startFailure: Error | null = null;
  const readies: Array<(world: SharedWorld | undefined) => void> = [];
  const start = (index: number) =>
    new Promise<SharedWorld | undefined>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`worker ${index} was not ready in time`)),
        READY_TIMEOUT_MS,
      );
      readies[index] = (shared) => {
        clearTimeout(timer);
        resolve(shared);
      };
      const fail = (error: Error | string) => {
        clearTimeout(timer);
        if (crew !== null) crew.fail(index, error);
        else {
          startFailure ??= typeof error === 'string' ? new Error(error) : error;
          reject(startFailure);
        }
      };
      workers[index] = spawn((message) => {
        if (message.type === 'ready') readies[index](message.world);
        else if (message.type === 'error') fail(message.message);
        else if (message.type === 'stopped' && index === 0) crew?.ownerStopped();
      }, fail);
    });
  try {
    const owner = start(0);
    const ownerInit: OwnerInit = {
      role: 'owner',
      header: header.buffer,
      threads,
      game,
      state: saved,
      checkpoints,
    };
    workers[0].postMessage(ownerInit);
    const shared = (await owner) as SharedWorld;
    const helpers: Promise<unknown>[] = [];
    for (let index = 1; index < threads; index++) {
      helpers.push(start(index));
      const helperInit: HelperInit = { role: 'helper', header: header.buffer, threads, index, world: shared };
      workers[index].postMessage(helperInit);
    }
    await Promise.all(helpers);
    const pools = [shared.bullets, shared.enemies, shared.particles].map(
      (description) => MemoryPool.attach(description) as MemoryPool<BodySchema>,
    );
    crew = new Crew(header, threads, workers, pools, new Uint8Array(checkpoints), stateBytes);
    return crew;
  } catch (error) {
    Atomics.store(i32, I.stop, 1);
    await Promise.all(workers.map((worker) => worker?.terminate()));
    throw error;
  }
}
