import { type BitmapText, type Container, Graphics } from 'pixi.js';
import { COLOR, FONT_SIZE, installHudFont, LINE, OVERLAY_WIDTH, PAD, Readout, staticText } from './hud.ts';

/** The title bar of a {@link HudPanel}. */
export interface HudPanelTitle {
  /** Panel name, left, in the title colour. */
  title: string;
  /** Second word after the name, in the value colour (e.g. `'MEMORY'`). */
  subtitle?: string;
  /** The key and what it does, right, dimmed (e.g. `'[O] hide'`). */
  hint: string;
}

/**
 * What every HUD panel has, so a panel's constructor only lays out its own rows: the translucent
 * background with its rim, the title bar with the key hint, fixed labels, figures, separators, and a
 * static Graphics for chart grounds and swatches. All of it is built once; nothing here runs per
 * frame.
 *
 * The background is a Graphics at the back that is drawn last, in {@link finish}: a panel's height
 * is known only once its rows are laid out, and a Graphics draws in call order.
 */
export class HudPanel {
  /** Top of the first line under the title bar. */
  readonly top: number;
  /** Drawn once over the background and under every later child: chart grounds, colour swatches. */
  readonly decor = new Graphics();
  private readonly background = new Graphics();
  private readonly separators: number[] = [];

  constructor(
    private readonly view: Container,
    { title, subtitle, hint }: HudPanelTitle,
  ) {
    installHudFont();
    view.addChild(this.background, this.decor);
    const y = 9;
    const name = this.label(title, PAD, y, COLOR.title);
    if (subtitle !== undefined) this.label(subtitle, PAD + name.width + FONT_SIZE, y, COLOR.value);
    this.label(hint, OVERLAY_WIDTH - PAD, y, COLOR.dim, 1);
    this.top = y + LINE + 6;
    this.separator(this.top);
  }

  /** A fixed label at (x, y); `anchorX` 1 puts its right edge at x. */
  label(text: string, x: number, y: number, tint: number = COLOR.label, anchorX = 0): BitmapText {
    return staticText(this.view, text, x, y, tint, anchorX);
  }

  /** A changing figure at (x, y); `align` 1 puts its right edge at x (numbers in a column). */
  readout(x: number, y: number, align: 0 | 1, tint: number = COLOR.value): Readout {
    return new Readout(this.view, x, y, align, tint);
  }

  /** A faint rule across the panel just above the line at `y`, between two sections. */
  separator(y: number): void {
    this.separators.push(y - 4);
  }

  /** Draws the background down to the line ending at `bottom`, and the separators on it. */
  finish(bottom: number): void {
    const width = OVERLAY_WIDTH;
    this.background
      .roundRect(0, 0, width, bottom + 6, 8)
      .fill({ color: COLOR.panel, alpha: 0.8 })
      .roundRect(0.5, 0.5, width - 1, bottom + 5, 8)
      .stroke({ color: COLOR.border, alpha: 0.35, width: 1 });
    for (const y of this.separators)
      this.decor.rect(PAD, y, width - 2 * PAD, 1).fill({ color: COLOR.border, alpha: 0.15 });
  }
}
