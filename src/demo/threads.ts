/**
 * The page's side of the threaded game: the pooled game as a `ThreadedSimulation` whose workers are
 * module Web Workers (when the page is cross-origin isolated, so memory can be shared), the thread
 * choices the key and the control bar cycle through, and what the overlay and `window.demo` show:
 * where the simulation runs, the workers' tick time, the page's own JS time per frame.
 */
import { type GameOptions, type SpawnWorker, ThreadedSimulation, type Threads } from '../game/index.ts';

/** Why the game cannot use workers on this page, or null when it can. */
function unavailableReason(): string | null {
  if (typeof Worker === 'undefined') return 'this browser has no Web Workers';
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') {
    return 'the page is not cross-origin isolated (its host must send COOP same-origin and COEP require-corp), so no SharedArrayBuffer';
  }
  return null;
}

/** Starts one simulation worker as a module Web Worker; its errors (and failed loads) are failures. */
const spawnWebWorker: SpawnWorker = (onMessage, onFail) => {
  const worker = new Worker(new URL('../game/threads/webWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onFail(new Error(event.message || 'the worker failed to load or threw'));
  };
  worker.onmessageerror = () => onFail(new Error('a message from the worker could not be read'));
  return worker;
};

/** The pooled game for this page: workers where memory can be shared, the main thread only otherwise. */
export function createThreadedGame(game: GameOptions): ThreadedSimulation {
  const unavailable = unavailableReason();
  return new ThreadedSimulation({
    ...game,
    spawn: unavailable === null ? spawnWebWorker : null,
    maxThreads: Math.max(1, navigator.hardwareConcurrency || 1),
    unavailable: unavailable ?? undefined,
  });
}

/** The choice after `threads` in the cycle the key and the button go through: main, 1, 2 … workers, main. */
export function nextThreads(sim: ThreadedSimulation): Threads {
  const now = sim.threads;
  if (sim.unavailable !== null) return 'main';
  if (now === 'main') return 1;
  return now >= sim.maxThreads ? 'main' : now + 1;
}

/** Frames the page's JS time is averaged over. */
const FRAME_WINDOW = 60;

/**
 * Where the simulation runs and what it costs each thread, for the overlay and `window.demo`: the
 * page's JS milliseconds per frame (the frame callback and the render, averaged over
 * {@link FRAME_WINDOW} frames), the owner worker's last tick, and one line of status.
 */
export class ThreadsReadout {
  /** The page's mean JS milliseconds per frame over the last {@link FRAME_WINDOW} frames. */
  frameMs = 0;
  /** The part of it before the render: input, ticks (or asking for them), the sprite sync, the overlay. */
  updateMs = 0;
  private readonly frames = new Float64Array(FRAME_WINDOW);
  private readonly updates = new Float64Array(FRAME_WINDOW);
  private next = 0;
  private filled = 0;
  private sum = 0;
  private updateSum = 0;
  /** What {@link shown} was made for. */
  private shownThreads: Threads | null = null;
  private shownFailure: string | null = null;
  private shown = '';

  constructor(private readonly sim: ThreadedSimulation) {}

  /** Records one frame's JS milliseconds: its update and its render. */
  recordFrame(updateMs: number, renderMs: number): void {
    const i = this.next;
    this.sum += updateMs + renderMs - this.frames[i];
    this.updateSum += updateMs - this.updates[i];
    this.frames[i] = updateMs + renderMs;
    this.updates[i] = updateMs;
    this.next = (i + 1) % FRAME_WINDOW;
    this.filled = Math.min(FRAME_WINDOW, this.filled + 1);
    this.frameMs = this.sum / this.filled;
    this.updateMs = this.updateSum / this.filled;
  }

  /** Workers the simulation runs in; 0 on the main thread. */
  get workers(): number {
    const threads = this.sim.threads;
    return threads === 'main' ? 0 : threads;
  }

  /** One line: where it runs, or why it runs on the main thread. Made again only when that changes. */
  status(): string {
    const { sim } = this;
    // Compared as they are: a key string made per call would be garbage at every text refresh.
    if (sim.threads !== this.shownThreads || sim.failure !== this.shownFailure || this.shown === '') {
      this.shownThreads = sim.threads;
      this.shownFailure = sim.failure;
      const workers = this.workers;
      const where = workers === 0 ? 'main thread' : `${workers} worker${workers === 1 ? '' : 's'}`;
      const why =
        sim.failure !== null
          ? ` — ${sim.failure.split('\n')[0]}`
          : sim.unavailable !== null
            ? ` — no workers: ${sim.unavailable}`
            : '';
      this.shown = `sim on ${where}${why}`;
    }
    return this.shown;
  }
}
