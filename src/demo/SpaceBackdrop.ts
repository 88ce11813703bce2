import type { SkyCanvases } from './textures.ts';

/** Options for {@link SpaceBackdrop}. */
export interface SpaceBackdropOptions {
  /** The sky tiles (from `createGameTextures().sky` or `drawSky()`). */
  sky: SkyCanvases;
  /** Element the backdrop goes into (default `document.body`). */
  parent?: HTMLElement;
  /**
   * Seconds for the sky to drift left by one far tile; 0 (the default) keeps it still. A drift
   * makes the compositor re-blend the layer every frame, which is free on a GPU but, measured in
   * headless Chromium on a loaded 2-core machine, took the demo from about 16 to about 9 fps.
   */
  driftPeriodS?: number;
}

/**
 * The starfield, drawn by the browser behind a transparent Pixi canvas instead of as full-screen
 * sprites in the scene.
 *
 * Why: in headless Chromium (SwiftShader, software GL) every full-screen textured quad costs most
 * of a frame. Measured on this project's 2-core machine, the demo ran at about 57 fps without a sky
 * and at 6–8 fps with it as one or two full-screen TilingSprites or Sprites, while the same tiles
 * as one static DOM layer cost a few fps. On a real GPU either way is cheap; this way the frame
 * budget goes to bullets and particles everywhere. Both tiles sit on one element (two CSS
 * backgrounds), so the compositor blends one layer, not two.
 *
 * The Pixi application must be created with `backgroundAlpha: 0` for the sky to show through, and
 * nothing opaque may lie between (a `body` background would: give the colour to `html` only).
 */
export class SpaceBackdrop {
  /** The fixed, full-window element (z-index -1, ignores the pointer). */
  readonly dom: HTMLDivElement;
  private readonly layer: HTMLDivElement;
  private animation: Animation | null = null;
  private readonly urls: string[] = [];

  constructor(options: SpaceBackdropOptions) {
    const { sky, parent = document.body, driftPeriodS = 0 } = options;
    const dom = document.createElement('div');
    dom.className = 'space-backdrop';
    dom.style.cssText =
      'position:fixed;inset:0;overflow:hidden;z-index:-1;pointer-events:none;background:#04060f';
    const tile = sky.far.width;
    const layer = document.createElement('div');
    // One far tile wider than the window, so a drift by one tile wraps seamlessly (the near tile's
    // size divides the far one's).
    layer.style.cssText = `position:absolute;top:0;left:0;height:100%;width:calc(100% + ${tile}px);background-repeat:repeat`;
    dom.appendChild(layer);
    this.dom = dom;
    this.layer = layer;
    void this.loadImages(sky);
    if (driftPeriodS > 0) {
      layer.style.willChange = 'transform';
      this.animation = layer.animate(
        [{ transform: 'translateX(0)' }, { transform: `translateX(-${tile}px)` }],
        { duration: driftPeriodS * 1000, iterations: Number.POSITIVE_INFINITY, easing: 'linear' },
      );
    }
    parent.prepend(dom);
  }

  /** Whether a drift is paused (e.g. while the game is paused); always true when it does not drift. */
  get paused(): boolean {
    return this.animation === null || this.animation.playState === 'paused';
  }
  set paused(value: boolean) {
    if (value) this.animation?.pause();
    else this.animation?.play();
  }

  /** Removes the backdrop and releases its image URLs. */
  destroy(): void {
    this.animation?.cancel();
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.dom.remove();
  }

  /** Encodes the tiles once; blob URLs keep the PNGs out of the JS heap (a data: URL is a huge string). */
  private async loadImages(sky: SkyCanvases): Promise<void> {
    const [near, far] = await Promise.all([toBlob(sky.near), toBlob(sky.far)]);
    if (!near || !far || !this.dom.isConnected) return;
    this.urls.push(URL.createObjectURL(near), URL.createObjectURL(far));
    this.layer.style.backgroundImage = `url(${this.urls[0]}), url(${this.urls[1]})`;
  }
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve));
}
