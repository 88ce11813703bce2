import type { WorldState } from '../WorldState.ts';

/**
 * The world's whole state as one run of bytes, as `WorldState.save` writes it (each pool's snapshot,
 * then each buffer's bytes), in a new buffer. Two worlds of one process whose bytes are equal play on
 * identically. (Worlds of two processes differ in their handles even then: every pool starts its
 * generations at its own base; see {@link stateHash}.)
 */
export function stateBytes(state: WorldState): Uint8Array {
  const out = new Uint8Array(state.bytes);
  state.save(out);
  return out;
}

/**
 * The world's state hash, 16 hex digits, the same in every process and engine that played the same
 * game: every live record's fields in slot order (and the enemies' entity ids), every pool's counters,
 * and every buffer of the state but the input and the enemies' handles (`WorldState.hashedBuffers`).
 * Handles are left out because each pool starts its generations at a base of its own (so a handle of
 * one pool is stale in another), which depends on how many pools the process made before; no rule
 * reads a handle's bits. The input is the next tick's, not a result of the ticks played.
 */
export function stateHash(state: WorldState): string {
  const hash = new Hash();
  const counts = new Float64Array(6);
  state.capture();
  for (const pool of state.pools) {
    const live = pool.live;
    counts.set([live, pool.capacity, pool.highWater, pool.allocCount, pool.freeCount, pool.failureCount]);
    hash.add(bytesOf(counts));
    for (const name of Object.keys(pool.fields)) hash.add(bytesOf(pool.fields[name].subarray(0, live)));
    if (pool === state.world.enemies.pool) hash.add(bytesOf(state.world.enemies.entities.subarray(0, live)));
  }
  for (const buffer of state.hashedBuffers) hash.add(bytesOf(buffer));
  return hash.digest();
}

/** A typed array's bytes. */
function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * A 64-bit hash in two 32-bit lanes (FNV-1a, and a multiply-and-shift lane over the same bytes):
 * integer arithmetic only, so every JavaScript engine gives the same digits.
 */
export class Hash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  /** Mixes `bytes` in. */
  add(bytes: Uint8Array): void {
    let { a, b } = this;
    for (let i = 0; i < bytes.length; i++) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
  }

  /** The hash of everything added, as 16 hex digits. */
  digest(): string {
    return hex(this.a) + hex(this.b);
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** The hash of `bytes` alone. */
export function hashBytes(bytes: Uint8Array): string {
  const hash = new Hash();
  hash.add(bytes);
  return hash.digest();
}
