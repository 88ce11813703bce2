/**
 * Benchmark entry: `npm run bench` runs every benchmark in order; `npm run bench -- memory` runs the
 * ones whose name contains an argument. To add one, write `bench/<name>.bench.ts` exporting
 * `run(): void | Promise<void>` and list it below.
 */

export interface BenchModule {
  run(): void | Promise<void>;
}

const benchmarks: ReadonlyArray<{ name: string; load: () => Promise<BenchModule> }> = [
  { name: 'memory', load: () => import('./memory.bench.ts') },
  { name: 'memory-allocators', load: () => import('./allocators.bench.ts') },
  { name: 'lookup', load: () => import('./lookup.bench.ts') },
  { name: 'simulation', load: () => import('./simulation.bench.ts') },
  { name: 'profiler', load: () => import('./profiler.bench.ts') },
  { name: 'loaders', load: () => import('./loaders.bench.ts') },
  { name: 'ecs', load: () => import('./ecs.bench.ts') },
  { name: 'snapshot', load: () => import('./snapshot.bench.ts') },
  { name: 'rewind', load: () => import('./rewind.bench.ts') },
  { name: 'threads', load: () => import('./threads.bench.ts') },
];

const filters = process.argv.slice(2);
const selected = benchmarks.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
if (selected.length === 0) {
  console.error(
    `no benchmark matches ${filters.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exitCode = 1;
}
for (const b of selected) {
  await (await b.load()).run();
}
