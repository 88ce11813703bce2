/**
 * A tiny xorshift32 generator whose state lives in an Int32Array: drawing a number allocates
 * nothing. (`Math.random()` returns a fresh heap number whenever V8 calls it as a builtin rather
 * than inlining it, which it did here: about 2.6 MB/s of garbage from the flock's jitter alone.)
 */
export class Rng {
  private readonly state = new Int32Array(1);

  constructor(seed: number) {
    this.state[0] = seed | 0 || 0x2f6b1d3;
  }

  /** A whole number from 0 to 65535 (a small integer: never boxed, even across a call). */
  u16(): number {
    let x = this.state[0];
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.state[0] = x;
    return (x >>> 8) & 0xffff;
  }

  /** A number in [0, 1), 16 bits of resolution. */
  float(): number {
    return this.u16() * (1 / 65536);
  }
}
