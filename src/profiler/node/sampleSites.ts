import { type AllocationSite, percentile, type SamplingFigures } from '../index.ts';
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
 * measured on the same run: the median block's tick time with sampling over the median block's
 * without, minus 1, timed by the process's CPU time so that other processes on the machine do not
 * count, and by medians so that a block a long collection fell in does not decide it.
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
  // CPU ms per tick of each block, and the ticks run, with sampling and without.
  const perTick = { sampled: [] as number[], plain: [] as number[] };
  const count = { sampled: 0, plain: 0 };
  try {
    for (let done = 0, block = 0; done < ticks; block++) {
      const n = Math.min(BLOCK, ticks - done);
      const sampled = block % 2 === 1 || ticks <= BLOCK;
      if (sampled) await sampler.start(samplingInterval);
      const start = cpuMs();
      await runTicks(n);
      const kind = sampled ? 'sampled' : 'plain';
      perTick[kind].push((cpuMs() - start) / n);
      count[kind] += n;
      if (sampled) profiles.push(await sampler.stop());
      done += n;
    }
  } finally {
    await sampler.close();
  }
  const overhead =
    count.plain > 0 && count.sampled > 0
      ? percentile(perTick.sampled, 50) / percentile(perTick.plain, 50) - 1
      : Number.NaN;
  return {
    sites: attributeSites(profiles, systems, count.sampled, top, fromSourceMaps),
    sampling: { intervalBytes: samplingInterval, ticks: count.sampled, overhead },
  };
}

/** CPU time this process has used (user and system), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
