/**
 * `window.murmurationDemo`: the game's automation handle, for browser tests and the console.
 * `snapshot()` builds a fresh object each call; the game loop itself never does.
 *
 * @example
 * murmurationDemo.addHawk(640, 360); setTimeout(() => console.table(murmurationDemo.snapshot().pools), 2000);
 */
import type { PoolFigures } from 'framepool';

export interface MurmurationSnapshot {
  tick: number;
  paused: boolean;
  /** Flock size the game steers toward. */
  flockTarget: number;
  /** Birds caught by hawks. */
  caught: number;
  /** Hawk targets the generation check found dead. */
  staleTargets: number;
  /** Mean position of the flock (screen pixels). */
  flockCenter: { x: number; y: number };
  overlayVisible: boolean;
  /** The frame arena at the end of the last tick. */
  arena: { used: number; highWater: number; capacity: number; failureCount: number };
  pools: { boids: PoolFigures; hawks: PoolFigures; feathers: PoolFigures };
}

export interface MurmurationHandle {
  snapshot(): MurmurationSnapshot;
  setPaused(paused: boolean): void;
  /** Runs `ticks` fixed steps now (also while paused). */
  step(ticks?: number): void;
  /** Sets the flock size (clamped to the budget). */
  setFlockSize(size: number): void;
  /** Releases a hawk at (x, y); false when all hawk slots are taken. */
  addHawk(x: number, y: number): boolean;
  clearHawks(): void;
  /** Birds within `radius` pixels of (x, y). */
  countNear(x: number, y: number, radius: number): number;
  overlayVisible(): boolean;
  setOverlay(visible: boolean): void;
}

declare global {
  interface Window {
    murmurationDemo?: MurmurationHandle;
  }
}
