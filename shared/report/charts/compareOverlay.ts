// The same metric drawn for several runs on one time axis (compare view, compare report).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { columnsOf, entitiesInView, sumColumns } from './seriesView';
import { AID_ID, baseTimeChart, lineSeries, pairs, perSecond, RUN_COLORS, timeMs, valueAxis, type ChartOptions } from './common';
import type { ChartUnit } from './format';
import { recycleRatio } from '../../doc/derived/recycleRatio';
import { seriesKey } from '../../doc/seriesKeys';

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
 * `group`: runs of one matrix point (its repeats) share a colour and are drawn as one band (mean
 * line, ± sample stddev shaded) once two of them have samples; runs without a group are lines in
 * their own colour. `groupLabel` names the band (default: the label without its ` #n` repeat).
 */
export interface OverlayRun {
  label: string;
  view: SeriesView;
  group?: number;
  groupLabel?: string;
}

/** Per-sample mean and sample stddev of several runs' values over the samples all of them have. */
export function bandOf(ys: readonly Float64Array[]): { mean: Float64Array; sd: Float64Array } {
  const n = Math.min(...ys.map((y) => y.length));
  const mean = new Float64Array(n);
  const sd = new Float64Array(n);
  const k = ys.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const y of ys) s += y[i];
    const m = s / k;
    let ss = 0;
    for (const y of ys) ss += (y[i] - m) * (y[i] - m);
    mean[i] = m;
    sd[i] = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
  }
  return { mean, sd };
}

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
  gbps: 'received',
  mpps: 'received',
  drops: 'dropped',
  pool_counter: 'page_pool',
  recycle_ratio: 'recycle ratio',
  inflight: 'pages in flight',
  free_memory: 'free memory',
  column: '',
};

function poolsOf(view: SeriesView, pools: readonly (number | string)[] | undefined): string[] {
  return (pools ?? entitiesInView(view, 'pool')).map(String);
}

/** y values of the metric for one run and the unit they are in. */
export function overlayValues(view: SeriesView, m: OverlayMetric): { y: Float64Array | null; unit: ChartUnit } {
  const n = view.length;
  switch (m.kind) {
    case 'gbps': {
      const c = view.column(seriesKey.nic(m.nic, 'rx_bytes'));
      return { y: c ? perSecond(view, c, 8e-9) : null, unit: 'Gbit/s' };
    }
    case 'mpps': {
      const c = view.column(seriesKey.nic(m.nic, 'rx_packets'));
      return { y: c ? perSecond(view, c, 1e-6) : null, unit: 'Mpps' };
    }
    case 'drops': {
      const c = sumColumns(
        view,
        columnsOf(view, 'nic')
          .filter((f) => f.nic === m.nic && f.counter.startsWith('drop/'))
          .map((f) => f.key),
      );
      return { y: perSecond(view, c ?? new Float64Array(n), 1e-6), unit: 'Mpps' };
    }
    case 'pool_counter': {
      const c = sumColumns(
        view,
        poolsOf(view, m.pools).map((p) => seriesKey.pool(p, m.counter)),
      );
      return { y: c ? perSecond(view, c) : null, unit: 'per_s' };
    }
    case 'inflight':
      return {
        y:
          sumColumns(
            view,
            poolsOf(view, m.pools).map((p) => seriesKey.pool(p, 'inflight')),
          ) ?? null,
        unit: 'pages',
      };
    case 'recycle_ratio': {
      const ps = poolsOf(view, m.pools);
      const z = new Float64Array(n);
      const g = (k: string) =>
        sumColumns(
          view,
          ps.map((p) => seriesKey.pool(p, k)),
        ) ?? z;
      const a = g('recycle_cached'),
        b = g('recycle_ring'),
        c = g('recycle_ring_full'),
        d = g('recycle_released_refcnt');
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = recycleRatio({ recycle_cached: a[i], recycle_ring: b[i], recycle_ring_full: c[i], recycle_released_refcnt: d[i] });
        y[i] = r === null ? NaN : r;
      }
      return { y, unit: 'ratio' };
    }
    case 'free_memory': {
      const c = view.column(seriesKey.mem(m.node ?? 0, 'free_pages'));
      if (!c) return { y: null, unit: 'MiB' };
      const y = new Float64Array(c.length);
      const pb = m.page_bytes ?? 4096;
      for (let i = 0; i < c.length; i++) y[i] = (c[i] * pb) / (1024 * 1024);
      return { y, unit: 'MiB' };
    }
    case 'column': {
      const c = view.column(m.key);
      return { y: c ? (m.rate ? perSecond(view, c) : Float64Array.from(c)) : null, unit: m.unit };
    }
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
  const values = input.runs.map((run) => {
    const { y, unit: u } = overlayValues(run.view, input.metric);
    unit = u;
    if (run.view.length > longest.length) longest = run.view;
    return y && y.length > 0 ? y : null;
  });
  // Runs of a group with two or more runs that have samples: one band per group, drawn where its first run is.
  const members = new Map<number, number[]>();
  input.runs.forEach((r, i) => {
    if (r.group !== undefined && values[i]) members.set(r.group, [...(members.get(r.group) ?? []), i]);
  });
  const banded = new Set<number>();
  input.runs.forEach((run, i) => {
    const y = values[i];
    if (!y) return;
    const group = run.group !== undefined ? members.get(run.group) : undefined;
    if (group && group.length >= 2) {
      if (banded.has(run.group!)) return;
      banded.add(run.group!);
      series.push(...bandSeries(input, group, values, colors[i], unit));
      return;
    }
    const data = pairs(timeMs(run.view), y).filter((p) => !Number.isNaN(p[1]));
    series.push(lineSeries({ name: run.label, unit, color: colors[i], data }, input));
  });
  return baseTimeChart(
    longest,
    input,
    [valueAxis(unit, metricTitle(input.metric), input, unit === 'ratio' ? { min: 0, max: 1 } : { min: 0 })],
    series,
  );
}

/** A group's mean line and its ± stddev band (a transparent lower edge, the width stacked on it). */
function bandSeries(
  input: CompareOverlayInput,
  idx: readonly number[],
  values: readonly (Float64Array | null)[],
  color: string,
  unit: ChartUnit,
): LineSeriesOption[] {
  const first = input.runs[idx[0]];
  const name = `${first.groupLabel ?? first.label.replace(/ #\d+$/, '')} (mean ± sd of ${idx.length})`;
  const { mean, sd } = bandOf(idx.map((i) => values[i]!));
  const x = timeMs(first.view);
  const lo = new Float64Array(mean.length);
  const width = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) {
    lo[i] = mean[i] - sd[i];
    width[i] = 2 * sd[i];
  }
  const keep = (d: [number, number][]) => d.filter((p, i) => !Number.isNaN(p[1]) && !Number.isNaN(mean[i]));
  const stack = `band-${first.group ?? idx[0]}`;
  const edge = lineSeries({ name, unit, color, data: keep(pairs(x, lo)), stack }, input);
  const fill = lineSeries({ name, unit, color, data: keep(pairs(x, width)), stack, area: true }, input);
  const aid = { silent: true, tooltip: { show: false }, stackStrategy: 'all' as const, emphasis: { disabled: true } };
  return [
    lineSeries({ name, unit, color, data: keep(pairs(x, mean)) }, input),
    { ...edge, ...aid, id: `${AID_ID}band-lo-${stack}`, areaStyle: undefined },
    { ...fill, ...aid, id: `${AID_ID}band-${stack}`, areaStyle: { opacity: 0.2 } },
  ];
}
