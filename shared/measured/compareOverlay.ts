// A comparison beside a measurement: per counter the measured figure once, and each compare
// point's model (its repeat 0) with its relative error. The basis and the rules are the run
// overlay's (overlay.ts); docs/model/measured-data.md.
import type { CompareDocument } from '../sim/result/compareDocument';
import { computeOverlay, type Overlay, type OverlayBasis, type OverlayRow } from './overlay';
import type { MeasuredDocument } from './types';

export interface CompareOverlayRow {
  counter: OverlayRow['counter'];
  measured: number;
  /** one per compare point, in the document's point order; null when that point has no such figure */
  points: ({ model: number; rel_error: number | null } | null)[];
}

export interface CompareOverlay {
  basis: OverlayBasis | null;
  measured_from: string;
  point_labels: string[];
  rows: CompareOverlayRow[];
}

export function computeCompareOverlay(doc: CompareDocument, m: MeasuredDocument): CompareOverlay | null {
  const overlays = doc.runs.map((reps) => (reps[0] ? computeOverlay(reps[0], m) : null));
  const first = overlays.find((o): o is Overlay => o !== null);
  if (!first) return null;
  return {
    basis: first.basis,
    measured_from: first.measured_from,
    point_labels: doc.points.map((p) => p.label || 'baseline'),
    rows: first.rows.map((r) => ({
      counter: r.counter,
      measured: r.measured,
      points: overlays.map((o) => {
        const x = o?.rows.find((y) => y.counter === r.counter);
        return x ? { model: x.model, rel_error: x.rel_error } : null;
      }),
    })),
  };
}
