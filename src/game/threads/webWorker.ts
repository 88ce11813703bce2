/**
 * The simulation worker's entry in a browser: a module Web Worker that runs `runThread` on its first
 * message. The page starts it with `new Worker(new URL('…/webWorker.ts', import.meta.url), { type:
 * 'module' })`, which Vite bundles as a worker of its own.
 */
import { type HelperInit, type OwnerInit, runThread } from './thread.ts';

/** The parts of a worker's global scope this entry uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<OwnerInit | HelperInit>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  scope.onmessage = null;
  runThread(event.data, (message) => scope.postMessage(message));
};
