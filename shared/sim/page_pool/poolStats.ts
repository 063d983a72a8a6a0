// What a page_pool reports: the 11 counters of struct page_pool_alloc_stats and
// page_pool_recycle_stats (include/net/page_pool/types.h, 6.18; docs/model/page-pool.md), and
// where the pool's buffers are now.
import type { PagePoolStats, PoolAccounting } from '../../doc/runDocument';
import { NHOLDERS } from '../netmem/places';
import type { PagePoolState } from './poolState';

export function newStats(): PagePoolStats {
  return {
    alloc_fast: 0,
    alloc_slow: 0,
    alloc_slow_high_order: 0,
    alloc_empty: 0,
    alloc_refill: 0,
    alloc_waive: 0,
    recycle_cached: 0,
    recycle_cache_full: 0,
    recycle_ring: 0,
    recycle_ring_full: 0,
    recycle_released_refcnt: 0,
  };
}

/** Where the pool's buffers are: its alloc cache, its ptr_ring, and handed out by holder. */
export function poolAccounting(pool: Pick<PagePoolState, 'id' | 'pages' | 'ring' | 'cacheCount'>): PoolAccounting {
  const out = pool.pages.counts.out;
  const b = pool.id * NHOLDERS;
  return {
    alloc_cache: pool.cacheCount,
    ptr_ring: pool.ring.count,
    nic_ring: out[b],
    stack: out[b + 1],
    user: out[b + 2],
  };
}
