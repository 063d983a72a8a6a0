// One page_pool in the run document: its parameters, the 11 counters, hold/release and where its
// in-flight buffers are at the end.
import type { PoolProvider } from './names';
import type { PoolMetadata } from './metadataResult';

/** The 11 page_pool counters, named as `ynl page-pool-stats-get` names them (snake_case). */
export const PP_STAT_NAMES = [
  'alloc_fast',
  'alloc_slow',
  'alloc_slow_high_order',
  'alloc_empty',
  'alloc_refill',
  'alloc_waive',
  'recycle_cached',
  'recycle_cache_full',
  'recycle_ring',
  'recycle_ring_full',
  'recycle_released_refcnt',
] as const;
export type PpStatName = (typeof PP_STAT_NAMES)[number];
export type PagePoolStats = Record<PpStatName, number>;

/** Every counter at 0, in PP_STAT_NAMES order (the order the documents print them in). */
export function zeroPagePoolStats(): PagePoolStats {
  const s = {} as PagePoolStats;
  for (const n of PP_STAT_NAMES) s[n] = 0;
  return s;
}

/** `ethtool -S` string for each counter (net/core/page_pool.c pp_stats[]). */
export const PP_STAT_ETHTOOL: Record<PpStatName, string> = {
  alloc_fast: 'rx_pp_alloc_fast',
  alloc_slow: 'rx_pp_alloc_slow',
  alloc_slow_high_order: 'rx_pp_alloc_slow_ho',
  alloc_empty: 'rx_pp_alloc_empty',
  alloc_refill: 'rx_pp_alloc_refill',
  alloc_waive: 'rx_pp_alloc_waive',
  recycle_cached: 'rx_pp_recycle_cached',
  recycle_cache_full: 'rx_pp_recycle_cache_full',
  recycle_ring: 'rx_pp_recycle_ring',
  recycle_ring_full: 'rx_pp_recycle_ring_full',
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

/** 'data' for the RX payload pool, 'header' for a header-split header pool. */
export type PoolRole = 'data' | 'header';

export interface PoolResult {
  id: number;
  nic: string;
  queue: number;
  role: PoolRole;
  params: {
    order: number;
    pool_size: number;
    ring_size: number;
    flags: string[];
    napi: boolean;
    nid: number | 'NUMA_NO_NODE';
    dma_dir: string;
    max_len: number;
    offset: number;
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
