/** Replays of the pooled game: the file format, recording one from a rewind, and playing one again. */
export { playReplayFile, type ReplayResult, recordReplay, runReplay, saveReplay } from './replay.ts';
export {
  decodeReplay,
  encodeReplay,
  MAX_REPLAY_TICKS,
  REPLAY_HEADER_BYTES,
  REPLAY_VERSION,
  type Replay,
  replayTicks,
} from './replayFile.ts';
