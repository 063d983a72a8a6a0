// The common case of an skb free's frag run (skbRecycle.ts putSkbFragRun): pages of one pool put
// back to its alloc cache or ptr_ring with nothing else to do, billed in place.
import { OUT_STRIDE as OS, PLACE_POOL as P_POOL } from '../netmem/places';
import { PP_ALLOC_CACHE_SIZE as CACHE_SIZE } from './types';
import type { PagePoolState } from './poolState';
// hot path: inlined netmemIndex, an skb free touches every frag it puts (netmem/netmemRef.ts netmemIndex)

/**
 * The common case of putSkbFragRun, billed in place: pages of this pool whose last reference is
 * the holder's and that go to the alloc cache or into a free ptr_ring slot. Stops before the first
 * frag that needs more (a net_iov, another pool, a shared count, an irregular page, a full ring)
 * and returns its index, nothing of it done. With one table and no calls in the loop, the page
 * arrays are loop invariants and nothing is reloaded after a call. The two stage cells the
 * engine bills these operations to (recycle: netmem check, cache, ring; DMA: the sync) are
 * summed in locals, written back at the end: the same additions in the same order per cell.
 * Another cell layout takes putFragsAny.
 */
export function putPageFragsPlain(
  pool: PagePoolState,
  u: { unitCycles: number },
  frags: Int32Array,
  from: number,
  end: number,
  holder: number,
  lastHeld: number,
): number {
  const id = pool.id | 0;
  const pages = pool.pages;
  const ppId = pages.ppId;
  const st = pages.state;
  const fragPage = pool.fragPage | 0;
  const refcount = pages.refcount;
  const pfmemalloc = pages.pfmemalloc;
  const irregular = pages.irregular | 0;
  const ring = pool.ring;
  const rq = ring.queue;
  const rsize = ring.size | 0;
  const cache = pool.cache;
  const stage = pool.billStage;
  const cNc = pool.cycNetmemCheck * 1;
  // `=== true`: one compare, where a truthiness test of the field compiled to a full ToBoolean
  const cSync = pool.dmaSync === true ? pool.cycDmaSync * 1 : 0;
  const cDirect = pool.cycRecycleDirect * 1;
  const cRing = pool.cycRecycleRing * 1;
  const cellNc = pool.cellNetmemCheck | 0;
  const cellSync = pool.cellDmaSync | 0;
  const cellDirect = pool.cellRecycleDirect | 0;
  const cellRing = pool.cellRecycleRing | 0;
  if (cellNc !== cellRing || cellDirect !== cellRing || cellSync === cellRing) return from;
  let sRec = stage[cellRing];
  let sDma = stage[cellSync];
  const allowDirect = pool.napiLocal();
  const held = lastHeld | 0;
  let unit = u.unitCycles;
  const cached0 = pool.cacheCount | 0;
  let cached = cached0;
  let prod = ring.producer | 0;
  // NULL slots from prod on (PtrRing.freeRun): a count, not a slot read per frag
  const room = ring.freeRun() | 0;
  // counts as int32 sums (`| 0`): no overflow checks; every frag put is cached or produced
  let produced = 0;
  let cacheFull = 0;
  const e = end | 0;
  let k = from | 0;
  const room8 = (room - 8) | 0;
  const rsize8 = (rsize - 8) | 0;
  let r = 0;
  let i = 0;
  for (;;) {
    // up to eight frags a pass while the cache, or the ring without a wrap, has room for eight:
    // the typed arrays' checks and the loop's overhead once per pass (a skb's ten or so frags in
    // two). Frag by frag, each as below (a frag off the common case, or the run's end, leaves the
    // pass, the ones before it done).
    while (k < e && (allowDirect ? cached <= CACHE_SIZE - 8 : produced <= room8 && prod <= rsize8)) {
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (k >= e) break;
      r = frags[k];
      if (r === 0 || (r & 1) !== 0) break;
      i = (r >>> 1) - 1;
      if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
      if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
      unit += cNc;
      sRec += cNc;
      unit += cSync;
      sDma += cSync;
      if (allowDirect) {
        st[i] = P_POOL;
        cache[cached] = r;
        cached = (cached + 1) | 0;
        unit += cDirect;
        sRec += cDirect;
      } else {
        unit += cRing;
        sRec += cRing;
        rq[prod] = r;
        prod = (prod + 1) | 0;
        produced = (produced + 1) | 0;
        st[i] = P_POOL;
      }
      k = (k + 1) | 0;
      if (prod >= rsize) prod = 0;
    }
    if (k >= e) break;
    r = frags[k];
    if (r === 0) {
      k = (k + 1) | 0;
      continue;
    }
    if ((r & 1) !== 0) break;
    i = (r >>> 1) - 1;
    // this pool's, OUT with the holder's reference alone, so pp_ref_count 1 (the last user): on
    // an OUT buffer it equals the holders' total but on the pool's biased frag page
    // (invariants.ts checks it), so that page alone needs the count read
    if (ppId[i] !== id || st[i] !== held || r === fragPage) break;
    // __page_pool_page_can_be_recycled fails: putFragsAny releases it
    if (irregular !== 0 && (refcount[i] !== 1 || pfmemalloc[i] !== 0)) break;
    const direct = allowDirect && cached < CACHE_SIZE;
    // __ptr_ring_produce would fail (-ENOSPC, the slot still set): putFragsAny releases it
    if (!direct && produced >= room) break;
    // unconditional: adding an operation priced at 0 leaves a sum as it is (none is ever -0)
    unit += cNc;
    sRec += cNc;
    unit += cSync;
    sDma += cSync;
    k = (k + 1) | 0;
    if (direct) {
      st[i] = P_POOL;
      cache[cached] = r;
      cached = (cached + 1) | 0;
      unit += cDirect;
      sRec += cDirect;
      continue;
    }
    if (allowDirect) cacheFull = (cacheFull + 1) | 0;
    unit += cRing;
    sRec += cRing;
    rq[prod] = r;
    const next = (prod + 1) | 0;
    prod = next >= rsize ? 0 : next;
    produced = (produced + 1) | 0;
    st[i] = P_POOL;
  }
  u.unitCycles = unit;
  stage[cellRing] = sRec;
  stage[cellSync] = sDma;
  pool.cacheCount = cached;
  if (cached !== cached0) pool.stats.recycle_cached += cached - cached0;
  if (cacheFull !== 0) pool.stats.recycle_cache_full += cacheFull;
  commitPending(pool, prod, produced, (id * OS + holder) | 0, produced + cached - cached0);
  return k;
}

/**
 * The run's pending work so far: its ptr_ring produces (the ring's producer and count, and
 * recycle_ring) and its drops of the holder's out count; returns 0 (none pending).
 */
export function commitPending(pool: PagePoolState, prod: number, produced: number, outIdx: number, drops: number): number {
  if (drops !== 0) pool.pages.counts.out[outIdx] -= drops;
  if (produced !== 0) {
    pool.ring.commitProduced(prod, produced);
    pool.stats.recycle_ring += produced;
  }
  return 0;
}
