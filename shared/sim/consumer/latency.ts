// Read-latency distributions of the consuming application: fixed, exponential, lognormal given by
// its median and 99th percentile (sigma = ln(p99 / median) / z0.99, z0.99 = 2.3263478740).
import type { ReadLatency } from '../../scenario/schema';
import type { Prng } from '../util/prng';

const Z99 = 2.326347874040841;

export class LatencySampler {
  readonly kind: 'fixed' | 'exponential' | 'lognormal';
  /** mean of the distribution, ns (Little's law checks use it) */
  readonly mean: number;
  private readonly a: number;
  private readonly b: number;

  constructor(cfg: ReadLatency, private readonly rng: Prng) {
    if (typeof cfg === 'number') { this.kind = 'fixed'; this.a = cfg; this.b = 0; this.mean = cfg; return; }
    if ('fixed' in cfg) { this.kind = 'fixed'; this.a = cfg.fixed; this.b = 0; this.mean = cfg.fixed; return; }
    if ('exponential' in cfg) { this.kind = 'exponential'; this.a = cfg.exponential.mean; this.b = 0; this.mean = this.a; return; }
    const { median, p99 } = cfg.lognormal;
    if (!(median > 0) || !(p99 >= median)) {
      throw new RangeError(`read_latency.lognormal: need 0 < median <= p99, got median ${median} ns, p99 ${p99} ns`);
    }
    this.kind = 'lognormal';
    this.a = Math.log(median);
    this.b = Math.log(p99 / median) / Z99;
    this.mean = Math.exp(this.a + (this.b * this.b) / 2);
  }

  sample(): number {
    if (this.kind === 'fixed') return this.a;
    if (this.kind === 'exponential') return this.rng.exponential(this.a);
    return Math.exp(this.a + this.b * this.rng.normal());
  }
}
