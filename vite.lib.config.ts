import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { ENTRIES, entrySource, PEERS } from './scripts/entries.ts';

/** Library build (`npm run build:lib`): the package's public entry points as ES modules in dist-lib/. */
const entry = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Peer dependencies (and their subpaths) stay imports; the memory and profiler entries use none of them. */
const external = PEERS.map((peer) => new RegExp(`^${peer.replace('.', '\\.')}(/|$)`));

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
      entry: Object.fromEntries(
        ENTRIES.map((e) => [e.built.replace(/\.js$/, ''), entry(`./${entrySource(e)}`)]),
      ),
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
