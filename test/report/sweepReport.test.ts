// The compare report's sweep section: a chart per key metric against each numeric matrix axis,
// its caption saying the knee the CLI prints, drawn as SVG with the knee line.
import { describe, expect, it } from 'vitest';
import { buildCompareReport } from '../../shared/report/model/compareReport';
import { numericAxes, sweepOf } from '../../shared/sim/compare/sweep';
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
