// The "Measured beside the model" section: the overlay table (model, measured, relative error per
// page_pool counter, shared/measured/overlay.ts) and, when the measurement is a time series, a chart
// of the measured per-interval rates (dashed, with markers) against the model's rate over its run
// (solid, flat: the simulated run is milliseconds, the measurement seconds to hours); bpftrace
// in-flight histograms beside the model's in-flight samples (measuredHistograms.ts).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { RunDocument } from '../../doc/runDocument';
import type { MeasuredDocument } from '../../doc/measuredDocument';
import { computeOverlay, type Overlay } from '../../measured/overlay';
import { computeCompareOverlay } from '../../measured/compareOverlay';
import { CHART_FONT, SERIES_COLORS, THEMES } from '../charts/common';
import { roundSig } from '../charts/format';
import type { ReportBlock, ReportCell, ReportColumn, ReportContext, ReportTable } from './types';
import type { CompareDocument } from '../../doc/compareDocument';
import { histogramBlocks } from './measuredHistograms';
import { relErrorText } from './relErrorText';

const CHARTED = ['alloc_fast', 'alloc_slow', 'recycle_cached', 'recycle_ring'] as const;

export { relErrorText };

export function overlayTable(o: Overlay, m: MeasuredDocument): ReportTable {
  const unit =
    o.basis === 'per_s' ? 'counters per second; ' : o.basis === 'share_of_allocations' ? 'counters as a share of allocations; ' : '';
  const rows: ReportCell[][] = o.rows.map((r) => {
    const abs = r.rel_error === null ? Infinity : Math.abs(r.rel_error);
    const fmt = (v: number) => (r.counter.startsWith('inflight') || o.basis === 'per_s' ? roundSig(v) : `${roundSig(v * 100)} %`);
    return [
      { text: r.counter, code: true },
      { text: fmt(r.model), value: r.model, key: `model/${r.counter}` },
      { text: fmt(r.measured), value: r.measured, key: `measured/${r.counter}` },
      {
        text: relErrorText(r.rel_error),
        ...(r.rel_error !== null ? { value: r.rel_error } : {}),
        tone: abs > 0.5 ? 'worse' : abs > 0.1 ? 'warn' : 'muted',
      },
    ];
  });
  return {
    id: 'measured-overlay',
    caption: `page_pool figures, model beside measured (${unit}in-flight in buffers)`,
    columns: [
      { label: 'counter', code: true },
      { label: 'model', align: 'right' },
      { label: 'measured', align: 'right' },
      { label: 'relative error', align: 'right' },
    ],
    rows,
    note: `Measured: ${o.measured_from}, from ${m.sources.map((s) => `${s.path} (${s.kind})`).join(', ')}. Relative error = (model − measured) ÷ measured. The model sums all its pools.`,
  };
}

function measuredRateSeries(m: MeasuredDocument, counter: string): [number, number][] {
  const s = m.series;
  if (!s) return [];
  const cols = Object.entries(s.columns).filter(
    ([k]) => (k.startsWith('pool/') || /^dev\/[^/]+\/[a-z_]+$/.test(k)) && k.endsWith(`/${counter}`),
  );
  const poolCols = cols.filter(([k]) => k.startsWith('pool/'));
  const use = poolCols.length ? poolCols : cols;
  if (!use.length) return [];
  const out: [number, number][] = [];
  for (let i = 1; i < s.t_s.length; i++) {
    const dt = s.t_s[i] - s.t_s[i - 1];
    const inc = use.reduce((a, [, c]) => a + (c[i] - c[i - 1]), 0);
    out.push([s.t_s[i] - s.t_s[0], inc / dt]);
  }
  return out;
}

export function overlayChartOption(run: RunDocument, m: MeasuredDocument, theme: 'light' | 'dark'): EChartsOption | null {
  if (!m.series || m.series.t_s.length < 2) return null;
  const colors = THEMES[theme];
  const span = m.series.t_s[m.series.t_s.length - 1] - m.series.t_s[0];
  const sec = run.duration_ns / 1e9;
  const series: LineSeriesOption[] = [];
  for (const n of CHARTED) {
    const measured = measuredRateSeries(m, n);
    if (!measured.length) continue;
    const modelRate = run.pools.reduce((a, p) => a + p.stats[n], 0) / sec;
    const color = SERIES_COLORS[n];
    series.push({
      type: 'line',
      name: `${n} (model)`,
      data: [
        [0, modelRate],
        [span, modelRate],
      ],
      showSymbol: false,
      lineStyle: { color, width: 2 },
      itemStyle: { color },
    });
    series.push({
      type: 'line',
      name: `${n} (measured)`,
      data: measured,
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { color, width: 2, type: 'dashed' },
      itemStyle: { color },
    });
  }
  if (!series.length) return null;
  return {
    animation: false,
    backgroundColor: colors.background,
    textStyle: { fontFamily: CHART_FONT, color: colors.text },
    legend: { top: 0, textStyle: { color: colors.text } },
    grid: { left: 80, right: 24, top: 48, bottom: 48 },
    xAxis: {
      type: 'value',
      name: 's since the first snapshot',
      nameLocation: 'middle',
      nameGap: 28,
      axisLine: { lineStyle: { color: colors.axis } },
      splitLine: { lineStyle: { color: colors.split } },
    },
    yAxis: {
      type: 'value',
      name: 'per second',
      axisLine: { lineStyle: { color: colors.axis } },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series,
  };
}

export function measuredBlocks(run: RunDocument, ctx: ReportContext): ReportBlock[] {
  const m = ctx.measured;
  if (!m) return [];
  const o = computeOverlay(run, m);
  const blocks: ReportBlock[] = [];
  const histograms = histogramBlocks(run, m, ctx);
  if (!o) {
    if (histograms.length) return histograms;
    blocks.push({
      kind: 'text',
      tone: 'note',
      text: `The measured file (${m.sources.map((s) => s.path).join(', ')}) has no page_pool counters, in-flight figures or in-flight histograms to set beside the model.`,
    });
    return blocks;
  }
  blocks.push({ kind: 'table', table: overlayTable(o, m) });
  const option = overlayChartOption(run, m, ctx.theme ?? 'light');
  if (option) {
    blocks.push({
      kind: 'chart',
      chart: {
        id: 'chart-measured',
        caption: "Measured per-interval rates (dashed, markers) against the model's rate over its run (solid)",
        option,
        width: ctx.chartWidth ?? 880,
        height: ctx.chartHeight ?? 320,
      },
    });
  }
  blocks.push(...histograms);
  return blocks;
}

/** A comparison beside a measurement: per counter, the measured figure and each point's model (repeat 0) with its error. */
export function compareMeasuredBlocks(doc: CompareDocument, ctx: ReportContext): ReportBlock[] {
  const m = ctx.measured;
  if (!m) return [];
  const co = computeCompareOverlay(doc, m);
  if (!co)
    return [
      {
        kind: 'text',
        tone: 'note',
        text: `The measured file (${m.sources.map((s) => s.path).join(', ')}) has no page_pool counters, in-flight figures or in-flight histograms to set beside the model.`,
      },
    ];
  const pointColumns = doc.points.map((p): ReportColumn => ({ label: `${p.label || 'baseline'}: model (error)`, align: 'right' }));
  const out: ReportBlock[] = [];
  const first = doc.runs.map((reps) => (reps[0] ? computeOverlay(reps[0], m) : null)).find((o): o is Overlay => o !== null);
  if (first) {
    const fmt = (counter: string, v: number) =>
      counter.startsWith('inflight') || co.basis === 'per_s' ? roundSig(v) : `${roundSig(v * 100)} %`;
    const rows: ReportCell[][] = co.rows.map((r) => [
      { text: r.counter, code: true },
      { text: fmt(r.counter, r.measured), value: r.measured },
      ...r.points.map((x): ReportCell =>
        x ? { text: `${fmt(r.counter, x.model)} (${relErrorText(x.rel_error)})`, value: x.model } : { text: '—' },
      ),
    ]);
    const table = overlayTable(first, m);
    out.push({
      kind: 'table',
      table: {
        ...table,
        id: 'measured-overlay-compare',
        columns: [{ label: 'counter', code: true }, { label: 'measured', align: 'right' }, ...pointColumns],
        rows,
        note: `${table.note ?? ''} Each point's model is its repeat 0.`,
      },
    });
  }
  if (co.histograms.length) {
    const mean = (v: number | null): ReportCell => (v === null ? { text: '—' } : { text: roundSig(v), value: v });
    out.push({
      kind: 'table',
      table: {
        id: 'measured-histograms-compare',
        caption: "In-flight buffers: bpftrace histogram means beside each point's model (bucket midpoints, same buckets)",
        columns: [{ label: 'histogram', code: true }, { label: 'measured mean', align: 'right' }, ...pointColumns],
        rows: co.histograms.map((h) => [
          { text: h.map, code: true },
          mean(h.measured_mean),
          ...h.points.map((p): ReportCell =>
            p && p.model_mean !== null
              ? {
                  text: `${roundSig(p.model_mean)} (${p.mean_rel_error === null ? '—' : relErrorText(p.mean_rel_error)})`,
                  value: p.model_mean,
                }
              : { text: '—' },
          ),
        ]),
        note: "Each point's model is its repeat 0: every pool's in-flight count at every sample tick, counted into the measured buckets; both means from bucket midpoints.",
      },
    });
  }
  return out;
}
