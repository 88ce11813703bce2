/**
 * Debug mode of pools, after Zig's DebugAllocator: where each live handle was allocated, where the
 * last handle of each id was freed, and the leak report grouped by site. It allocates (a stack string
 * per allocation and per free), which is why the pool reaches it only from its slow path.
 */
import { captureSite } from './AllocationLog.ts';
import { StaleHandleError } from './errors.ts';

/** The live handles allocated at one site, as `MemoryPool.leaks()` reports them. */
export interface PoolLeak {
  /** Where they were allocated: the caller's stack, framepool's frames dropped; empty when not recorded. */
  readonly site: string;
  /** How many live handles were allocated there. */
  readonly count: number;
  /** Those handles, in slot order. */
  readonly handles: number[];
}

/** The last handle freed of an id, with both of its sites. */
interface FreedHandle {
  readonly handle: number;
  readonly allocatedAt: string;
  readonly freedAt: string;
}

/** The sites of one pool in debug mode, by id. */
export class HandleLog {
  /** Per id: where its live record was allocated. */
  private readonly sites: string[] = [];
  /** Per id: the last handle freed, until the id's next handle is freed in turn. */
  private readonly freed: (FreedHandle | undefined)[] = [];

  /** Records the caller as the allocation site of `id`'s new record. */
  allocated(id: number): void {
    this.sites[id] = captureSite();
  }

  /** Records that `handle` (of `id`) was freed at `freedAt`. */
  released(id: number, handle: number, freedAt: string): void {
    this.freed[id] = { handle, allocatedAt: this.sites[id] ?? '', freedAt };
    this.sites[id] = '';
  }

  /** Where `id`'s live record was allocated ('' when not recorded). */
  siteOf(id: number): string {
    return this.sites[id] ?? '';
  }

  /** The error for a use of the stale `handle` of `id`: with both sites when it was the id's last freed handle. */
  staleError(handle: number, id: number): StaleHandleError {
    const freed = this.freed[id];
    return freed !== undefined && freed.handle === handle
      ? new StaleHandleError(handle, freed.allocatedAt, freed.freedAt)
      : new StaleHandleError(handle);
  }

  /** Forgets every site: the pool's records came from a snapshot, whose sites are not recorded. */
  forget(): void {
    this.sites.length = 0;
    this.freed.length = 0;
  }
}

/** Groups `handles` by the site `siteOf` names for each, the largest group first. */
export function groupLeaks(handles: readonly number[], siteOf: (handle: number) => string): PoolLeak[] {
  const groups = new Map<string, { site: string; count: number; handles: number[] }>();
  for (const handle of handles) {
    const site = siteOf(handle);
    const group = groups.get(site);
    if (group === undefined) groups.set(site, { site, count: 1, handles: [handle] });
    else {
      group.count++;
      group.handles.push(handle);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
