/**
 * framepool's rendering pieces for Pixi v8: garbage-free particle layers, the generated game
 * textures and starfield backdrop, the in-game memory overlay, the profiler panel and the stats.js
 * panels. Imports only pixi.js, stats.js, the memory module and the profiler (never the ECS), so any
 * game loop can drive them.
 *
 * @module framepool/pixi
 */

export { GlyphText, type GlyphTextOptions } from './GlyphText.ts';
export { HUD_FONT, installHudFont, OVERLAY_WIDTH } from './hud.ts';
export {
  createFrameSample,
  type FrameSample,
  MemoryOverlay,
  type MemoryOverlayOptions,
  type OverlayPool,
  type OverlayRow,
  type PoolStats,
} from './MemoryOverlay.ts';
export { MAX_LAYER_CAPACITY, ParticleLayer, type ParticleLayerOptions, packColor } from './ParticleLayer.ts';
export { ProfilerPanel, type ProfilerPanelOptions, SYSTEM_COLORS } from './ProfilerPanel.ts';
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
export { timeRender } from './timeRender.ts';
