/**
 * A simulation worker in Node: registers tsx (so the TypeScript sources load), then runs `runThread`
 * on the first message, as the page's Web Worker does.
 */
import { parentPort, workerData } from 'node:worker_threads';

const api = await import('tsx/esm/api');
api.register();
const { runThread } = await import(workerData.thread);
parentPort.once('message', (init) => runThread(init, (message) => parentPort.postMessage(message)));
