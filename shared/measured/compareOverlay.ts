// A comparison beside a measurement: per counter the measured figure once, and each compare
// point's model (its repeat 0) with its relative error; per bpftrace in-flight histogram, the
// bucket-midpoint means likewise. The basis and the rules are the run overlay's (overlay.ts) and
// histogramOverlay.ts; docs/model/measured-data.md.
import type { CompareDocument } from '../doc/compareDocument';
import { computeOverlay, type Overlay, type OverlayBasis, type OverlayRow } from './overlay';
import { computeHistogramOverlays } from './histogramOverlay';
import type { MeasuredDocument } from '../doc/measuredDocument';

export interface CompareOverlayRow {
  counter: OverlayRow['counter'];
  measured: number;
  /** one per compare point, in the document's point order; null when that point has no such figure */
  points: ({ model: number; rel_error: number | null } | null)[];
}

/** A bpftrace in-flight histogram against each point: the bucket-midpoint means (histogramOverlay.ts). */
export interface CompareHistogramRow {
  map: string;
  measured_mean: number | null;
  points: ({ model_mean: number | null; mean_rel_error: number | null } | null)[];
}

export interface CompareOverlay {
  basis: OverlayBasis | null;
  measured_from: string;
  point_labels: string[];
  rows: CompareOverlayRow[];
  histograms: CompareHistogramRow[];
}

export function computeCompareOverlay(doc: CompareDocument, m: MeasuredDocument): CompareOverlay | null {
  const overlays = doc.runs.map((reps) => (reps[0] ? computeOverlay(reps[0], m) : null));
  const hists = doc.runs.map((reps) => (reps[0] ? computeHistogramOverlays(reps[0], m) : null));
  const maps = [...new Set(hists.flatMap((h) => h?.map((x) => x.map) ?? []))];
  const histograms = maps.map((map): CompareHistogramRow => {
    const per = hists.map((h) => h?.find((x) => x.map === map) ?? null);
    return {
      map,
      measured_mean: per.find((x) => x !== null)?.measured_mean ?? null,
      points: per.map((x) => (x ? { model_mean: x.model_mean, mean_rel_error: x.mean_rel_error } : null)),
    };
  });
  const first = overlays.find((o): o is Overlay => o !== null);
  if (!first && !histograms.length) return null;
  return {
    basis: first?.basis ?? null,
    measured_from: first?.measured_from ?? `bpftrace histograms (${maps.join(', ')})`,
    point_labels: doc.points.map((p) => p.label || 'baseline'),
    histograms,
    rows: (first?.rows ?? []).map((r) => ({
      counter: r.counter,
      measured: r.measured,
      points: overlays.map((o) => {
        const x = o?.rows.find((y) => y.counter === r.counter);
        return x ? { model: x.model, rel_error: x.rel_error } : null;
      }),
    })),
  };
}
