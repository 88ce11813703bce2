/**
 * Simulation workers in Node's `worker_threads`, for the tests and the benchmark: `spawnNodeWorker`
 * starts one over `threadWorker.mjs`, which loads the TypeScript sources through tsx.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SpawnWorker, WorkerLike } from '../../../src/game/threads/Crew.ts';

const ENTRY = fileURLToPath(new URL('./threadWorker.mjs', import.meta.url));
const THREAD = new URL('../../../src/game/threads/thread.ts', import.meta.url).href;

/** Every worker started here, so a test can kill one mid-run. */
export const startedWorkers: Worker[] = [];

/** Starts a simulation worker in `worker_threads`; an exit nobody asked for is reported as a failure. */
export const spawnNodeWorker: SpawnWorker = (onMessage, onFail) => startWorker({}, onMessage, onFail);

/**
 * Starts workers like {@link spawnNodeWorker}, except that the `index`-th one started (0: the owner)
 * throws from inside its systems on their `failAfter`-th float32 rounding.
 */
export function spawnFailing(index: number, failAfter: number): SpawnWorker {
  let started = 0;
  return (onMessage, onFail) => startWorker(started++ === index ? { failAfter } : {}, onMessage, onFail);
}

/**
 * Starts workers like {@link spawnNodeWorker} that count their garbage collections: each reports the
 * start times (ms since the epoch) to `onCollections` when it stops as asked.
 */
export function spawnCountingGc(onCollections: (times: number[]) => void): SpawnWorker {
  return (onMessage, onFail) =>
    startWorker(
      { countGc: true },
      (message) => {
        const gc = message as unknown as { type: string; times?: number[] };
        if (gc.type === 'gc') onCollections(gc.times ?? []);
        else onMessage(message);
      },
      onFail,
    );
}

function startWorker(
  options: { failAfter?: number; countGc?: boolean },
  onMessage: Parameters<SpawnWorker>[0],
  onFail: Parameters<SpawnWorker>[1],
): WorkerLike {
  const worker = new Worker(ENTRY, { workerData: { thread: THREAD, ...options } });
  startedWorkers.push(worker);
  let terminating = false;
  worker.on('message', onMessage);
  worker.on('error', onFail);
  worker.on('exit', (code) => {
    if (!terminating) onFail(new Error(`exited with code ${code}`));
  });
  return {
    postMessage: (message: unknown) => worker.postMessage(message),
    terminate: () => {
      terminating = true;
      return worker.terminate();
    },
  };
}

/** Threads this machine offers. */
export const NODE_THREADS = availableParallelism();
