import type { ProfileSnapshot } from './snapshot.ts';

/** The collector over a recording, as `summarize` gives it; NaN figures without a collection source. */
export interface GcSummary {
  /** Collections, minor and major, over all recorded ticks and the gaps between them. */
  readonly collections: number;
  /** Minor collections (of the young generation). */
  readonly minor: number;
  /** Major collections (of the whole heap). */
  readonly major: number;
  /** Pause time of every collection and collector step, in ms. */
  readonly pauseMs: number;
  /** Ticks of the window with a collection inside: marked, their garbage figures dropped. */
  readonly ticksMarked: number;
  /** Collections per minute of game time (`totalTicks` ticks of `dt` seconds). */
  readonly perMinute: number;
  /** Minor collections per minute of game time. */
  readonly minorPerMinute: number;
  /** Pause ms per minute of game time. */
  readonly pauseMsPerMinute: number;
}

/** Default `dt` of `summarize`: a tick is 1/60 s of game time. */
export const DEFAULT_DT = 1 / 60;

/**
 * The collector's figures of a (checked) snapshot. Rates are per minute of game time rather than of
 * the recording's wall time, so that a headless run that steps faster than real time reports what a
 * player would see: how much garbage a tick makes decides how often the collector runs, not the clock.
 */
export function summarizeGc(snapshot: ProfileSnapshot, dt: number): GcSummary {
  const { collections, minor, major, pauseMs } = snapshot.gc;
  const perTick = snapshot.ticks.collections;
  let ticksMarked = 0;
  for (let i = 0; i < perTick.length; i++) if (perTick[i] > 0) ticksMarked++;
  const minutes = (snapshot.totalTicks * dt) / 60;
  const rate = (count: number) => (minutes > 0 ? count / minutes : Number.NaN);
  return {
    collections,
    minor,
    major,
    pauseMs,
    ticksMarked: Number.isNaN(collections) ? Number.NaN : ticksMarked,
    perMinute: rate(collections),
    minorPerMinute: rate(minor),
    pauseMsPerMinute: rate(pauseMs),
  };
}
