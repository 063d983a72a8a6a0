// What a page_pool reports: the 11 counters of struct page_pool_alloc_stats and
// page_pool_recycle_stats (include/net/page_pool/types.h, 6.18; docs/model/page-pool.md), and
// where the pool's buffers are now.
import type { PagePoolStats, PoolAccounting } from '../../doc/runDocument';
import { zeroPagePoolStats } from '../../doc/poolResult';
import { OUT_STRIDE } from '../netmem/places';
import type { PagePoolState } from './poolState';

/** A new pool's counters (page_pool_init zeroes them with the pool). */
export function newStats(): PagePoolStats {
  return zeroPagePoolStats();
}

/** Where the pool's buffers are: its alloc cache, its ptr_ring, and handed out by holder. */
export function poolAccounting(pool: Pick<PagePoolState, 'id' | 'pages' | 'ring' | 'cacheCount'>): PoolAccounting {
  const out = pool.pages.counts.out;
  const b = pool.id * OUT_STRIDE;
  return {
    alloc_cache: pool.cacheCount,
    ptr_ring: pool.ring.count,
    nic_ring: out[b],
    stack: out[b + 1],
    user: out[b + 2],
  };
}
