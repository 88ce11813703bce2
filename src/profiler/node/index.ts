/**
 * The Node side of framepool's profiler: what a browser has no API for. A heap reader and a collection
 * observer to give the profiler each system's garbage and the collections, the sampling heap profiler
 * for allocation sites, and `framepool profile`, the command that profiles anyone's game module.
 * Imports Node built-ins; nothing that runs in a browser imports it.
 *
 * @example
 * import { TickProfiler, summarize, formatReport } from 'framepool/profiler';
 * import { createHeapReader, GcObserver } from 'framepool/profiler/node';
 * const gc = new GcObserver();
 * const profiler = new TickProfiler({ arena, systems: ['spawn', 'move'], heap: createHeapReader(), gc });
 * // … ticks …
 * await gc.flush();
 * console.log(formatReport(summarize(profiler.snapshot())));
 * @module framepool/profiler/node
 */
export {
  type CommandIo,
  PROFILE_OPTIONS,
  type ProfileSettings,
  runProfile,
  runProfileCommand,
  USAGE,
} from './command.ts';
export {
  type CommandLine,
  type OptionSpec,
  type OptionTable,
  type OptionValue,
  optionsHelp,
  parseCommandLine,
  UsageError,
} from './commandLine.ts';
export { GcObserver, type GcObserverOptions } from './GcObserver.ts';
export {
  type GameArena,
  GameError,
  type GameModule,
  type GamePhase,
  type GameSystem,
} from './gameModule.ts';
export { createHeapReader } from './heapReader.ts';
export { loadGame } from './loadGame.ts';
export { DEFAULT_WARMUP, type GameProfile, profileGame } from './profileGame.ts';
export type { ProfileGameOptions, ProfilePhase, ProgressListener } from './profileOptions.ts';
export { type ProgressSink, progressBar } from './progress.ts';
export { DEFAULT_SAMPLING_INTERVAL, SiteSampler } from './SiteSampler.ts';
export { attributeSites, type HeapProfileNode, type SourceLocator } from './sites.ts';
