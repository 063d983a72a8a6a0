// The run document: everything one run produced, `"format": "netmem-workbench/run@1"`.
// Same scenario + seed ⇒ identical document outside `meta` (wall-clock figures live only there).
import type { PoolProvider } from './names';
import type { ProviderReport } from './providerReport';
import type { DocScenario } from './scenarioType';
import type { SensitivityResult } from './sensitivityDocument';
import type { CycleStage } from './cycleStages';

export type { ProviderReport, ProviderNiovPlaces } from './providerReport';
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

/** Layouts of per-buffer metadata the run is costed under (docs/model/metadata.md). */
export type MetadataLayout = 'struct_page' | 'netmem_desc' | 'memdesc';
export const METADATA_LAYOUTS: readonly MetadataLayout[] = ['struct_page', 'netmem_desc', 'memdesc'];

/** Buffers held at one instant. Array index = page order (an order-n buffer is 2^n pages of 4 KiB). */
export interface HeldBuffers {
  /** page_pool buffers by order */
  pool_pages_by_order: number[];
  /** net_iovs held by page_pools fed by a memory provider (devmem) */
  net_iovs: number;
  /** pages a driver took from the page allocator outside page_pool, by order */
  driver_pages_by_order: number[];
}

/** Per-buffer metadata of one NIC, measured where buffers change hands (metadata/holdMeter.ts). */
export interface NicMetadata {
  /** what the NIC held at the instant it held the most 4 KiB descriptors */
  peak: HeldBuffers;
  /** that peak in descriptors: 4 KiB pages (2^order per buffer) + net_iovs */
  peak_descriptors: number;
  /** the driver-owned pages' own peak, in 4 KiB pages */
  peak_driver_descriptors: number;
  /** metadata bytes at the peak under each layout */
  bytes: Record<MetadataLayout, number>;
  /** those bytes per RX buffer the peak could post (buffers_per_page per page buffer, 1 per net_iov) */
  per_rx_buffer: Record<MetadataLayout, number>;
  /** what the layouts assume, in words */
  assumptions: string[];
}

/** One pool's own peak (peak_inflight, at its own instant) in descriptors and metadata bytes. */
export interface PoolMetadata {
  peak_descriptors: number;
  bytes: Record<MetadataLayout, number>;
}

export interface PoolResult {
  id: number;
  nic: string;
  queue: number;
  role: PoolRole;
  params: {
    order: number; pool_size: number; ring_size: number; flags: string[]; napi: boolean; nid: number | 'NUMA_NO_NODE';
    dma_dir: string; max_len: number; offset: number;
  };
  provider: PoolProvider;
  stats: PagePoolStats;
  hold_cnt: number;
  release_cnt: number;
  inflight: number;
  inflight_mem: number;
  peak_inflight: number;
  accounting: PoolAccounting;
  /** metadata bytes of the pool's peak_inflight buffers (absent in documents written before they were measured) */
  metadata?: PoolMetadata;
  /**
   * Who can see the pool at the end (net/core/page_pool_user.c): normal (listed on its netdev),
   * orphaned (its netdev unregistered: listed on lo, page-pool-get shows no ifindex), invisible
   * (created without a netdev, or NET_PTR_POISON after the netns' lo went), gone (destroyed).
   */
  visibility?: 'normal' | 'orphaned' | 'invisible' | 'gone';
  /** Set once page_pool_destroy() ran; null while the pool is live. */
  destroy: null | { started_ns: number; finished_ns: number | null; detach_time_ns: number | null };
}

/**
 * `qstats-get` of one NIC summed over its RX queues (Documentation/netlink/specs/netdev.yaml,
 * struct netdev_queue_stats_rx in include/net/netdev_queues.h).
 */
export interface QstatsRx {
  'rx-packets': number;
  'rx-bytes': number;
  /** absent when the driver's get_queue_stats_rx leaves alloc_fail unset */
  'rx-alloc-fail'?: number;
}

/**
 * Stages a NIC's charged cycles are split into, in this order (docs/model/costs.md): IRQ and NAPI
 * poll overhead, page_pool/provider allocation, DMA map/unmap/sync and IOTLB, driver RX work, GRO,
 * copies, socket/consumer/application read, page_pool put/free paths.
 */
export { CYCLE_STAGES, type CycleStage } from './cycleStages';

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
     * TCP send slots the sender skipped because the flow's receive window was closed
     * (socket receive buffer full, see consumer rcvbuf): not offered, not dropped
     */
    window_limited_frames?: number;
    /**
     * frames the senders had ready that the link could not carry: several sources oversubscribed
     * it and the link's far end dropped them (nic/wire.ts); not offered, never received
     */
    wire_dropped_frames?: number;
    /** Bytes charged to the NIC's sockets at the end (queued, not yet read) */
    sock_queued_bytes?: number;
    /** The most bytes any one socket of the NIC had charged (queued, not yet read) */
    peak_sock_bytes?: number;
  };
  cpu: {
    cycles_per_packet: number; utilization: number; per_queue_utilization: number[];
    /** Application-side cycles per received packet: recvmsg, copy, frees on the app core */
    app_cycles_per_packet?: number;
    /** NAPI-side cycles per received packet of each queue (0 for a queue that got none) */
    per_queue_cycles_per_packet?: number[];
  };
  /**
   * `qstats-get` summed over the NIC's RX queues (sim/drivers/common/qstats.ts); null when the driver has no
   * netdev_stat_ops (the request answers -EOPNOTSUPP).
   */
  qstats?: QstatsRx | null;
  /**
   * NAPI of the NIC's queues (docs/model/napi.md): polls scheduled by a device IRQ, by the
   * napi_watchdog hrtimer (defer_hard_irqs with gro_flush_timeout), and all softirq/thread polls.
   */
  napi?: {
    threaded: boolean; hard_irqs: number; timer_polls: number; polls: number;
    /** napi_busy_loop iterations on the application cores, and the frames they received */
    busy_polls: number; busy_poll_packets: number;
  };
  /**
   * Cycles charged to the cores for this NIC over the run, by stage (shared/doc/cycleStages.ts):
   * every charge counts in exactly one stage; their sum is the NIC's total (NAPI, softirq frees,
   * application reads, process-context work). Absent in documents written before it was recorded.
   */
  cycles_by_stage?: Record<CycleStage, number>;
  /** Driver facts (buffer scheme, capabilities) as the driver model states them. */
  driver_info: Record<string, unknown>;
  /** per-buffer metadata at the NIC's peak hold (absent in documents written before it was measured) */
  metadata?: NicMetadata;
  /** devmem TCP figures for this NIC (present when a dma-buf was bound or bind-rx was tried). */
  devmem?: DevmemNicResult;
  /** io_uring zero-copy receive on this NIC (present when the NIC has a zcrx provider). */
  zcrx?: ZcrxNicResult;
}

/** The NIC's io_uring zcrx interface queue: registration outcome and the ifq's report. */
export interface ZcrxNicResult {
  /** null when IORING_REGISTER_ZCRX_IFQ succeeded, else "-ERRNO (text): message" */
  registration_error: string | null;
  /** unreadable skbs that reached a socket other than the io_uring one (-EFAULT) */
  efault_skbs: number;
  ifq: ProviderReport | null;
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
/** 'data' for the RX payload pool, 'header' for a header-split header pool. */
export type PoolRole = 'data' | 'header';
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

/** Failures the fault points injected over the run (docs/model/fault-injection.md). */
export interface FaultsResult {
  /** fail_function on page_pool_alloc_netmems: calls that returned NULL */
  fail_function: number;
  /** page_pool_dma_map calls that saw dma_mapping_error() */
  dma_map_error: number;
}

export interface RunDocument {
  format: typeof RUN_FORMAT;
  tool: { name: 'netmem-workbench'; version: string };
  scenario: DocScenario;
  seed: number;
  duration_ns: number;
  sample_ns: number;
  nics: NicResult[];
  pools: PoolResult[];
  /** devmem dma-buf bindings (filled by the dmabuf provider; empty otherwise). */
  bindings: BindingResult[];
  /**
   * Every memory-provider instance of the run (dma-buf bindings, io_uring zcrx areas), as each
   * reports itself (ProviderReport); absent when the run had none.
   */
  providers?: ProviderReport[];
  memory: MemoryNodeResult[];
  /** present when the scenario arms a fault point */
  faults?: FaultsResult;
  series: Series;
  events: EventRecord[];
  /** (optional) headline figures with the estimated costs at their bounds (`run --sensitivity`) */
  sensitivity?: SensitivityResult;
  meta: {
    wall_ms: number; sim_packets_per_wall_s: number; realtime_factor: number; started_at: string; node: string;
    /** the run was of editor text that differed from the saved scenario file */
    unsaved?: boolean;
  };
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
