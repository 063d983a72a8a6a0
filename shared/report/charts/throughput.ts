// Throughput: Gbit/s (left axis) and Mpps (right axis) received, drops by reason (Mpps, stacked).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { SeriesView } from './seriesView';
import { columnsOf, entitiesInView } from './seriesView';
import {
  baseTimeChart,
  DROP_COLORS,
  lineSeries,
  pairs,
  perSecond,
  RUN_COLORS,
  SERIES_COLORS,
  timeMs,
  valueAxis,
  type ChartOptions,
} from './common';
import { seriesKey } from '../../doc/seriesKeys';

export interface ThroughputInput extends ChartOptions {
  view: SeriesView;
  /** NICs to draw; default every NIC with columns in the view */
  nics?: readonly string[];
  /** one RX queue of the (single) selected NIC instead of the whole NIC */
  queue?: number;
}

/** Key of a NIC's counter, or of one of its queues'. */
function keyFor(nic: string, queue: number | undefined, counter: string): string {
  return queue === undefined ? seriesKey.nic(nic, counter) : seriesKey.queue(nic, queue, counter);
}

/** Drop reasons the NIC (or one of its queues) has columns of (counter `drop/<reason>`), in column order. */
export function dropReasons(view: SeriesView, nic: string, queue?: number): string[] {
  return columnsOf(view, queue === undefined ? 'nic' : 'queue')
    .filter((f) => f.nic === nic && (queue === undefined || f.queue === queue) && f.counter.startsWith('drop/'))
    .map((f) => f.counter.slice('drop/'.length));
}

export function buildThroughputOption(input: ThroughputInput): EChartsOption {
  const { view } = input;
  const nics = input.nics ?? entitiesInView(view, 'nic');
  if (input.queue !== undefined && nics.length !== 1) throw new Error('a queue selection needs exactly one NIC');
  const x = timeMs(view);
  const series: LineSeriesOption[] = [];
  const multi = nics.length > 1;
  nics.forEach((nic, ni) => {
    const label = input.queue === undefined ? nic : `${nic} rx-${input.queue}`;
    const bytes = view.column(keyFor(nic, input.queue, 'rx_bytes'));
    const pkts = view.column(keyFor(nic, input.queue, 'rx_packets'));
    if (bytes) {
      series.push(
        lineSeries(
          {
            name: multi ? `${label} Gbit/s` : 'received Gbit/s',
            unit: 'Gbit/s',
            yAxisIndex: 0,
            color: multi ? RUN_COLORS[ni % RUN_COLORS.length] : SERIES_COLORS.gbps,
            data: pairs(x, perSecond(view, bytes, 8e-9)),
          },
          input,
        ),
      );
    }
    if (pkts) {
      series.push(
        lineSeries(
          {
            name: multi ? `${label} Mpps` : 'received Mpps',
            unit: 'Mpps',
            yAxisIndex: 1,
            dashed: true,
            color: multi ? RUN_COLORS[ni % RUN_COLORS.length] : SERIES_COLORS.mpps,
            data: pairs(x, perSecond(view, pkts, 1e-6)),
          },
          input,
        ),
      );
    }
    dropReasons(view, nic, input.queue).forEach((reason, ri) => {
      const col = view.column(keyFor(nic, input.queue, `drop/${reason}`));
      if (!col) return;
      series.push(
        lineSeries(
          {
            name: multi ? `${label} drop ${reason}` : `drop ${reason}`,
            unit: 'Mpps',
            yAxisIndex: 1,
            stack: `drops-${label}`,
            area: true,
            color: DROP_COLORS[ri % DROP_COLORS.length],
            data: pairs(x, perSecond(view, col, 1e-6)),
          },
          input,
        ),
      );
    });
  });
  return baseTimeChart(
    view,
    input,
    [
      valueAxis('Gbit/s', 'received', input, { min: 0 }),
      valueAxis('Mpps', 'received / dropped', input, { min: 0, position: 'right', splitLine: { show: false } }),
    ],
    series,
  );
}
