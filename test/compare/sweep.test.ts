import { describe, expect, it } from 'vitest';
import type { CompareDocument, CompareRow, ComparePoint, MetricDef } from '../../shared/doc/compareDocument';
import { COMPARE_FORMAT } from '../../shared/doc/compareDocument';
import { summarize } from '../../shared/sim/compare/stats';
import { numericAxes, sweepKeyMetrics, sweepOf } from '../../shared/doc/derived/sweep';
import { buildSweepOption, kneeText } from '../../shared/report/charts/sweep';

const GBPS: MetricDef = { key: 'nic/eth0/gbps', label: 'eth0 RX Gbit/s', unit: 'Gbit/s', group: 'throughput', better: 'higher' };
const DROPS: MetricDef = { key: 'nic/eth0/drops', label: 'eth0 drops (all reasons)', unit: 'packets', group: 'drops', better: 'lower' };

/** A compare document over variant × size with the given per-point repeat values. */
function doc(
  matrix: Record<string, (string | number)[]>,
  points: Record<string, string | number>[],
  rows: [MetricDef, number[][]][],
): CompareDocument {
  const pts: ComparePoint[] = points.map((o, index) => ({
    index,
    label: Object.entries(o)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
    overrides: o,
    seeds: [1],
  }));
  const table: CompareRow[] = rows.map(([metric, vals]) => ({
    metric,
    cells: vals.map((v) => ({ stat: v.length ? summarize(v) : null, delta: null })),
  }));
  return {
    format: COMPARE_FORMAT,
    tool: { name: 'netmem-workbench', version: 't' },
    scenario_name: 's',
    matrix,
    repeat: 1,
    points: pts,
    runs: [],
    table,
    meta: { wall_ms: 0, workers: 1, started_at: '' },
  };
}

describe('numeric compare axes', () => {
  it('numbers and quantities of one unit are axes; names, booleans, mixed units and single values are not', () => {
    const axes = numericAxes({
      matrix: {
        'nics[0].ring': [512, 1024],
        'nics[0].provider.size': ['16MiB', '4GiB'],
        'consumer[0].read_latency.fixed': ['10us', '1.5ms'],
        'nics[0].link': ['25Gbit', '200Gbit/s'],
        variant: ['page', 'netmem'],
        header_split: [true, false],
        mixed: ['4MiB', '50us'],
        one: [3],
      },
    });
    expect(axes.map((a) => [a.key, a.unit, a.values])).toEqual([
      ['nics[0].ring', 'number', [512, 1024]],
      ['nics[0].provider.size', 'bytes', [16 * 2 ** 20, 4 * 2 ** 30]],
      ['consumer[0].read_latency.fixed', 'duration', [10_000, 1_500_000]],
      ['nics[0].link', 'bitrate', [25e9, 200e9]],
    ]);
  });
});

describe('sweep of a metric along an axis', () => {
  const matrix = { variant: ['page', 'netmem'], size: ['4MiB', '16MiB', '8MiB'] };
  const points = matrix.variant.flatMap((variant) => matrix.size.map((size) => ({ variant, size })));
  // page: rises to the 8 MiB point then flat; netmem: keeps rising. Three repeats each.
  const d = doc(matrix, points, [
    [
      GBPS,
      [
        [50, 52, 54],
        [100, 99, 101],
        [99, 101, 100],
        [20, 20, 20],
        [80, 80, 80],
        [40, 40, 40],
      ],
    ],
    [DROPS, [[9, 9], [0, 0], [1, 1], [5], [], [2]]],
  ]);
  const axis = numericAxes(d)[0];

  it('one curve per value of the other axes, points in axis order with mean ± sample stddev, and its knee', () => {
    const s = sweepOf(d, axis, GBPS.key)!;
    expect(s.curves.map((c) => c.label)).toEqual(['variant=page', 'variant=netmem']);
    const page = s.curves[0];
    expect(page.points.map((p) => [p.label, p.mean, p.point])).toEqual([
      ['4MiB', 52, 0],
      ['8MiB', 100, 2],
      ['16MiB', 100, 1],
    ]);
    expect(page.points[0].stddev).toBe(2);
    expect(page.knee).toMatchObject({ status: 'plateau', x: 8 * 2 ** 20 });
    expect(s.curves[1].knee.status).toBe('rising');
    expect(kneeText(s, page)).toBe('knee at 8MiB: 100 Gbit/s, no later point better by more than 5 %');
    expect(kneeText(s, s.curves[1])).toMatch(/^no knee: still improving/);
  });

  it('points without the metric are left out; an unknown metric gives no sweep', () => {
    const s = sweepOf(d, axis, DROPS.key)!;
    expect(s.curves[1].points.map((p) => p.label)).toEqual(['4MiB', '8MiB']);
    expect(sweepOf(d, axis, 'nic/eth9/gbps')).toBeNull();
  });

  it('key metrics: per NIC totals only, in the stated order', () => {
    expect(sweepKeyMetrics(d)).toEqual([GBPS.key, DROPS.key]);
  });

  it('chart: a point per mean, error bars only where repeats give a spread, a dashed line at each knee', () => {
    const s = sweepOf(d, axis, GBPS.key)!;
    const o = buildSweepOption({ sweep: s, animation: false });
    const series = o.series as { name: string; data: unknown[]; markLine?: { data: { xAxis: number }[] } }[];
    expect(series.map((x) => x.name)).toEqual(['variant=page', 'variant=page', 'variant=netmem']);
    expect(series[0].data).toEqual([
      [4 * 2 ** 20, 52],
      [8 * 2 ** 20, 100],
      [16 * 2 ** 20, 100],
    ]);
    // error bars are a drawing aid: the accessible table and its CSV skip them
    expect((series[1] as { id?: string }).id).toMatch(/^aid:/);
    expect(series[0].markLine?.data[0].xAxis).toBe(8 * 2 ** 20);
    expect(series[1].data.slice(0, 3)).toEqual([[4 * 2 ** 20, 50], [4 * 2 ** 20, 54], '-']);
    // netmem's repeats agree (stddev 0): no error bars; no knee line (still rising).
    expect(series[2].markLine).toBeUndefined();
    expect((o.xAxis as { type: string }).type).toBe('value');
  });
});
