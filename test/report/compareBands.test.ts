// The compare chart's bands as ECharts draws them: for every point with repeats, the mean line at
// the per-sample mean of its runs and the band's edges at mean ± sample stddev — read back from
// an ECharts instance (stacked series are drawn at the cumulative sum of their stack), for the
// live view's update sequence and for the exported compare report's chart.
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import type { EChartsOption, LineSeriesOption } from 'echarts';
import { buildCompareOverlayOption, seriesViewFromSeries, type OverlayRun } from '../../shared/report/charts';
import { buildCompareReport } from '../../shared/report/model/compareReport';
import { planCompare } from '../../shared/sim/compare/plan';
import { buildCompareDocument } from '../../shared/sim/compare/buildDocument';
import { runScenario } from '../../shared/sim/engine/run';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import type { RunDocument } from '../../shared/doc/runDocument';
import { applyChartOption, seriesKey } from '../../renderer/src/util/applyChartOption';
import { withTypedData } from '../../renderer/src/util/typedSeries';
import { parseOrThrow } from './fixtures';

// The e2e compare fixture (test/e2e/fixtures/conversion.yaml), shorter: 2 flows over 2 RSS
// queues, so whether both flows hash to one queue depends on the seed and the repeats differ.
const YAML = `
name: bands test, GVE page vs netmem
seed: 7
duration: 30ms
sample: 1ms
nics:
  - { name: eth0, driver: gve, variant: page, link: 100Gbit, queues: 2, ring: 1024 }
traffic:
  - { nic: eth0, rate: line, packet_size: 1518, flows: 2 }
consumer:
  - { nic: eth0, read_latency: 5us }
compare:
  variant: [page, netmem]
`;
const REPEAT = 3;

function compareDoc(): CompareDocument {
  const { scenario, doc } = parseOrThrow(YAML);
  const plan = planCompare(doc, scenario, REPEAT);
  const docs = plan.runs.map((r) => runScenario(r.scenario, { startedAt: '2026-01-01T00:00:00.000Z', nodeName: 'test' }));
  return buildCompareDocument(plan, docs, { wall_ms: 0, workers: 1, started_at: '2026-01-01T00:00:00.000Z' }, '0.0.0-test');
}

/** Per-sample Gbit/s of a run, from its rx_bytes deltas and sample times (independent of the chart code). */
function gbps(run: RunDocument): number[] {
  const v = seriesViewFromSeries(run.series, run.sample_ns);
  const c = v.column('nic/eth0/rx_bytes')!;
  return Array.from(c, (b, i) => (b * 8) / (i === 0 ? v.t_ns[0] : v.t_ns[i] - v.t_ns[i - 1])); // bits per ns = Gbit/s
}

/** Per-sample mean and sample stddev over a point's repeats. */
function expected(doc: CompareDocument, p: number): { mean: number[]; sd: number[] } {
  const ys = doc.runs[p].map(gbps);
  const mean = ys[0].map((_, i) => ys.reduce((s, y) => s + y[i], 0) / ys.length);
  const sd = mean.map((m, i) => Math.sqrt(ys.reduce((s, y) => s + (y[i] - m) ** 2, 0) / (ys.length - 1)));
  return { mean, sd };
}

interface DrawnData {
  count(): number;
  getLayout(k: 'points'): ArrayLike<number> | undefined;
}
interface DrawnModel {
  getSeriesCount(): number;
  getSeriesByIndex(i: number): { id: string; name: string; getData(): DrawnData };
}

/** y values each series is drawn at, read from the layout ECharts computed (pixels → values). */
function drawn(chart: echarts.ECharts): { id: string; name: string; y: number[] }[] {
  const model = (chart as unknown as { getModel(): DrawnModel }).getModel();
  const out: { id: string; name: string; y: number[] }[] = [];
  for (let s = 0; s < model.getSeriesCount(); s++) {
    const sm = model.getSeriesByIndex(s);
    const pts = sm.getData().getLayout('points')!;
    const y: number[] = [];
    for (let i = 0; i + 1 < pts.length; i += 2) y.push((chart.convertFromPixel({ seriesIndex: s }, [pts[i], pts[i + 1]]) as number[])[1]);
    out.push({ id: sm.id, name: sm.name, y });
  }
  return out;
}

/** The same from the option alone: a series with `stack` sits on the sum of the earlier ones of its stack. */
function drawnFromOption(o: EChartsOption): number[][] {
  const series = o.series as LineSeriesOption[];
  const base = new Map<string, number[]>();
  return series.map((s) => {
    const own = (s.data as [number, number][]).map((p) => p[1]);
    if (s.stack === undefined) return own;
    const below = base.get(s.stack) ?? own.map(() => 0);
    const top = own.map((v, i) => v + below[i]);
    base.set(s.stack, top);
    return top;
  });
}

const chartOf = (): echarts.ECharts => echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 400 });

/** Every point: a mean series at the expected mean, and the band's stacked edges at mean ∓ sd. */
function expectBands(doc: CompareDocument, lines: { name: string; y: number[] }[], label: (p: number) => string): void {
  for (let p = 0; p < doc.points.length; p++) {
    const name = `${label(p)} (mean ± sd of ${REPEAT})`;
    const mine = lines.filter((l) => l.name === name);
    expect(mine).toHaveLength(3);
    const [mean, lo, hi] = mine.map((l) => l.y);
    const want = expected(doc, p);
    expect(mean).toHaveLength(want.mean.length);
    // 1e-3 Gbit/s: what the pixel round trip keeps of a 0–120 Gbit/s axis
    want.mean.forEach((m, i) => {
      expect(mean[i]).toBeCloseTo(m, 3);
      expect(lo[i]).toBeCloseTo(m - want.sd[i], 3);
      expect(hi[i]).toBeCloseTo(m + want.sd[i], 3);
    });
    // over the run, the drawn mean is the compare document's mean (what `cli compare` prints)
    const cell = doc.table.find((r) => r.metric.key === 'nic/eth0/gbps')!.cells[p].stat!;
    expect(mean.reduce((s, v) => s + v, 0) / mean.length).toBeCloseTo(cell.mean, 3);
  }
}

describe('compare bands as drawn', () => {
  const doc = compareDoc();
  const runs: OverlayRun[] = doc.runs.flatMap((row, p) =>
    row.map((run, r) => ({
      label: `${doc.points[p].label} #${r + 1}`,
      group: p,
      view: seriesViewFromSeries(run.series, run.sample_ns),
    })),
  );
  const metric = { kind: 'gbps', nic: 'eth0' } as const;

  it('the repeats differ (the seed decides the RSS queue of each flow), so the bands have a width', () => {
    const values = doc.table.find((r) => r.metric.key === 'nic/eth0/gbps')!.cells[0].stat!.values;
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(1);
  });

  it('option: mean line unstacked at the mean, band edges at mean ∓ sd once stacked', () => {
    const o = buildCompareOverlayOption({ runs, metric });
    const ys = drawnFromOption(o);
    const names = (o.series as LineSeriesOption[]).map((s) => String(s.name));
    expectBands(
      doc,
      names.map((name, i) => ({ name, y: ys[i] })),
      (p) => doc.points[p].label,
    );
  });

  it('live view: lines while one repeat has samples, then bands, then a data-only update — drawn as a fresh chart draws them', () => {
    const chart = chartOf();
    // The renderer's production build reads flat typed-array data without `dimensions`; ECharts'
    // development build asserts on it, so the live sequence runs as in production.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      // ChartPanel's sequence: the first repeat of each point alone (one line each, no stack) …
      const first = withTypedData(buildCompareOverlayOption({ runs: runs.filter((_, i) => i % REPEAT === 0), metric, animation: false }))!;
      applyChartOption(chart, first, false, false);
      // … then every repeat (bands: a new series set) …
      const bands = withTypedData(buildCompareOverlayOption({ runs, metric, animation: false }))!;
      expect(seriesKey(bands)).not.toBe(seriesKey(first));
      applyChartOption(chart, bands, false, false);
      // … then the same series with their data again (a live update).
      const again = withTypedData(buildCompareOverlayOption({ runs, metric, animation: false }))!;
      expect(seriesKey(again)).toBe(seriesKey(bands));
      applyChartOption(chart, again, true, false);
      const lines = drawn(chart);
      expect(lines).toHaveLength(3 * doc.points.length);
      expectBands(doc, lines, (p) => doc.points[p].label);
    } finally {
      process.env.NODE_ENV = env;
      chart.dispose();
    }
  });

  it('the exported compare report draws the same bands with the same builder', () => {
    const report = buildCompareReport(doc, { generatedAt: '2026-01-01T00:00:00.000Z', theme: 'light' });
    const charts = report.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    const chart = charts.find((c) => c.id === 'chart-compare-gbps-eth0');
    expect(chart).toBeDefined();
    // as the report's SVG renderer draws it (electron/host/report/svgCharts.ts)
    const inst = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart!.width, height: chart!.height });
    try {
      inst.setOption({ ...chart!.option, animation: false });
      expectBands(doc, drawn(inst), (p) => `${p}: ${doc.points[p].label}`);
    } finally {
      inst.dispose();
    }
  });
});
