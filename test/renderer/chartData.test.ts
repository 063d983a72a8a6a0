// Chart data for assistive technology: the table rows and the aria description read the option
// the chart draws (pairs or the live charts' flat typed arrays).
import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { chartRows, describeChart } from '../../renderer/src/util/chartData';

const gbps = (v: number): string => `${v} Gbit/s`;
// The live charts hand ECharts flat typed arrays (util/typedSeries.ts), which its option type does not list.
const option = (): EChartsOption =>
  ({
    series: [
      {
        type: 'line',
        name: 'received Gbit/s',
        data: new Float64Array([1, 10, 2, 20, 3, 30, 4, 25]),
        tooltip: { valueFormatter: (v: number) => gbps(v) },
      },
      {
        type: 'line',
        name: 'drops',
        data: [
          [1, 0],
          [2, 1],
          [4, 3],
        ],
      },
    ],
  }) as unknown as EChartsOption;

describe('chartRows', () => {
  it('one row per sample time, a column per series, gaps as NaN', () => {
    const r = chartRows(option());
    expect(r.columns.map((c) => c.name)).toEqual(['received Gbit/s', 'drops']);
    expect(r.rows.map((x) => x.t)).toEqual([1, 2, 3, 4]);
    expect(r.rows[2].values[0]).toBe(30);
    expect(r.rows[2].values[1]).toBeNaN();
    expect(r.columns[0].format(30)).toBe('30 Gbit/s');
    expect(r.stride).toBe(1);
    expect(r.total).toBe(4);
  });

  it('thins long series at a fixed stride', () => {
    const r = chartRows(option(), 2);
    expect(r.stride).toBe(2);
    expect(r.rows.map((x) => x.t)).toEqual([1, 3]);
  });

  it('no option: no rows', () => {
    expect(chartRows(null).rows).toEqual([]);
  });
});

describe('describeChart', () => {
  it('states the series, their range and last value in their units', () => {
    expect(describeChart('Throughput', option())).toBe(
      'Throughput, line chart of 2 series over 1–4 ms: received Gbit/s from 10 Gbit/s to 30 Gbit/s, last 25 Gbit/s; ' +
        'drops from 0 to 3, last 3. The table button shows the values.',
    );
  });
  it('says when there is nothing drawn', () => {
    expect(describeChart('Memory', { series: [] })).toBe('Memory: no data yet.');
  });
});
