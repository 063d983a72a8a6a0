// Summary statistics over repeats and deltas against the baseline point.
// Conventions are documented on the compare document type (shared/doc/compareDocument.ts):
// spread = sample standard deviation (n − 1); a delta is meaningful only when |Δmean| exceeds
// stddev(baseline) + stddev(point); with one repeat the spread is unknown and no Δ counts.
import type { MetricDelta, MetricStat } from '../../doc/compareDocument';

export function summarize(values: readonly number[]): MetricStat {
  const n = values.length;
  if (n === 0) throw new RangeError('summarize needs at least one value');
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`summarize: non-finite value ${v}`);
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const stddev = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { n, mean, stddev, min, max, values: [...values] };
}

/** Relative tolerance under which two means are the same number (float noise of summing). */
const SAME_EPS = 1e-12;

export function delta(base: MetricStat, point: MetricStat): MetricDelta {
  const abs = point.mean - base.mean;
  const rel = base.mean !== 0 ? abs / Math.abs(base.mean) : null;
  const spreadKnown = base.n > 1 && point.n > 1;
  const spread = base.stddev + point.stddev;
  const scale = Math.max(Math.abs(base.mean), Math.abs(point.mean), 1);
  const nonZero = Math.abs(abs) > SAME_EPS * scale;
  const meaningful = spreadKnown && nonZero && Math.abs(abs) > spread;
  const out: MetricDelta = { abs, rel, spread, spread_known: spreadKnown, meaningful };
  if (spreadKnown && base.n === point.n) out.paired = pairedDelta(base.values, point.values);
  return out;
}

/** Mean and sample stddev of per-repeat differences (same seeds on both sides). */
export function pairedDelta(base: readonly number[], point: readonly number[]): { mean: number; stddev: number; meaningful: boolean } {
  const d = point.map((v, i) => v - base[i]);
  const s = summarize(d);
  const scale = Math.max(...base.map(Math.abs), ...point.map(Math.abs), 1);
  const nonZero = Math.abs(s.mean) > SAME_EPS * scale;
  return { mean: s.mean, stddev: s.stddev, meaningful: nonZero && Math.abs(s.mean) > s.stddev };
}
