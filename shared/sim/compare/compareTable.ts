// Build the compare document's table from runs[point][repeat]: one row per metric (in the order
// metrics first appear across points), one cell per point with its statistics and its delta
// against point 0 (conventions: shared/doc/compareDocument.ts).
import type { CompareRow, MetricDef } from '../../doc/compareDocument';
import type { RunDocument } from '../../doc/runDocument';
import { runMetrics } from '../../doc/derived/metrics';
import { delta, summarize } from './stats';

export function compareTable(runs: RunDocument[][]): CompareRow[] {
  const defs = new Map<string, MetricDef>();
  const perPoint = runs.map((reps) =>
    reps.map((doc) => {
      const m = runMetrics(doc);
      for (const d of m.defs) if (!defs.has(d.key)) defs.set(d.key, d);
      return m.values;
    }),
  );
  const rows: CompareRow[] = [];
  for (const [key, metric] of defs) {
    const stats = perPoint.map((reps) => {
      const vals: number[] = [];
      for (const v of reps) {
        const x = v.get(key);
        if (x !== undefined) vals.push(x);
      }
      // A metric must exist in every repeat of a point to be summarised there.
      return vals.length === reps.length && vals.length > 0 ? summarize(vals) : null;
    });
    const base = stats[0];
    rows.push({
      metric,
      cells: stats.map((s, i) => ({ stat: s, delta: i > 0 && s && base ? delta(base, s) : null })),
    });
  }
  return rows;
}
