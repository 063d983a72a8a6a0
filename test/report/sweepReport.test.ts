// The compare report's sweep section: a chart per key metric against each numeric matrix axis,
// its caption saying the knee the CLI prints, drawn as SVG with the knee line.
import { describe, expect, it } from 'vitest';
import { buildCompareReport } from '../../shared/report/model/compareReport';
import { numericAxes, sweepOf } from '../../shared/doc/derived/sweep';
import { kneeText } from '../../shared/report/charts/sweep';
import { renderChartSvg } from '../../electron/host/report/svgCharts';
import { pressureCompare } from './fixtures';

describe('compare report sweeps', () => {
  it('charts every key metric with a direction against nics[0].ring, with the knee in the caption and on the chart', () => {
    const doc = pressureCompare();
    const model = buildCompareReport(doc, { generatedAt: 'x' });
    const section = model.sections.find((s) => s.id === 'sweep');
    expect(section).toBeDefined();
    const charts = section!.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    const gbps = charts.find((c) => c.id === 'chart-sweep-nics-0-ring-nic-eth0-gbps');
    expect(gbps).toBeDefined();
    const s = sweepOf(doc, numericAxes(doc)[0], 'nic/eth0/gbps')!;
    expect(gbps!.caption).toContain(kneeText(s, s.curves[0]));
    expect(gbps!.caption).toContain('mean ± stddev');
    const svg = renderChartSvg(gbps!);
    expect(svg).toContain('<svg');
    // Both ring sizes reach line rate: the knee is the smaller one, drawn as a labelled line.
    expect(s.curves[0].knee).toMatchObject({ status: 'plateau', x: 256 });
    expect(svg).toContain('knee 256');
    // cycles/packet has a direction, recycle counters (better: none) are not swept.
    expect(charts.some((c) => c.id.endsWith('cycles_per_packet'))).toBe(true);
    expect(charts.some((c) => c.id.endsWith('alloc_fast'))).toBe(false);
  }, 60_000);

  it('a compare without a numeric axis has no sweep section', () => {
    const doc = { ...pressureCompare(), matrix: { variant: ['page', 'netmem'] } };
    expect(buildCompareReport(doc, { generatedAt: 'x' }).sections.some((s) => s.id === 'sweep')).toBe(false);
  }, 60_000);
});

describe('compare tables say what their cells hold', () => {
  it('every side-by-side table and the conversion note: mean over the repeats, the same words', async () => {
    const { compareCellsShow } = await import('../../shared/report/model/compareCells');
    const doc = pressureCompare();
    const model = buildCompareReport(doc, { generatedAt: 'x' });
    const tables = model.sections.find((s) => s.id === 'side-by-side')!.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables.length).toBeGreaterThan(2);
    for (const t of tables) expect(t.caption).toContain('(mean ± sample stddev over 2 repeats)');
    expect(compareCellsShow(1)).toBe('one run per point: its value (no spread)');
    const single = buildCompareReport({ ...doc, repeat: 1 }, { generatedAt: 'x' });
    const first = single.sections.find((s) => s.id === 'side-by-side')!.blocks.find((b) => b.kind === 'table');
    expect(first?.kind === 'table' && first.table.caption).toContain('one run per point');
  }, 60_000);
});

describe('compare report overlays', () => {
  it('with repeats each point is one band (mean line + shaded ± stddev), captioned so', () => {
    const model = buildCompareReport(pressureCompare(), { generatedAt: 'x' });
    const chart = model.sections.find((s) => s.id === 'charts')!.blocks.find((b) => b.kind === 'chart');
    if (chart?.kind !== 'chart') throw new Error('no overlay chart');
    expect(chart.chart.caption).toContain('the mean over its 2 repeats, ± sample stddev shaded');
    const names = (chart.chart.option.series as { name: string; id?: string }[])
      .filter((x) => !String(x.id ?? '').startsWith('aid:'))
      .map((x) => x.name);
    expect(names).toEqual(['0: nics[0].ring=256 (mean ± sd of 2)', '1: nics[0].ring=512 (mean ± sd of 2)']);
  }, 60_000);
});
