// bpftrace histograms beside the model: a measured in-flight histogram (e.g. @pp_inflight_stat of
// the xdp-project page_pool leak scripts: hold_cnt − release_cnt at every page_pool_state_hold /
// page_pool_state_release event, include/trace/events/page_pool.h) set beside the model's
// in-flight samples (series `pool/<id>/inflight`, the same hold − release count,
// net/core/page_pool.c page_pool_inflight) counted into the same buckets.
// - All keys of the map (one per pool pointer) are pooled, as are all the model's pools: the
//   measurement cannot say which of its pools is which model pool.
// - Weighting differs: the script samples at each hold/release event, the model at each sample
//   tick; at a steady event rate the two agree.
// - The mean of each side is estimated the same way, from bucket midpoints (bpftrace prints only
//   the buckets), so the mean's relative error compares like with like.
// Buckets bpftrace did not print (below the first, above the last) are added as open buckets for
// model samples that fall there. docs/model/measured-data.md.
import type { RunDocument } from '../doc/runDocument';
import type { MeasuredDocument, MeasuredHistogram } from '../doc/measuredDocument';
import { relError } from './overlay';

/** Maps whose values are in-flight buffer counts (by name; the leak scripts call them pp_inflight_*). */
export const INFLIGHT_MAP = /inflight/i;

export interface HistogramBucketRow {
  /** null: open below; the bucket holds min ≤ v ≤ max (bpftrace buckets are inclusive integers) */
  min: number | null;
  max: number | null;
  measured_count: number;
  model_count: number;
  measured_share: number;
  model_share: number;
  /** (model share − measured share) ÷ measured share; null when the measured share is 0 */
  rel_error: number | null;
}

export interface HistogramOverlay {
  map: string;
  /** how many keys (pools) of the map were pooled */
  keys: number;
  buckets: HistogramBucketRow[];
  measured_samples: number;
  model_samples: number;
  /** bucket-midpoint means; null when a side has no sample or only open-ended buckets hold it */
  measured_mean: number | null;
  model_mean: number | null;
  mean_rel_error: number | null;
}

type Bucket = { min: number | null; max: number | null };

function merged(hs: MeasuredHistogram[]): { buckets: Bucket[]; counts: number[] } | null {
  const byRange = new Map<string, { b: Bucket; n: number }>();
  for (const h of hs)
    for (const b of h.buckets) {
      const k = `${b.min}:${b.max}`;
      const e = byRange.get(k) ?? { b: { min: b.min, max: b.max }, n: 0 };
      e.n += b.count;
      byRange.set(k, e);
    }
  const list = [...byRange.values()].sort((x, y) => (x.b.min ?? -Infinity) - (y.b.min ?? -Infinity));
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1].b;
    // Overlapping ranges (two maps' lhist steps differ) cannot share one bucket axis.
    if (prev.max === null || (list[i].b.min !== null && (list[i].b.min as number) <= prev.max)) return null;
  }
  return list.length ? { buckets: list.map((e) => e.b), counts: list.map((e) => e.n) } : null;
}

function midpoint(b: Bucket): number | null {
  if (b.min === null) return b.max;
  if (b.max === null) return b.min;
  return (b.min + b.max) / 2;
}

function meanOf(buckets: Bucket[], counts: number[]): number | null {
  let n = 0;
  let s = 0;
  buckets.forEach((b, i) => {
    const m = midpoint(b);
    if (m === null || counts[i] === 0) return;
    n += counts[i];
    s += m * counts[i];
  });
  return n > 0 ? s / n : null;
}

/** The model's in-flight samples: every pool's `pool/<id>/inflight` value at every sample tick. */
export function modelInflightSamples(run: RunDocument): number[] {
  const out: number[] = [];
  for (const [k, col] of Object.entries(run.series.columns)) if (/^pool\/[^/]+\/inflight$/.test(k)) out.push(...col);
  return out;
}

/** One overlay per in-flight histogram map; maps that overlap themselves or hold nothing are left out. */
export function computeHistogramOverlays(run: RunDocument, m: MeasuredDocument): HistogramOverlay[] {
  const samples = modelInflightSamples(run);
  const maps = [...new Set(m.histograms.filter((h) => INFLIGHT_MAP.test(h.map)).map((h) => h.map))];
  const out: HistogramOverlay[] = [];
  for (const map of maps) {
    const hs = m.histograms.filter((h) => h.map === map);
    const mm = merged(hs);
    if (!mm) continue;
    const first = mm.buckets[0];
    const last = mm.buckets[mm.buckets.length - 1];
    const buckets: Bucket[] = [...mm.buckets];
    const measured = [...mm.counts];
    // Open buckets for model samples outside what bpftrace printed.
    const below = first.min !== null && samples.some((v) => v < (first.min as number));
    const above = last.max !== null && samples.some((v) => v > (last.max as number));
    if (below) {
      buckets.unshift({ min: null, max: (first.min as number) - 1 });
      measured.unshift(0);
    }
    if (above) {
      buckets.push({ min: (last.max as number) + 1, max: null });
      measured.push(0);
    }
    const model = new Array<number>(buckets.length).fill(0);
    for (const v of samples) {
      const i = buckets.findIndex((b) => (b.min === null || v >= b.min) && (b.max === null || v <= b.max));
      // In a gap between printed buckets: counted in the bucket below it (bpftrace prints every
      // bucket inside its range, so its output has no gap).
      if (i >= 0) model[i]++;
      else {
        let j = 0;
        while (j + 1 < buckets.length && (buckets[j + 1].min ?? -Infinity) <= v) j++;
        model[j]++;
      }
    }
    const mTotal = measured.reduce((a, b) => a + b, 0);
    const sTotal = samples.length;
    const rows = buckets.map((b, i): HistogramBucketRow => {
      const ms = mTotal > 0 ? measured[i] / mTotal : 0;
      const ss = sTotal > 0 ? model[i] / sTotal : 0;
      return {
        min: b.min,
        max: b.max,
        measured_count: measured[i],
        model_count: model[i],
        measured_share: ms,
        model_share: ss,
        rel_error: ms > 0 ? relError(ss, ms) : null,
      };
    });
    const measuredMean = meanOf(buckets, measured);
    const modelMean = meanOf(buckets, model);
    out.push({
      map,
      keys: hs.length,
      buckets: rows,
      measured_samples: mTotal,
      model_samples: sTotal,
      measured_mean: measuredMean,
      model_mean: modelMean,
      mean_rel_error: measuredMean !== null && modelMean !== null ? relError(modelMean, measuredMean) : null,
    });
  }
  return out;
}
