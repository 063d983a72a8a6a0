// The run's figures over a time range, from the run document's series alone: counters are the sum
// of the per-interval deltas of the sample intervals that end inside the range, rates divide them
// by the range's length, gauges (in-flight places, net_iovs, tokens) are their value at the end of
// the range. Cycles by stage are the sums of the per-NIC stage columns (nic/<nic>/cycles/<stage>).
// The range snaps to the nearest sample edges: interval i covers (t[i−1], t[i]]
// (t[−1] = 0) and belongs to the range [from, to] when its middle lies inside it.
import { PP_STAT_NAMES, type PagePoolStats, type RunDocument, type Series } from '../../doc/runDocument';
import { CYCLE_STAGES, type CycleStage } from '../../doc/cycleStages';
import { recycleRatio } from '../../doc/derived/recycleRatio';
import { seriesKey, type BindingDelta, type BindingGauge, type PoolGauge } from './seriesKeys';

/** Preamble + SFD (8 bytes) and inter-frame gap (12 bytes) of every Ethernet frame (IEEE 802.3). */
export const ETH_WIRE_OVERHEAD_BYTES = 20;

export interface SampleRange {
  /** first and last sample index in the range */
  first: number;
  last: number;
  /** the range snapped to sample edges */
  start_ns: number;
  end_ns: number;
}

export interface NicRangeFigures {
  name: string;
  packets: number;
  bytes: number;
  offered_packets: number;
  gbps: number;
  mpps: number;
  line_rate_share: number;
  /** per reason of the document; null for a reason the series has no column for */
  drops: Record<string, number | null>;
  /** NAPI busy share of the NIC's cores over the range (time-weighted) */
  utilization: number | null;
  /**
   * cycles charged for the NIC in each stage over the range; null when the series has no stage
   * columns (documents written before they were sampled)
   */
  cycles_by_stage: Record<CycleStage, number> | null;
}

export interface PoolRangeFigures {
  id: number;
  stats: PagePoolStats;
  recycle_ratio: number | null;
  /** gauges at the end of the range; null without a column */
  at_end: Record<PoolGauge, number | null>;
}

export interface BindingRangeFigures {
  id: number;
  at_end: Record<BindingGauge, number | null>;
  counts: Record<BindingDelta, number | null>;
}

export interface RangeFigures {
  range: SampleRange;
  nics: NicRangeFigures[];
  pools: PoolRangeFigures[];
  bindings: BindingRangeFigures[];
}

export type RangeResult = { ok: true; figures: RangeFigures } | { ok: false; reason: string };

const POOL_GAUGES: readonly PoolGauge[] = ['inflight', 'in_nic_ring', 'in_stack', 'in_user'];
const BINDING_GAUGES: readonly BindingGauge[] = [
  'niov_free',
  'niov_alloc_cache',
  'niov_ptr_ring',
  'niov_nic_ring',
  'niov_stack',
  'niov_user',
  'tokens_outstanding',
];
const BINDING_DELTAS: readonly BindingDelta[] = ['dontneed_calls', 'dontneed_freed', 'alloc_failures'];

/** The sample intervals whose middle lies in [fromNs, toNs], or null when none does. */
export function sampleRange(t: readonly number[], fromNs: number, toNs: number): SampleRange | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < t.length; i++) {
    const mid = ((i === 0 ? 0 : t[i - 1]) + t[i]) / 2;
    if (mid >= fromNs && mid <= toNs) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return null;
  return { first, last, start_ns: first === 0 ? 0 : t[first - 1], end_ns: t[last] };
}

function sumOf(s: Series, key: string, r: SampleRange): number | null {
  const c = s.columns[key];
  if (!c) return null;
  let v = 0;
  for (let i = r.first; i <= r.last; i++) v += c[i];
  return v;
}

function endOf(s: Series, key: string, r: SampleRange): number | null {
  const c = s.columns[key];
  return c ? c[r.last] : null;
}

/** Time-weighted mean of a per-interval gauge (a busy share) over the range. */
function meanOf(s: Series, key: string, r: SampleRange): number | null {
  const c = s.columns[key];
  if (!c) return null;
  let w = 0;
  for (let i = r.first; i <= r.last; i++) w += c[i] * (s.t_ns[i] - (i === 0 ? 0 : s.t_ns[i - 1]));
  return r.end_ns > r.start_ns ? w / (r.end_ns - r.start_ns) : null;
}

function stagesOf(s: Series, nic: string, r: SampleRange): Record<CycleStage, number> | null {
  const out = {} as Record<CycleStage, number>;
  for (const stage of CYCLE_STAGES) {
    const v = sumOf(s, seriesKey.nicCycles(nic, stage), r);
    if (v === null) return null;
    out[stage] = v;
  }
  return out;
}

export function rangeFigures(doc: RunDocument, fromNs: number, toNs: number): RangeResult {
  const s = doc.series;
  if (s.decimated)
    return { ok: false, reason: 'the series is decimated (per-bucket minima and maxima), so counts over a range cannot be summed from it' };
  const r = sampleRange(s.t_ns, Math.min(fromNs, toNs), Math.max(fromNs, toNs));
  if (!r) return { ok: false, reason: 'no sample interval lies mostly inside the range' };
  const sec = (r.end_ns - r.start_ns) / 1e9;
  const nics = doc.nics.map((n): NicRangeFigures => {
    const packets = sumOf(s, seriesKey.nic(n.name, 'rx_packets'), r) ?? 0;
    const bytes = sumOf(s, seriesKey.nic(n.name, 'rx_bytes'), r) ?? 0;
    const reasons = new Set(Object.keys(n.rx.drops));
    const prefix = seriesKey.nicDropPrefix(n.name);
    for (const k of Object.keys(s.columns)) if (k.startsWith(prefix)) reasons.add(k.slice(prefix.length));
    const drops: Record<string, number | null> = {};
    for (const reason of [...reasons].sort()) drops[reason] = sumOf(s, seriesKey.nicDrop(n.name, reason), r);
    return {
      name: n.name,
      packets,
      bytes,
      offered_packets: sumOf(s, seriesKey.nic(n.name, 'offered_packets'), r) ?? 0,
      gbps: (bytes * 8) / sec / 1e9,
      mpps: packets / sec / 1e6,
      line_rate_share: ((bytes + ETH_WIRE_OVERHEAD_BYTES * packets) * 8) / (n.link_bps * sec),
      drops,
      utilization: meanOf(s, seriesKey.nic(n.name, 'cpu_busy'), r),
      cycles_by_stage: stagesOf(s, n.name, r),
    };
  });
  const pools = doc.pools.map((p): PoolRangeFigures => {
    const stats = Object.fromEntries(PP_STAT_NAMES.map((c) => [c, sumOf(s, seriesKey.pool(p.id, c), r) ?? 0])) as PagePoolStats;
    const at_end = Object.fromEntries(POOL_GAUGES.map((g) => [g, endOf(s, seriesKey.pool(p.id, g), r)])) as Record<
      PoolGauge,
      number | null
    >;
    return { id: p.id, stats, recycle_ratio: recycleRatio(stats), at_end };
  });
  const bindings = doc.bindings.map((b): BindingRangeFigures => ({
    id: b.id,
    at_end: Object.fromEntries(BINDING_GAUGES.map((g) => [g, endOf(s, seriesKey.binding(b.id, g), r)])) as Record<
      BindingGauge,
      number | null
    >,
    counts: Object.fromEntries(BINDING_DELTAS.map((d) => [d, sumOf(s, seriesKey.binding(b.id, d), r)])) as Record<
      BindingDelta,
      number | null
    >,
  }));
  return { ok: true, figures: { range: r, nics, pools, bindings } };
}
