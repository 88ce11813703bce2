import { type Container, type Graphics, Texture } from 'pixi.js';
import { COLOR } from './hud.ts';
import { ParticleLayer } from './ParticleLayer.ts';

/** Where and how large a {@link ColumnChart} is, in its parent's pixels. */
export interface ColumnChartOptions {
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  /** Columns, one pixel wide each: the chart's width and the most ticks it shows. */
  columns: number;
  /** Height in pixels: a column of `scale` bytes fills it. */
  height: number;
  /** Most segments stacked in one column (default 1). */
  segments?: number;
  /** Smallest scale, a power of two (default 1024): a near-empty chart does not zoom into noise. */
  minScale?: number;
  /** Label shown in Pixi's devtools. */
  label?: string;
}

/**
 * The smallest power of two that is at least `minScale` and `windowMax`: a chart's full height. It
 * moves in visible steps (doubling, halving) instead of jittering with every tick's peak. NaN,
 * ±Infinity and values up to `minScale` give `minScale`.
 */
export function chartScale(windowMax: number, minScale = 1024): number {
  let scale = minScale;
  if (!(windowMax < Infinity)) return scale;
  while (scale < windowMax) scale *= 2;
  return scale;
}

/**
 * Whole pixels a value of `value` takes in a chart `height` pixels tall at `scale`: at least 1 for
 * anything above 0 (a small allocation still shows), at most `height`; 0 for 0, negatives and NaN.
 * Whole pixels keep the columns crisp and the numbers handed to the particle layer small integers.
 */
export function columnHeight(value: number, scale: number, height: number): number {
  if (!(value > 0)) return 0;
  const h = Math.round((value * height) / scale);
  return h < 1 ? 1 : h > height ? height : h;
}

/**
 * A bar chart of the last ticks, newest on the right, one pixel column per tick, each column a stack
 * of coloured segments, on a dark ground with a faint line at half scale. The memory overlay's arena
 * sparkline and the profiler panel's timeline are both one.
 *
 * Every segment is a particle of a {@link ParticleLayer} (created up front: `columns × segments`),
 * `Texture.WHITE` stretched to 1 × h whole pixels and hung from its bottom-right corner: anchor 1
 * keeps pixi's vertex temporaries whole numbers, where anchor 0 would make -0, a heap number per
 * column per frame (see ParticleLayer). Redrawing makes no objects.
 *
 * @example
 * const chart = new ColumnChart(view, ground, { x: 12, y: 40, columns: 300, height: 34 });
 * // per frame:
 * chart.begin(windowMax);
 * for (let age = 0; age < ring.length; age++) chart.stack(age, ring.recent(age), 0x46d8ff);
 * chart.end();
 */
export class ColumnChart {
  private readonly layer: ParticleLayer;
  private readonly right: number;
  private readonly bottom: number;
  private readonly top: number;
  private readonly height: number;
  private readonly columns: number;
  private readonly minScale: number;
  private currentScale: number;
  /** Segments written since {@link begin}. */
  private count = 0;
  /** The column being stacked, and the top of its stack so far. */
  private stackAge = -1;
  private stackTop = 0;

  /**
   * Draws the ground into `ground` (a static Graphics below `parent`'s later children) and adds the
   * columns to `parent`.
   */
  constructor(parent: Container, ground: Graphics, options: ColumnChartOptions) {
    const { x, y, columns, height, segments = 1, minScale = 1024, label = 'ColumnChart' } = options;
    this.columns = columns;
    this.height = height;
    this.minScale = minScale;
    this.currentScale = minScale;
    this.right = x + columns;
    this.top = y;
    this.bottom = y + height;
    ground
      .rect(x, y, columns, height)
      .fill({ color: 0x000000, alpha: 0.35 })
      .rect(x, y + Math.floor(height / 2), columns, 1)
      .fill({ color: COLOR.track, alpha: 0.9 });
    this.layer = new ParticleLayer({
      texture: Texture.WHITE,
      capacity: columns * segments,
      anchorX: 1,
      anchorY: 1,
      label,
    });
    parent.addChild(this.layer.container);
  }

  /** The value of a full-height column since the last {@link begin}: a power of two (see {@link chartScale}). */
  get scale(): number {
    return this.currentScale;
  }

  /** Starts a frame: sets {@link scale} for the window's largest column (its stacked total) and returns it. */
  begin(windowMax: number): number {
    this.currentScale = chartScale(windowMax, this.minScale);
    this.count = 0;
    this.stackAge = -1;
    return this.currentScale;
  }

  /**
   * Stacks `value` bytes in `tint` on the column `age` ticks back from the newest (0 is the rightmost
   * column). Write one column's segments one after another, bottom first; a stack is cut at the top.
   * Columns past the chart, and segments past its capacity, are ignored.
   */
  stack(age: number, value: number, tint: number): void {
    if (age !== this.stackAge) {
      this.stackAge = age;
      this.stackTop = this.bottom;
    }
    const room = this.stackTop - this.top;
    let h = columnHeight(value, this.currentScale, this.height);
    if (h > room) h = room;
    if (h === 0 || age >= this.columns || age < 0 || this.count === this.layer.capacity) return;
    // Texture.WHITE is one pixel: scale (1, h) makes a 1 × h column; its right edge is `right - age`.
    // Alpha is a literal: a number field passed to a call V8 does not inline could be boxed.
    this.layer.setStretched(this.count++, this.right - age, this.stackTop, 0, 1, h, tint, 0.85);
    this.stackTop -= h;
  }

  /** Fills the column `age` ticks back to the full height in `tint` (a marker, e.g. a failed tick). */
  mark(age: number, tint: number): void {
    this.stackAge = -1;
    if (age >= this.columns || age < 0 || this.count === this.layer.capacity) return;
    this.layer.setStretched(this.count++, this.right - age, this.bottom, 0, 1, this.height, tint, 0.85);
  }

  /** Ends the frame: segments not written since {@link begin} are hidden. */
  end(): void {
    this.layer.finish(this.count);
  }

  /** Frees the columns' GPU buffers (the ground belongs to the Graphics it was drawn in). */
  destroy(): void {
    this.layer.destroy();
  }
}
