// bpftrace in-flight histograms beside the model (shared/measured/histogramOverlay.ts): per map a
// table (bucket, measured and model shares, relative error per bucket, and of the bucket-midpoint
// mean) and a bar chart of the two shares on the same buckets (model solid, measured hatched).
import type { BarSeriesOption, EChartsOption } from 'echarts';
import type { RunDocument } from '../../doc/runDocument';
import type { MeasuredDocument } from '../../doc/measuredDocument';
import { computeHistogramOverlays, type HistogramBucketRow, type HistogramOverlay } from '../../measured/histogramOverlay';
import { CHART_FONT, THEMES } from '../charts/common';
import { roundSig } from '../charts/format';
import type { ReportBlock, ReportCell, ReportContext } from './types';
import { relErrorText } from './relErrorText';

const MODEL_COLOR = '#0969da';
const MEASURED_COLOR = '#bc4c00';

export function bucketLabel(b: Pick<HistogramBucketRow, 'min' | 'max'>): string {
  if (b.min === null) return `≤ ${b.max}`;
  if (b.max === null) return `≥ ${b.min}`;
  return b.min === b.max ? String(b.min) : `${b.min}–${b.max}`;
}

const pct = (v: number) => `${roundSig(v * 100)} %`;
const tone = (e: number | null): ReportCell['tone'] =>
  e === null ? 'muted' : Math.abs(e) > 0.5 ? 'worse' : Math.abs(e) > 0.1 ? 'warn' : 'muted';

export function histogramOverlayOption(h: HistogramOverlay, theme: 'light' | 'dark'): EChartsOption {
  const colors = THEMES[theme];
  const labels = h.buckets.map(bucketLabel);
  const series: BarSeriesOption[] = [
    { type: 'bar', name: 'model', data: h.buckets.map((b) => b.model_share * 100), itemStyle: { color: MODEL_COLOR } },
    {
      type: 'bar',
      name: 'measured',
      data: h.buckets.map((b) => b.measured_share * 100),
      itemStyle: {
        color: MEASURED_COLOR,
        decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.55)' },
      },
    },
  ];
  return {
    animation: false,
    backgroundColor: colors.background,
    textStyle: { fontFamily: CHART_FONT, color: colors.text },
    aria: { enabled: true, decal: { show: false } },
    legend: { top: 0, textStyle: { color: colors.text } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${roundSig(Number(v))} %` },
    grid: { left: 64, right: 24, top: 40, bottom: 56 },
    xAxis: {
      type: 'category',
      data: labels,
      name: `${h.map} (buffers in flight)`,
      nameLocation: 'middle',
      nameGap: 34,
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.axis } },
    },
    yAxis: {
      type: 'value',
      name: '% of samples',
      axisLine: { lineStyle: { color: colors.axis } },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series,
  };
}

export function histogramBlocks(
  run: RunDocument,
  m: MeasuredDocument,
  ctx: Pick<ReportContext, 'theme' | 'chartWidth' | 'chartHeight'>,
): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const h of computeHistogramOverlays(run, m)) {
    const id = h.map.replace(/[^A-Za-z0-9_-]+/g, '');
    const rows: ReportCell[][] = h.buckets.map((b) => [
      { text: bucketLabel(b), code: true },
      { text: String(b.measured_count), value: b.measured_count },
      { text: pct(b.measured_share), value: b.measured_share },
      { text: String(b.model_count), value: b.model_count },
      { text: pct(b.model_share), value: b.model_share },
      {
        text: b.rel_error === null ? '—' : relErrorText(b.rel_error),
        ...(b.rel_error !== null ? { value: b.rel_error } : {}),
        tone: tone(b.rel_error),
      },
    ]);
    rows.push([
      { text: 'mean (bucket midpoints)' },
      { text: '' },
      { text: h.measured_mean === null ? '—' : roundSig(h.measured_mean), ...(h.measured_mean !== null ? { value: h.measured_mean } : {}) },
      { text: '' },
      { text: h.model_mean === null ? '—' : roundSig(h.model_mean), ...(h.model_mean !== null ? { value: h.model_mean } : {}) },
      {
        text: h.mean_rel_error === null ? '—' : relErrorText(h.mean_rel_error),
        ...(h.mean_rel_error !== null ? { value: h.mean_rel_error } : {}),
        tone: tone(h.mean_rel_error),
      },
    ]);
    out.push({
      kind: 'table',
      table: {
        id: `measured-histogram-${id}`,
        caption: `In-flight buffers: bpftrace ${h.map} beside the model's in-flight samples, same buckets`,
        columns: [
          { label: 'buffers in flight', code: true },
          { label: 'measured samples', align: 'right' },
          { label: 'measured share', align: 'right' },
          { label: 'model samples', align: 'right' },
          { label: 'model share', align: 'right' },
          { label: 'relative error', align: 'right' },
        ],
        rows,
        note: `Measured: ${h.keys} histogram${h.keys === 1 ? '' : 's'} of ${h.map} pooled (${h.measured_samples} samples, one per page_pool hold/release event); model: every pool's in-flight count at every sample tick (${h.model_samples} samples). Relative error = (model share − measured share) ÷ measured share; both means from bucket midpoints.`,
      },
    });
    out.push({
      kind: 'chart',
      chart: {
        id: `chart-measured-histogram-${id}`,
        caption: `${h.map}: share of samples per bucket, model (solid) and measured (hatched)`,
        option: histogramOverlayOption(h, ctx.theme ?? 'light'),
        width: ctx.chartWidth ?? 880,
        height: ctx.chartHeight ?? 320,
      },
    });
  }
  return out;
}
