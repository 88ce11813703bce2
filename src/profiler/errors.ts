import { describeValue } from '../memory/index.ts';
import { argumentError, isCount, positionError } from './checks.ts';

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

/** `openSystem` of a {@link ProtocolState} when no system is open. */
export const NO_SYSTEM = -1;

/** What the slow paths of the tick protocol explain a failed call by. */
export interface ProtocolState {
  /** Whether a tick is open. */
  readonly tickOpen: boolean;
  /** The open system's id, or {@link NO_SYSTEM}. */
  readonly openSystem: number;
  /** The registered systems, by id. */
  readonly systems: readonly { readonly name: string }[];
}

/**
 * Why a `beginSystem(id)` or `endSystem(id)` failed, checked in this order: the id, the protocol,
 * then the clock's reading `now`. Built only after the call's fast check failed.
 */
export function systemCallError(
  call: 'beginSystem' | 'endSystem',
  id: unknown,
  now: unknown,
  state: ProtocolState,
): Error {
  const systems = state.systems.length;
  if (!(isCount(id) && id < systems)) return positionError('id', id, systems, 'registered systems');
  if (!state.tickOpen) {
    return new ProfilerStateError('no-tick', `${call}(${id}): no tick is open; call beginTick first`);
  }
  const open = state.openSystem;
  if (call === 'beginSystem' && open !== NO_SYSTEM) {
    return new ProfilerStateError(
      'system-open',
      `beginSystem(${id}): system ${open} (${state.systems[open].name}) is still open; systems do not nest`,
    );
  }
  if (call === 'endSystem' && open !== id) {
    const which = open === NO_SYSTEM ? 'no system is open' : `system ${open} is open`;
    return new ProfilerStateError(
      'system-not-open',
      `endSystem(${id}): ${which}; call beginSystem(${id}) first`,
    );
  }
  return clockError(now);
}

/** Why an `endTick(entityCount)` failed, checked in this order: the protocol, the count, the clock. */
export function endTickError(entityCount: unknown, now: unknown, state: ProtocolState): Error {
  if (!state.tickOpen) {
    return new ProfilerStateError('no-tick', 'endTick: no tick is open; call beginTick first');
  }
  const open = state.openSystem;
  if (open !== NO_SYSTEM) {
    return new ProfilerStateError(
      'system-open',
      `endTick: system ${open} (${state.systems[open].name}) is still open; call endSystem first`,
    );
  }
  if (!isCount(entityCount)) {
    return argumentError('entityCount', 'a whole number ≥ 0', entityCount, typeof entityCount !== 'number');
  }
  return clockError(now);
}

/** The error for a clock reading that is no number. */
export function clockError(reading: unknown): TypeError {
  return new TypeError(`clock must return a number of ms, got ${describeValue(reading)}`);
}
