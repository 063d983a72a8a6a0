// page_pool_destroy and the deferred release (§4.2), page_pool_update_nid (§3.4).
// Text of the stall warning as page_pool_release_retry prints it (6.18):
//   "page_pool_release_retry() stalled pool shutdown: id %u, %d inflight %d sec"
// printed only for pools user space cannot see (no netdev, or NET_PTR_POISON once the netns' lo
// unregistered; an orphan owned by lo stays silent), first when 60 s have passed since
// the destroy (defer_warn = defer_start + DEFER_WARN_INTERVAL), then every 60 s.
import { PLACE_OUT } from '../netmem/places';
import { DEFER_TIME_NS, DEFER_WARN_INTERVAL_NS, NET_PTR_POISON, PP_OP_DMA_UNMAP } from './types';
import type { PagePoolState as PagePool } from './poolState';
import { freeFrag } from './frag';
import { returnNetmem } from './release';

const NS_PER_SEC = 1_000_000_000;

export function destroyPool(pool: PagePool, nowNs: number): void {
  if (pool.state !== 'live') throw new Error(`page_pool_destroy: pool ${pool.id} is already ${pool.state}`);
  // page_pool_put: only the last user destroys
  if (--pool.userCnt > 0) return;
  pool.disableDirectRecycling();
  freeFrag(pool);
  pool.destroyInfo = { started_ns: nowNs, finished_ns: null, detach_time_ns: null };
  if (release(pool, nowNs) === 0) return;
  // page_pool_detached: detach_time set, page-pool-change-ntf
  pool.state = 'detached';
  pool.destroyInfo.detach_time_ns = nowNs;
  pool.deferStartNs = nowNs;
  pool.deferWarnNs = nowNs + DEFER_WARN_INTERVAL_NS;
  pool.hooks.schedule(DEFER_TIME_NS, () => releaseRetry(pool));
}

/** page_pool_release_retry */
function releaseRetry(pool: PagePool): void {
  const now = pool.hooks.now();
  const inflight = release(pool, now);
  // 0: destroyed; negative: never recovers, no reschedule [6.18]
  if (inflight <= 0) return;
  // the kernel also kicks every CPU's deferred skb free here; the engine frees skbs on its own
  if (now >= pool.deferWarnNs && (pool.netdev === 0 || pool.netdev === NET_PTR_POISON)) {
    const sec = Math.trunc((now - pool.deferStartNs) / NS_PER_SEC);
    pool.hooks.log('warn', `page_pool_release_retry() stalled pool shutdown: id ${pool.id}, ${inflight} inflight ${sec} sec`);
    pool.deferWarnNs = now + DEFER_WARN_INTERVAL_NS;
  }
  pool.hooks.schedule(DEFER_TIME_NS, () => releaseRetry(pool));
}

/** page_pool_release: scrub, strict inflight, final destroy when nothing is in flight. */
function release(pool: PagePool, nowNs: number): number {
  scrub(pool);
  const inflight = pool.inflightStrict();
  if (inflight < 0) pool.hooks.log('warn', `WARNING: page_pool_inflight: Negative(${inflight}) inflight packet-pages`);
  if (inflight === 0) finalDestroy(pool, nowNs);
  return inflight;
}

/** page_pool_scrub */
function scrub(pool: PagePool): void {
  // page_pool_empty_alloc_cache_once
  if (pool.destroyCnt === 0) {
    while (pool.cacheCount > 0) returnNetmem(pool, pool.cache[--pool.cacheCount]);
  }
  if (pool.destroyCnt++ === 0 && pool.dmaMap) {
    // turn off recycle-time sync, then unmap every page still tracked as mapped (dma_mapped
    // xarray): in-flight pages lose their mapping but stay accounted
    pool.dmaSync = false;
    unmapInflight(pool);
  }
  // page_pool_empty_ring
  for (;;) {
    const ref = pool.ring.consume();
    if (ref === 0) break;
    const rc = pool.hooks.tables.refCount(ref);
    if (rc !== 1) pool.hooks.log('error', `page_pool_empty_ring() page_pool refcnt ${rc} violation`);
    returnNetmem(pool, ref);
  }
}

/** xa_for_each(dma_mapped): one scan of the page table, only on the first scrub. */
function unmapInflight(pool: PagePool): void {
  const t = pool.pages;
  let n = 0;
  for (let i = 0; i < t.used; i++) {
    if (t.ppId[i] === pool.id && t.dmaMapped[i] === 1 && t.placeOf(i) === PLACE_OUT) {
      t.dmaMapped[i] = 0;
      n++;
    }
  }
  if (n > 0) pool.hooks.charge(PP_OP_DMA_UNMAP, n);
}

/** __page_pool_destroy: unlist (page-pool-del-ntf), uninit (mp_ops->destroy), free. */
function finalDestroy(pool: PagePool, nowNs: number): void {
  pool.state = 'destroyed';
  if (pool.destroyInfo) pool.destroyInfo.finished_ns = nowNs;
  if (pool.provider !== null) pool.provider.destroy(pool);
  pool.hooks.registry.remove(pool.id);
}

/** page_pool_update_nid: set nid and flush the alloc cache (refill checks the node). */
export function updateNid(pool: PagePool, nid: number): void {
  pool.nid = nid;
  pool.params.nid = nid;
  while (pool.cacheCount > 0) returnNetmem(pool, pool.cache[--pool.cacheCount]);
}
