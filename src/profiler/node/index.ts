/**
 * The Node side of framepool's profiler: what a browser has no API for. A heap reader and a collection
 * observer to give the profiler each system's garbage and the collections, the sampling heap profiler
 * for allocation sites, and the `framepool` command: `framepool profile`, which profiles anyone's game
 * module, and `framepool replay`, which plays a replay file again through the module's replay hook.
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
  PROFILE_OPTIONS,
  PROFILE_USAGE,
  type ProfileSettings,
  runProfile,
  runProfileCommand,
} from './command.ts';
export type { CommandIo } from './commandIo.ts';
export {
  type CommandLine,
  type OptionSpec,
  type OptionTable,
  type OptionValue,
  optionsHelp,
  parseCommandLine,
  UsageError,
} from './commandLine.ts';
export { runFramepool, USAGE } from './framepool.ts';
export { GcObserver, type GcObserverOptions } from './GcObserver.ts';
export {
  type GameArena,
  GameError,
  type GameModule,
  type GamePhase,
  type GameSystem,
  type ReplayResult,
} from './gameModule.ts';
export { createHeapReader } from './heapReader.ts';
export { loadGame } from './loadGame.ts';
export { DEFAULT_WARMUP, type GameProfile, profileGame } from './profileGame.ts';
export type { ProfileGameOptions, ProfilePhase, ProgressListener } from './profileOptions.ts';
export { type ProgressSink, progressBar } from './progress.ts';
export { REPLAY_OPTIONS, REPLAY_USAGE, runReplayCommand } from './replayCommand.ts';
export { DEFAULT_SAMPLING_INTERVAL, SiteSampler } from './SiteSampler.ts';
export { attributeSites, type HeapProfileNode, type SourceLocator } from './sites.ts';
