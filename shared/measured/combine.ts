// Snapshots → the measured document: the last snapshot is the state reported (pools, devices);
// with two or more timed snapshots, the counters' rates from first to last and the time series.
// Timing: timestamps in the file, else `intervalS` between consecutive snapshots (files in order).
import { PP_STAT_NAMES } from '../doc/runDocument';
import type { MeasuredDevice, MeasuredPool, MeasuredRates, MeasuredSeries, PartialStats, Snapshot } from '../doc/measuredDocument';
import { seriesKey } from '../doc/seriesKeys';

export class SnapshotTimingError extends Error {}

/** Pools by id in first-seen order; merging stays linear in the number of pools (a dump may list thousands). */
class PoolSet {
  readonly list: MeasuredPool[] = [];
  private readonly byId = new Map<number, MeasuredPool>();
  merge(add: readonly MeasuredPool[]): void {
    for (const p of add) {
      const q = this.byId.get(p.id);
      if (!q) {
        const c = structuredClone(p);
        this.list.push(c);
        this.byId.set(p.id, c);
        continue;
      }
      // page-pool-get and page-pool-stats-get of the same pool: one entry with both.
      Object.assign(q, { ...p, stats: p.stats ? { ...q.stats, ...p.stats } : q.stats });
      if (q.stats === undefined) delete q.stats;
    }
  }
}

function perSecond(a: PartialStats | undefined, b: PartialStats | undefined, dt: number): PartialStats {
  const out: PartialStats = {};
  if (!a || !b) return out;
  for (const n of PP_STAT_NAMES) {
    const x = a[n];
    const y = b[n];
    if (x !== undefined && y !== undefined) out[n] = (y - x) / dt;
  }
  return out;
}

function times(snaps: Snapshot[], intervalS: number | null): number[] | null {
  if (snaps.every((s) => s.t !== null)) return snaps.map((s) => s.t as number);
  if (intervalS === null) return null;
  if (snaps.some((s) => s.t !== null))
    throw new SnapshotTimingError(
      'some snapshots have timestamps and some do not; give every snapshot a timestamp line, or none and --interval',
    );
  return snaps.map((_, i) => i * intervalS);
}

function seriesOf(snaps: Snapshot[], t: number[]): MeasuredSeries {
  const columns: Record<string, number[]> = {};
  const put = (key: string, i: number, v: number | undefined) => {
    if (v === undefined) return;
    const col = (columns[key] ??= new Array<number>(snaps.length).fill(Number.NaN));
    col[i] = v;
  };
  snaps.forEach((s, i) => {
    for (const p of s.pools) {
      for (const n of PP_STAT_NAMES) put(seriesKey.pool(p.id, n), i, p.stats?.[n]);
      put(seriesKey.pool(p.id, 'inflight'), i, p.inflight);
    }
    for (const d of s.devices) {
      for (const n of PP_STAT_NAMES) put(`dev/${d.device}/${n}`, i, d.stats[n]);
      for (const q of d.queues) for (const n of PP_STAT_NAMES) put(`dev/${d.device}/q${q.queue}/${n}`, i, q.stats[n]);
    }
  });
  // NaN (a counter missing from one snapshot) is not JSON: such a column is dropped.
  for (const k of Object.keys(columns)) if (columns[k].some((v) => Number.isNaN(v))) delete columns[k];
  return { t_s: t, columns };
}

export interface Combined {
  pools: MeasuredPool[];
  devices: MeasuredDevice[];
  rates: MeasuredRates | null;
  series: MeasuredSeries | null;
}

/**
 * Combine the snapshots of all counter files (in order) into the document's counter parts. Each
 * stream (page-pool-get dumps, page-pool-stats-get dumps, ethtool -S) is its own time series; their
 * results are merged (a pool's page-pool-get and page-pool-stats-get become one entry).
 */
export function combineSnapshots(snaps: Snapshot[], intervalS: number | null): Combined {
  const streams = [...new Set(snaps.map((s) => s.stream))];
  const parts = streams.map((k) =>
    combineStream(
      snaps.filter((s) => s.stream === k),
      intervalS,
    ),
  );
  const out: Combined = { pools: [], devices: [], rates: null, series: null };
  const pools = new PoolSet();
  for (const p of parts) {
    pools.merge(p.pools);
    out.devices.push(...p.devices);
    if (p.rates) {
      if (out.rates && out.rates.interval_s !== p.rates.interval_s)
        throw new SnapshotTimingError(
          `the ynl and ethtool snapshots span different intervals (${out.rates.interval_s} s and ${p.rates.interval_s} s); import them separately`,
        );
      out.rates = out.rates
        ? { ...out.rates, pools: [...out.rates.pools, ...p.rates.pools], devices: [...out.rates.devices, ...p.rates.devices] }
        : p.rates;
    }
    if (p.series) {
      if (out.series && JSON.stringify(out.series.t_s) !== JSON.stringify(p.series.t_s))
        throw new SnapshotTimingError('the snapshot series of the files were taken at different times; import them separately');
      out.series = out.series ? { t_s: out.series.t_s, columns: { ...out.series.columns, ...p.series.columns } } : p.series;
    }
  }
  out.pools = pools.list;
  return out;
}

function combineStream(snaps: Snapshot[], intervalS: number | null): Combined {
  if (snaps.length === 0) return { pools: [], devices: [], rates: null, series: null };
  // The final state: every pool and device as last seen (a pool may appear only in earlier dumps).
  const poolSet = new PoolSet();
  const devices: MeasuredDevice[] = [];
  for (const s of snaps) {
    poolSet.merge(s.pools);
    for (const d of s.devices) {
      const i = devices.findIndex((x) => x.device === d.device);
      if (i >= 0) devices[i] = structuredClone(d);
      else devices.push(structuredClone(d));
    }
  }
  const pools = poolSet.list;
  if (snaps.length < 2) return { pools, devices, rates: null, series: null };
  const t = times(snaps, intervalS);
  if (!t)
    throw new SnapshotTimingError(
      `${snaps.length} snapshots without timestamps: give --interval (the time between them) or a timestamp line before each (see docs/model/measured-data.md)`,
    );
  for (let i = 1; i < t.length; i++)
    if (!(t[i] > t[i - 1])) throw new SnapshotTimingError(`snapshot ${i + 1} is not later than snapshot ${i} (t ${t[i]} ≤ ${t[i - 1]})`);
  const first = snaps[0];
  const dt = t[t.length - 1] - t[0];
  const rates: MeasuredRates = { interval_s: dt, pools: [], devices: [] };
  const firstPools = new Map(first.pools.map((x) => [x.id, x]));
  for (const p of snaps[snaps.length - 1].pools) {
    const p0 = firstPools.get(p.id);
    if (p0) rates.pools.push({ id: p.id, ifindex: p.ifindex, per_s: perSecond(p0.stats, p.stats, dt) });
  }
  for (const d of snaps[snaps.length - 1].devices) {
    const d0 = first.devices.find((x) => x.device === d.device);
    if (d0) rates.devices.push({ device: d.device, per_s: perSecond(d0.stats, d.stats, dt) });
  }
  return { pools, devices, rates, series: seriesOf(snaps, t) };
}
