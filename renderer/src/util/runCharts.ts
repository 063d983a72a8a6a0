// Glue between a live run and the shared chart builders: which NICs, queues, pools, nodes and
// bindings a view has, and the builder inputs for the current selection.
import type { EChartsOption } from 'echarts';
import type { EventRecord } from '../../../shared/sim/result/runDocument';
import type { RunInfo } from '../../../shared/api';
import {
  buildMemoryOption, buildRecycleOption, buildThroughputOption, entitiesInView, selectChartEvents,
  type SeriesView, type ChartTheme,
} from '../../../shared/report/charts';

export interface Selection { nic: string; queue: string; pool: string }

export interface Entities { nics: string[]; queues: Map<string, number[]>; pools: string[]; bindings: string[] }

export function entitiesOf(view: SeriesView): Entities {
  const queues = new Map<string, number[]>();
  for (const q of entitiesInView(view, 'queue')) {
    const [nic, idx] = q.split('/');
    const list = queues.get(nic) ?? [];
    list.push(Number(idx));
    queues.set(nic, list);
  }
  return { nics: entitiesInView(view, 'nic'), queues, pools: entitiesInView(view, 'pool'), bindings: entitiesInView(view, 'binding') };
}

/** The pool's label from its column metadata (e.g. "eth0 rxq 3 data"), else its id. */
export function poolLabel(view: SeriesView, id: string): string {
  const m = view.meta(`pool/${id}/inflight`);
  return m?.label ? `${id}: ${m.label.replace(/\s*in ?flight.*$/i, '')}` : `pool ${id}`;
}

interface Common { theme: ChartTheme; events: readonly EventRecord[] }

/** Live charts redraw several times a second: no animation (it would cost main-thread time). */
function chartCommon(c: Common): { theme: ChartTheme; events: EventRecord[]; animation: false } {
  return { theme: c.theme, events: selectChartEvents(c.events), animation: false };
}

/**
 * Live-chart tuning on top of the shared builder's option: the dataZoom slider draws a shadow
 * copy of the whole series, which doubles the rendering work of every update; live charts skip it.
 */
export function liveTuned(o: EChartsOption | null): EChartsOption | null {
  if (!o) return o;
  const dz = o.dataZoom;
  if (Array.isArray(dz)) o.dataZoom = dz.map((z) => (z.type === 'slider' ? { ...z, showDataShadow: false } : z));
  return o;
}

export function throughputFor(view: SeriesView, sel: Selection, c: Common): EChartsOption | null {
  if (view.length === 0) return null;
  const nics = sel.nic ? [sel.nic] : undefined;
  const queue = sel.nic && sel.queue !== '' ? Number(sel.queue) : undefined;
  return liveTuned(buildThroughputOption({ view, ...(nics ? { nics } : {}), ...(queue !== undefined ? { queue } : {}), ...chartCommon(c) }));
}

export function recycleFor(view: SeriesView, sel: Selection, c: Common): EChartsOption | null {
  if (view.length === 0 || entitiesInView(view, 'pool').length === 0) return null;
  return liveTuned(buildRecycleOption({ view, ...(sel.pool ? { pools: [sel.pool] } : {}), ...chartCommon(c) }));
}

export function memoryFor(view: SeriesView, sel: Selection, info: RunInfo, c: Common): EChartsOption | null {
  if (view.length === 0) return null;
  return liveTuned(buildMemoryOption({
    view, ...(sel.pool ? { pools: [sel.pool] } : {}), ...(info.watermarks ? { watermarks: info.watermarks } : {}), ...chartCommon(c),
  }));
}
