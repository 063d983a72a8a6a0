// Packet size distributions: fixed, IMIX, weighted. Sizes are Ethernet frames incl. FCS.
import type { TrafficConfig } from '../../scenario/schema';

/**
 * "Simple IMIX": 7:4:1 of 64/594/1518-byte frames, the common traffic-generator mix;
 * mean 361.83 bytes.
 */
export const SIMPLE_IMIX: ReadonlyArray<{ size: number; weight: number }> = [
  { size: 64, weight: 7 },
  { size: 594, weight: 4 },
  { size: 1518, weight: 1 },
];

/** A discrete size distribution as cumulative weights (typed arrays). */
export class SizeDistribution {
  readonly sizes: Int32Array;
  /** cumulative probabilities, last = 1 */
  readonly cdf: Float64Array;
  readonly mean: number;
  readonly fixed: boolean;

  constructor(entries: ReadonlyArray<{ size: number; weight: number }>) {
    if (entries.length === 0) throw new RangeError('packet size distribution is empty');
    const total = entries.reduce((s, e) => s + e.weight, 0);
    if (!(total > 0)) throw new RangeError('packet size weights must sum to more than 0');
    this.sizes = new Int32Array(entries.map((e) => e.size));
    this.cdf = new Float64Array(entries.length);
    let acc = 0;
    let mean = 0;
    entries.forEach((e, i) => {
      acc += e.weight / total;
      this.cdf[i] = acc;
      mean += (e.size * e.weight) / total;
    });
    this.cdf[entries.length - 1] = 1;
    this.mean = mean;
    this.fixed = entries.length === 1;
  }

  /** Size for a uniform draw u in [0, 1). */
  pick(u: number): number {
    const cdf = this.cdf;
    for (let i = 0; i < cdf.length; i++) if (u < cdf[i]) return this.sizes[i];
    return this.sizes[this.sizes.length - 1];
  }
}

export function sizeDistributionOf(ps: TrafficConfig['packet_size']): SizeDistribution {
  if (typeof ps === 'number') return new SizeDistribution([{ size: ps, weight: 1 }]);
  if (ps === 'imix') return new SizeDistribution(SIMPLE_IMIX);
  return new SizeDistribution(ps.weighted);
}
