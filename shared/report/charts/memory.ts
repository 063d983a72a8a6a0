// Memory pressure: free memory per NUMA node against its min/low/high watermarks, in MiB on one
// axis. Counts of buffers (pages in flight, net_iovs) are the other chart (memoryBuffers.ts): two
// units on one chart's two log axes could not be read against each other.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { entitiesInView } from './seriesView';
import { baseTimeChart, lineSeries, pairs, RUN_COLORS, SERIES_COLORS, themeColors, timeMs, valueAxis, type ChartOptions } from './common';
import { roundSig } from './format';
import { seriesKey } from '../../doc/seriesKeys';

/** Watermarks in pages for one node (RunDocument.memory[].{min,low,high}_pages). */
export interface NodeWatermarks {
  node: number;
  min_pages: number;
  low_pages: number;
  high_pages: number;
}

export interface MemoryInput extends ChartOptions {
  view: SeriesView;
  /** NUMA nodes to draw; default all in the view */
  nodes?: readonly (number | string)[];
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

export function buildMemoryOption(input: MemoryInput): EChartsOption {
  const { view } = input;
  const pageBytes = input.page_bytes ?? 4096;
  const nodes = (input.nodes ?? entitiesInView(view, 'mem')).map(String);
  const x = timeMs(view);
  const c = themeColors(input);
  const series: LineSeriesOption[] = [];
  const multiNode = nodes.length > 1;
  let maxFreeMib = 0;
  for (const node of nodes) {
    const free = view.column(seriesKey.mem(node, 'free_pages'));
    if (free) for (let i = 0; i < free.length; i++) maxFreeMib = Math.max(maxFreeMib, (free[i] * pageBytes) / MIB);
  }
  const highMib = Math.max(0, ...(input.watermarks ?? []).map((w) => (w.high_pages * pageBytes) / MIB));
  const minMib = Math.min(Infinity, ...(input.watermarks ?? []).map((w) => (w.min_pages * pageBytes) / MIB));
  const log =
    input.logScale === 'auto' || input.logScale === undefined ? highMib > 0 && maxFreeMib > LOG_AXIS_RATIO * highMib : input.logScale;

  nodes.forEach((node, ni) => {
    const free = view.column(seriesKey.mem(node, 'free_pages'));
    if (!free) return;
    const mib = new Float64Array(free.length);
    for (let i = 0; i < free.length; i++) mib[i] = (free[i] * pageBytes) / MIB;
    // A log axis cannot show 0: an empty node is drawn as a gap (the table says 0).
    const data = log ? pairs(x, mib).filter((p) => p[1] > 0) : pairs(x, mib);
    const s = lineSeries(
      {
        name: multiNode ? `node ${node} free` : 'free memory',
        unit: 'MiB',
        color: multiNode ? RUN_COLORS[ni % RUN_COLORS.length] : SERIES_COLORS.free,
        data,
      },
      input,
    );
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
        symbol: ['none', 'none'],
        animation: false,
        silent: true,
        label: { show: true, position: 'insideStartTop' },
        data: [
          line('min', wm.min_pages, SERIES_COLORS.wm_min, 'insideStartTop'),
          line('low', wm.low_pages, SERIES_COLORS.wm_low, 'insideMiddleTop'),
          line('high', wm.high_pages, SERIES_COLORS.wm_high, 'insideEndTop'),
        ],
      };
    }
    series.push(s);
  });

  return baseTimeChart(
    view,
    input,
    [
      log
        ? valueAxis('MiB', 'free memory, log scale', input, {
            type: 'log',
            logBase: 10,
            min: Number.isFinite(minMib) ? Math.pow(10, Math.floor(Math.log10(minMib / 2))) : undefined,
          })
        : valueAxis('MiB', 'free memory', input, { min: 0 }),
    ],
    series,
  );
}
