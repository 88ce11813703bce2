import { type AllocationSite, defaultClock, type SamplingFigures } from '../index.ts';
import { SiteSampler } from './SiteSampler.ts';
import { attributeSites, type HeapProfileNode } from './sites.ts';
import { fromSourceMaps } from './sourceMaps.ts';

/** Ticks per block: sampled and unsampled blocks alternate, so both see the same stretch of the game. */
const BLOCK = 30;

/** Each system's allocation sites and how they were sampled. */
export interface SampledSites {
  /** Each system's top sites, by system id. */
  readonly sites: readonly (readonly AllocationSite[])[];
  /** The interval, the ticks sampled, and the measured overhead. */
  readonly sampling: SamplingFigures;
}

/**
 * Runs `ticks` more ticks (through `runTicks`, every system through its caller), sampling allocations in
 * every other block of {@link BLOCK} ticks, and charges each sample to its system. The overhead is
 * measured on the same run: mean tick time in the sampled blocks over the unsampled ones, minus 1.
 */
export async function sampleSites(
  runTicks: (count: number) => Promise<void>,
  systems: number,
  ticks: number,
  samplingInterval: number,
  top: number,
): Promise<SampledSites> {
  const sampler = await SiteSampler.open();
  const profiles: HeapProfileNode[] = [];
  const ms = { sampled: 0, plain: 0 };
  const count = { sampled: 0, plain: 0 };
  try {
    for (let done = 0, block = 0; done < ticks; block++) {
      const n = Math.min(BLOCK, ticks - done);
      const sampled = block % 2 === 1 || ticks <= BLOCK;
      if (sampled) await sampler.start(samplingInterval);
      const start = defaultClock();
      await runTicks(n);
      const kind = sampled ? 'sampled' : 'plain';
      ms[kind] += defaultClock() - start;
      count[kind] += n;
      if (sampled) profiles.push(await sampler.stop());
      done += n;
    }
  } finally {
    await sampler.close();
  }
  const overhead =
    count.plain > 0 && count.sampled > 0
      ? ms.sampled / count.sampled / (ms.plain / count.plain) - 1
      : Number.NaN;
  return {
    sites: attributeSites(profiles, systems, count.sampled, top, fromSourceMaps),
    sampling: { intervalBytes: samplingInterval, ticks: count.sampled, overhead },
  };
}
