import { type BLEND_MODES, Particle, ParticleContainer, type Texture } from 'pixi.js';

/** Options for {@link ParticleLayer}. */
export interface ParticleLayerOptions {
  /** The one texture every particle of the layer draws (a ParticleContainer batches a single texture). */
  texture: Texture;
  /** How many particles the layer can show at once; they are all created now, never later. */
  capacity: number;
  /** Horizontal anchor of every particle, 0..1 (default 0.5: rotate and scale about the centre; avoid 0, see the class notes). */
  anchorX?: number;
  /** Vertical anchor of every particle, 0..1 (default 0.5). */
  anchorY?: number;
  /** Blend mode of the whole layer, e.g. `'add'` for glowing bullets and sparks (default `'normal'`). */
  blendMode?: BLEND_MODES;
  /** Label shown in Pixi's devtools. */
  label?: string;
}

/** Largest layer: pixi's index buffer then still fits comfortably in one draw call. */
export const MAX_LAYER_CAPACITY = 1 << 20;

/**
 * A Pixi v8 `ParticleContainer` with a fixed set of `capacity` particles, created once up front,
 * written densely every frame with {@link set} and cut off with {@link finish}.
 *
 * Why this shape (read from pixi 8.22's `scene/particle-container` source):
 * - `ParticleBuffer.update` uploads the *dynamic* attributes of every particle in
 *   `particleChildren` each frame, whatever changed, and re-uploads the *static* ones only when the
 *   container is flagged (`update()` / `onViewUpdate()`). Position, rotation, vertex (scale) and
 *   color are all dynamic here, so per-frame writes show without any flagging; only `uvs` is static
 *   and it is uploaded once after construction (see the constructor) since the texture never changes.
 * - The GPU buffer grows by reallocation when the particle array gets longer, and `addParticle` /
 *   `removeParticle` splice the array: creating or removing particles per frame makes garbage
 *   (pixi issues #1926/#1939). The array here never changes length.
 * - Hidden particles get scale 0: a degenerate quad covers no pixel, so it costs vertex work only,
 *   no fragments. The cost of a frame is therefore proportional to `capacity`, not to the live
 *   count: size the capacity to the budget of the pool that feeds the layer.
 * - `Particle.tint` goes through `Color.shared` and allocates small arrays; {@link set} writes the
 *   packed `color` field (what the shader reads) directly instead.
 * - Pixi's generated upload function (a sloppy-mode `new Function`) keeps its vertex temporaries
 *   `w0, w1, h0, h1` in implicit globals (seen on `window` in the page). A global holding a
 *   non-integer is a fresh heap number per store, so keep `texture size × anchor` whole numbers
 *   (even-sized textures with anchor 0.5, or anchor 1): then the upload makes no garbage. Avoid
 *   anchor 0: pixi computes `-anchor * width`, and -0 is not a small integer either (measured:
 *   300 columns at anchor 0 allocated about 80 KB/s).
 *
 * @example
 * const sparks = new ParticleLayer({ texture: textures.spark, capacity: 8192, blendMode: 'add' });
 * stage.addChild(sparks.container);
 * // every frame (a pool's live records fill slots 0 .. live - 1):
 * const n = Math.min(pool.live, sparks.capacity);
 * for (let s = 0; s < n; s++) sparks.set(s, x[s], y[s], r[s], 1, 0xffaa33, a[s]);
 * sparks.finish(n);
 */
export class ParticleLayer {
  /** The display object to add to the stage. */
  readonly container: ParticleContainer;
  /** Number of particles, fixed for the layer's lifetime. */
  readonly capacity: number;
  /** The particles, index `i` is the `i` of {@link set}; exposed for tests and special effects. */
  readonly particles: readonly Particle[];
  /** Particles in `[0, shown)` may be visible; all beyond are at scale 0. */
  private shown = 0;

  constructor(options: ParticleLayerOptions) {
    const { texture, capacity, anchorX = 0.5, anchorY = 0.5, blendMode = 'normal', label } = options;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_LAYER_CAPACITY) {
      throw new RangeError(`capacity must be an integer from 1 to ${MAX_LAYER_CAPACITY}, got ${capacity}`);
    }
    this.capacity = capacity;
    const particles: Particle[] = new Array(capacity);
    for (let i = 0; i < capacity; i++) {
      // Every particle starts hidden (scale 0) so an unused tail never flashes on screen.
      particles[i] = new Particle({ texture, anchorX, anchorY, scaleX: 0, scaleY: 0 });
    }
    this.particles = particles;
    this.container = new ParticleContainer({
      texture,
      particles,
      blendMode,
      label: label ?? 'ParticleLayer',
      dynamicProperties: { position: true, rotation: true, vertex: true, color: true, uvs: false },
    });
    // Passing `particles` to the constructor does not mark the container dirty, so without this the
    // static attributes (the uvs) would never be uploaded and every particle would sample texel 0.
    this.container.update();
  }

  /** How many particles the last {@link finish} left visible. */
  get count(): number {
    return this.shown;
  }

  /**
   * Writes particle `i` for this frame (uniform scale). `tint` is 0xRRGGBB, `alpha` 0..1. Creates no
   * objects. `i` must be below `capacity` (unchecked: this is the hot path; an index past the end
   * throws a TypeError on the undefined particle).
   */
  set(i: number, x: number, y: number, rotation: number, scale: number, tint: number, alpha: number): void {
    this.setStretched(i, x, y, rotation, scale, scale, tint, alpha);
  }

  /** Like {@link set} with separate horizontal and vertical scale (streaks, bars, sparkline columns). */
  setStretched(
    i: number,
    x: number,
    y: number,
    rotation: number,
    scaleX: number,
    scaleY: number,
    tint: number,
    alpha: number,
  ): void {
    const p = this.particles[i];
    p.x = x;
    p.y = y;
    p.rotation = rotation;
    p.scaleX = scaleX;
    p.scaleY = scaleY;
    // packColor, inlined by hand: its result is often outside the small-integer range, and a
    // call V8 does not inline would return it boxed (a heap allocation per particle).
    const a = alpha >= 1 ? 255 : alpha > 0 ? (alpha * 255) | 0 : 0;
    p.color = (a << 24) | ((tint & 0xff) << 16) | (tint & 0xff00) | ((tint >>> 16) & 0xff);
  }

  /**
   * Ends the frame: particles `[0, n)` are the ones {@link set} wrote this frame; the ones in
   * `[n, previous n)` are hidden (scale 0). Particles past the previous count are already hidden, so
   * the work is proportional to how much the live count shrank.
   */
  finish(n: number): void {
    n = n < 0 ? 0 : n > this.capacity ? this.capacity : n | 0;
    const particles = this.particles;
    for (let i = n; i < this.shown; i++) {
      const p = particles[i];
      p.scaleX = 0;
      p.scaleY = 0;
    }
    this.shown = n;
  }

  /** Hides every particle. */
  clear(): void {
    this.shown = this.capacity;
    this.finish(0);
  }

  /**
   * Changes the texture of the whole layer (a rare event, e.g. a theme switch): the uvs are static
   * attributes, so the container is flagged for a static re-upload.
   */
  setTexture(texture: Texture): void {
    for (const p of this.particles) p.texture = texture;
    this.container.texture = texture;
    this.container.update();
  }

  /** Destroys the container; textures stay (they are shared). */
  destroy(): void {
    this.container.destroy({ children: false, texture: false });
  }
}

/**
 * Packs 0xRRGGBB and alpha 0..1 into the 32-bit little-endian ABGR value pixi's particle shader
 * reads from `Particle.color` (same layout as `Particle._updateColor`, without going through Color).
 */
export function packColor(tint: number, alpha: number): number {
  const a = alpha >= 1 ? 255 : alpha > 0 ? (alpha * 255) | 0 : 0;
  return (a << 24) | ((tint & 0xff) << 16) | (tint & 0xff00) | ((tint >>> 16) & 0xff);
}
