/**
 * Child process of bench/loaders.bench.ts under Node ESM: `node --expose-gc [--import tsx] node.ts
 * <memory module> <baselines module>`, either on the TypeScript sources through tsx, or, built by Vite
 * with the baselines, on the library bundle's JavaScript with no tsx.
 */
import { pathToFileURL } from 'node:url';
import { type BaselinesModule, type MemoryModule, measureLoops, reportToParent } from './measureLoops.ts';

const [memoryPath, baselinesPath] = process.argv.slice(2);
if (memoryPath === undefined || baselinesPath === undefined) {
  throw new Error('usage: node.ts <memory module> <baselines module>');
}
const memory: MemoryModule = await import(pathToFileURL(memoryPath).href);
const baselines: BaselinesModule = await import(pathToFileURL(baselinesPath).href);
reportToParent(measureLoops(memory, baselines));
