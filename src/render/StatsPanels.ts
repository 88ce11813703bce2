import Stats from 'stats.js';

/** Options for {@link StatsPanels}. */
export interface StatsPanelsOptions {
  /** Arena capacity in bytes: the top of the ARENA (KiB) graph. */
  arenaCapacity: number;
  /** Where the strip goes (default `'top-right'`). */
  corner?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
  /** Show every panel side by side (default) or stats.js's one-at-a-time, click-to-cycle mode. */
  layout?: 'row' | 'single';
  /** Milliseconds between points of the custom panels (default 250); each point is the window's maximum. */
  intervalMs?: number;
  /** Element to append the strip to (default `document.body`). */
  parent?: HTMLElement;
}

/**
 * stats.js 0.17 in a corner: its own FPS, MS and (where Chromium exposes `performance.memory`) MB
 * panels, plus two custom `Stats.Panel`s: ARENA (per-tick arena peak in KiB; the panel is 80 px wide,
 * so the name stays short) and POOL % (occupancy of the fullest pool).
 *
 * Garbage: stats.js redraws its MS panel every frame and builds its caption with string
 * concatenation, a few short strings per frame that we cannot avoid without forking it. The custom
 * panels are fed the maximum seen over `intervalMs` (two comparisons per frame) and redrawn only
 * then, so they add a few strings a second.
 *
 * @example
 * const stats = new StatsPanels({ arenaCapacity: arena.capacity });
 * // per frame:
 * stats.begin();
 * // ... simulate and render ...
 * stats.end(arenaPeakBytes, fullestPoolFraction);
 */
export class StatsPanels {
  /** The stats.js instance (for `showPanel` and friends). */
  readonly stats: Stats;
  /** The strip's element. */
  readonly dom: HTMLDivElement;
  /** Whether `performance.memory` exists, so the MB panel is shown. */
  readonly hasMemoryPanel: boolean;

  private readonly arenaPanel: Stats.Panel;
  private readonly poolPanel: Stats.Panel;
  private readonly arenaMaxKiB: number;
  private readonly intervalMs: number;
  private windowArena = 0;
  private windowPool = 0;
  private nextPanelAt = 0;

  constructor(options: StatsPanelsOptions) {
    const { arenaCapacity, corner = 'top-right', layout = 'row', intervalMs = 250 } = options;
    this.intervalMs = intervalMs;
    this.arenaMaxKiB = arenaCapacity / 1024;
    const stats = new Stats();
    this.stats = stats;
    this.hasMemoryPanel = stats.dom.children.length > 2;
    this.arenaPanel = stats.addPanel(new Stats.Panel('ARENA', '#4de8ff', '#041322'));
    this.poolPanel = stats.addPanel(new Stats.Panel('POOL %', '#5dff9b', '#04200f'));

    const dom = stats.dom;
    this.dom = dom;
    const [vertical, horizontal] = corner.split('-');
    // stats.js positions itself top-left with inline styles; replace only the placement.
    dom.style.top = vertical === 'top' ? '12px' : '';
    dom.style.bottom = vertical === 'bottom' ? '12px' : '';
    dom.style.left = horizontal === 'left' ? '12px' : '';
    dom.style.right = horizontal === 'right' ? '12px' : '';
    dom.classList.add('stats-panels');
    if (layout === 'row') {
      // Every panel visible at once; clicking would fall back to one panel, so clicks pass through.
      dom.style.display = 'flex';
      dom.style.gap = '2px';
      dom.style.pointerEvents = 'none';
      for (const child of Array.from(dom.children)) (child as HTMLElement).style.display = 'block';
    }
    (options.parent ?? document.body).appendChild(dom);
  }

  /** Marks the start of a frame's work (the MS panel measures from here to {@link end}). */
  begin(): void {
    this.stats.begin();
  }

  /**
   * Ends the frame: updates FPS/MS/MB and feeds the custom panels.
   * @param arenaBytes the arena's per-tick peak (bytes) for this frame.
   * @param poolFraction occupancy 0..1 of the fullest pool.
   */
  end(arenaBytes: number, poolFraction: number, now: number = performance.now()): void {
    this.stats.end();
    if (arenaBytes > this.windowArena) this.windowArena = arenaBytes;
    if (poolFraction > this.windowPool) this.windowPool = poolFraction;
    if (now < this.nextPanelAt) return;
    this.nextPanelAt = now + this.intervalMs;
    this.arenaPanel.update(this.windowArena / 1024, this.arenaMaxKiB);
    this.poolPanel.update(this.windowPool * 100, 100);
    this.windowArena = 0;
    this.windowPool = 0;
  }

  /** Whether the strip is shown. */
  get visible(): boolean {
    return this.dom.style.visibility !== 'hidden';
  }
  set visible(value: boolean) {
    this.dom.style.visibility = value ? 'visible' : 'hidden';
  }

  /** Removes the strip from the page. */
  destroy(): void {
    this.dom.remove();
  }
}
