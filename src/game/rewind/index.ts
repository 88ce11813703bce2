/** Rewind of the pooled world: keyframes and inputs, and the hash of the world's state (`WorldState`). */
export { INPUT_FLOATS, InputLog, MAX_LOG_TICKS, readInputRow, writeInputRow } from './InputLog.ts';
export { DEFAULT_KEYFRAME_TICKS, Rewind, type RewindOptions } from './Rewind.ts';
export { Hash, hashBytes, stateBytes, stateHash } from './stateBytes.ts';
