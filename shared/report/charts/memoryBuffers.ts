// Buffers in use: pages in flight in the selected pools, pfmemalloc allocations, allocation
// failures and, when the run has devmem bindings (`binding/<id>/…` gauges), the dma-buf's
// net_iovs by state; for every other memory provider (`provider/<kind>-<id>/…`: zcrx areas) its
// net_iovs free / in page_pools / held by the user and its own gauges (refill queue, -ENOSPC):
// counts on one axis, beside the free-memory chart (memory.ts) on the same time axis.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { columnsOf, entitiesInView, sumColumns } from './seriesView';
import { baseTimeChart, lineSeries, pairs, RUN_COLORS, SERIES_COLORS, themeColors, timeMs, valueAxis, type ChartOptions } from './common';
import { seriesKey } from '../../doc/seriesKeys';

export interface BuffersInput extends ChartOptions {
  view: SeriesView;
  /** NUMA nodes whose pfmemalloc and failures are summed; default all */
  nodes?: readonly (number | string)[];
  /** pools whose inflight is summed; default all */
  pools?: readonly (number | string)[];
  /** binding ids to draw; default all */
  bindings?: readonly (number | string)[];
  /** provider series ids (`zcrx-1`) to draw; default all */
  providers?: readonly string[];
}

/** Colour for a binding gauge by what its name says (free / in pool / held by the user). */
function bindingColor(name: string, i: number): string {
  if (/free/.test(name)) return SERIES_COLORS.niov_free;
  if (/pool/.test(name)) return SERIES_COLORS.niov_pool;
  if (/user|token|held/.test(name)) return SERIES_COLORS.niov_user;
  return RUN_COLORS[(i + 3) % RUN_COLORS.length];
}

/** null when the run has nothing to count (no pools, bindings or node counters). */
export function buildBuffersOption(input: BuffersInput): EChartsOption | null {
  const { view } = input;
  const nodes = (input.nodes ?? entitiesInView(view, 'mem')).map(String);
  const pools = (input.pools ?? entitiesInView(view, 'pool')).map(String);
  const bindings = (input.bindings ?? entitiesInView(view, 'binding')).map(String);
  const x = timeMs(view);
  const c = themeColors(input);
  const series: LineSeriesOption[] = [];
  const inflight = sumColumns(
    view,
    pools.map((p) => seriesKey.pool(p, 'inflight')),
  );
  if (inflight)
    series.push(lineSeries({ name: 'pages in flight', unit: 'pages', color: SERIES_COLORS.inflight, data: pairs(x, inflight) }, input));

  const pfm = sumColumns(
    view,
    nodes.map((n) => seriesKey.mem(n, 'pfmemalloc')),
  );
  if (pfm)
    series.push(
      lineSeries(
        { name: 'pfmemalloc allocations (per sample)', unit: 'pages', color: SERIES_COLORS.pfmemalloc, data: pairs(x, pfm) },
        input,
      ),
    );
  const fail = sumColumns(
    view,
    nodes.map((n) => seriesKey.mem(n, 'alloc_fail')),
  );
  if (fail && fail.some((v) => v > 0)) {
    series.push(
      lineSeries({ name: 'allocation failures (per sample)', unit: 'pages', dashed: true, color: c.error, data: pairs(x, fail) }, input),
    );
  }

  // devmem: where the dma-buf's net_iovs are (binding/<id>/niov_* gauges, shared/sim/providers/dmabuf/bindingReport.ts).
  let bi = 0;
  for (const b of bindings) {
    const who = bindings.length > 1 ? `binding ${b} ` : '';
    const groups: [string, string[], string][] = [
      ['net_iovs free', ['niov_free'], SERIES_COLORS.niov_free],
      ['net_iovs in pool (cache + ptr_ring + NIC ring)', ['niov_alloc_cache', 'niov_ptr_ring', 'niov_nic_ring'], SERIES_COLORS.niov_pool],
      ['net_iovs in the stack', ['niov_stack'], RUN_COLORS[5]],
      ['net_iovs held by the user', ['niov_user'], SERIES_COLORS.niov_user],
    ];
    let known = false;
    for (const [label, cols, color] of groups) {
      const sum = sumColumns(
        view,
        cols.map((c) => seriesKey.binding(b, c)),
      );
      if (!sum) continue;
      known = true;
      series.push(lineSeries({ name: who + label, unit: 'net_iovs', color, data: pairs(x, sum) }, input));
    }
    if (known) continue;
    // Unknown binding columns: draw every gauge under its own label rather than drop it.
    for (const f of columnsOf(view, 'binding')) {
      const key = f.key;
      if (f.id !== b || view.meta(key)?.kind !== 'gauge') continue;
      const col = view.column(key);
      if (col)
        series.push(
          lineSeries({ name: view.meta(key)?.label ?? key, unit: 'net_iovs', color: bindingColor(key, bi++), data: pairs(x, col) }, input),
        );
    }
  }

  // Every other memory provider (io_uring zcrx areas, and any later kind) through the provider
  // reporting hook: provider/<kind>-<id>/niov_free | niov_in_pool | niov_user and the provider's
  // own columns (refill-queue occupancy, -ENOSPC per sample…) under their labels. A dma-buf
  // binding already drawn from its binding/<id>/ columns above is not drawn twice.
  const providerCols = columnsOf(view, 'provider');
  const providers = (input.providers ?? [...new Set(providerCols.map((f) => f.id))])
    .map(String)
    .filter((id) => !(id.startsWith('dmabuf-') && bindings.includes(id.slice('dmabuf-'.length))));
  const places: [string, string, string][] = [
    ['niov_free', 'net_iovs free', SERIES_COLORS.niov_free],
    ['niov_in_pool', 'net_iovs in page_pools', SERIES_COLORS.niov_pool],
    ['niov_user', 'net_iovs held by the user', SERIES_COLORS.niov_user],
  ];
  for (const id of providers) {
    const who = `${id.replace('-', ' ')} `;
    for (const [col, label, color] of places) {
      const v = view.column(seriesKey.provider(id, col));
      if (v) series.push(lineSeries({ name: who + label, unit: 'net_iovs', color, data: pairs(x, v) }, input));
    }
    for (const f of providerCols) {
      if (f.id !== id || places.some(([col]) => f.counter === col)) continue;
      const v = view.column(f.key);
      const m = view.meta(f.key);
      if (!v) continue;
      const perSample = m?.kind === 'delta' ? ' (per sample)' : '';
      series.push(
        lineSeries(
          {
            name: (m?.label ?? f.key) + perSample,
            unit: 'count',
            dashed: m?.kind === 'delta',
            color: bindingColor(f.key, bi++),
            data: pairs(x, v),
          },
          input,
        ),
      );
    }
  }
  const niovs = bindings.length > 0 || providers.length > 0;

  // A 4 GiB dma-buf has a million net_iovs of which a few thousand are in use: on a linear axis
  // everything but "free" would sit on zero. Past two decades of range the axis goes log (zeros
  // become gaps).
  let hi = 0;
  let lo = Infinity;
  for (const s of series) {
    for (const p of s.data as [number, number][])
      if (p[1] > 0) {
        hi = Math.max(hi, p[1]);
        lo = Math.min(lo, p[1]);
      }
  }
  const log = niovs && hi / lo > 100;
  if (log) {
    for (const s of series) s.data = (s.data as [number, number][]).filter((p) => p[1] > 0);
  }

  if (series.length === 0) return null;
  return baseTimeChart(
    view,
    input,
    [
      log
        ? valueAxis('pages', niovs ? 'pages / net_iovs, log scale' : 'pages, log scale', input, { type: 'log', logBase: 10, min: 1 })
        : valueAxis('pages', niovs ? 'pages / net_iovs' : 'pages', input, { min: 0 }),
    ],
    series,
  );
}
