// Read-latency distributions of the consuming application: fixed, exponential, lognormal given by
// its median and 99th percentile (sigma = ln(p99 / median) / z0.99, z0.99 = 2.3263478740).
import type { ReadLatency } from '../../scenario/schema';
import type { Prng } from '../util/prng';
import { FRAC_BITS, FRAC_MASK, FRAC_ONE, QN } from './latencyTable';

const Z99 = 2.326347874040841;
// Random latencies come from a table of 4096 quantiles at the bin midpoints, indexed by the top
// 12 bits of one 32-bit draw and interpolated linearly with the other 20 (latencyTable.ts): no
// log/exp per packet, and a 32 KiB table that stays in cache (a 512 KiB one cost a cache miss per
// packet). The largest quantile is the 1 − 1/8192 point, so the far tail beyond it is cut
// (exponential: ≈ 9 × mean; lognormal: ≈ 3.7 σ).

/** Inverse of the standard normal CDF (Acklam's rational approximation, |rel. error| < 1.2e-9). */
function normInv(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) return -normInv(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

export class LatencySampler {
  readonly kind: 'fixed' | 'exponential' | 'lognormal';
  /** mean of the distribution, ns (Little's law checks use it) */
  readonly mean: number;
  private readonly a: number;
  private readonly b: number;
  private readonly table: Float64Array | null = null;
  /** the latency of the next read (sample() returns it, advance() draws the one after) */
  next = 0;

  constructor(
    cfg: ReadLatency,
    private readonly rng: Prng,
  ) {
    if (typeof cfg === 'number') {
      this.kind = 'fixed';
      this.a = cfg;
      this.b = 0;
      this.mean = cfg;
      this.next = cfg;
      return;
    }
    if ('fixed' in cfg) {
      this.kind = 'fixed';
      this.a = cfg.fixed;
      this.b = 0;
      this.mean = cfg.fixed;
      this.next = cfg.fixed;
      return;
    }
    if ('exponential' in cfg) {
      this.kind = 'exponential';
      this.a = cfg.exponential.mean;
      this.b = 0;
      this.table = quantiles((p) => -Math.log(1 - p) * cfg.exponential.mean);
      this.mean = mean(this.table);
      this.advance();
      return;
    }
    const { median, p99 } = cfg.lognormal;
    if (!(median > 0) || !(p99 >= median)) {
      throw new RangeError(`read_latency.lognormal: need 0 < median <= p99, got median ${median} ns, p99 ${p99} ns`);
    }
    this.kind = 'lognormal';
    this.a = Math.log(median);
    this.b = Math.log(p99 / median) / Z99;
    const mu = this.a;
    const sigma = this.b;
    this.table = quantiles((p) => Math.exp(mu + sigma * normInv(p)));
    this.mean = mean(this.table);
    this.advance();
  }

  /** Draw a latency. */
  sample(): number {
    const v = this.next;
    this.advance();
    return v;
  }

  /**
   * Draw the latency `next` holds for the following read. Drawn one read ahead: the random table
   * read is a likely cache miss, and its load then overlaps the caller's work instead of stalling
   * the value it needs now (the sampler owns its PRNG stream: the sequence of values is the
   * same). The value stays in a field: a float returned from a call the compiler does not
   * inline is boxed, once per skb.
   */
  advance(): void {
    const t = this.table;
    if (t === null) return;
    const u = this.rng.nextU32();
    const i = u >>> FRAC_BITS;
    const lo = t[i];
    this.next = i === QN - 1 ? lo : lo + (t[i + 1] - lo) * ((u & FRAC_MASK) / FRAC_ONE);
  }
}

function quantiles(inv: (p: number) => number): Float64Array {
  const t = new Float64Array(QN);
  for (let i = 0; i < QN; i++) t[i] = inv((i + 0.5) / QN);
  return t;
}

/** Mean of what sample() draws: linear pieces between midpoints, the last bin a point. */
function mean(t: Float64Array): number {
  let s = t[t.length - 1];
  for (let i = 0; i + 1 < t.length; i++) s += (t[i] + t[i + 1]) / 2;
  return s / t.length;
}
