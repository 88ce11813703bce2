/** Which rule of the tick protocol a call broke; see {@link ProfilerStateError}. */
export type ProfilerStateCode =
  /** `beginTick` while a tick is open. */
  | 'tick-open'
  /** `beginSystem`, `endSystem` or `endTick` with no tick open. */
  | 'no-tick'
  /** `beginSystem` while another system is open, or `endTick` before the open system ended. */
  | 'system-open'
  /** `endSystem(id)` when `id` is not the open system. */
  | 'system-not-open'
  /** Registering a system or tag after recording started (its series would not line up). */
  | 'registration-closed';

/**
 * A profiler call came in the wrong order: the tick protocol is
 * `beginTick (beginSystem endSystem)* endTick`. The profiler is left exactly as it was before the
 * call, so the caller can correct the sequence (or call `abandonTick`) and go on.
 *
 * @example
 * try { profiler.endTick(n); } catch (e) { if (e instanceof ProfilerStateError && e.code === 'system-open') ... }
 */
export class ProfilerStateError extends Error {
  override readonly name = 'ProfilerStateError';

  constructor(
    /** The broken rule, for code that reacts to one case. */
    readonly code: ProfilerStateCode,
    message: string,
  ) {
    super(message);
  }
}
