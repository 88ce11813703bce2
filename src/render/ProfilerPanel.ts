import { Container } from 'pixi.js';
import { adviseSizing, type TickProfiler } from '../profiler/index.ts';
import { ColumnChart } from './ColumnChart.ts';
import { GlyphText } from './GlyphText.ts';
import { HudPanel } from './HudPanel.ts';
import { COLOR, FONT_SIZE, HUD_FONT, LINE, OVERLAY_WIDTH, PAD, type Readout, writeBytes } from './hud.ts';

/** Options for {@link ProfilerPanel}. */
export interface ProfilerPanelOptions {
  /** The profiler recording the game's ticks (its systems give the timeline's colours). */
  profiler: TickProfiler;
  /** Ticks in the timeline, one pixel column each: 2 to 352 (default 300). */
  historyLength?: number;
  /** Milliseconds between refreshes of the per-system figures (default 250). */
  textIntervalMs?: number;
  /** Milliseconds between refreshes of the sizing advice (default 1000). */
  adviceIntervalMs?: number;
  /** Key that saves the trace, shown in the title bar (default `'T'`). */
  traceKey?: string;
}

/** Colours of the systems in the timeline, in registration order (repeating past the end). */
export const SYSTEM_COLORS = [0x46d8ff, 0xffc14d, 0x46f0a0, 0xff4d6d, 0xb197fc, 0xff8fd8, 0x9be7ff, 0xffe066];

const CHART_HEIGHT = 48;

/**
 * The frame-allocation profiler in the game: a timeline of the last few hundred ticks with each
 * column's arena bytes stacked by the system that allocated them, each system's mean time and bytes,
 * and the sizing advice for the arena and every pool (recommended capacity, and a warning colour for
 * a buffer that ran out or came within 10 % of its limit).
 *
 * Per frame it reads the profiler's ring buffers in place and moves particles (no objects made);
 * the advice is recomputed once per `adviceIntervalMs` (a few small objects and strings), and a line
 * is laid out again only when its text changed.
 *
 * @example
 * const panel = new ProfilerPanel({ profiler });
 * app.stage.addChild(panel.view);
 * // per frame: panel.update();
 */
export class ProfilerPanel {
  /** The panel; add it to the stage. */
  readonly view = new Container({ label: 'ProfilerPanel' });
  private readonly profiler: TickProfiler;
  private readonly historyLength: number;
  private readonly timeline: ColumnChart;
  private readonly scaleText: Readout;
  private readonly systemMs: Readout[] = [];
  private readonly systemBytes: Readout[] = [];
  private readonly advice: GlyphText[] = [];
  /** Per advice line: the peak, limit, recommendation and status (0 ok, 1 near, 2 ran out) shown. */
  private readonly adviceShown: Float64Array;
  private readonly textIntervalMs: number;
  private readonly adviceIntervalMs: number;
  private nextTextAt = 0;
  private nextAdviceAt = 0;

  constructor(options: ProfilerPanelOptions) {
    const { profiler, textIntervalMs = 250, adviceIntervalMs = 1000, traceKey = 'T' } = options;
    this.profiler = profiler;
    this.textIntervalMs = textIntervalMs;
    this.adviceIntervalMs = adviceIntervalMs;
    const right = OVERLAY_WIDTH - PAD;
    this.historyLength = Math.max(2, Math.min(options.historyLength ?? 300, OVERLAY_WIDTH - 2 * PAD) | 0);
    const panel = new HudPanel(this.view, { title: 'FRAME PROFILE', hint: `[${traceKey}] save trace` });
    let y = panel.top;

    panel.label('arena bytes per tick, by system', PAD, y);
    this.scaleText = panel.readout(right, y, 1, COLOR.label);
    y += LINE;
    this.timeline = new ColumnChart(this.view, panel.decor, {
      x: PAD,
      y,
      columns: this.historyLength,
      height: CHART_HEIGHT,
      segments: profiler.systems.length,
      label: 'profiler timeline',
    });
    y += CHART_HEIGHT + 8;

    panel.label('system', PAD, y);
    panel.label('ms/tick', PAD + 200, y, COLOR.label, 1);
    panel.label('bytes/tick', right, y, COLOR.label, 1);
    y += LINE;
    profiler.systems.forEach((system, i) => {
      panel.decor.rect(PAD, y + 4, 8, 8).fill(SYSTEM_COLORS[i % SYSTEM_COLORS.length]);
      panel.label(system.name, PAD + 14, y, COLOR.value);
      this.systemMs.push(panel.readout(PAD + 200, y, 1));
      this.systemBytes.push(panel.readout(right, y, 1));
      y += LINE;
    });
    y += 6;
    panel.separator(y);
    panel.label('SIZING ADVICE', PAD, y, COLOR.title);
    panel.label('peak → recommended', right, y, COLOR.label, 1);
    y += LINE;
    const names = ['arena', ...profiler.pools.map((pool) => pool.name)];
    for (const name of names) {
      panel.label(name, PAD, y, COLOR.value);
      const figures = new GlyphText({
        fontName: HUD_FONT,
        fontSize: FONT_SIZE,
        maxChars: 44,
        tint: COLOR.value,
      });
      figures.view.position.set(PAD + 72, y);
      this.view.addChild(figures.view);
      this.advice.push(figures);
      y += LINE;
    }
    this.adviceShown = new Float64Array(4 * names.length).fill(Number.NaN);
    panel.finish(y);
  }

  /** Whether the panel is shown. */
  get visible(): boolean {
    return this.view.visible;
  }
  set visible(value: boolean) {
    this.view.visible = value;
  }

  /** Redraws the timeline and, when due, the figures and the advice. Call once per rendered frame. */
  update(now: number = performance.now()): void {
    if (!this.view.visible) return;
    this.drawTimeline();
    if (now >= this.nextTextAt) {
      this.nextTextAt = now + this.textIntervalMs;
      this.showSystemFigures();
    }
    if (now >= this.nextAdviceAt) {
      this.nextAdviceAt = now + this.adviceIntervalMs;
      this.showAdvice();
    }
  }

  /** Removes the panel and frees its GPU objects. */
  destroy(): void {
    this.timeline.destroy();
    this.view.destroy({ children: true });
  }

  /** Newest tick on the right; each column stacks the systems' bytes in registration order. */
  private drawTimeline(): void {
    const systems = this.profiler.systems;
    const ticks = Math.min(this.historyLength, this.profiler.ticks.arenaUsed.length);
    let windowMax = 0;
    for (let age = 0; age < ticks; age++) {
      let total = 0;
      for (let s = 0; s < systems.length; s++) total += systems[s].bytes.recent(age);
      if (total > windowMax) windowMax = total;
    }
    const timeline = this.timeline;
    this.scaleText.scale(timeline.begin(windowMax));
    for (let age = 0; age < ticks; age++) {
      for (let s = 0; s < systems.length; s++) {
        timeline.stack(age, systems[s].bytes.recent(age), SYSTEM_COLORS[s % SYSTEM_COLORS.length]);
      }
    }
    timeline.end();
  }

  /** Each system's mean milliseconds and arena bytes over the recorded window. */
  private showSystemFigures(): void {
    const systems = this.profiler.systems;
    for (let s = 0; s < systems.length; s++) {
      const { ms, bytes } = systems[s];
      let msSum = 0;
      let bytesSum = 0;
      for (let i = 0; i < ms.length; i++) {
        msSum += ms.get(i);
        bytesSum += bytes.get(i);
      }
      const count = Math.max(1, ms.length);
      this.systemMs[s].number(msSum / count, 3, '');
      this.systemBytes[s].bytes(Math.round(bytesSum / count));
    }
  }

  /** One line per buffer, written again only when its figures changed (glyphs, no strings made). */
  private showAdvice(): void {
    const usages = this.profiler.bufferUsages();
    const shown = this.adviceShown;
    for (let i = 0; i < this.advice.length && i < usages.length; i++) {
      const advice = adviseSizing(usages[i]);
      const status = advice.status === 'ok' ? 0 : advice.status === 'near-capacity' ? 1 : 2;
      const k = 4 * i;
      if (
        shown[k] === advice.peak &&
        shown[k + 1] === advice.limit &&
        shown[k + 2] === advice.recommended &&
        shown[k + 3] === status
      ) {
        continue;
      }
      shown[k] = advice.peak;
      shown[k + 1] = advice.limit;
      shown[k + 2] = advice.recommended;
      shown[k + 3] = status;
      const glyphs = this.advice[i].begin();
      const bytes = advice.unit === 'bytes';
      writeAmount(glyphs, advice.peak, bytes).string(' / ');
      writeAmount(glyphs, advice.limit, bytes).string(' → ');
      writeAmount(glyphs, advice.recommended, bytes).string(
        status === 0 ? '' : status === 1 ? '  NEAR LIMIT' : '  RAN OUT',
      );
      glyphs.end();
      this.advice[i].view.tint = status === 0 ? COLOR.value : status === 1 ? COLOR.warn : COLOR.bad;
    }
  }
}

/** Writes a size: bytes through {@link writeBytes}, slots as a grouped whole number. */
function writeAmount(glyphs: GlyphText, value: number, bytes: boolean): GlyphText {
  return bytes ? writeBytes(glyphs, value) : glyphs.number(value, 0);
}
