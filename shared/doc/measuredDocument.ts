// The measured document (`"format": "netmem-workbench/measured@1"`): what `cli import` writes from
// ynl, ethtool -S, bpftrace and bench_page_pool output. Shape documented in docs/model/measured-data.md.
import type { PagePoolStats } from './runDocument';

export const MEASURED_FORMAT = 'netmem-workbench/measured@1' as const;

export const MEASURED_KINDS = ['ynl', 'ethtool', 'bpftrace', 'bench', 'prom'] as const;
export type MeasuredKind = (typeof MEASURED_KINDS)[number];

export type PartialStats = Partial<PagePoolStats>;

/** One page_pool as `page-pool-get` / `page-pool-stats-get` report it (netdev.yaml attribute set page-pool). */
export interface MeasuredPool {
  id: number;
  /** absent in the dump for pools of the loopback device or not linked to a netdev */
  ifindex: number | null;
  napi_id?: number;
  inflight?: number;
  /** bytes */
  inflight_mem?: number;
  /** seconds (CLOCK_BOOTTIME) at which the pool was detached from its netdev */
  detach_time?: number;
  dmabuf?: number;
  io_uring?: boolean;
  stats?: PartialStats;
}

/** One netdev's `ethtool -S` page_pool counters: totals, per queue, and a header-split pool (mlx5 rx_pp_hd_*). */
export interface MeasuredDevice {
  device: string;
  stats: PartialStats;
  queues: { queue: number; stats: PartialStats }[];
  header_pool?: PartialStats;
  /** counters other than page_pool's, by their ethtool name */
  other: Record<string, number>;
}

/** Counter rates from the first to the last timed snapshot. */
export interface MeasuredRates {
  interval_s: number;
  pools: { id: number; ifindex: number | null; per_s: PartialStats }[];
  devices: { device: string; per_s: PartialStats }[];
}

/**
 * Counter values at each snapshot time (cumulative, as the kernel reports them). Keys:
 * `pool/<id>/<counter>`, `pool/<id>/inflight`, `dev/<device>/<counter>`, `dev/<device>/q<N>/<counter>`.
 */
export interface MeasuredSeries {
  t_s: number[];
  columns: Record<string, number[]>;
}

/** A bpftrace histogram (hist/lhist): one per map and key. */
export interface MeasuredHistogram {
  map: string;
  key: string | null;
  /** null min: the underflow bucket (below the first bound); null max: the overflow bucket */
  buckets: { min: number | null; max: number | null; count: number }[];
}

export interface MeasuredScalar {
  map: string;
  key: string | null;
  value: number;
}

/** One `time_bench` result line of bench_page_pool_simple / test_bench_page_pool.sh. */
export interface BenchResult {
  /** the Type: name, e.g. tasklet_page_pool01_fast_path, no-softirq-page_pool02, atomic_inc */
  test: string;
  cycles: number;
  ns: number;
  invoke_count?: number;
  tsc_interval?: number;
  time_interval_ns?: number;
}

export interface MeasuredSource {
  path: string;
  kind: MeasuredKind;
  snapshots: number;
}

export interface MeasuredDocument {
  format: typeof MEASURED_FORMAT;
  sources: MeasuredSource[];
  pools: MeasuredPool[];
  devices: MeasuredDevice[];
  rates: MeasuredRates | null;
  series: MeasuredSeries | null;
  histograms: MeasuredHistogram[];
  scalars: MeasuredScalar[];
  bench: BenchResult[];
}

/** One point in time of a counter file: pools (ynl) or devices (ethtool). */
export interface Snapshot {
  /** which dump it is: snapshots of one stream form a time series; different streams are merged */
  stream: 'ynl-page-pool-get' | 'ynl-page-pool-stats-get' | 'ynl-page-pool-sample' | 'ethtool';
  /** seconds, from a timestamp line; null when the file had none */
  t: number | null;
  pools: MeasuredPool[];
  devices: MeasuredDevice[];
}

export function emptyMeasured(): MeasuredDocument {
  return {
    format: MEASURED_FORMAT,
    sources: [],
    pools: [],
    devices: [],
    rates: null,
    series: null,
    histograms: [],
    scalars: [],
    bench: [],
  };
}
