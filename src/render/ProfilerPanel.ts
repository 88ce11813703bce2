import { Container, Graphics, Texture } from 'pixi.js';
import { adviseSizing, type TickProfiler } from '../profiler/index.ts';
import { GlyphText } from './GlyphText.ts';
import {
  COLOR,
  drawPanel,
  FONT_SIZE,
  HUD_FONT,
  installHudFont,
  LINE,
  OVERLAY_WIDTH,
  PAD,
  Readout,
  staticText,
  writeBytes,
} from './hud.ts';
import { ParticleLayer } from './ParticleLayer.ts';

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
  private readonly columns: ParticleLayer;
  private readonly chartX = PAD;
  private readonly chartBottom: number;
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
    installHudFont();
    const { profiler, textIntervalMs = 250, adviceIntervalMs = 1000, traceKey = 'T' } = options;
    this.profiler = profiler;
    this.textIntervalMs = textIntervalMs;
    this.adviceIntervalMs = adviceIntervalMs;
    const W = OVERLAY_WIDTH;
    const right = W - PAD;
    this.historyLength = Math.max(2, Math.min(options.historyLength ?? 300, W - 2 * PAD) | 0);
    // Two static Graphics drawn once: the panel at the back (its height is known only at the end),
    // then the chart's ground and the colour swatches on top of it.
    const background = new Graphics();
    const decor = new Graphics();
    this.view.addChild(background, decor);
    const label = (text: string, x: number, y: number, tint: number = COLOR.label, anchorX = 0) =>
      staticText(this.view, text, x, y, tint, anchorX);

    let y = 9;
    label('FRAME PROFILE', PAD, y, COLOR.title);
    label(`[${traceKey}] save trace`, right, y, COLOR.dim, 1);
    y += LINE + 4;
    label('arena bytes per tick, by system', PAD, y);
    this.scaleText = new Readout(this.view, right, y, 1, COLOR.label);
    y += LINE;
    decor.rect(PAD, y, this.historyLength, CHART_HEIGHT).fill({ color: 0x000000, alpha: 0.35 });
    this.chartBottom = y + CHART_HEIGHT;
    this.columns = new ParticleLayer({
      texture: Texture.WHITE,
      capacity: this.historyLength * profiler.systems.length,
      // Bottom-right anchor keeps pixi's vertex temporaries whole numbers (see ParticleLayer).
      anchorX: 1,
      anchorY: 1,
      label: 'profiler timeline',
    });
    this.view.addChild(this.columns.container);
    y += CHART_HEIGHT + 8;

    label('system', PAD, y);
    label('ms/tick', PAD + 200, y, COLOR.label, 1);
    label('bytes/tick', right, y, COLOR.label, 1);
    y += LINE;
    profiler.systems.forEach((system, i) => {
      decor.rect(PAD, y + 4, 8, 8).fill(SYSTEM_COLORS[i % SYSTEM_COLORS.length]);
      label(system.name, PAD + 14, y, COLOR.value);
      this.systemMs.push(new Readout(this.view, PAD + 200, y, 1, COLOR.value));
      this.systemBytes.push(new Readout(this.view, right, y, 1, COLOR.value));
      y += LINE;
    });
    y += 6;
    label('SIZING ADVICE', PAD, y, COLOR.title);
    label('peak → recommended', right, y, COLOR.label, 1);
    y += LINE;
    const names = ['arena', ...profiler.pools.map((pool) => pool.name)];
    for (const name of names) {
      label(name, PAD, y, COLOR.value);
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
    const height = y + 6;
    drawPanel(background, W, height);
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
    this.columns.destroy();
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
    // A power-of-two scale moves in visible steps rather than jittering with every tick.
    let scale = 1024;
    while (scale < windowMax) scale *= 2;
    this.scaleText.scale(scale);
    const columns = this.columns;
    let n = 0;
    for (let age = 0; age < ticks; age++) {
      // Right edge of the column (anchor 1): the newest tick touches the chart's right side.
      const x = this.chartX + this.historyLength - age;
      let bottom = this.chartBottom;
      for (let s = 0; s < systems.length; s++) {
        const bytes = systems[s].bytes.recent(age);
        if (bytes <= 0) continue;
        const h = Math.max(1, Math.round((bytes * CHART_HEIGHT) / scale));
        // Texture.WHITE is one pixel: scale (1, h) makes a 1 × h column.
        columns.setStretched(n++, x, bottom, 0, 1, h, SYSTEM_COLORS[s % SYSTEM_COLORS.length], 0.9);
        bottom -= h;
      }
    }
    columns.finish(n);
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
