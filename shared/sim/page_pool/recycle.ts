// The put path (§3.1–3.3): page_pool_put_unrefed_netmem, __page_pool_put_page,
// page_pool_recycle_in_cache / _in_ring and page_pool_put_netmem_bulk.
import type { NetmemRef } from '../netmem/netmemRef';
import { PLACE_ALLOC_CACHE, PLACE_OUT, PLACE_PTR_RING } from '../netmem/places';
import {
  PP_ALLOC_CACHE_SIZE, PP_BULK_SIZE, PP_OP_BULK_LOCK, PP_OP_DMA_SYNC_DEV, PP_OP_NETMEM_CHECK,
  PP_OP_PP_REF_ATOMIC, PP_OP_RECYCLE_DIRECT, PP_OP_RECYCLE_RING,
} from './types';
import type { PagePool } from './pagePool';
import { returnNetmem } from './release';

/** __page_pool_page_can_be_recycled: net_iov always; a page iff _refcount == 1 and not pfmemalloc. */
export function canBeRecycled(pool: PagePool, ref: NetmemRef): boolean {
  pool.hooks.charge(PP_OP_NETMEM_CHECK, 1);
  if ((ref & 1) !== 0) return true;
  const i = (ref >>> 1) - 1;
  return pool.pages.refcount[i] === 1 && pool.pages.pfmemalloc[i] === 0;
}

/**
 * __page_pool_put_page: returns the ref if it should go to the ring, 0 if it was cached or
 * released. The buffer is OUT with no holder left and pp_ref_count 1.
 */
function putPage(pool: PagePool, ref: NetmemRef, allowDirect: boolean): NetmemRef {
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = (ref >>> 1) - 1;
  if (t.holdTotal(i) !== 0) {
    throw new Error(`page_pool: last pp reference of netmem ${ref} dropped while holders still count ${t.holdTotal(i)} reference(s)`);
  }
  if (canBeRecycled(pool, ref)) {
    // page_pool_dma_sync_for_device: min(dma_sync_size, max_len) at dma_addr + offset
    if (pool.dmaSync) pool.hooks.charge(PP_OP_DMA_SYNC_DEV, 1);
    if (allowDirect) {
      // page_pool_recycle_in_cache
      if (pool.cacheCount < PP_ALLOC_CACHE_SIZE) {
        t.leaveOut(i, PLACE_ALLOC_CACHE);
        pool.cache[pool.cacheCount++] = ref;
        pool.stats.recycle_cached++;
        pool.hooks.charge(PP_OP_RECYCLE_DIRECT, 1);
        return 0;
      }
      pool.stats.recycle_cache_full++;
    }
    return ref;
  }
  pool.stats.recycle_released_refcnt++;
  returnNetmem(pool, ref);
  return 0;
}

/** page_pool_put_unrefed_netmem */
export function putUnrefedNetmem(pool: PagePool, ref: NetmemRef, _dmaSyncSize: number, allowDirect: boolean): void {
  if (!allowDirect) allowDirect = pool.napiLocal();
  const r = putPage(pool, ref, allowDirect);
  if (r === 0) return;
  // page_pool_recycle_in_ring
  pool.hooks.charge(PP_OP_RECYCLE_RING, 1);
  if (pool.ring.produce(r)) {
    const t = (r & 1) !== 0 ? pool.niovs : pool.pages;
    t.leaveOut((r >>> 1) - 1, PLACE_PTR_RING);
    pool.stats.recycle_ring++;
    return;
  }
  pool.stats.recycle_ring_full++;
  returnNetmem(pool, r);
}

/**
 * page_pool_put_netmem_bulk for buffers of this pool: unref each by 1 and keep those that hit
 * zero; napi-local is computed once; recyclable ones not cached directly are produced into the
 * ring in batches of XDP_BULK_QUEUE_SIZE under one producer lock each
 * (page_pool_recycle_ring_bulk: ring_full +1 once per batch at the first failure, ring += produced,
 * the rest released). Overwrites `refs` like the kernel does.
 */
export function putNetmemBulk(pool: PagePool, refs: Int32Array, count: number, holder: number): void {
  let n = 0;
  for (let k = 0; k < count; k++) {
    const ref = refs[k];
    const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
    const i = (ref >>> 1) - 1;
    if (t.place[i] !== PLACE_OUT || t.ppId[i] !== pool.id) {
      throw new Error(`page_pool_put_netmem_bulk(pool ${pool.id}): netmem ${ref} is not handed out by this pool`);
    }
    t.dropHold(i, holder, 1);
    if (t.ppRefEquals(i, 1)) {
      refs[n++] = ref;
      continue;
    }
    pool.hooks.charge(PP_OP_PP_REF_ATOMIC, 1);
    if (t.ppRefSubIsZero(i, 1)) {
      t.ppRefSet(i, 1);
      refs[n++] = ref;
    }
  }
  if (n === 0) return;
  const allowDirect = pool.napiLocal();
  const batch = pool.bulkScratch;
  let len = 0;
  for (let k = 0; k < n; k++) {
    const r = putPage(pool, refs[k], allowDirect);
    if (r === 0) continue;
    batch[len++] = r;
    if (len === PP_BULK_SIZE) {
      recycleRingBulk(pool, batch, len);
      len = 0;
    }
  }
  if (len > 0) recycleRingBulk(pool, batch, len);
}

/** page_pool_recycle_ring_bulk */
function recycleRingBulk(pool: PagePool, bulk: Int32Array, len: number): void {
  pool.hooks.charge(PP_OP_BULK_LOCK, 1);
  let k = 0;
  for (; k < len; k++) {
    const r = bulk[k];
    if (!pool.ring.produce(r)) {
      pool.stats.recycle_ring_full++;
      break;
    }
    const t = (r & 1) !== 0 ? pool.niovs : pool.pages;
    t.leaveOut((r >>> 1) - 1, PLACE_PTR_RING);
  }
  pool.stats.recycle_ring += k;
  pool.hooks.charge(PP_OP_RECYCLE_RING, k);
  for (; k < len; k++) returnNetmem(pool, bulk[k]);
}
