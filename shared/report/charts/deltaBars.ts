// The Δ chart of a compare: for one point, a bar per metric of its relative change against point 0,
// largest first, green where the change is in the metric's better direction, red where it is
// worse, amber where neither direction is better; a change within the combined spread (or with
// an unknown spread) is drawn faint. Compare view and compare report.
import type { BarSeriesOption, EChartsOption } from 'echarts';
import type { CompareDocument, CompareRow } from '../../doc/compareDocument';
import { CHART_FONT, themeColors, type ChartOptions } from './common';
import { roundSig } from './format';

export type DeltaTone = 'better' | 'worse' | 'changed';

export interface DeltaEntry {
  key: string;
  label: string;
  /** mean(point) / mean(point 0) − 1 */
  rel: number;
  abs: number;
  tone: DeltaTone;
  /** beyond the combined spread (compare delta rule) */
  meaningful: boolean;
}

export const DELTA_COLORS: Record<DeltaTone, string> = { better: '#1a7f37', worse: '#cf222e', changed: '#9a6700' };

function tone(row: CompareRow, abs: number): DeltaTone {
  if (row.metric.better === 'none') return 'changed';
  return abs > 0 === (row.metric.better === 'higher') ? 'better' : 'worse';
}

/** The metrics that changed at `point` against point 0, by |relative change|, at most `max`. */
export function deltaEntries(doc: CompareDocument, point: number, max = 15): DeltaEntry[] {
  if (point < 1 || point >= doc.points.length)
    throw new RangeError(`delta chart: point ${point} is not one of 1..${doc.points.length - 1}`);
  const out: DeltaEntry[] = [];
  for (const row of doc.table) {
    const d = row.cells[point]?.delta;
    if (!d || d.rel === null || d.rel === 0 || !Number.isFinite(d.rel)) continue;
    out.push({ key: row.metric.key, label: row.metric.label, rel: d.rel, abs: d.abs, tone: tone(row, d.abs), meaningful: d.meaningful });
  }
  out.sort((a, b) => Math.abs(b.rel) - Math.abs(a.rel) || a.key.localeCompare(b.key));
  return out.slice(0, max);
}

export interface DeltaChartInput extends ChartOptions {
  doc: CompareDocument;
  point: number;
  max?: number;
}

export function buildDeltaOption(input: DeltaChartInput): EChartsOption {
  const c = themeColors(input);
  const entries = deltaEntries(input.doc, input.point, input.max);
  const series: BarSeriesOption = {
    type: 'bar',
    name: `${input.doc.points[input.point].label} vs ${input.doc.points[0].label}`,
    data: entries.map((e) => ({
      value: e.rel * 100,
      name: e.label,
      itemStyle: { color: DELTA_COLORS[e.tone], opacity: e.meaningful ? 1 : 0.35 },
    })),
    label: {
      show: true,
      position: 'right',
      color: c.text,
      fontSize: 11,
      formatter: (p) => `${(p.value as number) > 0 ? '+' : ''}${roundSig(p.value as number, 3)} %`,
    },
    tooltip: {
      formatter: (p) => {
        const e = entries[(p as { dataIndex: number }).dataIndex];
        return `${e.label}<br>${e.rel > 0 ? '+' : ''}${roundSig(e.rel * 100, 3)} % (${e.abs > 0 ? '+' : ''}${roundSig(e.abs)})<br>${e.tone}${e.meaningful ? ', beyond the spread' : ', within the spread or spread unknown'}`;
      },
    },
  };
  return {
    animation: input.animation ?? true,
    backgroundColor: c.background,
    textStyle: { color: c.text, fontFamily: CHART_FONT },
    title: input.title ? { text: input.title, left: 'center', textStyle: { color: c.text, fontSize: 14 } } : undefined,
    tooltip: { trigger: 'item', backgroundColor: c.background, borderColor: c.axis, textStyle: { color: c.text } },
    grid: { left: 8, right: 64, top: 16, bottom: 28, containLabel: true },
    xAxis: {
      type: 'value',
      name: 'Δ vs point 0 (%)',
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: c.subtle },
      axisLabel: { color: c.subtle, formatter: (v: number) => roundSig(v, 3) },
      splitLine: { lineStyle: { color: c.split } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: entries.map((e) => e.label),
      axisLabel: { color: c.text, width: 240, overflow: 'break' },
      axisLine: { lineStyle: { color: c.axis } },
    },
    series: [series],
    aria: { enabled: true, label: { enabled: true, description: deltaDescription(input.doc, input.point, entries) } },
  };
}

/** The chart in words (its accessible name): each bar's metric, change and tone. */
export function deltaDescription(doc: CompareDocument, point: number, entries: readonly DeltaEntry[]): string {
  if (entries.length === 0) return `No metric changed between ${doc.points[point].label} and ${doc.points[0].label}.`;
  return (
    `Relative change of ${doc.points[point].label} against ${doc.points[0].label}, largest first: ` +
    entries
      .map((e) => `${e.label} ${e.rel > 0 ? '+' : ''}${roundSig(e.rel * 100, 3)} % (${e.tone}${e.meaningful ? '' : ', within the spread'})`)
      .join('; ') +
    '.'
  );
}

/** Chart height that gives every bar a readable row. */
export function deltaChartHeight(entries: number): number {
  return Math.max(160, 60 + 26 * entries);
}
