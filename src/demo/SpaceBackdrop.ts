import type { SkyCanvases } from './textures.ts';

/** Options for {@link SpaceBackdrop}. */
export interface SpaceBackdropOptions {
  /** The sky tiles (from `createGameTextures().sky` or `drawSky()`). */
  sky: SkyCanvases;
  /** Element the backdrop goes into (default `document.body`). */
  parent?: HTMLElement;
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
 * backgrounds), so the compositor blends one layer, not two. It stays still: a drifting sky makes the
 * compositor re-blend the layer every frame, which measured headless took the demo from about 16 to
 * about 9 fps.
 *
 * The Pixi application must be created with `backgroundAlpha: 0` for the sky to show through, and
 * nothing opaque may lie between (a `body` background would: give the colour to `html` only).
 */
export class SpaceBackdrop {
  /** The fixed, full-window element (z-index -1, ignores the pointer). */
  readonly dom: HTMLDivElement;
  private readonly layer: HTMLDivElement;

  constructor(options: SpaceBackdropOptions) {
    const { sky, parent = document.body } = options;
    const dom = document.createElement('div');
    dom.className = 'space-backdrop';
    dom.style.cssText =
      'position:fixed;inset:0;overflow:hidden;z-index:-1;pointer-events:none;background:#04060f';
    const layer = document.createElement('div');
    layer.style.cssText = 'position:absolute;inset:0;background-repeat:repeat';
    dom.appendChild(layer);
    this.dom = dom;
    this.layer = layer;
    void this.loadImages(sky);
    parent.prepend(dom);
  }

  /** Encodes the tiles once; blob URLs keep the PNGs out of the JS heap (a data: URL is a huge string). */
  private async loadImages(sky: SkyCanvases): Promise<void> {
    const [near, far] = await Promise.all([toBlob(sky.near), toBlob(sky.far)]);
    if (!near || !far || !this.dom.isConnected) return;
    this.layer.style.backgroundImage = `url(${URL.createObjectURL(near)}), url(${URL.createObjectURL(far)})`;
  }
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve));
}
