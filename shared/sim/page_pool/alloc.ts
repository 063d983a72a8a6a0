// Allocation behind the fast path (§2.4): page_pool_refill_alloc_cache, then the provider's
// alloc_netmems or __page_pool_alloc_netmems_slow (order-0 bulk of 64 / one high-order page).
import type { NetmemRef } from '../netmem/netmemRef';
import { pageToNetmem } from '../netmem/netmemRef';
import { PLACE_POOL } from '../netmem/places';
import {
  NUMA_NO_NODE,
  PAGE_SIZE,
  PP_ALLOC_CACHE_REFILL,
  PP_ALLOC_CACHE_REFILL as REFILL,
  PP_ALLOC_CACHE_SIZE as CACHE_SIZE,
  PP_OP_DMA_MAP,
  PP_OP_DMA_SYNC_DEV,
  PP_OP_HIGH_ORDER_PAGE,
  PP_OP_ALLOC_ORDER_STEP,
  PP_OP_PROVIDER_ALLOC,
  PP_OP_REFILL_CALL,
  PP_OP_REFILL_ENTRY,
  PP_OP_SLOW_BULK_CALL,
  PP_OP_SLOW_PAGE,
} from './types';
import type { PagePoolState as PagePool } from './poolState';
import type { Gfp } from '../mm/gfp';
import { returnNetmem } from './release';
import { PTR_RING_COPY_MIN } from './ptrRing';
// hot path: inlined netmemIndex, the alloc-cache refill reads the node of each page it moves when not every page is on the preferred node (netmem/netmemRef.ts netmemIndex)

/** Model IOVA / bus address of a mapped page: distinct per table entry, page aligned (order ≤ 10). */
function dmaAddressOf(pageIndex: number): number {
  return (pageIndex + 1) * (PAGE_SIZE << 10);
}

/** Preferred node: pool nid, or numa_mem_id() of the running CPU for NUMA_NO_NODE. */
function prefNid(pool: PagePool): number {
  return pool.nid === NUMA_NO_NODE ? pool.hooks.cpuNode(pool.exec.cpu) : pool.nid;
}

/** Cache empty: refill from the ring, else the slow path. Returns 0 on failure. */
export function allocNetmemsSlowOrRefill(pool: PagePool, gfp: Gfp): NetmemRef {
  let ref = refillAllocCache(pool);
  if (ref !== 0) return ref;
  if (pool.provider !== null) {
    // mp_ops->alloc_netmems: the provider attaches (hold_cnt++) and may stock the cache;
    // no alloc_slow counter for provider allocations
    pool.chargeOp(PP_OP_PROVIDER_ALLOC, 1);
    ref = pool.provider.allocNetmems(pool);
    if (ref !== 0) {
      const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
      if (t.ppId[(ref >>> 1) - 1] !== pool.id) throw new Error(`memory provider returned netmem ${ref} not attached to pool ${pool.id}`);
    }
    return ref;
  }
  return allocNetmemsSlow(pool, gfp);
}

/**
 * page_pool_refill_alloc_cache (§2.4 step 2): up to PP_ALLOC_CACHE_REFILL entries move from the
 * ptr_ring to the cache (at least one, a do-while in the kernel), read as runs straight from the
 * ring's slots; the ring is then advanced as that many __ptr_ring_consume calls would.
 */
export function refillAllocCache(pool: PagePool): NetmemRef {
  const ring = pool.ring;
  if (ring.isEmpty()) {
    pool.stats.alloc_empty++;
    return 0;
  }
  pool.chargeOp(PP_OP_REFILL_CALL, 1);
  // `| 0`: an integer in a register for the loop, not a tagged value re-checked per entry
  const pref = prefNid(pool) | 0;
  const pageNid = pool.pages.nid;
  // every live page on the preferred node: each passes netmem_is_pref_nid unread (a net_iov
  // always does)
  const allPref = pool.pages.allOnNid(pref);
  const cache = pool.cache;
  const q = ring.queue;
  // int32 indices (`| 0`): no overflow checks; one index walks the ring's slots
  let n = pool.cacheCount | 0;
  let moved = 0;
  let waived = 0;
  let want = n < REFILL ? REFILL - n : 1;
  while (want > 0 && ring.count > 0) {
    const head = ring.consumerHead | 0;
    const room = ring.size - head;
    const run = want < ring.count ? (want < room ? want : room) : ring.count < room ? ring.count : room;
    const stop = (head + run) | 0;
    let j = head;
    if (allPref) {
      // the common case: the whole run moves. Ring and cache entries share their place
      // (PLACE_POOL, netmem/places.ts), so nothing is written per buffer; one copyWithin (ring
      // and cache share pool.slots), or entry by entry for a short run. The slots the ring counts
      // are never NULL, here or in the loop below.
      if (run >= PTR_RING_COPY_MIN) {
        pool.slots.copyWithin(n, CACHE_SIZE + head, CACHE_SIZE + stop);
        n = (n + run) | 0;
      } else {
        for (let i = head; i < stop; i = (i + 1) | 0) {
          cache[n] = q[i];
          n = (n + 1) | 0;
        }
      }
      j = stop;
    } else {
      while (j < stop) {
        const ref = q[j];
        j = (j + 1) | 0;
        // netmem_is_pref_nid: a net_iov is always on the preferred node
        if ((ref & 1) === 0 && pageNid[(ref >>> 1) - 1] !== pref) {
          // NUMA mismatch: release this one to the page allocator and stop refilling
          waived = ref;
          break;
        }
        cache[n] = ref;
        n = (n + 1) | 0;
      }
    }
    const k = j - head;
    ring.advance(k);
    moved += k;
    if (waived !== 0) break;
    want -= k;
  }
  pool.cacheCount = n;
  if (waived !== 0) {
    returnNetmem(pool, waived);
    pool.stats.alloc_waive++;
  }
  pool.chargeOp(PP_OP_REFILL_ENTRY, moved);
  if (pool.cacheCount > 0) {
    pool.stats.alloc_refill++;
    return pool.cache[--pool.cacheCount];
  }
  return 0;
}

/**
 * page_pool_dma_map: map the whole buffer, then sync max_len for the device if dma_sync.
 * False when dma_mapping_error() reports the mapping failed (fault point `dmaMap`,
 * docs/model/fault-injection.md): nothing is recorded for the page.
 */
function dmaMap(pool: PagePool, page: number): boolean {
  pool.chargeOp(PP_OP_DMA_MAP, 1);
  const f = pool.faults;
  if (f !== null && f.dmaMap.probability !== 0 && f.dmaMap.shouldFail(1)) return false;
  const t = pool.pages;
  t.dmaAddr[page] = dmaAddressOf(page);
  t.dmaMapped[page] = 1;
  if (pool.dmaSync) pool.chargeOp(PP_OP_DMA_SYNC_DEV, 1);
  return true;
}

/**
 * __page_pool_alloc_netmems_slow (§2.4 step 3) with the caller's gfp, which decides how far
 * below the watermarks the page allocator may go (mm/gfp.ts). A page whose DMA mapping fails goes
 * straight back to the page allocator (put_page) without being counted; when none of the bulk
 * could be mapped the allocation fails and alloc_slow does not move.
 */
export function allocNetmemsSlow(pool: PagePool, gfp: Gfp): NetmemRef {
  const mm = pool.hooks.mm;
  const nid = prefNid(pool);
  const order = pool.params.order;
  if (order > 0) {
    // __page_pool_alloc_page_order: one compound page, no bulk
    pool.hooks.charge(PP_OP_HIGH_ORDER_PAGE, 1);
    pool.chargeOp(PP_OP_ALLOC_ORDER_STEP, order);
    const page = mm.allocPageIndex(nid, order, gfp);
    if (page < 0) return 0;
    if (pool.dmaMap && !dmaMap(pool, page)) {
      mm.pageRefDec(page, 1);
      return 0;
    }
    pool.stats.alloc_slow_high_order++;
    const ref = pageToNetmem(page);
    pool.setPpInfo(ref);
    pool.noteHold(ref);
    return ref;
  }
  // "Unnecessary as alloc cache is empty, but guarantees zero count"
  if (pool.cacheCount > 0) return pool.cache[--pool.cacheCount];
  pool.chargeOp(PP_OP_SLOW_BULK_CALL, 1);
  const got = mm.allocBulk(nid, PP_ALLOC_CACHE_REFILL, pool.bulkScratch, gfp);
  if (got === 0) return 0;
  pool.hooks.charge(PP_OP_SLOW_PAGE, got);
  for (let k = 0; k < got; k++) {
    const page = pool.bulkScratch[k];
    if (pool.dmaMap && !dmaMap(pool, page)) {
      mm.pageRefDec(page, 1);
      continue;
    }
    const ref = pageToNetmem(page);
    pool.setPpInfo(ref);
    pool.pages.setPlace(page, PLACE_POOL);
    pool.cache[pool.cacheCount++] = ref;
    pool.noteHold(ref);
  }
  if (pool.cacheCount === 0) return 0;
  pool.stats.alloc_slow++;
  return pool.cache[--pool.cacheCount];
}
