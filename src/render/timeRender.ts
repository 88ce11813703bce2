import { type Ticker, UPDATE_PRIORITY } from 'pixi.js';

/**
 * Times Pixi's own render every frame: one ticker callback just before the render (at
 * `UPDATE_PRIORITY.LOW + 1`; the render runs at `LOW`), one after it (`UPDATE_PRIORITY.UTILITY`), which hands the render's CPU
 * milliseconds to `onRendered` (for the overlay's "render ms" and stats.js's end of frame).
 * @returns a function that removes both callbacks.
 *
 * @example
 * timeRender(app.ticker, (ms) => { sample.renderMs = ms; stats.end(arenaPeak, fullest); });
 */
export function timeRender(ticker: Ticker, onRendered: (renderMs: number) => void): () => void {
  let start = 0;
  const before = () => {
    start = performance.now();
  };
  const after = () => onRendered(performance.now() - start);
  ticker.add(before, null, UPDATE_PRIORITY.LOW + 1);
  ticker.add(after, null, UPDATE_PRIORITY.UTILITY);
  return () => {
    ticker.remove(before);
    ticker.remove(after);
  };
}
