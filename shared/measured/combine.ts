// Snapshots → the measured document: the last snapshot is the state reported (pools, devices);
// with two or more timed snapshots, the counters' rates from first to last and the time series.
// Timing: timestamps in the file, else `intervalS` between consecutive snapshots (files in order).
import { PP_STAT_NAMES } from '../sim/result/runDocument';
import type { MeasuredDevice, MeasuredPool, MeasuredRates, MeasuredSeries, PartialStats, Snapshot } from './types';

export class SnapshotTimingError extends Error {}

function mergePools(into: MeasuredPool[], add: MeasuredPool[]): void {
  for (const p of add) {
    const q = into.find((x) => x.id === p.id);
    if (!q) { into.push(structuredClone(p)); continue; }
    // page-pool-get and page-pool-stats-get of the same pool: one entry with both.
    Object.assign(q, { ...p, stats: p.stats ? { ...q.stats, ...p.stats } : q.stats });
    if (q.stats === undefined) delete q.stats;
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
  if (snaps.some((s) => s.t !== null)) throw new SnapshotTimingError('some snapshots have timestamps and some do not; give every snapshot a timestamp line, or none and --interval');
  return snaps.map((_, i) => i * intervalS);
}

function seriesOf(snaps: Snapshot[], t: number[]): MeasuredSeries {
  const columns: Record<string, number[]> = {};
  const put = (key: string, i: number, v: number | undefined) => {
    if (v === undefined) return;
    const col = columns[key] ??= new Array<number>(snaps.length).fill(Number.NaN);
    col[i] = v;
  };
  snaps.forEach((s, i) => {
    for (const p of s.pools) {
      for (const n of PP_STAT_NAMES) put(`pool/${p.id}/${n}`, i, p.stats?.[n]);
      put(`pool/${p.id}/inflight`, i, p.inflight);
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

export interface Combined { pools: MeasuredPool[]; devices: MeasuredDevice[]; rates: MeasuredRates | null; series: MeasuredSeries | null }

/** Combine the snapshots of all counter files (in order) into the document's counter parts. */
export function combineSnapshots(snaps: Snapshot[], intervalS: number | null): Combined {
  if (snaps.length === 0) return { pools: [], devices: [], rates: null, series: null };
  // The final state: every pool and device as last seen (a pool may appear only in earlier dumps).
  const pools: MeasuredPool[] = [];
  const devices: MeasuredDevice[] = [];
  for (const s of snaps) {
    mergePools(pools, s.pools);
    for (const d of s.devices) {
      const i = devices.findIndex((x) => x.device === d.device);
      if (i >= 0) devices[i] = structuredClone(d); else devices.push(structuredClone(d));
    }
  }
  if (snaps.length < 2) return { pools, devices, rates: null, series: null };
  const t = times(snaps, intervalS);
  if (!t) throw new SnapshotTimingError(`${snaps.length} snapshots without timestamps: give --interval (the time between them) or a timestamp line before each (see docs/model/measured-data.md)`);
  for (let i = 1; i < t.length; i++) if (!(t[i] > t[i - 1])) throw new SnapshotTimingError(`snapshot ${i + 1} is not later than snapshot ${i} (t ${t[i]} ≤ ${t[i - 1]})`);
  const first = snaps[0];
  const dt = t[t.length - 1] - t[0];
  const rates: MeasuredRates = { interval_s: dt, pools: [], devices: [] };
  for (const p of snaps[snaps.length - 1].pools) {
    const p0 = first.pools.find((x) => x.id === p.id);
    if (p0) rates.pools.push({ id: p.id, ifindex: p.ifindex, per_s: perSecond(p0.stats, p.stats, dt) });
  }
  for (const d of snaps[snaps.length - 1].devices) {
    const d0 = first.devices.find((x) => x.device === d.device);
    if (d0) rates.devices.push({ device: d.device, per_s: perSecond(d0.stats, d.stats, dt) });
  }
  return { pools, devices, rates, series: seriesOf(snaps, t) };
}
