/**
 * Lets pixi.js 8 load in Node for the render tests: it reads `navigator` while its modules load, and
 * Node 20 has none. Import this module before anything that imports pixi.js; only the scene graph is
 * used (no renderer), so nothing else from a browser is needed.
 */
const globals = globalThis as { navigator?: unknown };
globals.navigator ??= { userAgent: 'node' };
