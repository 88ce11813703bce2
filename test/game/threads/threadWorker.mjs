/**
 * A simulation worker in Node: registers tsx (so the TypeScript sources load), then runs `runThread`
 * on the first message, as the page's Web Worker does. With `workerData.failAfter`, the worker's
 * `Math.fround` (which every system's arithmetic calls) throws on that call: a system that throws.
 */
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
parentPort.once('message', (init) => runThread(init, (message) => parentPort.postMessage(message)));
