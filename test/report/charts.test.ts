// Chart option builders: the numbers they plot, the units they state, large-series settings.
import { describe, expect, it } from 'vitest';
import type { LineSeriesOption } from 'echarts';
import {
  LiveSeries,
  buildBuffersOption,
  buildCompareOverlayOption,
  buildMemoryOption,
  buildRecycleOption,
  buildThroughputOption,
  buildDevmemOption,
  seriesViewFromSeries,
  estimateLegendRows,
  formatValue,
  selectChartEvents,
} from '../../shared/report/charts';
import type { SeriesColumnMeta } from '../../shared/doc/runDocument';
import { pressureRun } from './fixtures';

const seriesOf = (o: { series?: unknown }) => o.series as LineSeriesOption[];
const byName = (o: { series?: unknown }, name: string) => seriesOf(o).find((s) => s.name === name)!;

describe('builders on a real run', () => {
  const doc = pressureRun();
  const view = seriesViewFromSeries(doc.series, doc.sample_ns);

  it('throughput: Gbit/s and Mpps per sample from the byte and packet deltas', () => {
    const opt = buildThroughputOption({ view });
    const gbps = byName(opt, 'received Gbit/s').data as [number, number][];
    const mpps = byName(opt, 'received Mpps').data as [number, number][];
    const bytes = doc.series.columns['nic/eth0/rx_bytes'];
    const pkts = doc.series.columns['nic/eth0/rx_packets'];
    for (let i = 1; i < bytes.length; i++) {
      const sec = (doc.series.t_ns[i] - doc.series.t_ns[i - 1]) / 1e9;
      expect(gbps[i][0]).toBe(doc.series.t_ns[i] / 1e6);
      expect(gbps[i][1]).toBeCloseTo((bytes[i] * 8) / sec / 1e9, 9);
      expect(mpps[i][1]).toBeCloseTo(pkts[i] / sec / 1e6, 9);
    }
    // Mean of the plotted rate = the run's average (same definition as NicResult.rx.gbps).
    const total = bytes.reduce((a, b) => a + b, 0);
    expect((total * 8) / (doc.duration_ns / 1e9) / 1e9).toBeCloseTo(doc.nics[0].rx.gbps, 6);
    const drops = seriesOf(opt).filter((s) => String(s.name).startsWith('drop '));
    expect(drops.map((d) => d.name)).toEqual(
      Object.keys(doc.series.columns)
        .filter((k) => k.startsWith('nic/eth0/drop/'))
        .map((k) => `drop ${k.split('/')[3]}`),
    );
  });

  it('recycle: stacked returns sum to cached + ring + released, ratio between 0 and 1', () => {
    const opt = buildRecycleOption({ view });
    const stacked = seriesOf(opt).filter((s) => s.stack === 'returns');
    expect(stacked.map((s) => s.name)).toEqual(['recycle_cached', 'recycle_ring', 'released']);
    const ring = byName(opt, 'recycle_ring').data as [number, number][];
    const col = (c: string) => doc.pools.reduce((acc, p) => acc + (doc.series.columns[`pool/${p.id}/${c}`]?.[5] ?? 0), 0);
    const sec = doc.sample_ns / 1e9;
    expect(ring[5][1]).toBeCloseTo(col('recycle_ring') / sec, 6);
    for (const [, r] of byName(opt, 'recycle ratio').data as [number, number][]) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
    expect(seriesOf(opt).map((s) => s.name)).toEqual(expect.arrayContaining(['alloc_fast', 'alloc_refill', 'alloc_slow', 'alloc_empty']));
  });

  it('memory: free memory in MiB with the watermarks, log axis when the node dwarfs them', () => {
    const opt = buildMemoryOption({ view, watermarks: doc.memory });
    const free = byName(opt, 'free memory');
    const pages = doc.series.columns['mem/0/free_pages'];
    expect((free.data as [number, number][])[3][1]).toBe((pages[3] * 4096) / 1048576);
    const marks = (free.markLine?.data ?? []) as { yAxis?: number }[];
    expect(marks.filter((m) => m.yAxis !== undefined).map((m) => m.yAxis)).toEqual(
      [doc.memory[0].min_pages, doc.memory[0].low_pages, doc.memory[0].high_pages].map((p) => (p * 4096) / 1048576),
    );
    const y = (opt.yAxis as { type?: string }[])[0];
    expect(y.type).toBe('log'); // 256 MiB node, 12 MiB high watermark
    expect((buildMemoryOption({ view, watermarks: doc.memory, logScale: false }).yAxis as { type?: string }[])[0].type).toBe('value');
    // one unit per chart: bytes here, buffer counts in the other chart
    expect((opt.yAxis as unknown[]).length).toBe(1);
    expect(seriesOf(opt).map((s) => s.name)).toEqual(['free memory']);
  });

  it('buffers: pages in flight (summed over the pools) and pfmemalloc on their own count axis, same time axis', () => {
    const opt = buildBuffersOption({ view })!;
    const inflight = byName(opt, 'pages in flight').data as [number, number][];
    const sum = doc.pools.reduce((a, p) => a + (doc.series.columns[`pool/${p.id}/inflight`]?.[4] ?? 0), 0);
    expect(inflight[4][1]).toBe(sum);
    expect(seriesOf(opt).map((s) => s.name)).toContain('pfmemalloc allocations (per sample)');
    expect((opt.yAxis as { name?: string }[]).map((y) => y.name)).toEqual(['pages']);
    expect((opt.xAxis as { max?: number }).max).toBe((buildMemoryOption({ view }).xAxis as { max?: number }).max);
  });

  it("marks the run's events on the time axis, numbered", () => {
    const events = selectChartEvents(doc.events);
    expect(events.length).toBeGreaterThan(0);
    const opt = buildThroughputOption({ view, events });
    const ml = seriesOf(opt)[0].markLine!;
    expect((ml.data as { xAxis: number }[]).map((d) => d.xAxis)).toEqual(events.map((e) => e.t_ns / 1e6));
  });

  it('report mode: no animation, no dataZoom; live mode has both', () => {
    const report = buildThroughputOption({ view, animation: false, dataZoom: false });
    expect(report.animation).toBe(false);
    expect(report.dataZoom).toBeUndefined();
    const live = buildThroughputOption({ view });
    expect(live.animation).toBe(true);
    expect(Array.isArray(live.dataZoom) && live.dataZoom.length).toBe(2);
  });

  it('compare overlay draws one line per run', () => {
    const opt = buildCompareOverlayOption({
      runs: [
        { label: 'a', view },
        { label: 'b', view },
      ],
      metric: { kind: 'gbps', nic: 'eth0' },
    });
    expect(seriesOf(opt).map((s) => s.name)).toEqual(['a', 'b']);
  });
});

describe('large series and live streams', () => {
  const cols: SeriesColumnMeta[] = [
    { key: 'nic/eth0/rx_bytes', unit: 'bytes', kind: 'delta', label: 'rx bytes' },
    { key: 'nic/eth0/rx_packets', unit: 'packets', kind: 'delta', label: 'rx packets' },
    { key: 'binding/1/niov_free', unit: 'buffers', kind: 'gauge', label: 'free' },
    { key: 'binding/1/niov_user', unit: 'buffers', kind: 'gauge', label: 'user' },
  ];

  it('LiveSeries grows across batches and rejects a batch of the wrong shape', () => {
    const live = new LiveSeries(cols, 1e6, 2);
    for (let b = 0; b < 5; b++) {
      const n = 3;
      const t = Float64Array.from({ length: n }, (_, i) => (b * n + i + 1) * 1e6);
      live.append(
        t,
        cols.map((_, c) => Float64Array.from({ length: n }, (_, i) => (b * n + i) * 10 + c)),
      );
    }
    expect(live.length).toBe(15);
    expect(Array.from(live.column('nic/eth0/rx_packets')!.slice(0, 3))).toEqual([1, 11, 21]);
    expect(live.t_ns[14]).toBe(15e6);
    expect(() => live.append([1], [[1]])).toThrow(/1 columns, expected 4/);
    expect(() =>
      live.append(
        [1, 2],
        cols.map(() => [1]),
      ),
    ).toThrow(/1 values, expected 2/);
  });

  it('uses LTTB sampling and progressive rendering above the threshold only', () => {
    const live = new LiveSeries(cols, 1e6);
    const n = 5000;
    live.append(
      Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e6),
      cols.map(() => new Float64Array(n).fill(1)),
    );
    const big = seriesOf(buildThroughputOption({ view: live }))[0];
    expect(big.sampling).toBe('lttb');
    expect(big.progressive).toBeGreaterThan(0);
    const small = seriesOf(buildThroughputOption({ view: live, largeThreshold: 10_000 }))[0];
    expect(small.progressive).toBeUndefined();
    expect(small.sampling).toBe('lttb'); // ECharts samples only past one point per pixel
    const stacked = seriesOf(buildRecycleOption({ view: live })).filter((s) => s.stack);
    for (const s of stacked) expect(s.sampling).toBe('average');
  });

  it('devmem chart stacks net_iovs in use and puts free on the right axis', () => {
    const live = new LiveSeries(cols, 1e6);
    live.append(
      [1e6, 2e6],
      [
        [0, 0],
        [0, 0],
        [1000, 990],
        [3, 7],
      ],
    );
    const opt = buildDevmemOption({ view: live });
    expect(byName(opt, 'held by the user (tokens)').stack).toBe('niov');
    expect(byName(opt, 'free in the genpool').yAxisIndex).toBe(1);
  });

  it('formats values with their units', () => {
    expect(formatValue(189.2, 'Gbit/s')).toBe('189.2 Gbit/s');
    expect(formatValue(16.25, 'Mpps')).toBe('16.25 Mpps');
    expect(formatValue(0.9876, 'ratio')).toBe('98.76 %');
    expect(formatValue(2_004_005, 'per_s')).toBe('2.004 M/s');
    expect(formatValue(4096, 'pages')).toBe('4.096 k pages');
    expect(estimateLegendRows(['a'.repeat(200)], 840)).toBe(1);
    expect(estimateLegendRows(Array(20).fill('recycle_cached'), 840)).toBeGreaterThan(1);
  });

  it('selects one RX queue, or draws one line per NIC', () => {
    const meta: SeriesColumnMeta[] = [
      { key: 'nic/eth0/rx_packets', unit: 'packets', kind: 'delta', label: '' },
      { key: 'nic/eth1/rx_packets', unit: 'packets', kind: 'delta', label: '' },
      { key: 'queue/eth0/3/rx_packets', unit: 'packets', kind: 'delta', label: '' },
    ];
    const live = new LiveSeries(meta, 1e6);
    live.append(
      [1e6, 2e6],
      [
        [1000, 2000],
        [10, 20],
        [250, 500],
      ],
    );
    const q = buildThroughputOption({ view: live, nics: ['eth0'], queue: 3 });
    expect((byName(q, 'received Mpps').data as [number, number][]).map((p) => p[1])).toEqual([0.25, 0.5]);
    const both = buildThroughputOption({ view: live });
    expect(seriesOf(both).map((s) => s.name)).toEqual(['eth0 Mpps', 'eth1 Mpps']);
    expect(() => buildThroughputOption({ view: live, queue: 3 })).toThrow(/exactly one NIC/);
  });
});

describe('live legends show every name', () => {
  it('wrap onto as many rows as the names need; the grid leaves room for each extra row', async () => {
    const { liveLegendBottom, LIVE_GRID_BOTTOM, LEGEND_ROW_PX } = await import('../../shared/report/charts/common');
    const names = ['received Gbit/s', 'received Mpps', 'drop rx_missed', 'drop rx_alloc_fail', 'drop rx_buf_alloc_fail', 'drop xdp'];
    expect(liveLegendBottom(names.slice(0, 1), 480)).toBe(LIVE_GRID_BOTTOM);
    const narrow = liveLegendBottom(names, 360);
    const wide = liveLegendBottom(names, 1400);
    expect(narrow).toBeGreaterThan(wide);
    expect((narrow - LIVE_GRID_BOTTOM) % LEGEND_ROW_PX).toBe(0);
    // duplicate names (a band's edges share its name) are one legend item
    expect(liveLegendBottom([...names, ...names], 360)).toBe(narrow);
    const doc = pressureRun();
    const opt = buildThroughputOption({ view: seriesViewFromSeries(doc.series, doc.sample_ns) });
    expect((opt.legend as { type: string }).type).toBe('plain');
  });
});
