// The knee of a swept metric: the smallest value of a numeric compare axis past which the metric
// stops improving by more than a stated threshold, or after which it drops. Pure function over
// (x, mean, stddev) points; the sweep view, the compare report and `cli compare` all call it.
//
// Rule (stated once): points are taken in ascending x. The gain from point i to a later point j
// is (mean_j − mean_i) in the metric's better direction. It counts as an improvement only when it
// exceeds `threshold` × |mean_i| and, when the spread is known (≥ 2 repeats on both sides), also
// stddev_i + stddev_j (the same ±1σ rule as a compare delta, shared/sim/compare/stats.ts). The
// knee is the first point no later point improves on. If that is the last point and the last step
// still improved, the curve is still rising at the end of the range: no knee within it.
// After the knee, a later point worse than the knee by the same rule means the metric drops.

export interface SweepSample {
  x: number;
  mean: number;
  /** sample standard deviation over the repeats; 0 with one repeat */
  stddev: number;
  /** repeats behind mean and stddev */
  n: number;
}

export type KneeStatus =
  /** the metric flattens: later points are within the threshold of the knee */
  | 'plateau'
  /** the metric peaks at the knee and is worse at some later point */
  | 'peak'
  /** still improving at the largest x swept: widen the range */
  | 'rising'
  /** nothing to find: fewer than two points, or a metric with no better direction */
  | 'none';

export interface Knee {
  status: KneeStatus;
  /** index into the samples sorted by x; null when status is 'rising' or 'none' */
  index: number | null;
  x: number | null;
  mean: number | null;
}

/** Default relative threshold: a gain under 5 % of the value no longer counts as improving. */
export const KNEE_THRESHOLD = 0.05;

function improves(a: SweepSample, b: SweepSample, sign: 1 | -1, threshold: number): boolean {
  const gain = (b.mean - a.mean) * sign;
  if (!(gain > threshold * Math.abs(a.mean))) return false;
  const spreadKnown = a.n > 1 && b.n > 1;
  return !spreadKnown || gain > a.stddev + b.stddev;
}

export function findKnee(samples: readonly SweepSample[], better: 'higher' | 'lower' | 'none', threshold = KNEE_THRESHOLD): Knee {
  if (!(threshold >= 0)) throw new RangeError(`knee threshold must be ≥ 0, got ${threshold}`);
  const none: Knee = { status: 'none', index: null, x: null, mean: null };
  if (better === 'none' || samples.length < 2) return none;
  const pts = [...samples].sort((a, b) => a.x - b.x);
  const sign = better === 'higher' ? 1 : -1;
  let k = pts.length - 1;
  for (let i = 0; i < pts.length; i++) {
    let bettered = false;
    for (let j = i + 1; j < pts.length && !bettered; j++) bettered = improves(pts[i], pts[j], sign, threshold);
    if (!bettered) {
      k = i;
      break;
    }
  }
  // Every earlier point is bettered by a later one: the last step still improved.
  if (k === pts.length - 1) return { status: 'rising', index: null, x: null, mean: null };
  let drops = false;
  for (let j = k + 1; j < pts.length && !drops; j++) drops = improves(pts[j], pts[k], sign, threshold);
  return { status: drops ? 'peak' : 'plateau', index: k, x: pts[k].x, mean: pts[k].mean };
}

/** Largest threshold a user may set: a gain of more than the whole value. */
export const KNEE_THRESHOLD_MAX_PERCENT = 100;

/**
 * A user's threshold in percent of the value (the sweep view's input, `compare --knee-threshold P`)
 * as the fraction findKnee takes; null when it is not a number from 0 to KNEE_THRESHOLD_MAX_PERCENT.
 */
export function kneeThresholdFromPercent(percent: number | string): number | null {
  const p = typeof percent === 'number' ? percent : /^\s*\d+(\.\d+)?\s*$/.test(percent) ? Number(percent) : NaN;
  if (!Number.isFinite(p) || p < 0 || p > KNEE_THRESHOLD_MAX_PERCENT) return null;
  return p / 100;
}
