/**
 * The snapshot format shared by pools and bump allocators: a header of float64 slots (what it is, of
 * what shape, how many bytes, then the owner's figures) followed by the bytes of the state. Snapshots
 * are written into a caller-owned `Uint8Array` at any offset, so a ring of them or a save file is one
 * buffer the caller sizes once from `snapshotBytes`.
 *
 * Writing one creates no objects: the header is composed in a small array each owner makes once and
 * copied with `set`, as the state is.
 */
import { describeValue, isCount, requireCount } from './checks.ts';

/**
 * Something whose whole state can be written into a caller-owned buffer and read back:
 * `MemoryPool`, `FixedBufferAllocator` and `ArenaAllocator`.
 */
export interface Snapshottable {
  /** The most bytes a snapshot of it takes now: size a buffer with it. */
  readonly snapshotBytes: number;
  /**
   * Writes its state into `into` from `offset` (default 0); returns the bytes written, at most
   * `snapshotBytes`. Creates no objects once the state's size is steady.
   * @throws TypeError naming `into` unless it is a Uint8Array; RangeError naming `into` when it has
   *   too little room from `offset`, or naming `offset` when that is not a whole number.
   */
  snapshot(into: Uint8Array, offset?: number): number;
  /**
   * Reads back a snapshot written by `snapshot`; the snapshot is checked whole before anything is
   * written, so a refusal changes nothing.
   * @throws TypeError naming `from` when it holds no snapshot of this kind and layout at `offset`.
   */
  restore(from: Uint8Array, offset?: number): void;
}

/** Bytes of every snapshot's header. */
export const SNAPSHOT_HEADER_BYTES = 128;
/** The header's first slot: "fpool" in ASCII, so a buffer that holds no snapshot is told apart. */
const MAGIC = 0x66706f6f6c;
const KIND = 1;
const SHAPE = 2;
const BYTES = 3;
/** Where the owner's figures start among the header's slots. */
export const FIGURES_AT = 4;
/** What a snapshot is of: the first figure a reader checks after the magic. */
export const SNAPSHOT_KINDS = { pool: 1, bump: 2 } as const;
const KIND_NAMES = ['', 'MemoryPool', 'bump allocator'];

/** One owner's header: composed in its own small array, then copied in or out whole. */
export class SnapshotHeader {
  /** The header's slots; figures go from {@link FIGURES_AT} on. */
  readonly slots = new Float64Array(SNAPSHOT_HEADER_BYTES / 8);
  private readonly bytes = new Uint8Array(this.slots.buffer);

  constructor(
    private readonly kind: number,
    private readonly shape: number,
  ) {}

  /** Writes the header of a snapshot of `bytes` bytes, with the figures set in {@link slots}. */
  write(into: Uint8Array, offset: number, bytes: number): void {
    const slots = this.slots;
    slots[0] = MAGIC;
    slots[KIND] = this.kind;
    slots[SHAPE] = this.shape;
    slots[BYTES] = bytes;
    into.set(this.bytes, offset);
  }

  /**
   * Reads the header at `offset` of `from` into {@link slots} and checks that it starts a snapshot of
   * this kind and shape that lies whole within `from`; returns the snapshot's bytes.
   * @throws TypeError naming `from` when it holds no such snapshot there; RangeError naming `offset`.
   */
  read(from: Uint8Array, offset: number): number {
    requireSnapshotBuffer('from', from, offset, SNAPSHOT_HEADER_BYTES);
    const bytes = this.bytes;
    // A loop rather than `set(from.subarray(…))`: no view object for 128 bytes.
    for (let i = 0; i < SNAPSHOT_HEADER_BYTES; i++) bytes[i] = from[offset + i];
    const slots = this.slots;
    const what = KIND_NAMES[this.kind];
    if (slots[0] !== MAGIC) {
      throw new TypeError(`from must hold a ${what} snapshot at offset ${offset}, found no snapshot there`);
    }
    if (slots[KIND] !== this.kind) {
      throw new TypeError(
        `from must hold a ${what} snapshot at offset ${offset}, found a ${KIND_NAMES[slots[KIND]] ?? 'unknown'} snapshot`,
      );
    }
    if (slots[SHAPE] !== this.shape) {
      throw new TypeError(
        `from holds a snapshot of a ${what} of another layout (fields, slot bytes or limits differ)`,
      );
    }
    const total = slots[BYTES];
    if (!isCount(total) || total < SNAPSHOT_HEADER_BYTES || offset + total > from.length) {
      throw new TypeError(
        `from holds a truncated ${what} snapshot: it says ${describeValue(total)} bytes, ${from.length - offset} are there`,
      );
    }
    return total;
  }

  /**
   * The figure in slot `at`, checked to be a whole number from `min` to `max`.
   * @throws TypeError naming `from` (a corrupt snapshot) and the figure.
   */
  figure(at: number, name: string, min: number, max: number): number {
    const value = this.slots[at];
    if (!(isCount(value) && value >= min && value <= max)) {
      throw new TypeError(
        `from holds a corrupt snapshot: ${name} is ${describeValue(value)}, not a whole number from ${min} to ${max}`,
      );
    }
    return value;
  }
}

/** The figures of a bump allocator that its snapshot holds, besides the bytes in use. */
export interface BumpFigures {
  used: number;
  highWater: number;
  allocCount: number;
  failureCount: number;
}

/** The header bump allocators compose their snapshots in: one will do, as no two are written at once. */
let bumpHeader: SnapshotHeader | null = null;
function bumpSnapshotHeader(): SnapshotHeader {
  bumpHeader ??= new SnapshotHeader(SNAPSHOT_KINDS.bump, 0);
  return bumpHeader;
}

/** The bytes of a bump allocator's snapshot with `used` bytes in use. */
export function bumpSnapshotBytes(used: number): number {
  return SNAPSHOT_HEADER_BYTES + used;
}

/** Writes a bump allocator's snapshot (figures, then its bytes in use) into `into` from `offset`. */
export function writeBumpSnapshot(
  allocator: BumpFigures & { readonly u8: Uint8Array },
  into: Uint8Array,
  offset: number,
): number {
  const used = allocator.used;
  const bytes = SNAPSHOT_HEADER_BYTES + used;
  requireSnapshotBuffer('into', into, offset, bytes);
  const header = bumpSnapshotHeader();
  const figures = header.slots;
  figures[FIGURES_AT] = used;
  figures[FIGURES_AT + 1] = allocator.highWater;
  figures[FIGURES_AT + 2] = allocator.allocCount;
  figures[FIGURES_AT + 3] = allocator.failureCount;
  header.write(into, offset, bytes);
  into.set(allocator.u8.subarray(0, used), offset + SNAPSHOT_HEADER_BYTES);
  return bytes;
}

/**
 * Reads and checks the bump allocator's snapshot at `offset` of `from`: its figures and its bytes in use.
 * @throws TypeError naming `from` when there is none, or a corrupt one; RangeError naming `from` when
 *   more bytes are in use than `maxBytes`.
 */
export function readBumpSnapshot(
  from: Uint8Array,
  offset: number,
  maxBytes: number,
): BumpFigures & { bytes: Uint8Array } {
  const header = bumpSnapshotHeader();
  const total = header.read(from, offset);
  const most = Number.MAX_SAFE_INTEGER;
  const used = header.figure(FIGURES_AT, 'used', 0, total - SNAPSHOT_HEADER_BYTES);
  if (total !== SNAPSHOT_HEADER_BYTES + used) {
    throw new TypeError(`from holds a corrupt snapshot: ${total} bytes for ${used} in use`);
  }
  if (used > maxBytes) {
    throw new RangeError(`from holds ${used} bytes in use; this allocator can hand out ${maxBytes}`);
  }
  return {
    used,
    highWater: header.figure(FIGURES_AT + 1, 'highWater', 0, most),
    allocCount: header.figure(FIGURES_AT + 2, 'allocCount', 0, most),
    failureCount: header.figure(FIGURES_AT + 3, 'failureCount', 0, most),
    bytes: from.subarray(offset + SNAPSHOT_HEADER_BYTES, offset + total),
  };
}

/**
 * Throws unless `buffer` is a Uint8Array with `bytes` bytes from `offset` on: a TypeError naming
 * `name` for anything else, a RangeError naming `offset` for a bad offset, or `name` when it is short.
 */
export function requireSnapshotBuffer(name: string, buffer: unknown, offset: number, bytes: number): void {
  if (!(buffer instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describeValue(buffer)}`);
  }
  requireCount('offset', offset);
  if (offset + bytes > buffer.length) {
    throw new RangeError(
      `${name} has ${Math.max(0, buffer.length - offset)} bytes from offset ${offset}; the snapshot needs ${bytes}`,
    );
  }
}

/** A 32-bit FNV-1a hash of `text`: the shape a snapshot records, so another layout is refused. */
export function shapeHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
