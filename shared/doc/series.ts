// The run document's time series: columns keyed by seriesKeys.ts, with what each column is about.
import type { PoolRole } from './poolResult';

export type SeriesKind = 'delta' | 'gauge';
export type SeriesEntity = 'nic' | 'queue' | 'pool' | 'mem' | 'binding' | 'zcrx' | 'provider';

/**
 * One column: its key and what it is about (built by seriesKeys.ts). The facts after `label`
 * are absent in documents written before columns carried them (columnFacts reads those keys).
 */
export interface SeriesColumnMeta {
  key: string;
  /** 'packets', 'bytes', 'pages', 'buffers', 'fraction', 'cycles', … */
  unit: string;
  kind: SeriesKind;
  label: string;
  entity?: SeriesEntity;
  nic?: string;
  queue?: number;
  pool?: number;
  role?: PoolRole;
  node?: number;
  binding?: number;
  /** a memory provider instance, `<kind>-<id>` (e.g. `zcrx-0`) */
  provider?: string;
  /** the counter or gauge within its entity, e.g. `alloc_fast`, `drop/rx_missed` */
  counter?: string;
}

/**
 * Time series as columns (keys built by seriesKeys.ts). Keys: `nic/<name>/rx_packets`, `nic/<name>/rx_bytes`,
 * `nic/<name>/drop/<reason>`, `nic/<name>/cpu_busy`, `nic/<name>/sock_queued` (gauge, packets),
 * `nic/<name>/sock_queued_bytes` (gauge), `nic/<name>/window_limited` (delta: TCP send slots skipped
 * with the receive window closed), `nic/<name>/cycles/<stage>` (delta, unit cycles: the cycles charged
 * for the NIC in each CycleStage; over the run they sum to `nics[].cycles_by_stage`), `queue/<nic>/<q>/rx_packets`,
 * `queue/<nic>/<q>/posted`, `pool/<id>/<counter>` (deltas), `pool/<id>/inflight` (gauge),
 * `mem/<node>/free_pages` (gauge), `mem/<node>/pfmemalloc`, `mem/<node>/alloc_fail` (deltas),
 * `binding/<id>/…` (devmem: niov_free, niov_alloc_cache, niov_ptr_ring, niov_nic_ring, niov_stack,
 * niov_user, tokens_outstanding (gauges); dontneed_calls, alloc_failures (deltas)),
 * `provider/<kind>-<id>/…` (every memory provider: niov_free, niov_in_pool, niov_user gauges, and
 * the provider's own, e.g. zcrx rq_pending, cq_pending (gauges), enospc, alloc_failures (deltas)).
 * Deltas are per sample interval; gauges are the value at the end of the interval.
 */
export interface Series {
  t_ns: number[];
  columns: Record<string, number[]>;
  meta: SeriesColumnMeta[];
  /**
   * Present when the scenario asked for `series: decimated` and the run had more samples than
   * the bound: each bucket of `samples_per_bucket` samples is two rows, every column's minimum
   * (at the bucket's first sample time) then its maximum (at its last). Totals elsewhere in the
   * document are counted by the engine, not summed from the series, so they stay exact.
   */
  decimated?: { samples_per_bucket: number };
}
