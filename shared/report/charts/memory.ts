// Memory pressure: free memory per NUMA node against its min/low/high watermarks (MiB, left),
// pages in flight in the selected pools, pfmemalloc allocations and, when the run has devmem
// bindings (`binding/<id>/…` gauges), the dma-buf's net_iovs by state (right axis).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { entitiesInView, sumColumns } from './seriesView';
import { baseTimeChart, lineSeries, pairs, RUN_COLORS, SERIES_COLORS, themeColors, timeMs, valueAxis, type ChartOptions } from './common';
import { roundSig } from './format';

/** Watermarks in pages for one node (RunDocument.memory[].{min,low,high}_pages). */
export interface NodeWatermarks { node: number; min_pages: number; low_pages: number; high_pages: number }

export interface MemoryInput extends ChartOptions {
  view: SeriesView;
  /** NUMA nodes to draw; default all in the view */
  nodes?: readonly (number | string)[];
  /** pools whose inflight is summed; default all */
  pools?: readonly (number | string)[];
  /** binding ids to draw; default all */
  bindings?: readonly (number | string)[];
  /** per-node watermarks; drawn as horizontal lines when given */
  watermarks?: readonly NodeWatermarks[];
  /** bytes per page (PAGE_SIZE); default 4096 */
  page_bytes?: number;
  /**
   * Logarithmic free-memory axis. 'auto' (default) switches to it when the node is much larger
   * than its high watermark, so the watermarks (often < 1 % of the node) stay readable.
   */
  logScale?: boolean | 'auto';
}

/** Free memory above this many times the high watermark makes 'auto' choose a log axis. */
const LOG_AXIS_RATIO = 20;

const MIB = 1024 * 1024;

/** Colour for a binding gauge by what its name says (free / in pool / held by the user). */
function bindingColor(name: string, i: number): string {
  if (/free/.test(name)) return SERIES_COLORS.niov_free;
  if (/pool/.test(name)) return SERIES_COLORS.niov_pool;
  if (/user|token|held/.test(name)) return SERIES_COLORS.niov_user;
  return RUN_COLORS[(i + 3) % RUN_COLORS.length];
}

export function buildMemoryOption(input: MemoryInput): EChartsOption {
  const { view } = input;
  const pageBytes = input.page_bytes ?? 4096;
  const nodes = (input.nodes ?? entitiesInView(view, 'mem')).map(String);
  const pools = (input.pools ?? entitiesInView(view, 'pool')).map(String);
  const bindings = (input.bindings ?? entitiesInView(view, 'binding')).map(String);
  const x = timeMs(view);
  const c = themeColors(input);
  const series: LineSeriesOption[] = [];
  const multiNode = nodes.length > 1;
  let maxFreeMib = 0;
  for (const node of nodes) {
    const free = view.column(`mem/${node}/free_pages`);
    if (free) for (let i = 0; i < free.length; i++) maxFreeMib = Math.max(maxFreeMib, (free[i] * pageBytes) / MIB);
  }
  const highMib = Math.max(0, ...(input.watermarks ?? []).map((w) => (w.high_pages * pageBytes) / MIB));
  const minMib = Math.min(Infinity, ...(input.watermarks ?? []).map((w) => (w.min_pages * pageBytes) / MIB));
  const log = input.logScale === 'auto' || input.logScale === undefined
    ? highMib > 0 && maxFreeMib > LOG_AXIS_RATIO * highMib
    : input.logScale;

  nodes.forEach((node, ni) => {
    const free = view.column(`mem/${node}/free_pages`);
    if (!free) return;
    const mib = new Float64Array(free.length);
    for (let i = 0; i < free.length; i++) mib[i] = (free[i] * pageBytes) / MIB;
    // A log axis cannot show 0: an empty node is drawn as a gap (the table says 0).
    const data = log ? pairs(x, mib).filter((p) => p[1] > 0) : pairs(x, mib);
    const s = lineSeries({ name: multiNode ? `node ${node} free` : 'free memory', unit: 'MiB', color: multiNode ? RUN_COLORS[ni % RUN_COLORS.length] : SERIES_COLORS.free, data }, input);
    const wm = input.watermarks?.find((w) => String(w.node) === node);
    if (wm) {
      // Watermarks sit close together: stagger their labels so they do not overprint.
      const line = (name: string, pages: number, color: string, position: 'insideStartTop' | 'insideMiddleTop' | 'insideEndTop') => ({
        name: `${multiNode ? `node ${node} ` : ''}${name}`,
        yAxis: (pages * pageBytes) / MIB,
        label: { formatter: `${name} ${roundSig((pages * pageBytes) / MIB)} MiB`, color: c.subtle, fontSize: 10, position },
        lineStyle: { color, type: 'dotted' as const, width: 1.5 },
      });
      s.markLine = {
        symbol: ['none', 'none'], animation: false, silent: true,
        label: { show: true, position: 'insideStartTop' },
        data: [line('min', wm.min_pages, SERIES_COLORS.wm_min, 'insideStartTop'), line('low', wm.low_pages, SERIES_COLORS.wm_low, 'insideMiddleTop'), line('high', wm.high_pages, SERIES_COLORS.wm_high, 'insideEndTop')],
      };
    }
    series.push(s);
  });

  const inflight = sumColumns(view, pools.map((p) => `pool/${p}/inflight`));
  if (inflight) series.push(lineSeries({ name: 'pages in flight', unit: 'pages', yAxisIndex: 1, color: SERIES_COLORS.inflight, data: pairs(x, inflight) }, input));

  const pfm = sumColumns(view, nodes.map((n) => `mem/${n}/pfmemalloc`));
  if (pfm) series.push(lineSeries({ name: 'pfmemalloc allocations (per sample)', unit: 'pages', yAxisIndex: 1, color: SERIES_COLORS.pfmemalloc, data: pairs(x, pfm) }, input));
  const fail = sumColumns(view, nodes.map((n) => `mem/${n}/alloc_fail`));
  if (fail && fail.some((v) => v > 0)) {
    series.push(lineSeries({ name: 'allocation failures (per sample)', unit: 'pages', yAxisIndex: 1, dashed: true, color: c.error, data: pairs(x, fail) }, input));
  }

  // devmem: where the dma-buf's net_iovs are (binding/<id>/niov_* gauges, shared/sim/devmem/bindingReport.ts).
  let bi = 0;
  for (const b of bindings) {
    const p = `binding/${b}/`;
    const who = bindings.length > 1 ? `binding ${b} ` : '';
    const groups: [string, string[], string][] = [
      ['net_iovs free', ['niov_free'], SERIES_COLORS.niov_free],
      ['net_iovs in pool (cache + ptr_ring + NIC ring)', ['niov_alloc_cache', 'niov_ptr_ring', 'niov_nic_ring'], SERIES_COLORS.niov_pool],
      ['net_iovs in the stack', ['niov_stack'], RUN_COLORS[5]],
      ['net_iovs held by the user', ['niov_user'], SERIES_COLORS.niov_user],
    ];
    let known = false;
    for (const [label, cols, color] of groups) {
      const sum = sumColumns(view, cols.map((c) => p + c));
      if (!sum) continue;
      known = true;
      series.push(lineSeries({ name: who + label, unit: 'net_iovs', yAxisIndex: 1, color, data: pairs(x, sum) }, input));
    }
    if (known) continue;
    // Unknown binding columns: draw every gauge under its own label rather than drop it.
    for (const key of view.keys()) {
      if (!key.startsWith(p) || view.meta(key)?.kind !== 'gauge') continue;
      const col = view.column(key);
      if (col) series.push(lineSeries({ name: view.meta(key)?.label ?? key, unit: 'net_iovs', yAxisIndex: 1, color: bindingColor(key, bi++), data: pairs(x, col) }, input));
    }
  }

  // A 4 GiB dma-buf has a million net_iovs of which a few thousand are in use: on a linear axis
  // everything but "free" would sit on zero. Past two decades of range the right axis goes log
  // (zeros become gaps).
  let hi = 0;
  let lo = Infinity;
  for (const s of series) {
    if (s.yAxisIndex !== 1) continue;
    for (const p of s.data as [number, number][]) if (p[1] > 0) { hi = Math.max(hi, p[1]); lo = Math.min(lo, p[1]); }
  }
  const rightLog = bindings.length > 0 && hi / lo > 100;
  if (rightLog) {
    for (const s of series) if (s.yAxisIndex === 1) s.data = (s.data as [number, number][]).filter((p) => p[1] > 0);
  }

  return baseTimeChart(view, input, [
    log
      ? valueAxis('MiB', 'free memory, log scale', input, { type: 'log', logBase: 10, min: Number.isFinite(minMib) ? Math.pow(10, Math.floor(Math.log10(minMib / 2))) : undefined })
      : valueAxis('MiB', 'free memory', input, { min: 0 }),
    rightLog
      ? valueAxis('pages', 'pages / net_iovs, log scale', input, { type: 'log', logBase: 10, min: 1, position: 'right', splitLine: { show: false } })
      : valueAxis('pages', bindings.length > 0 ? 'pages / net_iovs' : 'in flight, pfmemalloc', input, { min: 0, position: 'right', splitLine: { show: false } }),
  ], series);
}
