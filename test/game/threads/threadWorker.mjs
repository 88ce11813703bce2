/**
 * A simulation worker in Node: registers tsx (so the TypeScript sources load), then runs `runThread`
 * on the first message, as the page's Web Worker does. With `workerData.failAfter`, the worker's
 * `Math.fround` (which every system's arithmetic calls) throws on that call: a system that throws.
 * With `workerData.countGc`, it records its garbage collections (when each began, in ms since the
 * epoch) and posts them as `{ type: 'gc', times }` before it says it stopped: the observer's entries
 * arrive only once the worker's loop of `Atomics.wait` has returned.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const api = await import('tsx/esm/api');
api.register();
const { runThread } = await import(workerData.thread);
if (workerData.failAfter !== undefined) {
  const fround = Math.fround;
  let calls = 0;
  Math.fround = (value) => {
    if (++calls === workerData.failAfter) throw new Error(`boom: a system threw on call ${calls}`);
    return fround(value);
  };
}
const collections = [];
if (workerData.countGc) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push(performance.timeOrigin + entry.startTime);
  }).observe({ entryTypes: ['gc'] });
}
const post = (message) => {
  if (!workerData.countGc || message.type !== 'stopped') return parentPort.postMessage(message);
  setTimeout(() => {
    parentPort.postMessage({ type: 'gc', times: collections });
    parentPort.postMessage(message);
  }, 50);
};
parentPort.once('message', (init) => runThread(init, post));
