// The model beside a measurement: the relative error per counter on the right basis, the report's
// "Measured beside the model" section and chart, the run summary table and the trace track.
import { describe, expect, it } from 'vitest';
import { computeOverlay, relError } from '../../shared/measured/overlay';
import { importMeasured } from '../../shared/measured/importMeasured';
import { buildReportModel, renderHtmlReport, renderReport } from '../../electron/host/report/exporter';
import { formatOverlay } from '../../electron/cli/measuredFile';
import { PP_STAT_NAMES } from '../../shared/doc/runDocument';
import { pressureCompare, pressureRun } from '../report/fixtures';
import { fixture } from './fixtures';

const kuba = () => importMeasured([{ path: 'kuba.txt', text: fixture('ynl-page-pool-stats-get.kuba-2023.txt') }]);
const series = () =>
  importMeasured([
    {
      path: 'eth.txt',
      text: '100\nNIC statistics:\n  rx_pp_alloc_fast: 1000\n  rx_pp_recycle_ring: 10\n101\nNIC statistics:\n  rx_pp_alloc_fast: 3000\n  rx_pp_recycle_ring: 30\n103\nNIC statistics:\n  rx_pp_alloc_fast: 4000\n  rx_pp_recycle_ring: 70\n',
    },
  ]);

describe('computeOverlay', () => {
  it('one snapshot: each counter as a share of allocations, model and measured', () => {
    const run = pressureRun();
    const o = computeOverlay(run, kuba())!;
    expect(o.basis).toBe('share_of_allocations');
    const sum = (n: (typeof PP_STAT_NAMES)[number]) => run.pools.reduce((a, p) => a + p.stats[n], 0);
    const modelAllocs = sum('alloc_fast') + sum('alloc_slow') + sum('alloc_slow_high_order');
    const row = o.rows.find((r) => r.counter === 'recycle_ring')!;
    // pools 19 and 18 of the published dump: recycle-ring 0 + 1275 over allocations 3024+48+0 + 11811+66+0
    expect(row.measured).toBeCloseTo(1275 / (3024 + 48 + 11811 + 66), 12);
    expect(row.model).toBeCloseTo(sum('recycle_ring') / modelAllocs, 12);
    expect(row.rel_error).toBeCloseTo((row.model - row.measured) / row.measured, 12);
    expect(o.rows.map((r) => r.counter)).toEqual([...PP_STAT_NAMES]);
  });

  it('timed snapshots: per-second rates over the whole interval', () => {
    const run = pressureRun();
    const o = computeOverlay(run, series())!;
    expect(o.basis).toBe('per_s');
    expect(o.rows.map((r) => [r.counter, r.measured])).toEqual([
      ['alloc_fast', 1000],
      ['recycle_ring', 20],
    ]);
    expect(o.rows[0].model).toBeCloseTo(run.pools.reduce((a, p) => a + p.stats.alloc_fast, 0) / (run.duration_ns / 1e9), 9);
  });

  it('relative error: measured 0 has none unless the model is 0 too', () => {
    expect(relError(5, 0)).toBeNull();
    expect(relError(0, 0)).toBe(0);
    expect(relError(90, 100)).toBeCloseTo(-0.1, 12);
  });

  it("in-flight of dma-buf pools compares with the model's dmabuf pools only", () => {
    const run = pressureRun();
    const m = importMeasured([{ path: 'd.txt', text: fixture('ynl-page-pool-get.devmem-2024.txt') }]);
    const o = computeOverlay(run, m)!;
    expect(o.basis).toBeNull();
    expect(o.rows).toEqual([{ counter: 'inflight_dmabuf', model: 0, measured: 8 * 1023, rel_error: -1 }]);
  });
});

describe('overlay in reports', () => {
  it('the HTML report gets a measured section with the table and the measured series chart', () => {
    const run = pressureRun();
    const model = buildReportModel(run, { generatedAt: '2026-01-01T00:00:00Z', measured: series() });
    const sec = model.sections.find((s) => s.id === 'measured')!;
    expect(sec.title).toBe('Measured beside the model');
    const table = sec.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows.map((r) => r[0].text)).toEqual(['alloc_fast', 'recycle_ring']);
    const chart = sec.blocks.find((b) => b.kind === 'chart');
    const dashed =
      chart?.kind === 'chart' ? (chart.chart.option.series as { name: string; lineStyle: { type?: string }; data: unknown[] }[]) : [];
    expect(dashed.filter((s) => s.lineStyle.type === 'dashed').map((s) => [s.name, s.data])).toEqual([
      [
        'alloc_fast (measured)',
        [
          [1, 2000],
          [3, 500],
        ],
      ],
      [
        'recycle_ring (measured)',
        [
          [1, 20],
          [3, 20],
        ],
      ],
    ]);
    const html = renderHtmlReport(run, { generatedAt: '2026-01-01T00:00:00Z', measured: series() });
    expect(html).toContain('Measured beside the model');
    expect(buildReportModel(run, { generatedAt: 'x' }).sections.some((s) => s.id === 'measured')).toBe(false);
  });

  it("a compare report: measured beside each point's model with its error", () => {
    const cmp = pressureCompare();
    const model = buildReportModel(cmp, { generatedAt: 'x', measured: kuba() });
    const sec = model.sections.find((s) => s.id === 'measured')!;
    const t = sec.blocks[0];
    if (t.kind !== 'table') throw new Error('no table');
    expect(t.table.columns.map((c) => c.label)).toEqual([
      'counter',
      'measured',
      ...cmp.points.map((p) => `${p.label || 'baseline'}: model (error)`),
    ]);
    const ring = t.table.rows.find((r) => r[0].text === 'recycle_ring')!;
    cmp.runs.forEach((reps, i) =>
      expect(ring[2 + i].value).toBe(computeOverlay(reps[0], kuba())!.rows.find((r) => r.counter === 'recycle_ring')!.model),
    );
  });

  it('the trace gets a measured process with one counter track per measured column', async () => {
    const t = JSON.parse((await renderReport(pressureRun(), 'trace', { measured: series() })) as string) as {
      traceEvents: { ph: string; name: string; pid: number; ts?: number }[];
    };
    const m = t.traceEvents.filter((e) => e.pid === 2 && e.ph === 'C');
    expect(m.map((e) => [e.name, e.ts])).toEqual([
      ['measured dev/eth0/alloc_fast', 0],
      ['measured dev/eth0/alloc_fast', 1e6],
      ['measured dev/eth0/alloc_fast', 3e6],
      ['measured dev/eth0/recycle_ring', 0],
      ['measured dev/eth0/recycle_ring', 1e6],
      ['measured dev/eth0/recycle_ring', 3e6],
    ]);
  });

  it('the run summary prints the table', () => {
    const text = formatOverlay(computeOverlay(pressureRun(), series()), 'm.json');
    expect(text).toMatch(
      /^\nmodel beside measured \(counters per second; in-flight in buffers; eth0 over 3 s; m\.json\)\n  counter +model +measured +rel\. error\n  alloc_fast /,
    );
  });
});
