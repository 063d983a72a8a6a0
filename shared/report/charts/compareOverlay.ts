// The same metric drawn for several runs on one time axis (compare view, compare report).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { entitiesInView, sumColumns } from './seriesView';
import { baseTimeChart, lineSeries, pairs, perSecond, RUN_COLORS, timeMs, valueAxis, type ChartOptions } from './common';
import type { ChartUnit } from './format';
import { recycleRatio } from '../model/recycleRatio';

/** Metrics the overlay knows how to derive from a run's columns. */
export type OverlayMetric =
  | { kind: 'gbps'; nic: string }
  | { kind: 'mpps'; nic: string }
  | { kind: 'drops'; nic: string }
  | { kind: 'pool_counter'; counter: string; pools?: readonly (number | string)[] }
  | { kind: 'recycle_ratio'; pools?: readonly (number | string)[] }
  | { kind: 'inflight'; pools?: readonly (number | string)[] }
  | { kind: 'free_memory'; node?: number | string; page_bytes?: number }
  | { kind: 'column'; key: string; unit: ChartUnit; rate?: boolean };

/**
 * `group`: runs of one matrix point (its repeats) share a colour, so variants are told apart by
 * colour and repeats by shade; runs without a group each get their own colour.
 */
export interface OverlayRun { label: string; view: SeriesView; group?: number }

/**
 * The colour of each run: by its group (the point's index, so a point keeps its colour while
 * other points' runs are still queued), else by its position.
 */
export function overlayColors(runs: readonly Pick<OverlayRun, 'group'>[]): string[] {
  return runs.map((r, i) => RUN_COLORS[(r.group ?? i) % RUN_COLORS.length]);
}

export interface CompareOverlayInput extends ChartOptions {
  runs: readonly OverlayRun[];
  metric: OverlayMetric;
}

export const OVERLAY_METRIC_LABELS: Record<OverlayMetric['kind'], string> = {
  gbps: 'received', mpps: 'received', drops: 'dropped', pool_counter: 'page_pool', recycle_ratio: 'recycle ratio',
  inflight: 'pages in flight', free_memory: 'free memory', column: '',
};

function poolsOf(view: SeriesView, pools: readonly (number | string)[] | undefined): string[] {
  return (pools ?? entitiesInView(view, 'pool')).map(String);
}

/** y values of the metric for one run and the unit they are in. */
export function overlayValues(view: SeriesView, m: OverlayMetric): { y: Float64Array | null; unit: ChartUnit } {
  const n = view.length;
  switch (m.kind) {
    case 'gbps': { const c = view.column(`nic/${m.nic}/rx_bytes`); return { y: c ? perSecond(view, c, 8e-9) : null, unit: 'Gbit/s' }; }
    case 'mpps': { const c = view.column(`nic/${m.nic}/rx_packets`); return { y: c ? perSecond(view, c, 1e-6) : null, unit: 'Mpps' }; }
    case 'drops': {
      const c = sumColumns(view, view.keys().filter((k) => k.startsWith(`nic/${m.nic}/drop/`)));
      return { y: perSecond(view, c ?? new Float64Array(n), 1e-6), unit: 'Mpps' };
    }
    case 'pool_counter': { const c = sumColumns(view, poolsOf(view, m.pools).map((p) => `pool/${p}/${m.counter}`)); return { y: c ? perSecond(view, c) : null, unit: 'per_s' }; }
    case 'inflight': return { y: sumColumns(view, poolsOf(view, m.pools).map((p) => `pool/${p}/inflight`)) ?? null, unit: 'pages' };
    case 'recycle_ratio': {
      const ps = poolsOf(view, m.pools);
      const z = new Float64Array(n);
      const g = (k: string) => sumColumns(view, ps.map((p) => `pool/${p}/${k}`)) ?? z;
      const a = g('recycle_cached'), b = g('recycle_ring'), c = g('recycle_ring_full'), d = g('recycle_released_refcnt');
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = recycleRatio({ recycle_cached: a[i], recycle_ring: b[i], recycle_ring_full: c[i], recycle_released_refcnt: d[i] });
        y[i] = r === null ? NaN : r;
      }
      return { y, unit: 'ratio' };
    }
    case 'free_memory': {
      const c = view.column(`mem/${m.node ?? 0}/free_pages`);
      if (!c) return { y: null, unit: 'MiB' };
      const y = new Float64Array(c.length);
      const pb = m.page_bytes ?? 4096;
      for (let i = 0; i < c.length; i++) y[i] = (c[i] * pb) / (1024 * 1024);
      return { y, unit: 'MiB' };
    }
    case 'column': { const c = view.column(m.key); return { y: c ? (m.rate ? perSecond(view, c) : Float64Array.from(c)) : null, unit: m.unit }; }
  }
}

function metricTitle(m: OverlayMetric): string {
  if (m.kind === 'pool_counter') return m.counter;
  if (m.kind === 'column') return m.key;
  return OVERLAY_METRIC_LABELS[m.kind];
}

export function buildCompareOverlayOption(input: CompareOverlayInput): EChartsOption {
  if (input.runs.length === 0) throw new Error('compare overlay needs at least one run');
  let unit = 'count' as ChartUnit;
  const series: LineSeriesOption[] = [];
  // The longest run sets the time axis.
  let longest = input.runs[0].view;
  const colors = overlayColors(input.runs);
  const seen = new Set<number>();
  input.runs.forEach((run, i) => {
    const { y, unit: u } = overlayValues(run.view, input.metric);
    unit = u;
    if (run.view.length > longest.length) longest = run.view;
    if (!y) return;
    const x = timeMs(run.view);
    const data = pairs(x, y).filter((p) => !Number.isNaN(p[1]));
    const s = lineSeries({ name: run.label, unit: u, color: colors[i], data }, input);
    // Further repeats of a point: its colour, fainter and thinner, behind the first.
    if (run.group !== undefined && seen.has(run.group)) s.lineStyle = { ...s.lineStyle, opacity: 0.45, width: 1 };
    if (run.group !== undefined) seen.add(run.group);
    series.push(s);
  });
  return baseTimeChart(longest, input, [valueAxis(unit, metricTitle(input.metric), input, unit === 'ratio' ? { min: 0, max: 1 } : { min: 0 })], series);
}
