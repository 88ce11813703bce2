/**
 * framepool's rendering pieces for Pixi v8: garbage-free particle layers, the in-game memory
 * overlay, the profiler panel, garbage-free glyph text and the stats.js panels. Imports only
 * pixi.js, stats.js, the memory module and the profiler (never a game), so any game loop can drive
 * them.
 *
 * @module framepool/pixi
 */

export type { GarbageSource } from './GarbageSection.ts';
export { GlyphText, type GlyphTextOptions } from './GlyphText.ts';
export { HUD_FONT, installHudFont, OVERLAY_WIDTH } from './hud.ts';
export {
  createFrameSample,
  type FrameSample,
  MemoryOverlay,
  type MemoryOverlayOptions,
  type OverlayPool,
  type OverlayRow,
} from './MemoryOverlay.ts';
export { MAX_LAYER_CAPACITY, ParticleLayer, type ParticleLayerOptions, packColor } from './ParticleLayer.ts';
export { ProfilerPanel, type ProfilerPanelOptions, SYSTEM_COLORS } from './ProfilerPanel.ts';
export { StatsPanels, type StatsPanelsOptions } from './StatsPanels.ts';
export { timeRender } from './timeRender.ts';
