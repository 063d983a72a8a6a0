// devmem dma-buf occupancy: where the binding's net_iovs are over time (stacked: alloc cache,
// ptr_ring, posted to the NIC ring, in the stack, held by the user as tokens), the tokens
// outstanding, and the free net_iovs on a second axis. This is the sizing question — how much
// of the dma-buf the receive path and the application's token latency actually pin.
// Columns: binding/<id>/niov_* gauges (shared/sim/providers/dmabuf/bindingReport.ts).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { entitiesInView, sumColumns } from './seriesView';
import { baseTimeChart, lineSeries, pairs, RUN_COLORS, SERIES_COLORS, timeMs, valueAxis, type ChartOptions } from './common';
import { seriesKey } from '../../doc/seriesKeys';

export interface DevmemInput extends ChartOptions {
  view: SeriesView;
  /** binding ids to sum; default all */
  bindings?: readonly (number | string)[];
}

const STATES: readonly [string, string, string][] = [
  ['niov_alloc_cache', 'in pool alloc caches', SERIES_COLORS.recycle_cached],
  ['niov_ptr_ring', 'in pool ptr_rings', SERIES_COLORS.niov_pool],
  ['niov_nic_ring', 'posted to NIC rings', SERIES_COLORS.alloc_refill],
  ['niov_stack', 'in the stack', RUN_COLORS[5]],
  ['niov_user', 'held by the user (tokens)', SERIES_COLORS.niov_user],
];

/** True when the view has devmem binding columns. */
export function hasDevmemColumns(view: SeriesView): boolean {
  return entitiesInView(view, 'binding').length > 0;
}

export function buildDevmemOption(input: DevmemInput): EChartsOption {
  const { view } = input;
  const ids = (input.bindings ?? entitiesInView(view, 'binding')).map(String);
  const x = timeMs(view);
  const series: LineSeriesOption[] = [];
  for (const [col, label, color] of STATES) {
    const sum = sumColumns(
      view,
      ids.map((b) => seriesKey.binding(b, col)),
    );
    if (sum) series.push(lineSeries({ name: label, unit: 'net_iovs', stack: 'niov', area: true, color, data: pairs(x, sum) }, input));
  }
  const tokens = sumColumns(
    view,
    ids.map((b) => seriesKey.binding(b, 'tokens_outstanding')),
  );
  if (tokens)
    series.push(
      lineSeries(
        { name: 'tokens outstanding', unit: 'count', dashed: true, color: SERIES_COLORS.alloc_slow, data: pairs(x, tokens) },
        input,
      ),
    );
  const free = sumColumns(
    view,
    ids.map((b) => seriesKey.binding(b, 'niov_free')),
  );
  if (free)
    series.push(
      lineSeries(
        { name: 'free in the genpool', unit: 'net_iovs', yAxisIndex: 1, color: SERIES_COLORS.niov_free, data: pairs(x, free) },
        input,
      ),
    );
  return baseTimeChart(
    view,
    input,
    [
      valueAxis('net_iovs', 'in use', input, { min: 0 }),
      valueAxis('net_iovs', 'free', input, { min: 0, position: 'right', splitLine: { show: false } }),
    ],
    series,
  );
}
