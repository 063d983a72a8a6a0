// The model beside a measurement: per page_pool counter, the model's figure, the measured one and
// the model's relative error (model − measured) / measured. The basis depends on what was measured:
// - rates (two or more timed snapshots): counter increments per second; the model's are its totals
//   over the simulated duration;
// - one snapshot (counters since the pools were created): each counter's share of allocations
//   (alloc_fast + alloc_slow + alloc_slow_high_order), so a run of 40 ms and a machine up for days
//   compare on the same footing.
// The model's counters are summed over all its pools; the measured ones over the measured pools
// with statistics (page-pool-stats-get), else over the devices (ethtool -S). In-flight buffers
// (page-pool-get inflight) compare absolute, summed the same way, dma-buf pools apart.
import { PP_STAT_NAMES, type PpStatName, type RunDocument } from '../doc/runDocument';
import type { MeasuredDocument, PartialStats } from '../doc/measuredDocument';

export type OverlayBasis = 'per_s' | 'share_of_allocations';

export interface OverlayRow {
  counter: PpStatName | 'inflight' | 'inflight_dmabuf';
  model: number;
  measured: number;
  /** (model − measured) / measured; null when measured is 0 (0 when both are) */
  rel_error: number | null;
}

export interface Overlay {
  /** null when only in-flight figures were compared (absolute buffers) */
  basis: OverlayBasis | null;
  /** what the measured figures were summed over */
  measured_from: string;
  rows: OverlayRow[];
}

const ALLOCS: readonly PpStatName[] = ['alloc_fast', 'alloc_slow', 'alloc_slow_high_order'];

function sum(list: PartialStats[]): PartialStats {
  const out: PartialStats = {};
  for (const s of list) for (const n of PP_STAT_NAMES) if (s[n] !== undefined) out[n] = (out[n] ?? 0) + (s[n] as number);
  return out;
}

export function relError(model: number, measured: number): number | null {
  if (measured === 0) return model === 0 ? 0 : null;
  return (model - measured) / measured;
}

function measuredCounters(m: MeasuredDocument): { stats: PartialStats; from: string; perS: boolean } | null {
  if (m.rates) {
    const pools = m.rates.pools.filter((p) => Object.keys(p.per_s).length);
    if (pools.length)
      return {
        stats: sum(pools.map((p) => p.per_s)),
        from: `${pools.length} pool${pools.length === 1 ? '' : 's'} over ${m.rates.interval_s} s`,
        perS: true,
      };
    if (m.rates.devices.length)
      return {
        stats: sum(m.rates.devices.map((d) => d.per_s)),
        from: `${m.rates.devices.map((d) => d.device).join(', ')} over ${m.rates.interval_s} s`,
        perS: true,
      };
  }
  const pools = m.pools.filter((p) => p.stats);
  if (pools.length)
    return {
      stats: sum(pools.map((p) => p.stats as PartialStats)),
      from: `${pools.length} pool${pools.length === 1 ? '' : 's'} (page-pool-stats-get)`,
      perS: false,
    };
  if (m.devices.length)
    return { stats: sum(m.devices.map((d) => d.stats)), from: `${m.devices.map((d) => d.device).join(', ')} (ethtool -S)`, perS: false };
  return null;
}

export function computeOverlay(run: RunDocument, m: MeasuredDocument): Overlay | null {
  const measured = measuredCounters(m);
  const model = sum(run.pools.map((p) => p.stats));
  const rows: OverlayRow[] = [];
  let basis: OverlayBasis | null = null;
  if (measured) {
    basis = measured.perS ? 'per_s' : 'share_of_allocations';
    const sec = run.duration_ns / 1e9;
    const allocs = (s: PartialStats) => ALLOCS.reduce((a, n) => a + (s[n] ?? 0), 0);
    const mAllocs = allocs(measured.stats);
    const modelAllocs = allocs(model);
    for (const n of PP_STAT_NAMES) {
      const mv = measured.stats[n];
      if (mv === undefined) continue;
      const modelV = model[n] ?? 0;
      const a = measured.perS ? modelV / sec : modelAllocs > 0 ? modelV / modelAllocs : 0;
      const b = measured.perS ? mv : mAllocs > 0 ? mv / mAllocs : 0;
      rows.push({ counter: n, model: a, measured: b, rel_error: relError(a, b) });
    }
  }
  // Pools with a dma-buf (page-pool-get `dmabuf`) against the model's dmabuf-provider pools, the
  // others against the rest: a devmem setup has both kinds and their in-flight counts differ.
  const inflightPools = m.pools.filter((p) => p.inflight !== undefined);
  for (const dmabuf of [false, true]) {
    const mp = inflightPools.filter((p) => (p.dmabuf !== undefined) === dmabuf);
    if (!mp.length) continue;
    const mi = mp.reduce((a, p) => a + (p.inflight as number), 0);
    const modelI = run.pools.filter((p) => (p.provider === 'dmabuf') === dmabuf).reduce((a, p) => a + p.inflight, 0);
    rows.push({ counter: dmabuf ? 'inflight_dmabuf' : 'inflight', model: modelI, measured: mi, rel_error: relError(modelI, mi) });
  }
  if (!rows.length) return null;
  const from = [
    measured?.from,
    inflightPools.length ? `inflight of ${inflightPools.length} pool${inflightPools.length === 1 ? '' : 's'} (page-pool-get)` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return { basis, measured_from: from, rows };
}
