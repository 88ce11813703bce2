/**
 * Simulation workers in Node's `worker_threads`, for the tests and the benchmark: `spawnNodeWorker`
 * starts one over `threadWorker.mjs`, which loads the TypeScript sources through tsx.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SpawnWorker } from '../../../src/game/threads/Crew.ts';

const ENTRY = fileURLToPath(new URL('./threadWorker.mjs', import.meta.url));
const THREAD = new URL('../../../src/game/threads/thread.ts', import.meta.url).href;

/** Every worker started here, so a test can kill one mid-run. */
export const startedWorkers: Worker[] = [];

/** Starts a simulation worker in `worker_threads`; an exit nobody asked for is reported as a failure. */
export const spawnNodeWorker: SpawnWorker = (onMessage, onFail) => {
  const worker = new Worker(ENTRY, { workerData: { thread: THREAD } });
  startedWorkers.push(worker);
  let terminating = false;
  worker.on('message', onMessage);
  worker.on('error', onFail);
  worker.on('exit', (code) => {
    if (!terminating) onFail(new Error(`exited with code ${code}`));
  });
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => {
      terminating = true;
      return worker.terminate();
    },
  };
};

/** Threads this machine offers. */
export const NODE_THREADS = availableParallelism();
