// Pieces every chart builder shares: theme colours, the time axis, dataZoom, events marked
// on the time axis, unit-aware tooltips and the large-series settings (LTTB + progressive).
import type { EChartsOption, LineSeriesOption, MarkLineComponentOption, YAXisComponentOption } from 'echarts';
import type { EventRecord } from '../../doc/runDocument';
import type { SeriesView } from './seriesView';
import { axisName, formatAxis, formatValue, roundSig, type ChartUnit } from './format';

export type ChartTheme = 'light' | 'dark';

// Single quotes only: the SSR renderer writes this into a double-quoted style attribute unescaped.
export const CHART_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";

/** Options every builder accepts. Reports pass `{ animation: false, dataZoom: false }`. */
export interface ChartOptions {
  theme?: ChartTheme;
  /** default true; false for SSR/printed reports */
  animation?: boolean;
  /** dataZoom slider + inside zoom; default true */
  dataZoom?: boolean;
  /** events to mark on the time axis (see selectChartEvents) */
  events?: readonly EventRecord[];
  /** series longer than this get LTTB sampling and progressive rendering; default 2000 */
  largeThreshold?: number;
  /** chart title; omitted when absent (the report prints its own caption) */
  title?: string;
  /** width the legend may use, px, for static charts (wrapping estimate); default 840 */
  legendWidth?: number;
}

/** Rows a plain legend wraps onto (ECharts lays items left to right, ~25 px key + text + gap). */
export function estimateLegendRows(names: readonly string[], width: number): number {
  let rows = 1;
  let x = 0;
  for (const n of names) {
    const w = 25 + 5 + n.length * 6.5 + 16;
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

/** Grid bottom of a live chart (dataZoom slider, axis name, then the legend's rows above them). */
export const LIVE_GRID_BOTTOM = 96;
export const LEGEND_ROW_PX = 22;

/** Bottom margin that fits a wrapped legend of `names` over `width` px above a live chart's slider. */
export function liveLegendBottom(names: readonly string[], width: number): number {
  const unique = [...new Set(names)];
  return LIVE_GRID_BOTTOM + LEGEND_ROW_PX * (estimateLegendRows(unique, Math.max(120, width - 32)) - 1);
}

export interface ThemeColors {
  background: string;
  text: string;
  subtle: string;
  axis: string;
  split: string;
  warn: string;
  error: string;
  info: string;
}

export const THEMES: Record<ChartTheme, ThemeColors> = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    subtle: '#57606a',
    axis: '#8c959f',
    split: '#e8ebef',
    warn: '#bf8700',
    error: '#cf222e',
    info: '#8250df',
  },
  dark: {
    background: '#16181d',
    text: '#e6edf3',
    subtle: '#9da7b3',
    axis: '#6e7681',
    split: '#2d333b',
    warn: '#d29922',
    error: '#f85149',
    info: '#a371f7',
  },
};

/** Fixed colours per meaning, so the same counter has the same colour in every chart and report. */
export const SERIES_COLORS: Record<string, string> = {
  gbps: '#0969da',
  mpps: '#1a7f37',
  drops: '#cf222e',
  recycle_cached: '#2da44e',
  recycle_ring: '#54aeff',
  released: '#fa4549',
  alloc_fast: '#116329',
  alloc_refill: '#0550ae',
  alloc_slow: '#bc4c00',
  alloc_empty: '#8250df',
  ratio: '#6e7781',
  free: '#0969da',
  wm_min: '#cf222e',
  wm_low: '#bf8700',
  wm_high: '#1a7f37',
  inflight: '#8250df',
  pfmemalloc: '#fb8f44',
  niov_free: '#2da44e',
  niov_pool: '#54aeff',
  niov_user: '#e16f24',
};

/** Drop-reason colours cycle through these (reds and oranges). */
export const DROP_COLORS = ['#cf222e', '#fb8f44', '#bf3989', '#a40e26', '#e16f24', '#953800'];

/** Series id prefix of drawing aids (error bars, band edges) that are no data of their own: chart tables skip them. */
export const AID_ID = 'aid:';

/** A palette for overlays of several runs. */
export const RUN_COLORS = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#1b7c83', '#bf3989', '#57606a'];

export function themeColors(o: ChartOptions): ThemeColors {
  return THEMES[o.theme ?? 'light'];
}

/** x values in ms for every sample. */
export function timeMs(view: SeriesView): Float64Array {
  const out = new Float64Array(view.length);
  const t = view.t_ns;
  for (let i = 0; i < out.length; i++) out[i] = t[i] / 1e6;
  return out;
}

/** [t_ms, y] pairs for ECharts. */
export function pairs(x: ArrayLike<number>, y: ArrayLike<number>): [number, number][] {
  const n = Math.min(x.length, y.length);
  const out: [number, number][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [x[i], y[i]];
  return out;
}

/** Per-interval delta → rate per second, scaled (e.g. 1e-6 for Mpps). */
export function perSecond(view: SeriesView, delta: ArrayLike<number>, scale = 1): Float64Array {
  const out = new Float64Array(view.length);
  const t = view.t_ns;
  for (let i = 0; i < out.length; i++) {
    // The first interval starts at 0; later ones at the previous sample (intervals may be short at the end).
    const dt = i === 0 ? t[0] : t[i] - t[i - 1];
    const sec = (dt > 0 ? dt : view.sample_ns) / 1e9;
    out[i] = (delta[i] / sec) * scale;
  }
  return out;
}

export interface LineSpec {
  name: string;
  data: [number, number][];
  unit: ChartUnit;
  color: string;
  yAxisIndex?: number;
  stack?: string;
  area?: boolean;
  dashed?: boolean;
  type?: 'line' | 'bar';
}

/** A line (or stacked area) series with unit-aware tooltip and large-data settings. */
export function lineSeries(spec: LineSpec, o: ChartOptions): LineSeriesOption {
  const large = spec.data.length > (o.largeThreshold ?? 2000);
  return {
    type: 'line',
    name: spec.name,
    data: spec.data,
    yAxisIndex: spec.yAxisIndex ?? 0,
    stack: spec.stack,
    showSymbol: false,
    symbol: 'none',
    step: spec.stack ? undefined : false,
    color: spec.color,
    // Stacked layers are drawn as areas only: a zero layer's edge would sit on the stack's top
    // and read as a value it does not have.
    lineStyle: { width: spec.stack ? 0 : 1.5, type: spec.dashed ? 'dashed' : 'solid' },
    areaStyle: spec.area ? { opacity: 0.55 } : undefined,
    emphasis: { focus: 'series' },
    // ECharts samples only when there are more points than pixels. LTTB keeps peaks and troughs;
    // stacked layers use bucket averages so every layer keeps the same x positions.
    sampling: spec.stack ? 'average' : 'lttb',
    progressive: large ? 4000 : undefined,
    progressiveThreshold: large ? 8000 : undefined,
    tooltip: { valueFormatter: (v) => (typeof v === 'number' ? formatValue(v, spec.unit) : String(v)) },
  };
}

export function valueAxis(unit: ChartUnit, what: string, o: ChartOptions, extra: Partial<YAXisComponentOption> = {}): YAXisComponentOption {
  const c = themeColors(o);
  // Axis titles sit above the axis; aligning them inwards keeps the right one inside the chart.
  const right = extra.position === 'right';
  return {
    type: 'value',
    name: axisName(unit, what),
    nameTextStyle: { color: c.subtle, align: right ? 'right' : 'left' },
    axisLabel: { color: c.subtle, formatter: (v: number) => formatAxis(v, unit) },
    axisLine: { show: true, lineStyle: { color: c.axis } },
    splitLine: { lineStyle: { color: c.split } },
    scale: false,
    ...extra,
  } as YAXisComponentOption;
}

/** Markers for events on the time axis: `E1`, `E2`… numbered like the report's event table. */
export function eventMarkLine(o: ChartOptions): MarkLineComponentOption | undefined {
  const ev = o.events ?? [];
  if (ev.length === 0) return undefined;
  const c = themeColors(o);
  return {
    symbol: ['none', 'none'],
    silent: false,
    animation: false,
    label: { show: true, position: 'insideEndTop', color: c.subtle, fontSize: 10 },
    tooltip: { show: true },
    data: ev.map((e, i) => ({
      name: `E${i + 1} ${roundSig(e.t_ns / 1e6)} ms ${e.source}: ${e.message}`,
      xAxis: e.t_ns / 1e6,
      label: { formatter: `E${i + 1}` },
      lineStyle: { color: e.level === 'error' ? c.error : e.level === 'warn' ? c.warn : c.info, type: 'dashed', width: 1 },
    })),
  };
}

/**
 * The events worth marking on a chart: the first occurrence of each distinct (source, message),
 * at most `max`, in time order. The report numbers its event table the same way.
 */
export function selectChartEvents(events: readonly EventRecord[], max = 30): EventRecord[] {
  const seen = new Set<string>();
  const out: EventRecord[] = [];
  for (const e of events) {
    const k = `${e.level}\u0000${e.source}\u0000${e.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
    if (out.length >= max) break;
  }
  return out;
}

/** The frame shared by all time-series charts: grid, time axis, legend, tooltip, dataZoom. */
export function baseTimeChart(view: SeriesView, o: ChartOptions, yAxis: YAXisComponentOption[], series: LineSeriesOption[]): EChartsOption {
  const c = themeColors(o);
  const mark = eventMarkLine(o);
  if (mark && series.length > 0) {
    // A series has one markLine: merge the event markers into one the builder already set
    // (e.g. the memory chart's watermarks) instead of replacing it.
    const own = series[0].markLine;
    const eventData = (mark.data ?? []).map((d) => ({
      ...(d as object),
      label: { ...((d as { label?: object }).label ?? {}), position: 'insideEndTop' as const, color: c.subtle, fontSize: 10 },
    }));
    series[0] = {
      ...series[0],
      markLine: own ? { ...own, silent: false, data: [...(own.data ?? []), ...eventData] as typeof own.data } : mark,
    };
  }
  const zoom = o.dataZoom ?? true;
  // Live charts scroll their legend; a static report cannot, so it wraps the legend onto as many
  // rows as it needs and the grid leaves room for them (estimate: ~6.5 px a character + key).
  const legendRows = zoom
    ? 1
    : estimateLegendRows(
        series.map((x) => String(x.name ?? '')),
        o.legendWidth ?? 840,
      );
  const tMax = view.length > 0 ? view.t_ns[view.length - 1] / 1e6 : undefined;
  const inSeconds = (tMax ?? 0) > 10_000;
  return {
    animation: o.animation ?? true,
    backgroundColor: c.background,
    // Arial metrics: ECharts' server-side renderer lays out legends with built-in Arial/Helvetica
    // widths (no canvas in Node), so a metric-compatible font (Liberation Sans on Linux) keeps
    // the printed legend from overlapping.
    textStyle: { color: c.text, fontFamily: CHART_FONT },
    title: o.title ? { text: o.title, left: 'center', textStyle: { color: c.text, fontSize: 14 } } : undefined,
    // Every name in full: the legend wraps onto as many rows as it needs (a live chart's panel
    // re-fits them to its own width, liveLegendBottom) and the grid leaves room for them.
    legend: zoom
      ? { type: 'plain', bottom: 36, left: 16, right: 16, itemGap: 14, textStyle: { color: c.text }, tooltip: { show: true } }
      : { type: 'plain', bottom: 4, left: 16, right: 16, itemGap: 16, textStyle: { color: c.text } },
    grid: {
      left: 72,
      right: yAxis.length > 1 ? 80 : 24,
      top: o.title ? 44 : 32,
      bottom: zoom
        ? liveLegendBottom(
            series.map((x) => String(x.name ?? '')),
            o.legendWidth ?? 840,
          )
        : 46 + 22 * legendRows,
      containLabel: false,
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line' },
      backgroundColor: c.background,
      borderColor: c.axis,
      textStyle: { color: c.text },
    },
    xAxis: {
      type: 'value',
      name: inSeconds ? 'time (s)' : 'time (ms)',
      nameLocation: 'middle',
      nameGap: 24,
      min: 0,
      max: tMax,
      nameTextStyle: { color: c.subtle },
      // Data stay in ms (event marks too); long runs are labelled in seconds.
      axisLabel: { color: c.subtle, formatter: (v: number) => roundSig(inSeconds ? v / 1000 : v, 4) },
      axisLine: { lineStyle: { color: c.axis } },
      splitLine: { show: false },
    },
    yAxis,
    dataZoom: zoom
      ? [
          { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
          { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8, filterMode: 'none' },
        ]
      : undefined,
    series,
  };
}
