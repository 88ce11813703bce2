import './nodeGlobals.ts';
import { Container, Graphics, type Particle } from 'pixi.js';
import { describe, expect, it } from 'vitest';
import { ColumnChart, chartScale, columnHeight } from '../../src/render/ColumnChart.ts';

describe('chartScale', () => {
  it.each([
    [0, 1024],
    [1, 1024],
    [1024, 1024],
    [1025, 2048],
    [4816, 8192],
    [1_048_575.95, 1_048_576],
    [1_048_577, 2_097_152],
  ])('a window peaking at %d bytes gets a scale of %d', (max, scale) => {
    expect(chartScale(max)).toBe(scale);
  });

  it.each([Number.NaN, -5, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY])(
    '%d gives the smallest scale',
    (max) => {
      expect(chartScale(max)).toBe(1024);
    },
  );

  it('starts from minScale', () => {
    expect(chartScale(3, 4)).toBe(4);
    expect(chartScale(5, 4)).toBe(8);
  });
});

describe('columnHeight', () => {
  it.each([
    [0, 0],
    [-1, 0],
    [Number.NaN, 0],
    // Anything above zero shows, as one pixel at least.
    [1, 1],
    [512, 17],
    [1023, 34],
    [1024, 34],
    // Past the scale: cut at the chart's top.
    [4096, 34],
    [Number.POSITIVE_INFINITY, 34],
  ])('%d bytes at a 1 KiB scale, 34 px tall: %d px', (value, h) => {
    expect(columnHeight(value, 1024, 34)).toBe(h);
  });

  it('is a whole number', () => {
    for (let v = 1; v <= 1024; v += 7) expect(Number.isInteger(columnHeight(v, 1024, 34))).toBe(true);
  });
});

describe('ColumnChart', () => {
  /** A chart at (10, 20), 5 columns of up to 2 segments, 34 px tall, and its particles. */
  function chart() {
    const parent = new Container();
    const c = new ColumnChart(parent, new Graphics(), { x: 10, y: 20, columns: 5, height: 34, segments: 2 });
    const layer = parent.children[0] as unknown as { particleChildren: Particle[] };
    /** Visible particles as [right edge, bottom, height, tint]. */
    const drawn = () =>
      layer.particleChildren
        .filter((p) => p.scaleY !== 0)
        .map((p) => [
          p.x,
          p.y,
          p.scaleY,
          ((p.color & 0xff) << 16) | (p.color & 0xff00) | ((p.color >>> 16) & 0xff),
        ]);
    return { c, drawn };
  }

  it('hangs columns from the bottom right: age 0 at the right edge, stacks upward', () => {
    const { c, drawn } = chart();
    expect(c.begin(2000)).toBe(2048);
    c.stack(0, 1024, 0xff0000);
    c.stack(0, 512, 0x00ff00);
    c.stack(4, 2048, 0x0000ff);
    c.end();
    expect(drawn()).toEqual([
      [15, 54, 17, 0xff0000],
      [15, 37, 9, 0x00ff00],
      [11, 54, 34, 0x0000ff],
    ]);
  });

  it('cuts a stack at the top, skips empty segments and columns past the chart', () => {
    const { c, drawn } = chart();
    c.begin(1024);
    c.stack(1, 0, 0xff0000);
    c.stack(1, 1024, 0xff0000);
    c.stack(1, 1024, 0x00ff00);
    c.stack(5, 1024, 0x0000ff);
    c.stack(-1, 1024, 0x0000ff);
    c.end();
    expect(drawn()).toEqual([[14, 54, 34, 0xff0000]]);
  });

  it('marks a column at full height, and hides what the next frame does not draw', () => {
    const { c, drawn } = chart();
    c.begin(0);
    c.mark(2, 0xff4d6d);
    c.stack(3, 100, 0x46d8ff);
    c.end();
    expect(drawn()).toEqual([
      [13, 54, 34, 0xff4d6d],
      [12, 54, 3, 0x46d8ff],
    ]);
    c.begin(0);
    c.end();
    expect(drawn()).toEqual([]);
  });
});
