import type { Container } from 'pixi.js';
import { type GcCanary, RingBuffer } from '../profiler/index.ts';
import { ColumnChart } from './ColumnChart.ts';
import type { HudPanel } from './HudPanel.ts';
import { COLOR, LINE, OVERLAY_WIDTH, PAD, type Readout } from './hud.ts';

/** What the overlay's garbage section reads. */
export interface GarbageSource {
  /** Counts the page's collections (see `GcCanary` in `framepool/profiler`). */
  canary: GcCanary;
  /**
   * The JS heap's used bytes, or NaN where the host does not say (Chromium's `performance.memory`
   * does, rounded unless Chromium runs with `--enable-precise-memory-info`). Read a few times a second.
   */
  heapBytes?: () => number;
}

/** The window the collection figures cover, ms. */
const GC_WINDOW_MS = 10_000;
/** Heap samples in the sawtooth: one per text refresh (250 ms by default), so about 75 s. */
const SAMPLES = 300;
const CHART_HEIGHT = 26;

/**
 * The overlay's garbage section: collections in the last 10 s and a minute's rate (from the canary,
 * which costs nothing while no collection happens), and the JS heap as a sawtooth: heap bytes sampled
 * at each text refresh, where the host exposes them. A game that makes garbage shows a saw and a
 * count that climbs; one that makes none, a flat line and zero.
 */
export class GarbageSection {
  /** Where the section ends, for the rows below it. */
  readonly bottom: number;
  private readonly source: GarbageSource;
  private readonly heap = new RingBuffer(SAMPLES);
  private readonly chart: ColumnChart;
  private readonly countText: Readout;
  private readonly rateText: Readout;
  private readonly heapText: Readout;

  constructor(view: Container, panel: HudPanel, top: number, source: GarbageSource) {
    this.source = source;
    const right = OVERLAY_WIDTH - PAD;
    let y = top;
    panel.label('GARBAGE', PAD, y, COLOR.title);
    panel.label('GCs in 10 s', PAD + 84, y);
    this.countText = panel.readout(PAD + 206, y, 1);
    panel.label('a minute', PAD + 226, y);
    this.rateText = panel.readout(right, y, 1);
    y += LINE + 2;
    this.chart = new ColumnChart(view, panel.decor, {
      x: PAD,
      y,
      columns: SAMPLES,
      height: CHART_HEIGHT,
      minScale: 1 << 20,
      label: 'heap sawtooth',
    });
    // Beside the saw: the heap now, and what the chart shows.
    this.heapText = panel.readout(right, y - 2, 1, COLOR.label);
    panel.label('heap', right, y + CHART_HEIGHT - 13, COLOR.dim, 1);
    this.bottom = y + CHART_HEIGHT + 10;
  }

  /** Takes a heap sample and refreshes the figures: call it at the overlay's text refresh. */
  refresh(): void {
    const { canary, heapBytes } = this.source;
    const count = canary.countWithin(GC_WINDOW_MS);
    this.countText.number(count, 0, '');
    this.countText.tint(count > 0 ? COLOR.warn : COLOR.ok);
    this.rateText.number(canary.perMinute(GC_WINDOW_MS), 0, '');
    const bytes = heapBytes === undefined ? Number.NaN : heapBytes();
    if (bytes >= 0) {
      this.heap.push(bytes);
      this.heapText.bytes(bytes);
    }
    this.draw();
  }

  /** Frees the chart's GPU buffers. */
  destroy(): void {
    this.chart.destroy();
  }

  /**
   * The samples as columns, newest on the right, each the heap above the window's lowest sample: the
   * saw's teeth, which a chart from zero would flatten into the heap's size.
   */
  private draw(): void {
    const heap = this.heap;
    let low = Number.POSITIVE_INFINITY;
    let high = 0;
    for (let age = 0; age < heap.length; age++) {
      const bytes = heap.recent(age);
      if (bytes < low) low = bytes;
      if (bytes > high) high = bytes;
    }
    this.chart.begin(high - low);
    for (let age = 0; age < heap.length; age++) this.chart.stack(age, heap.recent(age) - low, COLOR.arena);
    this.chart.end();
  }
}
