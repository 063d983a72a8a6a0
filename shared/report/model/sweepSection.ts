// The compare report's sweep section: for every numeric matrix axis, each key metric plotted
// against it with error bars and its knee marked (shared/report/charts/sweep.ts), the knee said in
// the caption as `cli compare` prints it.
import type { CompareDocument } from '../../doc/compareDocument';
import { numericAxes, sweepKeyMetrics, sweepOf } from '../../doc/derived/sweep';
import { buildSweepOption, kneeText } from '../charts/sweep';
import type { ReportBlock, ReportContext } from './types';
import { DEFAULT_CHART_HEIGHT, DEFAULT_CHART_WIDTH } from './runReport';

export function sweepBlocks(doc: CompareDocument, ctx: ReportContext): ReportBlock[] {
  const axes = numericAxes(doc);
  if (axes.length === 0) return [];
  const blocks: ReportBlock[] = [
    {
      kind: 'text',
      tone: 'note',
      text:
        `Each point is the mean over ${doc.repeat > 1 ? `its ${doc.repeat} repeats, the bar ± one sample standard deviation` : 'its single run (no error bars: rerun with repeat ≥ 2 for them)'}. ` +
        'The knee is the smallest axis value past which no later point is better by more than 5 % (and by more than the combined spread when repeats give one); "best" marks a value past which the metric gets worse.',
    },
  ];
  const size = { width: ctx.chartWidth ?? DEFAULT_CHART_WIDTH, height: ctx.chartHeight ?? DEFAULT_CHART_HEIGHT };
  for (const axis of axes) {
    for (const key of sweepKeyMetrics(doc)) {
      const s = sweepOf(doc, axis, key);
      if (!s || s.metric.better === 'none') continue;
      const knees = s.curves.map((c) => (c.label ? `${c.label}: ${kneeText(s, c)}` : kneeText(s, c))).join('; ');
      blocks.push({
        kind: 'chart',
        chart: {
          id: `chart-sweep-${axis.key}-${key}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
          caption: `${s.metric.label} against ${axis.key} (mean${doc.repeat > 1 ? ' ± stddev' : ', one run'}): ${knees}`,
          option: buildSweepOption({ sweep: s, theme: ctx.theme ?? 'light', animation: false }),
          ...size,
        },
      });
    }
  }
  return blocks;
}
