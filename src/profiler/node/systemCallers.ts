/**
 * Calls a system's `run(dt)` through a function of its own, so that the system shows on every stack the
 * sampling heap profiler records, whatever the JIT inlines.
 */
export type SystemCaller = (run: (dt: number) => void, dt: number) => void;

/** The name prefix of the callers: the caller of system `i` is the function `framepool_system_<i>`. */
const CALLER_PREFIX = 'framepool_system_';

/**
 * One caller per system. Each is compiled on its own (`new Function`), so it is a function of its own
 * for V8, with a name that says which system it calls: a sampled stack names the system by its caller.
 * Each caller's call site, and the site that calls the callers, are made megamorphic first (called with
 * two throwaway functions, and a spare caller, so that even one system gives the outer site two
 * targets): V8 never inlines at a megamorphic site, so every caller and every `run` keeps a frame of
 * its own, and a system's allocations are never folded into the code that called it.
 */
export function systemCallers(count: number): SystemCaller[] {
  const compile = (name: string) =>
    new Function(`return function ${name}(run, dt) { run(dt); };`)() as SystemCaller;
  const callers = Array.from({ length: count }, (_, i) => compile(`${CALLER_PREFIX}${i}`));
  const throwaway = [() => {}, () => {}];
  for (const caller of [...callers, compile('spare')]) {
    for (const run of throwaway) callSystem(caller, run, 0);
  }
  return callers;
}

/** The one call site the driver calls every system through. */
export function callSystem(caller: SystemCaller, run: (dt: number) => void, dt: number): void {
  caller(run, dt);
}

/** The system index a caller's frame names, or -1 for any other frame (callers have no URL). */
export function systemOfFrame(functionName: string, url: string): number {
  if (url !== '' || !functionName.startsWith(CALLER_PREFIX)) return -1;
  const index = Number(functionName.slice(CALLER_PREFIX.length));
  return Number.isInteger(index) ? index : -1;
}
