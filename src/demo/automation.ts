/**
 * `window.demo`: the page's automation handle, for the browser tests and for anyone scripting the
 * demo from the console. Every figure is a plain number; `snapshot()` returns a fresh object.
 *
 * @example
 * demo.setMode('naive'); demo.setSpawnRate(5000); demo.setFiring(true);
 * setTimeout(() => console.table(demo.snapshot().pools), 3000);
 */
export interface DemoSnapshot {
  tick: number;
  /** Live bullets, enemies and particles. */
  entities: number;
  mode: 'pooled' | 'naive';
  paused: boolean;
  kills: number;
  /** Bullets per second while firing. */
  fireRate: number;
  /** The ship's position in world units. */
  ship: { x: number; y: number };
  /** The frame arena at the end of the last tick (zeros in naive mode, which has none). */
  arena: { used: number; peak: number; capacity: number; overflows: number };
  /** Each kind's storage; in naive mode (arrays, no budget) `capacity` is the pooled mode's budget. */
  pools: Record<string, { live: number; capacity: number; highWater: number; dropped: number }>;
}

/** The handle installed as `window.demo`. */
export interface DemoHandle {
  snapshot(): DemoSnapshot;
  /** Switches storage: the pooled world, or the naive object-per-entity game (each keeps its state). */
  setMode(mode: 'pooled' | 'naive'): void;
  /** Bullets per second while firing. */
  setSpawnRate(perSecond: number): void;
  /** Enemies arriving per second. */
  setEnemyRate(perSecond: number): void;
  /** Holds the trigger (like auto-fire). */
  setFiring(on: boolean): void;
  setPaused(paused: boolean): void;
  /** Runs `ticks` simulation steps now (also while paused). */
  step(ticks?: number): void;
  overlayVisible(): boolean;
  setOverlay(visible: boolean): void;
}

declare global {
  interface Window {
    demo?: DemoHandle;
  }
}
