import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { BINS, ENTRIES, entrySource, PEERS } from './scripts/entries.ts';

/** Library build (`npm run build:lib`): the package's public entry points as ES modules in dist-lib/. */
const entry = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Peer dependencies (and their subpaths) and Node's built-ins stay imports; the memory and profiler
 * entries use none of them, framepool/profiler/node and the command only Node's (tsx, which they load
 * TypeScript with, is found at run time).
 */
const external = [...PEERS.map((peer) => new RegExp(`^${peer.replace('.', '\\.')}(/|$)`)), /^node:/];

export default defineConfig({
  // The demo's public/ folder is not part of the library.
  publicDir: false,
  build: {
    outDir: 'dist-lib',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Readable output; the budget test measures the minified size itself, as a user's bundler would.
    minify: false,
    lib: {
      entry: Object.fromEntries([
        ...ENTRIES.map((e) => [e.built.replace(/\.js$/, ''), entry(`./${entrySource(e)}`)]),
        ...BINS.map((bin) => [bin.built.replace(/\.js$/, ''), entry(`./${bin.source}`)]),
      ]),
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      output: {
        // Shared code (the memory module, used by every other entry) goes into chunks/.
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
