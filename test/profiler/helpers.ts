import { FixedBufferAllocator, MemoryPool } from '../../src/memory/index.ts';
import { TickProfiler, type TickProfilerOptions } from '../../src/profiler/index.ts';

/** A clock the test moves by hand, so every duration is exact. */
export class FakeClock {
  now = 0;
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

/** A small world: an arena, one fixed pool, a fake clock and a profiler over them. */
export function makeRig(
  options: Partial<TickProfilerOptions> & { arenaBytes?: number; poolSlots?: number } = {},
) {
  const clock = new FakeClock();
  const arena = new FixedBufferAllocator(options.arenaBytes ?? 1024);
  const particles = new MemoryPool({ capacity: options.poolSlots ?? 4, fields: { x: 'f32' } });
  const profiler = new TickProfiler({
    arena,
    pools: { particles },
    systems: ['spawn', 'physics', 'render'],
    clock: clock.read,
    ...options,
  });
  return { clock, arena, particles, profiler };
}

export type Rig = ReturnType<typeof makeRig>;

/**
 * Runs one tick: resets the arena, then for each step runs system `id` for `ms`, making `allocs` arena
 * allocations of `bytes` each. Returns nothing; read the profiler.
 */
export function runTick(
  rig: Rig,
  steps: readonly { id: number; ms: number; bytes?: number; allocs?: number }[],
  entities = 0,
): void {
  const { arena, clock, profiler } = rig;
  arena.reset();
  profiler.beginTick();
  for (const step of steps) {
    profiler.beginSystem(step.id);
    for (let i = 0; i < (step.allocs ?? 0); i++) arena.alloc(step.bytes ?? 8);
    clock.advance(step.ms);
    profiler.endSystem(step.id);
  }
  profiler.endTick(entities);
}

/** The error `call` throws; fails the test when it throws none. */
export function captureError(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Lets a test pass what the types forbid, as JavaScript callers can. */
// biome-ignore lint/suspicious/noExplicitAny: the point is input the types reject
export const untyped = (value: unknown): any => value;

/** Matches a message that names `name` the way every check words it: "<name> must …". */
export function naming(name: string): RegExp {
  return new RegExp(`(^|[^\\w.])${name.replace(/[.[\]]/g, '\\$&')} must `);
}
