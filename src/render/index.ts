/**
 * framepool's rendering pieces for Pixi v8: garbage-free particle layers, the generated game
 * textures and starfield backdrop, the in-game memory overlay and the stats.js panels. Imports only
 * pixi.js, stats.js and the memory module (never the ECS), so any game loop can drive them.
 *
 * @module
 */

export { GlyphText, type GlyphTextOptions } from './GlyphText.ts';
export {
  createFrameSample,
  type FrameSample,
  HUD_FONT,
  installHudFont,
  MemoryOverlay,
  type MemoryOverlayOptions,
  OVERLAY_WIDTH,
  type OverlayPool,
  type OverlayRow,
  type PoolStats,
} from './MemoryOverlay.ts';
export { MAX_LAYER_CAPACITY, ParticleLayer, type ParticleLayerOptions, packColor } from './ParticleLayer.ts';
export { SpaceBackdrop, type SpaceBackdropOptions } from './SpaceBackdrop.ts';
export { StatsPanels, type StatsPanelsOptions } from './StatsPanels.ts';
export {
  createGameTextures,
  drawSky,
  type GameTextures,
  type GameTexturesOptions,
  type SkyCanvases,
  SPACE_COLOR,
} from './textures.ts';
