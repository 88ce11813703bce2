import { describeValue, SnapshotRing } from '../../memory/index.ts';
import type { GameWorld } from '../GameWorld.ts';
import { RULES } from '../rules.ts';
import { stepGameWorld } from '../step.ts';
import { WorldState } from '../WorldState.ts';
import { InputLog, MAX_LOG_TICKS } from './InputLog.ts';

/** Options of {@link Rewind}. */
export interface RewindOptions {
  /** Seconds of history to keep, 1 to 600. Default 10. */
  seconds?: number;
  /** Ticks between keyframes, 1 to 600. Default {@link DEFAULT_KEYFRAME_TICKS}. */
  keyframeEvery?: number;
  /** Ticks of input to record (a replay needs every tick from 0), at least the history. Default 10 minutes. */
  recordTicks?: number;
  /**
   * A memory budget for the keyframes and the segment together: each snapshot then takes only what
   * the pools wrote, and the history is what fits (up to `seconds`). Without it every snapshot has
   * room for the pools at full capacity, so the whole history always fits, at that cost.
   */
  bytes?: number;
}

/**
 * Ticks between keyframes by default: the trade between memory (a keyframe per this many ticks, and
 * as many whole snapshots for stepping backwards) and the worst frame of a backwards play (this many
 * ticks re-simulated at once). See the README's "Rewind and replay" for the figures at 50k entities.
 */
export const DEFAULT_KEYFRAME_TICKS = 20;
const DEFAULT_SECONDS = 10;
const DEFAULT_RECORD_TICKS = 10 * 60 * RULES.tickHz;

/**
 * Rewind for a pooled world. A whole snapshot of a 50k-entity world is about 5 MiB, so 10 s of them
 * would be 2.9 GiB; instead a `SnapshotRing` keeps a **keyframe** every `keyframeEvery` ticks and an
 * {@link InputLog} keeps every tick's input, and any tick in the history is reached exactly by
 * restoring the keyframe at or before it and playing the recorded inputs forward (the world is
 * deterministic: same state and input, same next state). Playing backwards one tick per frame
 * ({@link stepBack}) re-simulates a keyframe's ticks once into a small **segment** ring of whole
 * snapshots and then walks back through it, a restore per frame.
 *
 * Drive the world through {@link step} (or call {@link beforeStep} and {@link afterStep} around each
 * step): recording costs a copy of the input per tick and a ring push per keyframe, and creates no
 * garbage. Restores rebuild bitecs's side and allocate: rewinding is not steady play.
 */
export class Rewind {
  readonly world: GameWorld;
  /** The world's state as the rings see it. */
  readonly state: WorldState;
  /** Ticks between keyframes. */
  readonly keyframeEvery: number;
  /** One keyframe every {@link keyframeEvery} ticks, enough to reach back the history asked for. */
  readonly keyframes: SnapshotRing;
  /** Whole snapshots of the ticks of one keyframe's span, made while stepping backwards. */
  readonly segment: SnapshotRing;
  /** Every tick's input. */
  readonly inputs: InputLog;
  /** The tick of the first keyframe; every keyframe lies a whole number of spans after it. */
  private firstKeyframe: number;
  /** The tick of the segment's newest snapshot, or -1 when it holds none that is still valid. */
  private segmentNewest = -1;

  /**
   * Makes the rings and takes the first keyframe of `world` as it is now.
   * @throws TypeError naming `world` or `options`, RangeError naming a bad option; nothing is made then.
   */
  constructor(world: GameWorld, options: RewindOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options must be an object, got ${describeValue(options)}`);
    }
    const seconds = wholeNumber('seconds', options.seconds ?? DEFAULT_SECONDS, 1, 600);
    const every = wholeNumber('keyframeEvery', options.keyframeEvery ?? DEFAULT_KEYFRAME_TICKS, 1, 600);
    const history = seconds * RULES.tickHz;
    const record = wholeNumber(
      'recordTicks',
      options.recordTicks ?? Math.max(DEFAULT_RECORD_TICKS, history + every),
      history + every,
      MAX_LOG_TICKS,
    );
    this.state = new WorldState(world);
    this.world = world;
    this.keyframeEvery = every;
    const keyframes = Math.ceil(history / every) + 1;
    const [keyframeBytes, segmentBytes] = splitBudget(this.state, options.bytes, keyframes, every);
    this.keyframes = new SnapshotRing({ ...this.state.ringOptions(keyframes), bytes: keyframeBytes });
    this.segment = new SnapshotRing({ ...this.state.ringOptions(every), bytes: segmentBytes });
    this.inputs = new InputLog(record);
    this.firstKeyframe = world.tick;
    this.state.capture();
    this.keyframes.push();
  }

  /**
   * Forgets the whole history and records again from the world's tick now, as a new `Rewind` would
   * (the rings and the log are kept): for a world that went on without being recorded, e.g. in workers.
   */
  restart(): void {
    this.keyframes.drop(this.keyframes.length);
    this.segment.drop(this.segment.length);
    this.segmentNewest = -1;
    this.inputs.clear(this.world.tick);
    this.firstKeyframe = this.world.tick;
    this.state.capture();
    this.keyframes.push();
  }

  /** The oldest tick the history reaches. */
  get oldestTick(): number {
    return this.newestKeyframe() - (this.keyframes.length - 1) * this.keyframeEvery;
  }

  /** Ticks of history: how far back {@link rewind} can go now. */
  get heldTicks(): number {
    return this.world.tick - this.oldestTick;
  }

  /** Seconds of history. */
  get seconds(): number {
    return this.heldTicks / RULES.tickHz;
  }

  /** Bytes reserved: both rings and the input log. */
  get byteLength(): number {
    return this.keyframes.byteLength + this.segment.byteLength + this.inputs.byteLength;
  }

  /** Bytes in use: what the snapshots held take, and the input log. */
  get usedBytes(): number {
    return this.keyframes.usedBytes + this.segment.usedBytes + this.inputs.byteLength;
  }

  /** Records the input the next step will read: call it right before every step. */
  beforeStep(): void {
    this.inputs.record(this.world.tick, this.state.input);
  }

  /** Takes a keyframe when one is due: call it right after every step. */
  afterStep(): void {
    this.segmentNewest = -1;
    if ((this.world.tick - this.firstKeyframe) % this.keyframeEvery === 0) {
      this.state.capture();
      this.keyframes.push();
    }
  }

  /** One step of the world, recorded: {@link beforeStep}, `stepWorld()` (default `stepGameWorld`), {@link afterStep}. */
  step(stepWorld?: () => void): void {
    this.beforeStep();
    if (stepWorld === undefined) stepGameWorld(this.world);
    else stepWorld();
    this.afterStep();
  }

  /**
   * Takes the world `ticks` back (at most {@link heldTicks}) in one go; play resumes from there, and
   * the ticks after it are forgotten. Returns the ticks it went back.
   * @throws RangeError naming `ticks` unless it is a whole number (nothing changes then).
   */
  rewind(ticks: number): number {
    if (!(Number.isInteger(ticks) && ticks >= 0)) {
      throw new RangeError(`ticks must be a whole number, got ${describeValue(ticks)}`);
    }
    const target = Math.max(this.oldestTick, this.world.tick - ticks);
    const gone = this.world.tick - target;
    if (gone > 0) this.reach(target, false);
    return gone;
  }

  /**
   * Takes the world one tick back, for playing time backwards a frame at a time: a restore from the
   * segment, or, once per keyframe span, the span re-simulated into it. False when the history is
   * used up (nothing changes then).
   */
  stepBack(): boolean {
    const target = this.world.tick - 1;
    if (target < this.oldestTick) return false;
    const newest = this.segmentNewest;
    if (newest !== -1 && target <= newest && target > newest - this.segment.length) {
      this.segment.restore(newest - target);
      this.state.restored();
    } else {
      this.reach(target, true);
    }
    return true;
  }

  /** The newest keyframe's tick. */
  private newestKeyframe(): number {
    const every = this.keyframeEvery;
    return this.firstKeyframe + Math.floor((this.world.tick - this.firstKeyframe) / every) * every;
  }

  /**
   * Restores the keyframe at or before `target`, forgetting newer ones, and plays the recorded inputs
   * up to `target`; with `keep`, every tick on the way goes into the segment.
   */
  private reach(target: number, keep: boolean): void {
    const every = this.keyframeEvery;
    const key = this.firstKeyframe + Math.floor((target - this.firstKeyframe) / every) * every;
    const newer = (this.newestKeyframe() - key) / every;
    if (newer > 0) this.keyframes.drop(newer);
    this.keyframes.restore(0);
    this.state.restored();
    this.segmentNewest = -1;
    if (keep) {
      this.segment.drop(this.segment.length);
      this.segment.push();
    }
    const { world, state, inputs } = this;
    for (let t = key; t < target; t++) {
      inputs.read(t, state.input);
      stepGameWorld(world);
      if (keep) {
        state.capture();
        this.segment.push();
      }
    }
    if (keep) this.segmentNewest = target;
  }
}

/**
 * The budgets of the keyframe ring and the segment: `bytes` shared in proportion to the snapshots each
 * holds, each at least one whole snapshot; none without `bytes`.
 * @throws RangeError naming `bytes` when it cannot hold a whole snapshot in each ring.
 */
function splitBudget(
  state: WorldState,
  bytes: number | undefined,
  keyframes: number,
  segment: number,
): [number | undefined, number | undefined] {
  if (bytes === undefined) return [undefined, undefined];
  const whole = new SnapshotRing(state.ringOptions(1)).snapshotBytes;
  const value = wholeNumber('bytes', bytes, 2 * whole, Number.MAX_SAFE_INTEGER);
  const forKeyframes = Math.max(
    whole,
    Math.min(value - whole, Math.floor((value * keyframes) / (keyframes + segment))),
  );
  return [forKeyframes, value - forKeyframes];
}

/** `value` if it is a whole number from `min` to `max`; otherwise a RangeError naming it. */
function wholeNumber(name: string, value: unknown, min: number, max: number): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}
