/** Rewind of the pooled world: keyframes and inputs, the world's state as pools and buffers, its hash. */
export { INPUT_FLOATS, InputLog, MAX_LOG_TICKS, readInputRow, writeInputRow } from './InputLog.ts';
export { DEFAULT_KEYFRAME_TICKS, Rewind, type RewindOptions } from './Rewind.ts';
export { Hash, hashBytes, stateBytes, stateHash } from './stateBytes.ts';
export { WorldState } from './WorldState.ts';
