// The run document: everything one run produced, `"format": "netmem-workbench/run@1"`.
// Same scenario + seed ⇒ identical document outside `meta` (wall-clock figures live only there).
import type { Scenario } from '../../scenario/schema';
import type { SensitivityResult } from './sensitivity';

export const RUN_FORMAT = 'netmem-workbench/run@1' as const;

/** The 11 page_pool counters, named as `ynl page-pool-stats-get` names them (snake_case). */
export const PP_STAT_NAMES = [
  'alloc_fast', 'alloc_slow', 'alloc_slow_high_order', 'alloc_empty', 'alloc_refill', 'alloc_waive',
  'recycle_cached', 'recycle_cache_full', 'recycle_ring', 'recycle_ring_full', 'recycle_released_refcnt',
] as const;
export type PpStatName = (typeof PP_STAT_NAMES)[number];
export type PagePoolStats = Record<PpStatName, number>;

/** `ethtool -S` string for each counter (net/core/page_pool.c pp_stats[]). */
export const PP_STAT_ETHTOOL: Record<PpStatName, string> = {
  alloc_fast: 'rx_pp_alloc_fast', alloc_slow: 'rx_pp_alloc_slow', alloc_slow_high_order: 'rx_pp_alloc_slow_ho',
  alloc_empty: 'rx_pp_alloc_empty', alloc_refill: 'rx_pp_alloc_refill', alloc_waive: 'rx_pp_alloc_waive',
  recycle_cached: 'rx_pp_recycle_cached', recycle_cache_full: 'rx_pp_recycle_cache_full',
  recycle_ring: 'rx_pp_recycle_ring', recycle_ring_full: 'rx_pp_recycle_ring_full',
  recycle_released_refcnt: 'rx_pp_recycle_released_ref',
};

/** Where a pool's in-flight buffers are; the fields sum to `inflight`. */
export interface PoolAccounting {
  alloc_cache: number;
  ptr_ring: number;
  nic_ring: number;
  stack: number;
  user: number;
}

export interface PoolResult {
  id: number;
  nic: string;
  queue: number;
  /** 'data' for the RX payload pool, 'header' for a header-split header pool. */
  role: 'data' | 'header';
  params: {
    order: number; pool_size: number; ring_size: number; flags: string[]; napi: boolean; nid: number | 'NUMA_NO_NODE';
    dma_dir: string; max_len: number; offset: number;
  };
  provider: 'pages' | 'dmabuf';
  stats: PagePoolStats;
  hold_cnt: number;
  release_cnt: number;
  inflight: number;
  inflight_mem: number;
  peak_inflight: number;
  accounting: PoolAccounting;
  /** Set once page_pool_destroy() ran; null while the pool is live. */
  destroy: null | { started_ns: number; finished_ns: number | null; detach_time_ns: number | null };
}

export interface NicResult {
  name: string;
  driver: string;
  variant: string;
  link_bps: number;
  queues: number;
  rx: {
    packets: number;
    bytes: number;
    gbps: number;
    mpps: number;
    /** share of the line rate (wire bits incl. preamble and IFG) that was received */
    line_rate_share: number;
    offered_packets: number;
    drops: Record<string, number>;
    /**
     * (additive) TCP send slots the sender skipped because the flow's receive window was closed
     * (socket receive buffer full, see consumer rcvbuf): not offered, not dropped
     */
    window_limited_frames?: number;
    /** (additive) bytes charged to the NIC's sockets at the end (queued, not yet read) */
    sock_queued_bytes?: number;
    /** (additive) the most bytes any one socket of the NIC had charged (queued, not yet read) */
    peak_sock_bytes?: number;
  };
  cpu: {
    cycles_per_packet: number; utilization: number; per_queue_utilization: number[];
    /** (additive) application-side cycles per received packet: recvmsg, copy, frees on the app core */
    app_cycles_per_packet?: number;
    /** (additive) NAPI-side cycles per received packet of each queue (0 for a queue that got none) */
    per_queue_cycles_per_packet?: number[];
  };
  /** Driver facts (buffer scheme, capabilities) as the driver model states them. */
  driver_info: Record<string, unknown>;
  /** devmem TCP figures for this NIC (present when a dma-buf was bound or bind-rx was tried). */
  devmem?: DevmemNicResult;
}

/**
 * Devmem data path of one NIC. Host-memory traffic counts bytes that crossed host DRAM, with
 * DDIO off: a NIC DMA write of a byte into host memory is 1, a copy to user is 2 (read + write).
 * The dma-buf is device (GPU) memory, as in the seed setup: devmem payload never enters host
 * memory; its headers do (header buffer, then copied into the skb head).
 */
export interface DevmemNicResult {
  bound_queues: number[];
  bind_failures: number;
  /** unreadable packets that reached ordinary (non-devmem) sockets: recvmsg -EFAULT, dropped */
  efault_skbs: number;
  devmem_packets: number;
  /** frame bytes of unreadable skbs read by the application (payload as tokens, headers in host memory) */
  devmem_bytes: number;
  devmem_header_bytes: number;
  tokens_handed: number;
  tokens_outstanding: number;
  dontneed_calls: number;
  /** readable bytes the application read (copied to user) */
  readable_bytes: number;
  host_memory_bytes: number;
  host_memory_gbytes_per_s: number;
  /** the same bytes if none had been devmem (all copied to user) */
  host_memory_bytes_without_devmem: number;
  host_memory_gbytes_per_s_without_devmem: number;
}

export type EventLevel = 'info' | 'warn' | 'error';
export interface EventRecord {
  t_ns: number;
  level: EventLevel;
  source: string;
  message: string;
}

export type SeriesKind = 'delta' | 'gauge';
export interface SeriesColumnMeta {
  key: string;
  /** 'packets', 'bytes', 'pages', 'buffers', 'fraction', 'cycles', … */
  unit: string;
  kind: SeriesKind;
  label: string;
}

/**
 * Time series as columns. Keys: `nic/<name>/rx_packets`, `nic/<name>/rx_bytes`,
 * `nic/<name>/drop/<reason>`, `nic/<name>/cpu_busy`, `nic/<name>/sock_queued` (gauge, packets),
 * `nic/<name>/sock_queued_bytes` (gauge), `nic/<name>/window_limited` (delta: TCP send slots skipped
 * with the receive window closed), `queue/<nic>/<q>/rx_packets`,
 * `queue/<nic>/<q>/posted`, `pool/<id>/<counter>` (deltas), `pool/<id>/inflight` (gauge),
 * `mem/<node>/free_pages` (gauge), `mem/<node>/pfmemalloc`, `mem/<node>/alloc_fail` (deltas),
 * `binding/<id>/…` (devmem: niov_free, niov_alloc_cache, niov_ptr_ring, niov_nic_ring, niov_stack,
 * niov_user, tokens_outstanding (gauges); dontneed_calls, alloc_failures (deltas)).
 * Deltas are per sample interval; gauges are the value at the end of the interval.
 */
export interface Series {
  t_ns: number[];
  columns: Record<string, number[]>;
  meta: SeriesColumnMeta[];
}

/**
 * One devmem dma-buf binding (net_devmem_dmabuf_binding) at the end of the run. The net_iov
 * counts sum to `niovs`: free in the genpool, or owned by a page_pool using the binding
 * (alloc cache, ptr_ring, posted to / held by the driver, in the stack, held by the user as tokens).
 */
export interface BindingResult {
  /** binding id (the `dmabuf` attribute of page-pool-get / queue-get, SCM_DEVMEM_DMABUF dmabuf_id) */
  id: number;
  nic: string;
  /** rx queues bound at the end (empty once unbound) and at bind time */
  queues: number[];
  queues_at_bind: number[];
  dmabuf_size: number;
  /** DMA scatterlist entries = genpool chunks */
  chunks: number;
  niovs: number;
  state: 'bound' | 'unbound' | 'freed';
  bound_ns: number;
  unbound_ns: number | null;
  /** binding freed: attachment unmapped, dma-buf no longer pinned */
  freed_ns: number | null;
  niov: { free: number; alloc_cache: number; ptr_ring: number; nic_ring: number; stack: number; user: number };
  tokens_outstanding: number;
  tokens_handed: number;
  dontneed_calls: number;
  dontneed_freed: number;
  /** provider allocations that found the genpool empty (driver could not post a buffer) */
  alloc_failures: number;
  /** payload bytes delivered through the linear area (SCM_DEVMEM_LINEAR): no header split */
  linear_bytes: number;
  /** page_pool ids that used the binding */
  pools: number[];
}

export interface MemoryNodeResult {
  node: number;
  total_pages: number;
  free_pages: number;
  min_pages: number;
  low_pages: number;
  high_pages: number;
  pfmemalloc_allocs: number;
  alloc_failures: number;
}

export interface RunDocument {
  format: typeof RUN_FORMAT;
  tool: { name: 'netmem-workbench'; version: string };
  scenario: Scenario;
  seed: number;
  duration_ns: number;
  sample_ns: number;
  nics: NicResult[];
  pools: PoolResult[];
  /** devmem dma-buf bindings (filled by the dmabuf provider; empty otherwise). */
  bindings: BindingResult[];
  memory: MemoryNodeResult[];
  series: Series;
  events: EventRecord[];
  /** (optional) headline figures with the estimated costs at their bounds (`run --sensitivity`) */
  sensitivity?: SensitivityResult;
  meta: { wall_ms: number; sim_packets_per_wall_s: number; realtime_factor: number; started_at: string; node: string };
}

/** A batch of samples streamed while a run is in progress (worker → host → renderer). */
export interface SampleBatch {
  t_ns: Float64Array;
  /** Same keys and order as the columns announced at start. */
  columns: Float64Array[];
}

export interface RunProgress {
  sim_ns: number;
  total_ns: number;
  /** Simulated seconds per wall second. */
  speed: number;
}
