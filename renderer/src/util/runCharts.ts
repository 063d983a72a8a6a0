// Glue between a live run and the shared chart builders: which NICs, queues, pools, nodes and
// bindings a view has, and the builder inputs for the current selection.
import type { EChartsOption } from 'echarts';
import type { EventRecord } from '../../../shared/doc/runDocument';
import type { RunInfo } from '../../../shared/api';
import {
  buildBuffersOption,
  buildMemoryOption,
  buildRecycleOption,
  buildThroughputOption,
  columnsOf,
  entitiesInView,
  poolsInView,
  selectChartEvents,
  type SeriesView,
  type ChartTheme,
} from '../../../shared/report/charts';
import { roundSig } from '../../../shared/report/charts/format';

export interface Selection {
  nic: string;
  queue: string;
  pool: string;
}

export interface Entities {
  nics: string[];
  queues: Map<string, number[]>;
  pools: string[];
  bindings: string[];
}

export function entitiesOf(view: SeriesView): Entities {
  const queues = new Map<string, number[]>();
  for (const f of columnsOf(view, 'queue')) {
    if (f.nic === undefined || f.queue === undefined) continue;
    const list = queues.get(f.nic) ?? [];
    if (!list.includes(f.queue)) list.push(f.queue);
    queues.set(f.nic, list);
  }
  return { nics: entitiesInView(view, 'nic'), queues, pools: entitiesInView(view, 'pool'), bindings: entitiesInView(view, 'binding') };
}

/** The pool's name from its column facts: "pool 1 (eth0 q0 data)". */
export function poolLabel(view: SeriesView, id: string): string {
  const f = columnsOf(view, 'pool').find((c) => c.id === id);
  return f?.nic !== undefined ? `pool ${id} (${f.nic} q${f.queue} ${f.role})` : `pool ${id}`;
}

/**
 * The pools a selection covers: the chosen pool; else the pools of the chosen NIC (and RX queue),
 * by the NIC and queue their columns state; else every pool.
 */
export function poolsFor(view: SeriesView, sel: Selection): string[] | undefined {
  if (sel.pool) return [sel.pool];
  if (!sel.nic) return undefined;
  const ids = poolsInView(view, sel.nic, sel.queue !== '' ? Number(sel.queue) : undefined);
  return ids.length > 0 ? ids : undefined;
}

/**
 * `durationMs`: the run's simulated duration. Every chart of a run spans 0 … duration from the
 * first sample on, so the charts share one time axis while streaming (each redraws on its own
 * schedule: axes that end at the latest sample would disagree).
 */
interface Common {
  theme: ChartTheme;
  events: readonly EventRecord[];
  durationMs?: number;
}

/** Runs longer than this are labelled in seconds (as the shared builders label theirs). */
const SECONDS_FROM_MS = 10_000;

/** Live charts redraw several times a second: no animation (it would cost main-thread time). */
function chartCommon(c: Common): { theme: ChartTheme; events: EventRecord[]; animation: false } {
  return { theme: c.theme, events: selectChartEvents(c.events), animation: false };
}

/**
 * Live-chart tuning on top of the shared builder's option: the dataZoom slider draws a shadow
 * copy of the whole series, which doubles the rendering work of every update; live charts skip it.
 * ECharts 6 also lays every axis out twice per update to keep labels inside the container
 * (grid.outerBoundsMode 'auto', ~10 % of a live update); the builders' fixed grid margins
 * already leave room for them, so live charts use the margins as given.
 */
export function liveTuned(o: EChartsOption | null, durationMs?: number): EChartsOption | null {
  if (!o) return o;
  const x = o.xAxis;
  if (durationMs !== undefined && durationMs > 0 && x && !Array.isArray(x)) {
    const inSeconds = durationMs > SECONDS_FROM_MS;
    o.xAxis = {
      ...x,
      max: durationMs,
      name: inSeconds ? 'time (s)' : 'time (ms)',
      axisLabel: { ...x.axisLabel, formatter: (v: number) => roundSig(inSeconds ? v / 1000 : v, 4) },
    } as typeof x;
  }
  const dz = o.dataZoom;
  if (Array.isArray(dz)) o.dataZoom = dz.map((z) => (z.type === 'slider' ? { ...z, showDataShadow: false } : z));
  const g = o.grid;
  if (g && !Array.isArray(g)) o.grid = { ...g, outerBoundsMode: 'none' } as typeof g;
  return o;
}

export function throughputFor(view: SeriesView, sel: Selection, c: Common): EChartsOption | null {
  if (view.length === 0) return null;
  const nics = sel.nic ? [sel.nic] : undefined;
  const queue = sel.nic && sel.queue !== '' ? Number(sel.queue) : undefined;
  return liveTuned(
    buildThroughputOption({ view, ...(nics ? { nics } : {}), ...(queue !== undefined ? { queue } : {}), ...chartCommon(c) }),
    c.durationMs,
  );
}

export function recycleFor(view: SeriesView, sel: Selection, c: Common): EChartsOption | null {
  if (view.length === 0 || entitiesInView(view, 'pool').length === 0) return null;
  const pools = poolsFor(view, sel);
  return liveTuned(buildRecycleOption({ view, ...(pools ? { pools } : {}), ...chartCommon(c) }), c.durationMs);
}

export function memoryFor(view: SeriesView, info: RunInfo, c: Common): EChartsOption | null {
  if (view.length === 0) return null;
  return liveTuned(
    buildMemoryOption({ view, ...(info.watermarks ? { watermarks: info.watermarks } : {}), ...chartCommon(c) }),
    c.durationMs,
  );
}

/** Pages in flight (the selected pools), pfmemalloc, failures and net_iovs: counts beside the free memory chart. */
export function buffersFor(view: SeriesView, sel: Selection, c: Common): EChartsOption | null {
  if (view.length === 0) return null;
  const pools = poolsFor(view, sel);
  const o = buildBuffersOption({ view, ...(pools ? { pools } : {}), ...chartCommon(c) });
  return o ? liveTuned(o, c.durationMs) : null;
}
