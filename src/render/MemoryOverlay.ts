import { Container, Graphics, Texture } from 'pixi.js';
import type { FixedBufferAllocator, MemoryPool } from '../memory/index.ts';
import { formatBytes } from '../profiler/index.ts';
import {
  Bar,
  COLOR,
  drawPanel,
  installHudFont,
  LINE,
  OVERLAY_WIDTH,
  PAD,
  Readout,
  staticText,
} from './hud.ts';
import { ParticleLayer } from './ParticleLayer.ts';

/** What the overlay reads from a pool: any `MemoryPool` fits, and so does a naive-mode stand-in. */
export type PoolStats = Pick<MemoryPool, 'live' | 'capacity' | 'highWater' | 'failureCount'>;

/** One pool row of the overlay. */
export interface OverlayPool {
  /** Short name shown on the row (about 10 characters fit). */
  name: string;
  /** The pool; read every frame (live, capacity, highWater). */
  pool: PoolStats;
  /** Spawns dropped because the pool was full; default `pool.failureCount`. */
  dropped?: () => number;
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
  /** Arena overflow events since start, in the game's unit (failed allocations, or ticks whose optional work was skipped). */
  arenaOverflows: number;
  /** Simulation ticks run during this frame (0 when paused, more than 1 when catching up). */
  ticks: number;
  /** Mean simulation milliseconds per tick during this frame. */
  tickMs: number;
  /** CPU milliseconds of the last render. */
  renderMs: number;
}

/** A zeroed {@link FrameSample}: make one at startup and overwrite its fields every frame. */
export function createFrameSample(): FrameSample {
  return { arenaUsed: 0, arenaPeak: 0, arenaOverflows: 0, ticks: 0, tickMs: 0, renderMs: 0 };
}

/** Options for {@link MemoryOverlay}. */
export interface MemoryOverlayOptions {
  /** The frame arena; the overlay reads only its `capacity`. */
  arena: FixedBufferAllocator;
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
}

/**
 * The in-game memory overlay: a semi-transparent panel in the top-left corner of the Pixi scene
 * that shows the frame arena (use, peak, capacity bar, per-tick sparkline), every pool (live /
 * capacity, occupancy bar with high-water mark, dropped spawns) and timing and entity rows.
 *
 * Cost per frame: bars are `Sprite`s of `Texture.WHITE` whose widths change (no geometry rebuilt)
 * and the sparkline is a {@link ParticleLayer} of one column per tick, so nothing is allocated for
 * them; texts are refreshed every `textIntervalMs` and only when the shown value changed, and only
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

  private readonly arenaCapacity: number;
  private readonly pools: readonly OverlayPool[];
  private readonly rows: readonly OverlayRow[];
  private readonly textIntervalMs: number;
  private nextTextAt = 0;

  /** Per-tick arena peak bytes, a ring of `historyLength` entries; `head` is the next write. */
  private readonly history: Float32Array;
  /** 1 where that tick had an arena overflow. */
  private readonly historyOverflow: Uint8Array;
  private head = 0;
  private filled = 0;
  private ticksSinceUpdate = 0;
  private maxPeak = 0;
  private lastOverflows = 0;

  private readonly arenaBar: Bar;
  private readonly arenaUsedText: Readout;
  private readonly arenaPeakText: Readout;
  private readonly arenaMaxText: Readout;
  private readonly sparkline: ParticleLayer;
  private readonly sparkScaleText: Readout;
  private readonly sparkX: number;
  private readonly sparkBottom: number;
  private readonly sparkHeight = 34;
  private sparkScale = 1024;

  private readonly poolBars: Bar[] = [];
  private readonly poolLive: Readout[] = [];
  private readonly poolHigh: Readout[] = [];
  private readonly poolDropped: Readout[] = [];

  private readonly simText: Readout;
  private readonly renderText: Readout;
  private readonly overflowText: Readout;
  private readonly rowTexts: Readout[] = [];

  constructor(options: MemoryOverlayOptions) {
    installHudFont();
    const { arena, pools, rows = [], textIntervalMs = 250, toggleKey = 'O' } = options;
    const historyLength = Math.max(2, Math.min(options.historyLength ?? 300, 300) | 0);
    this.arenaCapacity = arena.capacity;
    this.pools = pools;
    this.rows = rows;
    this.textIntervalMs = textIntervalMs;
    this.history = new Float32Array(historyLength);
    this.historyOverflow = new Uint8Array(historyLength);

    const W = OVERLAY_WIDTH;
    const right = W - PAD;
    // Two static Graphics, drawn once: the panel behind everything, then the decorations on it
    // (a Graphics draws in call order, and the panel's height is only known at the end).
    const background = new Graphics();
    const decor = new Graphics();
    this.view.addChild(background, decor);
    const label = (text: string, x: number, y: number, tint: number = COLOR.label, anchorX = 0) =>
      staticText(this.view, text, x, y, tint, anchorX);
    const value = (x: number, y: number, align: 0 | 1, tint: number = COLOR.value) =>
      new Readout(this.view, x, y, align, tint);

    // Title bar.
    let y = 9;
    label('FRAMEPOOL', PAD, y, COLOR.title);
    label('MEMORY', PAD + 76, y, COLOR.value);
    label(`[${toggleKey}] hide`, right, y, COLOR.dim, 1);
    y += LINE + 6;
    const separators: number[] = [y - 4];

    // Frame arena.
    label('FRAME ARENA', PAD, y, COLOR.title);
    label(`cap ${formatBytes(arena.capacity)}`, right, y, COLOR.label, 1);
    y += LINE + 2;
    label('used', PAD, y);
    this.arenaUsedText = value(PAD + 36, y, 0, COLOR.value);
    label('tick peak', PAD + 116, y);
    this.arenaPeakText = value(PAD + 190, y, 0, COLOR.value);
    label('max', right - 88, y);
    this.arenaMaxText = value(right, y, 1, COLOR.value);
    y += LINE + 2;
    this.arenaBar = new Bar(this.view, PAD, y, W - 2 * PAD, 8);
    y += 14;
    this.sparkX = PAD;
    this.sparkBottom = y + this.sparkHeight;
    decor
      .rect(PAD, y, historyLength, this.sparkHeight)
      .fill({ color: 0x000000, alpha: 0.35 })
      .rect(PAD, y + this.sparkHeight / 2, historyLength, 1)
      .fill({ color: COLOR.track, alpha: 0.9 });
    // Columns hang from their bottom-right corner: anchor 1 keeps pixi's vertex temporaries whole
    // numbers (anchor 0 would make them -0, a heap number per column per frame; see ParticleLayer).
    this.sparkline = new ParticleLayer({
      texture: Texture.WHITE,
      capacity: historyLength,
      anchorX: 1,
      anchorY: 1,
      label: 'arena sparkline',
    });
    this.view.addChild(this.sparkline.container);
    // Beside the sparkline (per-tick peaks): its scale, a power of two, and its time span in ticks.
    this.sparkScaleText = value(right, y - 2, 1, COLOR.label);
    label(`${historyLength}t`, right, y + this.sparkHeight - 13, COLOR.dim, 1);
    y += this.sparkHeight + 10;
    separators.push(y - 4);

    // Pools.
    const colLive = PAD + 206;
    const colHigh = PAD + 270;
    label('POOLS', PAD, y, COLOR.title);
    label('live / cap', colLive, y, COLOR.label, 1);
    label('peak', colHigh, y, COLOR.label, 1);
    label('dropped', right, y, COLOR.label, 1);
    y += LINE + 2;
    for (const entry of pools) {
      label(entry.name, PAD, y, COLOR.value);
      this.poolLive.push(value(colLive, y, 1, COLOR.value));
      this.poolHigh.push(value(colHigh, y, 1, COLOR.label));
      this.poolDropped.push(value(right, y, 1, COLOR.dim));
      y += LINE;
      this.poolBars.push(new Bar(this.view, PAD, y, W - 2 * PAD, 5));
      y += 11;
    }
    y += 4;
    separators.push(y - 4);

    // Timings and free-form rows, in two columns.
    const mid = W / 2;
    label('sim', PAD, y);
    this.simText = value(mid - 10, y, 1, COLOR.value);
    label('render', mid + 8, y);
    this.renderText = value(right, y, 1, COLOR.value);
    y += LINE;
    label('arena overflows', PAD, y);
    this.overflowText = value(mid - 10, y, 1, COLOR.value);
    let column = 1;
    for (const row of rows) {
      const x = column === 0 ? PAD : mid + 8;
      label(row.label, x, y);
      this.rowTexts.push(value(column === 0 ? mid - 10 : right, y, 1, COLOR.value));
      column ^= 1;
      if (column === 0) y += LINE;
    }
    if (column === 1) y += LINE;
    const height = y + 6;

    drawPanel(background, W, height);
    for (const sy of separators)
      decor.rect(PAD, sy, W - 2 * PAD, 1).fill({ color: COLOR.border, alpha: 0.15 });
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
    const i = this.head;
    this.history[i] = peakBytes;
    this.historyOverflow[i] = failures > 0 ? 1 : 0;
    this.head = i + 1 === this.history.length ? 0 : i + 1;
    if (this.filled < this.history.length) this.filled++;
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
      this.recordTick(sample.arenaPeak, sample.arenaOverflows > this.lastOverflows ? 1 : 0);
    }
    this.ticksSinceUpdate = 0;
    this.lastOverflows = sample.arenaOverflows;
    if (sample.arenaPeak > this.maxPeak) this.maxPeak = sample.arenaPeak;
    if (!this.view.visible) return;

    const capacity = this.arenaCapacity;
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
    this.drawSparkline();

    if (now < this.nextTextAt) return;
    this.nextTextAt = now + this.textIntervalMs;
    this.arenaUsedText.bytes(sample.arenaUsed);
    this.arenaPeakText.bytes(sample.arenaPeak);
    this.arenaMaxText.bytes(this.maxPeak);
    this.sparkScaleText.scale(this.sparkScale);
    for (let i = 0; i < this.pools.length; i++) {
      const entry = this.pools[i];
      const pool = entry.pool;
      this.poolLive[i].ratio(pool.live, pool.capacity);
      this.poolHigh[i].number(pool.highWater, 0, '');
      const dropped = entry.dropped ? entry.dropped() : pool.failureCount;
      this.poolDropped[i].number(dropped, 0, '');
      this.poolDropped[i].tint(dropped > 0 ? COLOR.bad : COLOR.dim);
    }
    this.simText.number(
      sample.tickMs,
      2,
      sample.ticks > 1 ? ' ms/tick ×' : ' ms/tick',
      sample.ticks > 1 ? sample.ticks : -1,
    );
    this.renderText.number(sample.renderMs, 2, ' ms');
    this.overflowText.number(sample.arenaOverflows, 0, '');
    this.overflowText.tint(sample.arenaOverflows > 0 ? COLOR.bad : COLOR.value);
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i];
      const value = row.value();
      this.rowTexts[i].number(value, row.decimals ?? 0, row.unit ? ` ${row.unit}` : '');
      this.rowTexts[i].tint(row.warnAbove !== undefined && value > row.warnAbove ? COLOR.warn : COLOR.value);
    }
  }

  /** Removes the panel and frees its GPU objects (the installed font stays for later overlays). */
  destroy(): void {
    this.sparkline.destroy();
    this.view.destroy({ children: true });
  }

  /** One column per recorded tick, oldest on the left, scaled to a power of two above the window's peak. */
  private drawSparkline(): void {
    const history = this.history;
    const length = history.length;
    const count = this.filled;
    let windowMax = 0;
    for (let i = 0; i < count; i++) if (history[i] > windowMax) windowMax = history[i];
    // A power-of-two scale moves in visible steps rather than jittering with every tick.
    let scale = 1024;
    while (scale < windowMax) scale *= 2;
    this.sparkScale = scale;
    // Colour thresholds in bytes, and whole-pixel heights: the loop then passes only small
    // integers to the layer, which stay unboxed even where V8 does not inline the call.
    const warnAt = this.arenaCapacity * 0.6;
    const badAt = this.arenaCapacity * 0.85;
    const height = this.sparkHeight;
    const start = this.head - count + (this.head >= count ? 0 : length);
    const x0 = this.sparkX + (length - count) + 1; // right edge of the first column
    const bottom = this.sparkBottom;
    const sparkline = this.sparkline;
    for (let k = 0; k < count; k++) {
      const slot = start + k < length ? start + k : start + k - length;
      const value = history[slot];
      if (this.historyOverflow[slot] === 1) {
        sparkline.setStretched(k, x0 + k, bottom, 0, 1, height, COLOR.bad, 0.85);
        continue;
      }
      const h = value > 0 ? Math.max(1, Math.round((value * height) / scale)) : 0;
      const color = value < warnAt ? COLOR.arena : value < badAt ? COLOR.warn : COLOR.bad;
      sparkline.setStretched(k, x0 + k, bottom, 0, 1, h, color, 0.85);
    }
    this.sparkline.finish(count);
  }
}

/** Green/cyan below 60 %, amber to 85 %, red above: the colour says "headroom" before the number does. */
function levelColor(fraction: number, calm: number): number {
  return fraction < 0.6 ? calm : fraction < 0.85 ? COLOR.warn : COLOR.bad;
}
