// The recycle ratio, defined once for the charts and the report.
//
// Of the buffers whose last reference was dropped and that came back to page_pool
// (page_pool_put_unrefed_netmem), the share that was kept for reuse: put in the lockless alloc
// cache (recycle_cached) or in the ptr_ring (recycle_ring), rather than released to the page
// allocator or the memory provider because the ring was full (recycle_ring_full) or the page
// could not be recycled: elevated _refcount or pfmemalloc (recycle_released_refcnt).
//
//   ratio = (recycle_cached + recycle_ring)
//         / (recycle_cached + recycle_ring + recycle_ring_full + recycle_released_refcnt)
//
// Caveat stated in the report: page_pool_put_netmem_bulk() bumps recycle_ring_full once per
// failed bulk call, not per buffer released (docs/model/page-pool.md#counters, #bulk-put), so with bulk
// frees the denominator can undercount releases and the ratio reads slightly high.
// recycle_cache_full is not a separate outcome: the buffer then goes on to the ring attempt.
import type { PagePoolStats } from '../runDocument';

export type RecycleCounters = Pick<PagePoolStats, 'recycle_cached' | 'recycle_ring' | 'recycle_ring_full' | 'recycle_released_refcnt'>;

/** The ratio in [0, 1], or null when no buffer came back (0/0). */
export function recycleRatio(s: RecycleCounters): number | null {
  const kept = s.recycle_cached + s.recycle_ring;
  const returned = kept + s.recycle_ring_full + s.recycle_released_refcnt;
  return returned > 0 ? kept / returned : null;
}

export const RECYCLE_RATIO_DEFINITION =
  'recycle ratio = (recycle_cached + recycle_ring) / (recycle_cached + recycle_ring + recycle_ring_full + recycle_released_refcnt): ' +
  'of the buffers returned to the pool, the share kept for reuse (alloc cache or ptr_ring) instead of being released. ' +
  'recycle_ring_full counts once per failed bulk put, not per buffer (page_pool_put_netmem_bulk), so with bulk frees the ratio can read slightly high.';
