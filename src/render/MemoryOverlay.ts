import { type BitmapText, Container } from 'pixi.js';
import type { Allocator, PoolFigures } from '../memory/index.ts';
import { RingBuffer } from '../profiler/index.ts';
import { ColumnChart } from './ColumnChart.ts';
import { GarbageSection, type GarbageSource } from './GarbageSection.ts';
import { HudPanel } from './HudPanel.ts';
import { Bar, COLOR, LINE, OVERLAY_WIDTH, PAD, type Readout } from './hud.ts';

/** One pool row of the overlay. */
export interface OverlayPool {
  /** Short name shown on the row (about 10 characters fit). */
  name: string;
  /**
   * The pool, read every frame (live, capacity, highWater) and at text refresh (failureCount, shown
   * as "refused"): a `MemoryPool`, or a stand-in with the same figures.
   */
  pool: PoolFigures;
}

/** A free-form row: a label and a number the overlay pulls each time it refreshes its text. */
export interface OverlayRow {
  /** Left-hand label. */
  label: string;
  /** Called at text refresh time (a few times a second); make it once, not per frame. */
  value: () => number;
  /** Decimals shown (default 0; integers get thousands separators). */
  decimals?: number;
  /** Unit after the number, e.g. `'ms'`. */
  unit?: string;
  /** Show the value in the warning colour when it is above this. */
  warnAbove?: number;
}

/**
 * Per-frame figures the caller hands to {@link MemoryOverlay.update}: plain numbers, in one object
 * the caller keeps and overwrites (see {@link createFrameSample}), so a frame allocates nothing.
 *
 * The arena is reset at the start of every tick, so by the time a frame renders, `arena.used`
 * describes whatever the last tick left. The natural place to fill the arena fields is the end of a
 * tick, before the next reset: `used = arena.used; peak = arena.highWater` (with
 * `arena.resetHighWater()` right after each `arena.reset()` so `highWater` is the per-tick peak);
 * {@link MemoryOverlay.recordTick} does the same for the sparkline, one call per tick.
 */
export interface FrameSample {
  /** Arena bytes in use at the end of the most recent tick. */
  arenaUsed: number;
  /** Highest arena use during the most recent tick. */
  arenaPeak: number;
  /** The arena's `failureCount`: allocations it refused since it was made (monotonic). */
  arenaFailureCount: number;
  /** Simulation ticks run during this frame (0 when paused, more than 1 when catching up). */
  ticks: number;
  /** Mean simulation milliseconds per tick during this frame. */
  tickMs: number;
  /** CPU milliseconds of the last render. */
  renderMs: number;
}

/** A zeroed {@link FrameSample}: make one at startup and overwrite its fields every frame. */
export function createFrameSample(): FrameSample {
  return { arenaUsed: 0, arenaPeak: 0, arenaFailureCount: 0, ticks: 0, tickMs: 0, renderMs: 0 };
}

/** Characters of the status line that fit the panel's width. */
const STATUS_CHARS = 62;

/** Options for {@link MemoryOverlay}. */
export interface MemoryOverlayOptions {
  /** The frame arena (any allocator); the overlay reads only its `capacity`. */
  arena: Pick<Allocator, 'capacity'>;
  /** Pools to show, one row each, in this order. */
  pools: readonly OverlayPool[];
  /** Extra rows (entity counts and the like), shown under the timings. */
  rows?: readonly OverlayRow[];
  /** Ticks in the arena sparkline, one pixel column each: 2 to 300 (default 300, the panel's room). */
  historyLength?: number;
  /** Milliseconds between text refreshes (default 250): a number changing at 60 Hz cannot be read
   * anyway, and every changed BitmapText re-lays out its glyphs, which allocates. */
  textIntervalMs?: number;
  /** The key that toggles the overlay, shown in the title bar (default `'O'`). */
  toggleKey?: string;
  /** Collections and the JS heap, shown in a section of their own when given. */
  garbage?: GarbageSource;
  /**
   * One line of status under the rows (where the game runs, and why), pulled at text refresh; the
   * text is laid out again only when the string changes, so return the same string while it holds.
   */
  status?: () => string;
}

/**
 * The in-game memory overlay: a semi-transparent panel in the top-left corner of the Pixi scene
 * that shows the frame arena (use, peak, capacity bar, per-tick sparkline), every pool (live /
 * capacity, occupancy bar with high-water mark, refused allocations) and timing and entity rows.
 *
 * Cost per frame: bars are `Sprite`s of `Texture.WHITE` whose widths change (no geometry rebuilt)
 * and the sparkline is a column chart of particles, one per tick, so nothing is allocated for them; texts are refreshed every `textIntervalMs` and only when the shown value changed, and only
 * then is a string made and the BitmapText laid out again.
 *
 * @example
 * const overlay = new MemoryOverlay({ arena, pools: [{ name: 'bullets', pool: bullets }] });
 * app.stage.addChild(overlay.view);
 * // per tick, after the systems ran: overlay.recordTick(arena.highWater, arena.failureCount)
 * // per frame: overlay.update(sample)
 */
export class MemoryOverlay {
  /** The panel; add it to the stage (on top). */
  readonly view = new Container({ label: 'MemoryOverlay' });

  private readonly arena: Pick<Allocator, 'capacity'>;
  private readonly pools: readonly OverlayPool[];
  private readonly rows: readonly OverlayRow[];
  /** Each row's text after its number (" ms"), made once: the refresh writes only constant strings. */
  private readonly rowSuffixes: readonly string[];
  private readonly textIntervalMs: number;
  private nextTextAt = 0;

  /** Per-tick arena peak bytes, one per sparkline column. */
  private readonly peaks: RingBuffer;
  /** Beside each peak: 1 where that tick had an arena overflow, else 0. */
  private readonly overflowed: RingBuffer<Float32Array>;
  private ticksSinceUpdate = 0;
  private maxPeak = 0;
  private lastFailureCount = 0;

  private readonly arenaCapacityText: Readout;
  private readonly arenaBar: Bar;
  private readonly arenaUsedText: Readout;
  private readonly arenaPeakText: Readout;
  private readonly arenaMaxText: Readout;
  private readonly sparkline: ColumnChart;
  private readonly sparkScaleText: Readout;

  private readonly poolBars: Bar[] = [];
  private readonly poolLive: Readout[] = [];
  private readonly poolHigh: Readout[] = [];
  private readonly poolRefused: Readout[] = [];

  private readonly garbage: GarbageSection | null;
  private readonly simText: Readout;
  private readonly renderText: Readout;
  private readonly refusedText: Readout;
  private readonly rowTexts: Readout[] = [];
  private readonly status: (() => string) | null;
  private readonly statusText: BitmapText | null;

  constructor(options: MemoryOverlayOptions) {
    const { arena, pools, rows = [], textIntervalMs = 250, toggleKey = 'O' } = options;
    const historyLength = Math.max(2, Math.min(options.historyLength ?? 300, 300) | 0);
    this.arena = arena;
    this.pools = pools;
    this.rows = rows;
    this.rowSuffixes = rows.map((row) => (row.unit ? ` ${row.unit}` : ''));
    this.textIntervalMs = textIntervalMs;
    this.peaks = new RingBuffer(historyLength);
    this.overflowed = new RingBuffer(historyLength, Float32Array);

    const W = OVERLAY_WIDTH;
    const right = W - PAD;
    const panel = new HudPanel(this.view, {
      title: 'FRAMEPOOL',
      subtitle: 'MEMORY',
      hint: `[${toggleKey}] hide`,
    });
    let y = panel.top;

    // Frame arena.
    panel.label('FRAME ARENA', PAD, y, COLOR.title);
    // Read again at every refresh: an ArenaAllocator's capacity grows and shrinks.
    this.arenaCapacityText = panel.readout(right, y, 1, COLOR.label);
    y += LINE + 2;
    panel.label('used', PAD, y);
    this.arenaUsedText = panel.readout(PAD + 36, y, 0);
    panel.label('tick peak', PAD + 116, y);
    this.arenaPeakText = panel.readout(PAD + 190, y, 0);
    panel.label('max', right - 88, y);
    this.arenaMaxText = panel.readout(right, y, 1);
    y += LINE + 2;
    this.arenaBar = new Bar(this.view, PAD, y, W - 2 * PAD, 8);
    y += 14;
    const sparkHeight = 34;
    this.sparkline = new ColumnChart(this.view, panel.decor, {
      x: PAD,
      y,
      columns: historyLength,
      height: sparkHeight,
      label: 'arena sparkline',
    });
    // Beside the sparkline (per-tick peaks): its scale, and its time span in ticks.
    this.sparkScaleText = panel.readout(right, y - 2, 1, COLOR.label);
    panel.label(`${historyLength}t`, right, y + sparkHeight - 13, COLOR.dim, 1);
    y += sparkHeight + 10;
    panel.separator(y);

    // Pools.
    const colLive = PAD + 206;
    const colHigh = PAD + 270;
    panel.label('POOLS', PAD, y, COLOR.title);
    panel.label('live / cap', colLive, y, COLOR.label, 1);
    panel.label('peak', colHigh, y, COLOR.label, 1);
    panel.label('refused', right, y, COLOR.label, 1);
    y += LINE + 2;
    for (const entry of pools) {
      panel.label(entry.name, PAD, y, COLOR.value);
      this.poolLive.push(panel.readout(colLive, y, 1));
      this.poolHigh.push(panel.readout(colHigh, y, 1, COLOR.label));
      this.poolRefused.push(panel.readout(right, y, 1, COLOR.dim));
      y += LINE;
      this.poolBars.push(new Bar(this.view, PAD, y, W - 2 * PAD, 5));
      y += 11;
    }
    y += 4;
    panel.separator(y);

    // Collections and the heap, when the game watches them.
    this.garbage =
      options.garbage === undefined ? null : new GarbageSection(this.view, panel, y, options.garbage);
    if (this.garbage !== null) {
      y = this.garbage.bottom;
      panel.separator(y);
    }

    // Timings and free-form rows, in two columns.
    const mid = W / 2;
    panel.label('sim', PAD, y);
    this.simText = panel.readout(mid - 10, y, 1);
    panel.label('render', mid + 8, y);
    this.renderText = panel.readout(right, y, 1);
    y += LINE;
    panel.label('arena refused', PAD, y);
    this.refusedText = panel.readout(mid - 10, y, 1);
    let column = 1;
    for (const row of rows) {
      panel.label(row.label, column === 0 ? PAD : mid + 8, y);
      this.rowTexts.push(panel.readout(column === 0 ? mid - 10 : right, y, 1));
      column ^= 1;
      if (column === 0) y += LINE;
    }
    if (column === 1) y += LINE;
    this.status = options.status ?? null;
    this.statusText = this.status === null ? null : panel.label('', PAD, y, COLOR.dim);
    if (this.statusText !== null) y += LINE;
    panel.finish(y);
    this.view.position.set(12, 12);
  }

  /** Whether the panel is shown (toggling rebuilds Pixi's render list once, so not per frame). */
  get visible(): boolean {
    return this.view.visible;
  }
  set visible(value: boolean) {
    this.view.visible = value;
  }

  /** Shows the panel if hidden, hides it if shown; returns the new state. */
  toggle(): boolean {
    this.view.visible = !this.view.visible;
    return this.view.visible;
  }

  /**
   * Records one simulation tick for the sparkline: the tick's arena peak in bytes and how many of
   * its allocations failed. Call it at the end of each tick, before the arena is reset; cheap and
   * allocation-free. Ticks not recorded this way are taken from the sample in {@link update}.
   */
  recordTick(peakBytes: number, failures = 0): void {
    this.peaks.push(peakBytes);
    this.overflowed.push(failures > 0 ? 1 : 0);
    if (peakBytes > this.maxPeak) this.maxPeak = peakBytes;
    this.ticksSinceUpdate++;
  }

  /**
   * Redraws bars and sparkline from this frame's figures and, every `textIntervalMs`, refreshes the
   * numbers. Call once per rendered frame, even while hidden (it keeps the history; drawing is
   * skipped when hidden).
   */
  update(sample: FrameSample, now: number = performance.now()): void {
    if (this.ticksSinceUpdate === 0 && sample.ticks > 0) {
      this.recordTick(sample.arenaPeak, sample.arenaFailureCount > this.lastFailureCount ? 1 : 0);
    }
    this.ticksSinceUpdate = 0;
    this.lastFailureCount = sample.arenaFailureCount;
    if (sample.arenaPeak > this.maxPeak) this.maxPeak = sample.arenaPeak;
    if (!this.view.visible) return;

    const capacity = this.arena.capacity;
    const usedFraction = sample.arenaUsed / capacity;
    this.arenaBar.set(
      usedFraction,
      sample.arenaPeak / capacity,
      this.maxPeak / capacity,
      levelColor(this.maxPeak / capacity, COLOR.arena),
    );
    for (let i = 0; i < this.pools.length; i++) {
      const pool = this.pools[i].pool;
      const occupancy = pool.live / pool.capacity;
      const high = pool.highWater / pool.capacity;
      this.poolBars[i].set(occupancy, -1, high, levelColor(occupancy, COLOR.ok));
    }
    this.drawSparkline(capacity);

    if (now < this.nextTextAt) return;
    this.nextTextAt = now + this.textIntervalMs;
    this.arenaCapacityText.bytes(capacity, 'cap ');
    this.arenaUsedText.bytes(sample.arenaUsed);
    this.arenaPeakText.bytes(sample.arenaPeak);
    this.arenaMaxText.bytes(this.maxPeak);
    this.sparkScaleText.scale(this.sparkline.scale);
    for (let i = 0; i < this.pools.length; i++) {
      const pool = this.pools[i].pool;
      this.poolLive[i].ratio(pool.live, pool.capacity);
      this.poolHigh[i].number(pool.highWater, 0, '');
      const refused = pool.failureCount;
      this.poolRefused[i].number(refused, 0, '');
      this.poolRefused[i].tint(refused > 0 ? COLOR.bad : COLOR.dim);
    }
    this.simText.number(
      sample.tickMs,
      2,
      sample.ticks > 1 ? ' ms/tick ×' : ' ms/tick',
      sample.ticks > 1 ? sample.ticks : -1,
    );
    this.renderText.number(sample.renderMs, 2, ' ms');
    this.garbage?.refresh();
    this.refusedText.number(sample.arenaFailureCount, 0, '');
    this.refusedText.tint(sample.arenaFailureCount > 0 ? COLOR.bad : COLOR.value);
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      const value = row.value();
      this.rowTexts[i].number(value, row.decimals ?? 0, this.rowSuffixes[i]);
      this.rowTexts[i].tint(row.warnAbove !== undefined && value > row.warnAbove ? COLOR.warn : COLOR.value);
    }
    if (this.status !== null && this.statusText !== null) {
      const status = this.status();
      const line = status.length > STATUS_CHARS ? `${status.slice(0, STATUS_CHARS - 1)}…` : status;
      if (this.statusText.text !== line) this.statusText.text = line;
    }
  }

  /** Removes the panel and frees its GPU objects (the installed font stays for later overlays). */
  destroy(): void {
    this.sparkline.destroy();
    this.garbage?.destroy();
    this.view.destroy({ children: true });
  }

  /** One column per recorded tick, newest on the right, coloured by how close the peak came to capacity. */
  private drawSparkline(capacity: number): void {
    const peaks = this.peaks;
    const count = peaks.length;
    let windowMax = 0;
    for (let age = 0; age < count; age++) {
      const peak = peaks.recent(age);
      if (peak > windowMax) windowMax = peak;
    }
    const chart = this.sparkline;
    chart.begin(windowMax);
    // Colour thresholds in bytes, so the loop only compares.
    const warnAt = capacity * 0.6;
    const badAt = capacity * 0.85;
    for (let age = 0; age < count; age++) {
      if (this.overflowed.recent(age) === 1) {
        chart.mark(age, COLOR.bad);
        continue;
      }
      const value = peaks.recent(age);
      chart.stack(age, value, value < warnAt ? COLOR.arena : value < badAt ? COLOR.warn : COLOR.bad);
    }
    chart.end();
  }
}

/** Green/cyan below 60 %, amber to 85 %, red above: the colour says "headroom" before the number does. */
function levelColor(fraction: number, calm: number): number {
  return fraction < 0.6 ? calm : fraction < 0.85 ? COLOR.warn : COLOR.bad;
}
