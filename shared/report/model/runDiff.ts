// Two finished runs side by side, VTune-style: one row per key metric (the compare table's,
// shared/doc/derived/metrics.ts) with A, B, Δ = B − A and Δ% = Δ / |A|, and each run named by a
// short hash of its scenario (same hash ⇔ same scenario content, whatever the file or label).
import type { MetricDef } from '../../doc/compareDocument';
import type { RunDocument } from '../../doc/runDocument';
import { runMetrics } from '../../doc/derived/metrics';

export interface RunDiffRow {
  metric: MetricDef;
  /** null where the run has no such metric (e.g. no page_pool in a legacy driver mode) */
  a: number | null;
  b: number | null;
  /** b − a; null unless both exist */
  abs: number | null;
  /** abs / |a|; null when a is 0 or either side is missing */
  rel: number | null;
  tone: 'better' | 'worse' | 'changed' | null;
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * 16 hex digits: two FNV-1a 32-bit hashes (different offset bases) of the canonical scenario
 * JSON. Not a security hash: it tells runs of the same scenario content apart from others.
 */
export function scenarioHash(scenario: RunDocument['scenario']): string {
  const text = canonical(scenario);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export function runDiff(a: RunDocument, b: RunDocument): RunDiffRow[] {
  const ma = runMetrics(a);
  const mb = runMetrics(b);
  const defs = new Map<string, MetricDef>();
  for (const d of [...ma.defs, ...mb.defs]) if (!defs.has(d.key)) defs.set(d.key, d);
  return [...defs.values()].map((metric) => {
    const va = ma.values.get(metric.key) ?? null;
    const vb = mb.values.get(metric.key) ?? null;
    const abs = va !== null && vb !== null ? vb - va : null;
    const rel = abs !== null && va !== 0 ? abs / Math.abs(va!) : null;
    let tone: RunDiffRow['tone'] = null;
    if (abs) tone = metric.better === 'none' ? 'changed' : abs > 0 === (metric.better === 'higher') ? 'better' : 'worse';
    return { metric, a: va, b: vb, abs, rel, tone };
  });
}
