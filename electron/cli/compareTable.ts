// The compare command's side-by-side table: one column per matrix point, one row per key metric;
// each cell shows the mean (± sample stddev with repeats) and, after the first column, the delta
// against point 0, marked `*` when meaningful (it exceeds the combined spread).
import type { CompareCell, CompareDocument, CompareRow } from '../../shared/doc/compareDocument';
import { renderTable, type Column } from './table';
import { compareCellsShow } from '../../shared/report/model/compareCells';

/** Rows shown without --all: the questions users bring (throughput, CPU, recycling, memory). */
const KEY_SUFFIXES = [
  '/gbps',
  '/mpps',
  '/drops',
  '/cycles_per_packet',
  '/cpu_utilization',
  '/pp/recycle_ratio',
  '/pp/peak_inflight',
  '/pp/alloc_fast',
  '/pp/alloc_slow',
  '/pp/recycle_cached',
  '/pp/recycle_ring',
  '/pp/recycle_ring_full',
  '/pp/recycle_released_refcnt',
  '/driver/reuse_ratio',
  '/metadata/struct_page_bytes',
  '/metadata/netmem_desc_bytes',
  '/metadata/memdesc_bytes',
];

function num(v: number, unit: string): string {
  if (unit === 'fraction') return `${(v * 100).toFixed(1)}%`;
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

function cellText(cell: CompareCell, unit: string): string {
  const s = cell.stat;
  if (!s) return '-';
  let t = num(s.mean, unit);
  if (s.n > 1) t += ` ±${num(s.stddev, unit)}`;
  const d = cell.delta;
  if (d) {
    const rel =
      d.rel === null
        ? d.abs === 0
          ? '0'
          : `${d.abs > 0 ? '+' : ''}${num(d.abs, unit)}`
        : `${d.rel >= 0 ? '+' : ''}${(d.rel * 100).toFixed(1)}%`;
    t += ` (${rel}${d.meaningful ? '*' : d.paired?.meaningful ? '~' : ''})`;
  }
  return t;
}

export function selectRows(doc: CompareDocument, all: boolean): CompareRow[] {
  if (all) return doc.table;
  return doc.table.filter((r) => KEY_SUFFIXES.some((s) => r.metric.key.endsWith(s)));
}

export function formatCompareTable(doc: CompareDocument, all = false): string {
  const columns: Column[] = [
    { header: 'metric' },
    ...doc.points.map((p) => ({ header: `[${p.index}] ${p.label}`, align: 'right' as const })),
  ];
  const rows = selectRows(doc, all).map((r) => [r.metric.label, ...r.cells.map((c) => cellText(c, r.metric.unit))]);
  const reps = `${compareCellsShow(doc.repeat)}${doc.repeat > 1 ? '' : ', so no delta is marked'}; `;
  return (
    `${doc.scenario_name}: ${doc.points.length} point(s)\n${renderTable(columns, rows)}\n` +
    `${reps}(Δ vs [0]; * = |Δ| exceeds stddev[0] + stddev[i]` +
    `${doc.repeat > 1 ? '; ~ = only the paired Δ (same seeds) exceeds its own stddev' : ''})\n`
  );
}
