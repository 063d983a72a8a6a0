// The compare command's sweep lines: for every numeric matrix axis, the knee of each key metric
// (shared/doc/derived/knee.ts), the same figure the compare view's and report's sweep charts mark.
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { numericAxes, sweepKeyMetrics, sweepOf } from '../../shared/doc/derived/sweep';
import { KNEE_THRESHOLD } from '../../shared/doc/derived/knee';
import { kneeText } from '../../shared/report/charts/sweep';

export function formatSweepSummary(doc: CompareDocument, threshold = KNEE_THRESHOLD): string {
  const axes = numericAxes(doc);
  if (axes.length === 0) return '';
  const keys = sweepKeyMetrics(doc);
  let out = '';
  for (const axis of axes) {
    const lines: [string, string][] = [];
    for (const key of keys) {
      const s = sweepOf(doc, axis, key, threshold);
      if (!s || s.metric.better === 'none') continue;
      for (const c of s.curves) lines.push([c.label ? `${s.metric.label} [${c.label}]` : s.metric.label, kneeText(s, c)]);
    }
    if (lines.length === 0) continue;
    const w = Math.max(...lines.map(([l]) => l.length));
    out += `sweep along ${axis.key} (${axis.labels.join(', ')}):\n`;
    for (const [l, t] of lines) out += `  ${l.padEnd(w)}  ${t}\n`;
  }
  return out;
}
