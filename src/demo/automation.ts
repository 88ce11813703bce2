import type { SimulationMode, Threads } from '../game/index.ts';
import type { PoolFigures } from '../memory/index.ts';

/**
 * `window.demo`: the page's automation handle, for the browser tests and for anyone scripting the
 * demo from the console. Every figure is a plain number; `snapshot()` returns a fresh object. Every
 * setter checks its argument and throws a TypeError or RangeError naming it, changing nothing.
 *
 * @example
 * demo.setMode('naive'); demo.setFireRate(5000); demo.setFiring(true);
 * setTimeout(() => console.table(demo.snapshot().pools), 3000);
 */
export interface DemoSnapshot {
  tick: number;
  /** Live bullets, enemies and particles. */
  live: number;
  mode: SimulationMode;
  paused: boolean;
  kills: number;
  /** Bullets per second while firing. */
  fireRate: number;
  /** The ship's position in world units. */
  ship: { x: number; y: number };
  /** The frame arena after the last tick; zeros in the modes that have none. */
  arena: { used: number; highWater: number; capacity: number; failureCount: number };
  /** Each kind's storage; where a mode has no budget, `capacity` is the pooled mode's, for scale. */
  pools: Record<string, PoolFigures>;
  /** The page's garbage collections: since it loaded, and a minute's rate over the last 10 s. */
  gc: { count: number; perMinute: number };
  /**
   * The pooled game's rewind: whether R is held, the history held (ticks and seconds), the bytes its
   * keyframes, segment and input log reserve and take, the ticks between keyframes, the ticks of
   * input recorded.
   */
  rewind: {
    rewinding: boolean;
    heldTicks: number;
    seconds: number;
    bytes: number;
    usedBytes: number;
    keyframeEvery: number;
    recordedTicks: number;
  };
  /** Where the pooled game runs and what each thread spends (see `ThreadsSnapshot`). */
  threads: ThreadsSnapshot;
}

/** Where the pooled game runs: `snapshot().threads`. */
export interface ThreadsSnapshot {
  /** `'main'` or the number of workers (the one asked for while a switch is under way). */
  threads: Threads;
  /** Whether the page is cross-origin isolated (SharedArrayBuffer exists). */
  isolated: boolean;
  /** Why workers cannot be used here, or null. */
  unavailable: string | null;
  /** The last worker failure (its error), or null. */
  failure: string | null;
  /** The overlay's status line. */
  status: string;
  /** The owner worker's last tick, ms (0 on the main thread). */
  workerTickMs: number;
  /** The page's JS per frame (frame callback + render), ms, mean of the last 60 frames. */
  frameMs: number;
  /** The part of `frameMs` before the render (input, ticks or asking for them, sprite sync, overlay), ms. */
  updateMs: number;
  /** Ticks asked for and not yet published. */
  behind: number;
  /** Layer draws that kept the last frame because a worker was writing a tick. */
  skippedDraws: number;
}

/** The handle installed as `window.demo`. */
export interface DemoHandle {
  snapshot(): DemoSnapshot;
  /** Switches storage: 'pooled', 'bitecs' or 'naive' (each keeps its own game's state). */
  setMode(mode: SimulationMode): void;
  /** Bullets per second while firing, clamped to the slider's range. */
  setFireRate(perSecond: number): void;
  /** @deprecated The old name of {@link setFireRate}; it goes in the next release. */
  setSpawnRate(perSecond: number): void;
  /** Enemies arriving per second, clamped to the slider's range. */
  setEnemyRate(perSecond: number): void;
  /** Engine-trail particles per second (90 by default; scripts raise it to load the page), clamped to 0 to `RULES.maxSpawnRate`. */
  setExhaustRate(perSecond: number): void;
  /** Holds the trigger (like auto-fire). */
  setFiring(on: boolean): void;
  setPaused(paused: boolean): void;
  /** Runs `ticks` simulation steps at the next frame (also while paused); at most 600 queued at once. */
  step(ticks?: number): void;
  /** Takes the pooled game `ticks` back at once (at most its history); returns the ticks gone back. */
  rewind(ticks: number): number;
  /** The replay file of the pooled game from tick 0 to now (what the L key downloads). */
  saveReplay(): Uint8Array;
  /**
   * Runs the pooled game on the main thread (`'main'`) or in `threads` workers; resolves once it runs
   * there. Tick count and state carry over exactly.
   * @throws RangeError naming `threads` unless it is `'main'` or a whole number from 1 to the
   *   machine's threads (`'main'` only when the page is not cross-origin isolated).
   */
  setThreads(threads: Threads): Promise<void>;
  overlayVisible(): boolean;
  setOverlay(visible: boolean): void;
}

declare global {
  interface Window {
    demo?: DemoHandle;
  }
}
