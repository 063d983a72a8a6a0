// What a chart shows, as data: the rows of its accessible table (time, one column per series,
// each value formatted with the series' own unit formatter) and a one-paragraph description for
// ECharts' `aria` option (the chart's aria-label). Both read the option the chart was given, so
// they state exactly what is drawn. Long series are thinned to at most MAX_TABLE_ROWS rows at a
// fixed stride (the CSV export has every sample).
import type { EChartsOption } from 'echarts';
import { roundSig } from '../../../shared/report/charts/format';
import { AID_ID } from '../../../shared/report/charts/common';

export const MAX_TABLE_ROWS = 120;

interface SeriesLike {
  id?: unknown;
  name?: unknown;
  data?: unknown;
  tooltip?: { valueFormatter?: (v: number) => string };
}

export interface ChartColumn {
  name: string;
  format: (v: number) => string;
}
export interface ChartRows {
  columns: ChartColumn[];
  /** [time in ms, value per column (NaN: no sample at that time)] */
  rows: { t: number; values: number[] }[];
  /** samples per row (1 = every sample) and the total number of time points */
  stride: number;
  total: number;
}

function seriesOf(o: EChartsOption | null): SeriesLike[] {
  const s = o?.series;
  return ((Array.isArray(s) ? s : s ? [s] : []) as SeriesLike[]).filter((x) => !String(x.id ?? '').startsWith(AID_ID));
}

/** x/y points of a series' data: [x, y] pairs or the flat Float64Array the live charts use. */
function points(data: unknown): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  if (data instanceof Float64Array) {
    for (let i = 0; i + 1 < data.length; i += 2) out.push({ x: data[i], y: data[i + 1] });
  } else if (Array.isArray(data)) {
    for (const p of data as unknown[])
      if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') out.push({ x: p[0], y: p[1] });
  }
  return out;
}

const plain = (v: number): string => roundSig(v, 4);

export function chartRows(o: EChartsOption | null, maxRows = MAX_TABLE_ROWS): ChartRows {
  const series = seriesOf(o).filter((s) => points(s.data).length > 0);
  const columns = series.map((s) => ({ name: String(s.name ?? ''), format: s.tooltip?.valueFormatter ?? plain }));
  // Series of one chart share their sample times, except overlays of runs of different lengths:
  // rows are keyed by time.
  const byT = new Map<number, number[]>();
  series.forEach((s, c) => {
    for (const p of points(s.data)) {
      let row = byT.get(p.x);
      if (!row) {
        row = new Array<number>(series.length).fill(NaN);
        byT.set(p.x, row);
      }
      row[c] = p.y;
    }
  });
  const times = [...byT.keys()].sort((a, b) => a - b);
  const stride = Math.max(1, Math.ceil(times.length / maxRows));
  const rows: ChartRows['rows'] = [];
  for (let i = 0; i < times.length; i += stride) rows.push({ t: times[i], values: byT.get(times[i])! });
  return { columns, rows, stride, total: times.length };
}

/** "Throughput, 3 series over 0–600 ms: received Gbit/s from 0 to 97.2 Gbit/s, last 96.1 Gbit/s; …" */
export function describeChart(title: string, o: EChartsOption | null): string {
  const series = seriesOf(o);
  const parts: string[] = [];
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const s of series) {
    const pts = points(s.data);
    if (pts.length === 0) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of pts) {
      if (p.y < lo) lo = p.y;
      if (p.y > hi) hi = p.y;
    }
    t0 = Math.min(t0, pts[0].x);
    t1 = Math.max(t1, pts[pts.length - 1].x);
    const f = s.tooltip?.valueFormatter ?? plain;
    parts.push(`${String(s.name ?? '')} from ${f(lo)} to ${f(hi)}, last ${f(pts[pts.length - 1].y)}`);
  }
  if (parts.length === 0) return `${title}: no data yet.`;
  return `${title}, line chart of ${parts.length} series over ${plain(t0)}–${plain(t1)} ms: ${parts.join('; ')}. The table button shows the values.`;
}
