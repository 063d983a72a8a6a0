// How a chart's new option reaches its ECharts instance. Two ways:
// - only the data moved on (same series in the same order, same axes): a normal merge of just
//   the data, the x axis and the description — series are matched by index, so nothing else of
//   a series (its stack, style, id) is sent again or can change;
// - anything else: the whole option with `replaceMerge` on series and y axes, so a series that
//   is no longer in the option is removed and a new series starts from its own option, never
//   from the stale one that sat at its index (a band's stacked edges must not lend their
//   `stack` to a mean line that takes their place).
import type { EChartsOption, SetOptionOpts } from 'echarts';

export interface OptionTarget {
  setOption(option: EChartsOption, opts?: SetOptionOpts): void;
}

type SeriesItem = { id?: unknown; name?: unknown; data?: unknown; markLine?: unknown };

export function seriesList(o: EChartsOption | null): SeriesItem[] {
  const s = o?.series;
  return (Array.isArray(s) ? s : s ? [s] : []) as SeriesItem[];
}

/** What identifies the option's series: equal keys ⇒ only their data may have changed. */
export function seriesKey(o: EChartsOption | null): string {
  return seriesList(o)
    .map((x) => `${String(x.id ?? '')}\u0001${String(x.name)}`)
    .join('\u0000');
}

/**
 * Hand `next` to the chart. `dataOnly`: the caller saw the same seriesKey on screen; `sendMarks`:
 * the event markLines changed and must be sent with the data.
 */
export function applyChartOption(target: OptionTarget, next: EChartsOption, dataOnly: boolean, sendMarks: boolean): void {
  if (dataOnly) {
    target.setOption({
      aria: next.aria,
      xAxis: next.xAxis,
      series: seriesList(next).map((x) => ({ data: x.data, ...(sendMarks && x.markLine ? { markLine: x.markLine } : {}) })),
    } as EChartsOption);
  } else {
    target.setOption(next, { replaceMerge: ['series', 'yAxis'] });
  }
}
