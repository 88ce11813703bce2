/**
 * The replay file: everything needed to play a pooled game again and check it ended the same. Little
 * endian, in this order:
 *
 * | bytes | what |
 * |--:|---|
 * | 4 | `FPRP` |
 * | 4 | version (uint32), {@link REPLAY_VERSION} |
 * | 56 | the game's options as float64: seed, width, height, arenaBytes, bullets, enemies, particles |
 * | 4 | ticks (uint32) |
 * | 4 | numbers per tick (uint32), `INPUT_FLOATS` |
 * | 16 | the final state hash, 16 ASCII hex digits (`stateHash`) |
 * | ticks × 64 | every tick's input, float64s (see `writeInputRow`) |
 * | 16 | the checksum of every byte before it, 16 ASCII hex digits (`hashBytes`) |
 */
import { describeValue } from '../../memory/index.ts';
import { type ResolvedGameOptions, resolveGameOptions } from '../options.ts';
import { hashBytes, INPUT_FLOATS } from '../rewind/index.ts';

/** The format version this code writes and reads. */
export const REPLAY_VERSION = 1;
const MAGIC = 'FPRP';
/** The options in the file, in its order. */
const OPTION_KEYS = ['seed', 'width', 'height', 'arenaBytes', 'bullets', 'enemies', 'particles'] as const;
const HASH_CHARS = 16;
const OPTIONS_AT = 8;
const TICKS_AT = OPTIONS_AT + 8 * OPTION_KEYS.length;
const FLOATS_AT = TICKS_AT + 4;
const HASH_AT = FLOATS_AT + 4;
/** Bytes before the inputs (a multiple of 8, so the inputs are aligned float64s). */
export const REPLAY_HEADER_BYTES = HASH_AT + HASH_CHARS;
/** The most ticks a replay holds: a day at 60 Hz. */
export const MAX_REPLAY_TICKS = 24 * 3600 * 60;

/** A replay: the game's options, every tick's input, and the state hash the game ended with. */
export interface Replay {
  readonly options: ResolvedGameOptions;
  /** `INPUT_FLOATS` numbers per tick, tick 0 first. */
  readonly inputs: Float64Array;
  /** The state hash after the last tick. */
  readonly finalHash: string;
}

/** Ticks a replay plays. */
export function replayTicks(replay: Replay): number {
  return replay.inputs.length / INPUT_FLOATS;
}

/**
 * The file's bytes for `replay`.
 * @throws RangeError naming `replay.inputs` or `replay.finalHash` when one does not fit the format,
 *   or an option that `resolveGameOptions` refuses.
 */
export function encodeReplay(replay: Replay): Uint8Array {
  const options = resolveGameOptions(replay.options);
  const { inputs, finalHash } = replay;
  if (!(inputs instanceof Float64Array && inputs.length % INPUT_FLOATS === 0)) {
    throw new RangeError(`replay.inputs must be a Float64Array of ${INPUT_FLOATS} numbers per tick`);
  }
  if (inputs.length / INPUT_FLOATS > MAX_REPLAY_TICKS) {
    throw new RangeError(`replay.inputs must hold at most ${MAX_REPLAY_TICKS} ticks`);
  }
  if (!isHash(finalHash)) {
    throw new RangeError(
      `replay.finalHash must be ${HASH_CHARS} hex digits, got ${describeValue(finalHash)}`,
    );
  }
  const body = REPLAY_HEADER_BYTES + inputs.byteLength;
  const bytes = new Uint8Array(body + HASH_CHARS);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, MAGIC);
  view.setUint32(4, REPLAY_VERSION, true);
  OPTION_KEYS.forEach((key, i) => {
    view.setFloat64(OPTIONS_AT + 8 * i, options[key], true);
  });
  view.setUint32(TICKS_AT, inputs.length / INPUT_FLOATS, true);
  view.setUint32(FLOATS_AT, INPUT_FLOATS, true);
  writeAscii(bytes, HASH_AT, finalHash);
  for (let i = 0; i < inputs.length; i++) view.setFloat64(REPLAY_HEADER_BYTES + 8 * i, inputs[i], true);
  writeAscii(bytes, body, hashBytes(bytes.subarray(0, body)));
  return bytes;
}

/**
 * Reads a replay file, checking all of it before anything is returned.
 * @throws TypeError naming `bytes` when it is not a Uint8Array, not a replay (no `FPRP`), or corrupt
 *   (its checksum does not match its contents); RangeError naming `bytes` when it is truncated (or
 *   has bytes past its end) or of another version, and naming the option when an option is out of
 *   range (as `resolveGameOptions` does).
 */
export function decodeReplay(bytes: Uint8Array): Replay {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes must be a Uint8Array, got ${describeValue(bytes)}`);
  }
  if (bytes.length < 8 || readAscii(bytes, 0, 4) !== MAGIC) {
    throw new TypeError(`bytes is not a framepool replay: it does not start with "${MAGIC}"`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== REPLAY_VERSION) {
    throw new RangeError(
      `bytes is a replay of version ${version}; this framepool reads version ${REPLAY_VERSION}`,
    );
  }
  if (bytes.length < REPLAY_HEADER_BYTES + HASH_CHARS) {
    throw new RangeError(
      `bytes is truncated: ${bytes.length} bytes, a replay takes at least ${REPLAY_HEADER_BYTES + HASH_CHARS}`,
    );
  }
  const ticks = view.getUint32(TICKS_AT, true);
  const floats = view.getUint32(FLOATS_AT, true);
  const body = REPLAY_HEADER_BYTES + ticks * floats * 8;
  if (floats === INPUT_FLOATS && bytes.length !== body + HASH_CHARS) {
    const what = bytes.length < body + HASH_CHARS ? 'truncated' : 'longer than its contents';
    throw new RangeError(
      `bytes is ${what}: ${bytes.length} bytes, a replay of ${ticks} ticks takes ${body + HASH_CHARS}`,
    );
  }
  const checksum = readAscii(bytes, bytes.length - HASH_CHARS, HASH_CHARS);
  const actual = hashBytes(bytes.subarray(0, bytes.length - HASH_CHARS));
  if (checksum !== actual) {
    throw new TypeError(
      `bytes is corrupt: its checksum ${JSON.stringify(checksum)} does not match its contents (${actual})`,
    );
  }
  if (floats !== INPUT_FLOATS) {
    throw new RangeError(
      `bytes holds ${floats} numbers per tick; version ${REPLAY_VERSION} has ${INPUT_FLOATS}`,
    );
  }
  const finalHash = readAscii(bytes, HASH_AT, HASH_CHARS);
  if (!isHash(finalHash)) throw new TypeError(`bytes is corrupt: its final hash is not hex digits`);
  const given: Record<string, number> = {};
  OPTION_KEYS.forEach((key, i) => {
    given[key] = view.getFloat64(OPTIONS_AT + 8 * i, true);
  });
  const options = resolveGameOptions(given);
  const inputs = new Float64Array(ticks * INPUT_FLOATS);
  for (let i = 0; i < inputs.length; i++) inputs[i] = view.getFloat64(REPLAY_HEADER_BYTES + 8 * i, true);
  return { options, inputs, finalHash };
}

function isHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);
}

function writeAscii(bytes: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
}

function readAscii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
