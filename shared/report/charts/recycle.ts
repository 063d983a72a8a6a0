// Recycle rates per second for one or more page_pools (summed): stacked recycle_cached /
// recycle_ring / released, the alloc_* counters as lines, and the recycle ratio on a second axis.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { PpStatName } from '../../doc/runDocument';
import type { SeriesView } from './seriesView';
import { entitiesInView, sumColumns } from './seriesView';
import { baseTimeChart, lineSeries, pairs, perSecond, SERIES_COLORS, timeMs, valueAxis, type ChartOptions } from './common';
import { recycleRatio } from '../../doc/derived/recycleRatio';
import { seriesKey } from '../../doc/seriesKeys';

export interface RecycleInput extends ChartOptions {
  view: SeriesView;
  /** page_pool ids to sum; default every pool in the view */
  pools?: readonly (number | string)[];
}

const ALLOC_LINES: readonly PpStatName[] = ['alloc_fast', 'alloc_refill', 'alloc_slow', 'alloc_empty'];

function poolSum(view: SeriesView, pools: readonly string[], counter: PpStatName): Float64Array | undefined {
  return sumColumns(
    view,
    pools.map((p) => seriesKey.pool(p, counter)),
  );
}

export function buildRecycleOption(input: RecycleInput): EChartsOption {
  const { view } = input;
  const pools = (input.pools ?? entitiesInView(view, 'pool')).map(String);
  const x = timeMs(view);
  const n = view.length;
  const zero = new Float64Array(n);
  const get = (c: PpStatName): Float64Array => poolSum(view, pools, c) ?? zero;
  const cached = get('recycle_cached');
  const ring = get('recycle_ring');
  const ringFull = get('recycle_ring_full');
  const refcnt = get('recycle_released_refcnt');
  const released = new Float64Array(n);
  const ratio: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    released[i] = ringFull[i] + refcnt[i];
    const r = recycleRatio({
      recycle_cached: cached[i],
      recycle_ring: ring[i],
      recycle_ring_full: ringFull[i],
      recycle_released_refcnt: refcnt[i],
    });
    // Intervals with no returns have no ratio: leave a gap instead of inventing 0 or 1.
    if (r !== null) ratio.push([x[i], r]);
  }
  const series: LineSeriesOption[] = [
    lineSeries(
      {
        name: 'recycle_cached',
        unit: 'per_s',
        stack: 'returns',
        area: true,
        color: SERIES_COLORS.recycle_cached,
        data: pairs(x, perSecond(view, cached)),
      },
      input,
    ),
    lineSeries(
      {
        name: 'recycle_ring',
        unit: 'per_s',
        stack: 'returns',
        area: true,
        color: SERIES_COLORS.recycle_ring,
        data: pairs(x, perSecond(view, ring)),
      },
      input,
    ),
    lineSeries(
      {
        name: 'released',
        unit: 'per_s',
        stack: 'returns',
        area: true,
        color: SERIES_COLORS.released,
        data: pairs(x, perSecond(view, released)),
      },
      input,
    ),
  ];
  for (const c of ALLOC_LINES) {
    const col = poolSum(view, pools, c);
    if (col) series.push(lineSeries({ name: c, unit: 'per_s', color: SERIES_COLORS[c], data: pairs(x, perSecond(view, col)) }, input));
  }
  series.push(
    lineSeries({ name: 'recycle ratio', unit: 'ratio', yAxisIndex: 1, dashed: true, color: SERIES_COLORS.ratio, data: ratio }, input),
  );
  return baseTimeChart(
    view,
    input,
    [
      valueAxis('per_s', 'buffers', input, { min: 0 }),
      valueAxis('ratio', 'recycle ratio', input, { min: 0, max: 1, position: 'right', splitLine: { show: false } }),
    ],
    series,
  );
}
