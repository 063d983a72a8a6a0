// Sweeps: a compare axis whose values are all numbers, or all quantities of one unit (ring size,
// dma-buf size, read latency, rate), read as an x axis. For each metric of the compare table, the
// points along that axis (one curve per combination of the other axes) with mean ± sample stddev
// over the repeats and the knee of each curve (shared/doc/derived/knee.ts).
import { parseBitRate, parseBytes, parseDuration, parsePacketRate, type UnitResult } from '../units';
import type { CompareDocument, CompareRow, CompareValue } from '../compareDocument';
import { findKnee, KNEE_THRESHOLD, type Knee, type SweepSample } from './knee';

export type AxisUnit = 'number' | 'duration' | 'bytes' | 'bitrate' | 'pktrate';

export interface NumericAxis {
  key: string;
  unit: AxisUnit;
  /** matrix values as written */
  labels: string[];
  /** the same values in the unit's base (count, ns, bytes, bit/s, packets/s) */
  values: number[];
}

const PARSERS: Record<Exclude<AxisUnit, 'number'>, (v: unknown) => UnitResult> = {
  duration: parseDuration,
  bytes: parseBytes,
  bitrate: parseBitRate,
  pktrate: parsePacketRate,
};

function asAxis(key: string, raw: readonly CompareValue[]): NumericAxis | null {
  if (raw.length < 2) return null;
  const labels = raw.map(String);
  if (raw.every((v) => typeof v === 'number' && Number.isFinite(v))) return { key, unit: 'number', labels, values: raw as number[] };
  if (!raw.every((v) => typeof v === 'string')) return null;
  for (const unit of ['duration', 'bytes', 'bitrate', 'pktrate'] as const) {
    const parsed = raw.map((v) => PARSERS[unit](v));
    if (parsed.every((r) => r.ok)) return { key, unit, labels, values: parsed.map((r) => (r.ok ? r.value : 0)) };
  }
  return null;
}

/** The matrix keys that can be plotted as an x axis, in matrix order. */
export function numericAxes(doc: Pick<CompareDocument, 'matrix'>): NumericAxis[] {
  const out: NumericAxis[] = [];
  for (const [key, raw] of Object.entries(doc.matrix)) {
    const a = asAxis(key, raw);
    if (a) out.push(a);
  }
  return out;
}

export interface SweepPoint extends SweepSample {
  /** the axis value as written in the matrix */
  label: string;
  /** index of the compare point */
  point: number;
}

export interface SweepCurve {
  /** the other axes' values, e.g. `variant=netmem`; empty with a single-axis matrix */
  label: string;
  points: SweepPoint[];
  knee: Knee;
}

export interface Sweep {
  axis: NumericAxis;
  metric: CompareRow['metric'];
  threshold: number;
  curves: SweepCurve[];
}

/** One metric along one numeric axis; points where the metric does not exist are left out. */
export function sweepOf(doc: CompareDocument, axis: NumericAxis, metricKey: string, threshold = KNEE_THRESHOLD): Sweep | null {
  const row = doc.table.find((r) => r.metric.key === metricKey);
  if (!row) return null;
  const curves = new Map<string, SweepPoint[]>();
  doc.points.forEach((p, i) => {
    const stat = row.cells[i]?.stat;
    const raw = p.overrides[axis.key];
    const at = raw === undefined ? -1 : axis.labels.indexOf(String(raw));
    if (!stat || at < 0) return;
    const others = Object.entries(p.overrides)
      .filter(([k]) => k !== axis.key)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    const list = curves.get(others) ?? [];
    list.push({ x: axis.values[at], label: axis.labels[at], mean: stat.mean, stddev: stat.stddev, n: stat.n, point: i });
    curves.set(others, list);
  });
  const out: SweepCurve[] = [];
  for (const [label, points] of curves) {
    points.sort((a, b) => a.x - b.x);
    out.push({ label, points, knee: findKnee(points, row.metric.better, threshold) });
  }
  return { axis, metric: row.metric, threshold, curves: out };
}

/** Metric key suffixes a sweep is read for first (CLI, report): throughput, loss, CPU, recycling, memory. */
export const SWEEP_KEY_SUFFIXES = ['/gbps', '/drops', '/cycles_per_packet', '/pp/recycle_ratio', '/pp/peak_inflight'] as const;

/** The key metrics of a compare that exist in its table, in SWEEP_KEY_SUFFIXES order per NIC. */
export function sweepKeyMetrics(doc: CompareDocument): string[] {
  const keys: string[] = [];
  for (const suffix of SWEEP_KEY_SUFFIXES) {
    for (const r of doc.table)
      if (
        r.metric.key.startsWith('nic/') &&
        r.metric.key.endsWith(suffix) &&
        r.metric.key.indexOf('/', 4) === r.metric.key.length - suffix.length
      )
        keys.push(r.metric.key);
  }
  return keys;
}
