/**
 * The history behind an allocator's reset epoch: which epochs gave bytes back, and how far down.
 * A holder of a block (a `TypedList`) remembers the epoch it last saw; when the epoch has moved it asks
 * whether any release since then reached below its block's end. One counter alone could not tell a
 * scratch scope rolled back above the block from a rollback below it, and would empty the block's
 * holder for nothing.
 *
 * Releases are kept as a stack of suffix minima: each entry is (epoch, lowest end released from that
 * epoch on), epochs rising and ends rising from bottom to top. A release pops every entry whose end
 * is not below its own, so nested mark/rollback scopes keep the stack as deep as the nesting, and a
 * reset (a release to 0) empties it. Past {@link RELEASE_LOG_DEPTH} entries the oldest is dropped,
 * and questions about epochs before it are answered "yes, released" (safe: the holder starts over).
 */

/** Entries kept before the oldest is dropped. */
export const RELEASE_LOG_DEPTH = 32;

/** The release history of one allocator; the allocator owns the epoch counter it is keyed by. */
export class ReleaseLog {
  private readonly epochs = new Float64Array(RELEASE_LOG_DEPTH);
  private readonly ends = new Int32Array(RELEASE_LOG_DEPTH);
  private depth = 0;
  /** Questions about epochs before this one cannot be answered from the stack. */
  private knownFrom = 0;

  /** Records that `epoch` (the allocator's new epoch) released everything from `end` up. */
  record(epoch: number, end: number): void {
    let depth = this.depth;
    while (depth > 0 && this.ends[depth - 1] >= end) depth--;
    if (depth === RELEASE_LOG_DEPTH) {
      this.knownFrom = this.epochs[0];
      this.epochs.copyWithin(0, 1);
      this.ends.copyWithin(0, 1);
      depth--;
    }
    this.epochs[depth] = epoch;
    this.ends[depth] = end;
    this.depth = depth + 1;
  }

  /** Starts over at `epoch`: nothing before it is known (an allocator whose state came from elsewhere). */
  forget(epoch: number): void {
    this.depth = 0;
    this.knownFrom = epoch;
  }

  /** Whether a release after `since` (and up to `now`, the current epoch) reached below `end`. */
  releasedBelow(end: number, since: number, now: number): boolean {
    if (since >= now) return false;
    if (since < this.knownFrom) return true;
    // The first entry after `since` holds the lowest end released since then.
    for (let i = 0; i < this.depth; i++) {
      if (this.epochs[i] > since) return this.ends[i] < end;
    }
    return false;
  }
}
