// The Δ chart: relative changes against point 0, largest first, coloured by the better direction.
import { describe, expect, it } from 'vitest';
import type { CompareDocument, CompareRow, MetricDef } from '../../shared/doc/compareDocument';
import { COMPARE_FORMAT } from '../../shared/doc/compareDocument';
import { delta, summarize } from '../../shared/sim/compare/stats';
import { buildDeltaOption, DELTA_COLORS, deltaEntries } from '../../shared/report/charts/deltaBars';
import { buildCompareReport } from '../../shared/report/model/compareReport';
import { renderChartSvg } from '../../electron/host/report/svgCharts';
import { pressureCompare } from './fixtures';

const def = (key: string, better: MetricDef['better']): MetricDef => ({ key, label: key, unit: 'x', group: 'throughput', better });

function doc(rows: [MetricDef, number[], number[]][]): CompareDocument {
  const table: CompareRow[] = rows.map(([metric, a, b]) => {
    const sa = summarize(a);
    const sb = summarize(b);
    return {
      metric,
      cells: [
        { stat: sa, delta: null },
        { stat: sb, delta: delta(sa, sb) },
      ],
    };
  });
  const points = [0, 1].map((index) => ({ index, label: `p${index}`, overrides: {}, seeds: [1, 2] }));
  return {
    format: COMPARE_FORMAT,
    tool: { name: 'netmem-workbench', version: 't' },
    scenario_name: 's',
    matrix: {},
    repeat: 2,
    points,
    runs: [],
    table,
    meta: { wall_ms: 0, workers: 1, started_at: '' },
  };
}

describe('Δ chart', () => {
  const d = doc([
    [def('gbps', 'higher'), [10, 10], [12, 12]], // +20 % better, meaningful
    [def('drops', 'lower'), [100, 100], [150, 150]], // +50 % worse
    [def('cycles', 'lower'), [100, 120], [90, 110]], // −9.1 % better, within the spread
    [def('alloc_fast', 'none'), [10, 10], [9, 9]], // −10 % no direction
    [def('same', 'higher'), [5, 5], [5, 5]], // unchanged: left out
    [def('zero-base', 'lower'), [0, 0], [3, 3]], // no relative change: left out
  ]);

  it('entries sorted by |relative change|, tone from the better direction, unchanged and zero-based left out', () => {
    const e = deltaEntries(d, 1);
    expect(e.map((x) => [x.key, Math.round(x.rel * 1000) / 10, x.tone, x.meaningful])).toEqual([
      ['drops', 50, 'worse', true],
      ['gbps', 20, 'better', true],
      ['alloc_fast', -10, 'changed', true],
      ['cycles', -9.1, 'better', false],
    ]);
    expect(deltaEntries(d, 1, 2).map((x) => x.key)).toEqual(['drops', 'gbps']);
    expect(() => deltaEntries(d, 0)).toThrow(RangeError);
  });

  it('bars in percent, coloured by tone, faint within the spread, described in words', () => {
    const o = buildDeltaOption({ doc: d, point: 1, animation: false });
    const data = (o.series as { data: { value: number; itemStyle: { color: string; opacity: number } }[] }[])[0].data;
    expect(data.map((x) => Math.round(x.value * 10) / 10)).toEqual([50, 20, -10, -9.1]);
    expect(data.map((x) => x.itemStyle.color)).toEqual([
      DELTA_COLORS.worse,
      DELTA_COLORS.better,
      DELTA_COLORS.changed,
      DELTA_COLORS.better,
    ]);
    expect(data.map((x) => x.itemStyle.opacity)).toEqual([1, 1, 1, 0.35]);
    expect((o.aria as { label: { description: string } }).label.description).toMatch(
      /^Relative change of p1 against p0, largest first: drops \+50 % \(worse\); gbps \+20 % \(better\)/,
    );
  });

  it('the compare report has a Δ chart per point after the first, drawn as SVG', () => {
    const model = buildCompareReport(pressureCompare(), { generatedAt: 'x' });
    const charts = model.sections.find((s) => s.id === 'differences')!.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    expect(charts.map((c) => c.id)).toEqual(['chart-delta-1']);
    expect(renderChartSvg(charts[0])).toContain('<svg');
  }, 60_000);
});
