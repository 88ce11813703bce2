/**
 * Debug mode of the bump allocators, after Zig's DebugAllocator: where each live allocation was made,
 * and reports of frees that give nothing back. It allocates (a stack string and a record per
 * allocation), which is why it is off by default and why the allocators reach it only from paths that
 * a release build already leaves: see `BumpAllocator`.
 */

/** One allocation made since the last reset, as debug mode records it. */
export interface AllocationRecord {
  /** Byte offset of the allocation. */
  readonly offset: number;
  /** Its size in bytes. */
  readonly byteLength: number;
  /** Where it was made: the caller's stack, framepool's own frames dropped, at most 4 frames. */
  readonly site: string;
}

/** A misuse debug mode noticed. */
export interface DebugReport {
  /** `'out-of-order-free'`: a `free` of a block that is not the last allocation, which gives nothing back. */
  readonly kind: 'out-of-order-free';
  /** The freed block's offset and size. */
  readonly offset: number;
  readonly byteLength: number;
  /** Where the block was allocated (empty when it was not recorded), and where it was freed. */
  readonly allocatedAt: string;
  readonly freedAt: string;
  /** One line saying what happened and what it costs. */
  readonly message: string;
}

/** Frames kept in a recorded site. */
export const SITE_FRAMES = 4;

/** Frames of framepool's own allocators, dropped from the top of a site. */
const OWN_FRAME =
  /\b(BumpAllocator|FixedBufferAllocator|ArenaAllocator|FailingAllocator|TypedList|TextWriter|AllocationLog|MemoryPool|HandleLog)\.|\bcaptureSite\b/;

/** The stack of the current call, without its first line and framepool's own frames. */
export function captureSite(): string {
  const lines = (new Error().stack ?? '').split('\n');
  const frames: string[] = [];
  for (let i = 1; i < lines.length && frames.length < SITE_FRAMES; i++) {
    const line = lines[i].trim();
    if (line === '' || (frames.length === 0 && OWN_FRAME.test(line))) continue;
    frames.push(line);
  }
  return frames.join('\n');
}

/** The records and the reporting of one allocator in debug mode. */
export class AllocationLog {
  private records: AllocationRecord[] = [];

  constructor(private readonly onReport: (report: DebugReport) => void) {}

  /** Records an allocation at the caller's site, or (`grown`) that the last one grew in place. */
  allocated(offset: number, byteLength: number, grown: boolean): void {
    const records = this.records;
    const last = records[records.length - 1];
    if (grown && last !== undefined && last.offset === offset) {
      records[records.length - 1] = { offset, byteLength, site: last.site };
    } else {
      records.push({ offset, byteLength, site: captureSite() });
    }
  }

  /** Everything from `end` up was given back: forgets those records (and cuts one that straddles `end`). */
  released(end: number): void {
    const records = this.records;
    let keep = records.length;
    while (keep > 0) {
      const record = records[keep - 1];
      if (record.offset + record.byteLength <= end) break;
      if (record.offset < end) {
        records[keep - 1] = { offset: record.offset, byteLength: end - record.offset, site: record.site };
        break;
      }
      keep--;
    }
    records.length = keep;
  }

  /** Forgets every record: the allocator was reset. */
  clear(): void {
    this.records.length = 0;
  }

  /** Reports a free of `[offset, offset + byteLength)` while `used` is past it. */
  outOfOrderFree(offset: number, byteLength: number, used: number): void {
    const block = this.find(offset, byteLength);
    const at = `[${offset}, ${offset + byteLength})`;
    this.onReport({
      kind: 'out-of-order-free',
      offset,
      byteLength,
      allocatedAt: block?.site ?? '',
      freedAt: captureSite(),
      message:
        `free of ${at} is out of order: only the last allocation (ending at ${used}) can be given back, ` +
        `so these ${byteLength} bytes stay in use until a rollback or reset below them`,
    });
  }

  /** The live allocations, oldest first (a copy). */
  list(): AllocationRecord[] {
    return this.records.slice();
  }

  private find(offset: number, byteLength: number): AllocationRecord | undefined {
    for (let i = this.records.length - 1; i >= 0; i--) {
      const record = this.records[i];
      if (record.offset === offset && record.byteLength === byteLength) return record;
    }
    return undefined;
  }
}

/** The default reporter: a console warning with both sites. */
export function warnReport(report: DebugReport): void {
  console.warn(
    `framepool: ${report.message}\nallocated at:\n${report.allocatedAt}\nfreed at:\n${report.freedAt}`,
  );
}
