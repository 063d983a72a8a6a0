// A sweep chart: one metric against a numeric compare axis, mean with error bars (± sample
// stddev over the repeats), one colour per curve (the other axes' values), and the knee of each
// curve marked with a vertical line (shared/doc/derived/knee.ts). Compare view and compare report.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import { formatBitRate, formatBytes, formatDurationNs } from '../../doc/units';
import type { AxisUnit, Sweep, SweepCurve } from '../../doc/derived/sweep';
import { AID_ID, CHART_FONT, RUN_COLORS, themeColors, type ChartOptions } from './common';
import { formatSi, roundSig } from './format';

/** An axis value in its unit, as people write it (64 MiB, 50us, 200 Gbit/s). */
export function formatAxisValue(v: number, unit: AxisUnit): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(v);
    case 'duration':
      return formatDurationNs(v);
    case 'bitrate':
      return formatBitRate(v);
    case 'pktrate':
      return `${formatSi(v, 3)}pps`;
    case 'number':
      return roundSig(v, 6);
  }
}

/** A metric value with its compare-table unit (fractions as percent). */
export function formatMetricValue(v: number, unit: string): string {
  if (unit === 'fraction') return `${roundSig(v * 100)} %`;
  return `${formatSi(v)} ${unit}`;
}

/** What the knee of a curve says, in one line. */
export function kneeText(sweep: Pick<Sweep, 'axis' | 'metric' | 'threshold'>, curve: SweepCurve): string {
  const k = curve.knee;
  const pct = `${roundSig(sweep.threshold * 100)} %`;
  switch (k.status) {
    case 'plateau':
      return `knee at ${curve.points[k.index ?? 0].label}: ${formatMetricValue(k.mean ?? 0, sweep.metric.unit)}, no later point better by more than ${pct}`;
    case 'peak':
      return `best at ${curve.points[k.index ?? 0].label}: ${formatMetricValue(k.mean ?? 0, sweep.metric.unit)}, worse beyond it`;
    case 'rising':
      return `no knee: still improving by more than ${pct} at ${curve.points[curve.points.length - 1]?.label ?? ''}`;
    case 'none':
      return sweep.metric.better === 'none' ? 'no knee: the metric has no better direction' : 'no knee: fewer than two points';
  }
}

export interface SweepChartInput extends ChartOptions {
  sweep: Sweep;
}

/** Log x axis when every value is positive and they span a factor of 8 or more. */
function useLog(sweep: Sweep): boolean {
  const xs = sweep.axis.values;
  const min = Math.min(...xs);
  return min > 0 && Math.max(...xs) / min >= 8;
}

export function buildSweepOption(input: SweepChartInput): EChartsOption {
  const { sweep } = input;
  const c = themeColors(input);
  const unit = sweep.metric.unit;
  const scale = unit === 'fraction' ? 100 : 1;
  const series: LineSeriesOption[] = [];
  sweep.curves.forEach((curve, i) => {
    const color = RUN_COLORS[i % RUN_COLORS.length];
    const name = curve.label || sweep.metric.label;
    const k = curve.knee;
    series.push({
      type: 'line',
      name,
      color,
      symbol: 'circle',
      symbolSize: 7,
      showSymbol: true,
      lineStyle: { width: 2 },
      data: curve.points.map((p): [number, number] => [p.x, p.mean * scale]),
      tooltip: {
        valueFormatter: (v) => (typeof v === 'number' ? formatMetricValue(v / scale, unit) : String(v)),
        formatter: (params) => {
          const p = curve.points[(params as { dataIndex: number }).dataIndex];
          const sd = p.n > 1 ? ` ± ${formatMetricValue(p.stddev, unit)} (n=${p.n})` : ' (one repeat)';
          return `${name}<br>${sweep.axis.key} = ${p.label}<br>${formatMetricValue(p.mean, unit)}${sd}`;
        },
      },
      markLine:
        k.x === null
          ? undefined
          : {
              symbol: ['none', 'none'],
              animation: false,
              silent: false,
              label: {
                show: true,
                formatter: `${k.status === 'peak' ? 'best' : 'knee'} ${formatAxisValue(k.x, sweep.axis.unit)}`,
                color,
                fontSize: 11,
                position: 'insideEndTop',
              },
              lineStyle: { color, type: 'dashed', width: 1.5 },
              tooltip: { show: true, formatter: kneeText(sweep, curve) },
              data: [{ xAxis: k.x, name: kneeText(sweep, curve) }],
            },
    });
    // Error bars: a vertical segment per point (mean ± stddev) with a tick at each end; the
    // same name as the curve, so the legend shows and hides both together.
    const bars: ([number, number] | '-')[] = [];
    for (const p of curve.points) {
      if (p.n < 2 || p.stddev === 0) continue;
      bars.push([p.x, (p.mean - p.stddev) * scale], [p.x, (p.mean + p.stddev) * scale], '-');
    }
    if (bars.length > 0) {
      series.push({
        id: `${AID_ID}errorbars-${i}`,
        type: 'line',
        name,
        color,
        data: bars as LineSeriesOption['data'],
        connectNulls: false,
        silent: true,
        symbol: 'rect',
        symbolSize: [9, 1.5],
        showSymbol: true,
        lineStyle: { width: 1.2 },
        tooltip: { show: false },
      });
    }
  });
  const log = useLog(sweep);
  return {
    animation: input.animation ?? true,
    backgroundColor: c.background,
    textStyle: { color: c.text, fontFamily: CHART_FONT },
    title: input.title ? { text: input.title, left: 'center', textStyle: { color: c.text, fontSize: 14 } } : undefined,
    legend: { type: 'scroll', bottom: 4, textStyle: { color: c.text }, pageTextStyle: { color: c.subtle }, tooltip: { show: true } },
    grid: { left: 72, right: 32, top: input.title ? 44 : 32, bottom: 72, containLabel: false },
    tooltip: { trigger: 'item', backgroundColor: c.background, borderColor: c.axis, textStyle: { color: c.text } },
    xAxis: {
      type: log ? 'log' : 'value',
      logBase: 2,
      scale: true,
      name: sweep.axis.key,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: c.subtle },
      axisLabel: { color: c.subtle, hideOverlap: true, formatter: (v: number) => formatAxisValue(v, sweep.axis.unit) },
      axisLine: { lineStyle: { color: c.axis } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: `${sweep.metric.label} (${unit === 'fraction' ? '%' : unit})`,
      nameTextStyle: { color: c.subtle, align: 'left' },
      axisLabel: { color: c.subtle, formatter: (v: number) => (unit === 'fraction' ? roundSig(v, 3) : formatSi(v, 3)) },
      axisLine: { show: true, lineStyle: { color: c.axis } },
      splitLine: { lineStyle: { color: c.split } },
    },
    series,
    aria: { enabled: true, label: { enabled: true, description: sweepDescription(sweep) } },
  };
}

/** The chart in words (its accessible name): every point of every curve and its knee. */
export function sweepDescription(sweep: Sweep): string {
  return (
    `${sweep.metric.label} against ${sweep.axis.key}: ` +
    sweep.curves
      .map(
        (c) =>
          `${c.label ? `${c.label}: ` : ''}` +
          c.points
            .map(
              (p) =>
                `${p.label} ${formatMetricValue(p.mean, sweep.metric.unit)}${p.n > 1 ? ` ± ${formatMetricValue(p.stddev, sweep.metric.unit)}` : ''}`,
            )
            .join(', ') +
          `; ${kneeText(sweep, c)}`,
      )
      .join('. ') +
    '.'
  );
}
