// skb frag release with recycling (§3.5): napi_pp_put_page. The stack model calls this when an
// skb marked for recycle drops a frag; the pool is found through the buffer's pp id.
import type { NetmemRef } from '../netmem/netmemRef';
import type { NetmemTables } from '../netmem/netmemTables';
import {
  HOLDER_STACK as H_STACK,
  HOLDER_USER as H_USER,
  OUT_STRIDE as OS,
  PLACE_FREE as P_FREE,
  PLACE_POOL as P_POOL,
  STATE_OUT_BIT as OUT_BIT,
  STATE_OUT_SOLE as SOLE,
  type Holder,
} from '../netmem/places';
import {
  PP_ALLOC_CACHE_SIZE as CACHE_SIZE,
  PP_OP_DMA_SYNC_DEV as OP_DMA_SYNC_DEV,
  PP_OP_NETMEM_CHECK as OP_NETMEM_CHECK,
  PP_OP_RECYCLE_DIRECT as OP_RECYCLE_DIRECT,
  PP_OP_RECYCLE_RING as OP_RECYCLE_RING,
  type PagePoolApi,
  type PagePoolRegistryApi,
} from './types';
import type { PagePoolState } from './poolState';
import { netmemIndex } from '../netmem/netmemRef';
import { badLastPut, badPut } from './putErrors';
import { returnNetmem } from './release';
import { commitPending, putPageFragsPlain } from './skbRecyclePlain';
// hot path: inlined netmemIndex, an skb free touches every frag it puts (netmem/netmemRef.ts netmemIndex)

/**
 * napi_pp_put_page: false if the buffer's pp_magic lacks PP_SIGNATURE (the caller then does a
 * normal put_page / put_netmem); else page_pool_put_full_netmem(pp, ref, allow_direct=false),
 * napi-local still decided inside. `holder` is whose reference drops (default the stack's).
 */
export function napiPpPutPage(registry: PagePoolRegistryApi, tables: NetmemTables, ref: NetmemRef, holder: Holder = H_STACK): boolean {
  const t = (ref & 1) !== 0 ? tables.niov : tables.page;
  const i = netmemIndex(ref);
  if (t.ppMagic[i] !== 1) return false;
  const pool = registry.get(t.ppId[i]);
  if (pool === undefined) throw new Error(`napi_pp_put_page: netmem ${ref} names page_pool ${t.ppId[i]}, which does not exist`);
  pool.putFullNetmem(ref, false, holder);
  return true;
}

/**
 * The pool a pp frag of a freed skb goes back to (netmem_get_pp). An skb's frags almost always
 * share one pool, so the stack looks it up once per run of frags with the same pp id.
 */
export function skbFragPool(registry: PagePoolRegistryApi, ppId: number, ref: NetmemRef): PagePoolApi {
  const pool = registry.get(ppId);
  if (pool === undefined) throw new Error(`napi_pp_put_page: netmem ${ref} names page_pool ${ppId}, which does not exist`);
  return pool;
}

/**
 * page_pool_put_full_netmem(pp, netmem, allow_direct = false) for the frags of a freed skb from
 * frags[from] on, while they are `pool`'s pp buffers (PagePoolApi.putSkbFrags): unref, then
 * __page_pool_put_page → alloc cache, ptr_ring or release, as PagePool.putNetmem does, with
 * page_pool_napi_local taken once for the run. Billing in place (pool.billUnit), the unit's
 * cycles stay in a local across the run: the same additions in the same order, written back
 * before anything that charges or throws, and at the end.
 */
export function putSkbFragRun(pool: PagePoolState, frags: Int32Array, from: number, end: number, holder: Holder): number {
  // One frag (an skb of one frame: frames of a flow that do not follow each other, as Poisson
  // arrivals of several flows bring them, open an skb each): the per-buffer put itself,
  // page_pool_put_full_netmem, costs less than the set-up of either loop below
  if (end - from === 1) {
    const ref = frags[from];
    if (ref !== 0 && (ref & 1) === 0 && pool.pages.ppId[(ref >>> 1) - 1] === pool.id) {
      pool.putFullNetmem(ref, false, holder);
      return end;
    }
  }
  const u = pool.billUnit;
  // OUT with exactly one reference, the holder's: the sole form (netmem/places.ts), never the
  // user's; a user's last reference (counted form) takes putFragsAny
  const lastHeld = holder === H_USER ? -1 : SOLE;
  // the common case's loop only for a run that starts with two pages: its set-up does not pay for
  // one frag (a header-split skb's header page, then net_iovs of a devmem binding)
  const k =
    u !== null && end - from > 1 && ((frags[from] | frags[from + 1]) & 1) === 0
      ? putPageFragsPlain(pool, u, frags, from, end, holder, lastHeld)
      : from;
  if (k === end) return k;
  // the run ends at a buffer of another pool (a header-split skb's header page, then its payload):
  // that needs none of putFragsAny's set-up
  const ref = frags[k];
  if (ref !== 0 && ((ref & 1) !== 0 ? pool.niovs : pool.pages).ppId[(ref >>> 1) - 1] !== pool.id) return k;
  return putFragsAny(pool, frags, k, end, holder, lastHeld);
}

/** putSkbFragRun frag by frag, whatever each needs (released, shared counts, model bugs). */
function putFragsAny(pool: PagePoolState, frags: Int32Array, from: number, end: number, holder: number, lastHeld: number): number {
  // Loop invariants as machine numbers: `* 1` (floats) and `| 0` (integers) convert a field's
  // tagged value once here; read plainly, the compiled loop re-checks and unboxes it per frag.
  const id = pool.id | 0;
  const niovs = pool.niovs;
  const pages = pool.pages;
  const stats = pool.stats;
  const ring = pool.ring;
  const hooks = pool.hooks;
  const u = pool.billUnit;
  const stage = pool.billStage;
  const cNc = pool.cycNetmemCheck * 1;
  const cSync = pool.dmaSync ? pool.cycDmaSync * 1 : 0;
  const cDirect = pool.cycRecycleDirect * 1;
  const cRing = pool.cycRecycleRing * 1;
  const cellNc = pool.cellNetmemCheck | 0;
  const cellSync = pool.cellDmaSync | 0;
  const cellDirect = pool.cellRecycleDirect | 0;
  const cellRing = pool.cellRecycleRing | 0;
  const allowDirect = pool.napiLocal();
  // One state word per buffer (netmem/places.ts): OUT with exactly one reference, the holder's,
  // is `lastHeld` (the sole form, taken from the holder's container: an skb), or the counted form
  // of one reference (releaseLastHold). The tables do not grow during a put (nothing here
  // allocates a page or a net_iov), so their arrays stay valid across the run.
  const pageSt = pages.state;
  const niovSt = niovs.state;
  const outIdx = id * OS + holder;
  let unit = u !== null ? u.unitCycles : 0;
  // ptr_ring produces in locals (PtrRing.produce per frag), and the holder's out-count drops of
  // last references (one per frag), committed with the recycle_ring count before any call and at
  // the end
  const rq = ring.queue;
  const rsize = ring.size | 0;
  let prod = ring.producer;
  // pages with a refcount other than 1 or pfmemalloc set (PageTable.irregular): read again after
  // each call, which may free or take pages
  let irregular = pages.irregular;
  let produced = 0;
  let drops = 0;
  let k = from | 0;
  for (; k < end; k++) {
    const ref = frags[k];
    if (ref === 0) continue;
    const isNiov = (ref & 1) !== 0;
    const t = isNiov ? niovs : pages;
    const i = (ref >>> 1) - 1;
    // netmem_is_pp and the pool of the buffer: pp_magic is set exactly when the id is (the pool
    // sets and clears both, page_pool/invariants.ts checks it), and this pool's id is not 0
    if (t.ppId[i] !== id) break;
    const st = isNiov ? niovSt : pageSt;
    const w = st[i];
    if ((w & OUT_BIT) === 0) {
      if (u !== null) u.unitCycles = unit;
      produced = drops = commitPending(pool, prod, produced, outIdx, drops);
      badPut(pool, ref);
    }
    if (t.ppRefBiased[i] === 0 && t.ppRefDelta[i] === 1) {
      // page_pool_unref_netmem(netmem, 1): the last user skips the atomic; its holder lets go.
      // The word is rewritten below with the place the buffer goes to (cache, ring or free).
      if (w === lastHeld) drops++;
      else if (!t.releaseLastHold(i, holder)) {
        if (u !== null) u.unitCycles = unit;
        produced = drops = commitPending(pool, prod, produced, outIdx, drops);
        badLastPut(pool, ref, holder);
      }
    } else {
      if (u !== null) u.unitCycles = unit;
      produced = drops = commitPending(pool, prod, produced, outIdx, drops);
      const last = pool.unrefShared(ref, holder);
      prod = ring.producer;
      irregular = pages.irregular;
      if (u !== null) unit = u.unitCycles;
      if (!last) continue;
    }
    // __page_pool_page_can_be_recycled (PagePool.canBeRecycled)
    if (u === null) hooks.charge(OP_NETMEM_CHECK, 1);
    else if (cNc !== 0) {
      unit += cNc;
      stage[cellNc] += cNc;
    }
    if ((ref & 1) === 0 && irregular !== 0 && (pages.refcount[i] !== 1 || pages.pfmemalloc[i] !== 0)) {
      stats.recycle_released_refcnt++;
      st[i] = P_FREE;
      if (u !== null) u.unitCycles = unit;
      produced = drops = commitPending(pool, prod, produced, outIdx, drops);
      returnNetmem(pool, ref);
      prod = ring.producer;
      irregular = pages.irregular;
      if (u !== null) unit = u.unitCycles;
      continue;
    }
    // page_pool_dma_sync_for_device
    if (u === null) {
      if (pool.dmaSync) hooks.charge(OP_DMA_SYNC_DEV, 1);
    } else if (cSync !== 0) {
      unit += cSync;
      stage[cellSync] += cSync;
    }
    if (allowDirect) {
      // page_pool_recycle_in_cache
      if (pool.cacheCount < CACHE_SIZE) {
        st[i] = P_POOL;
        pool.cache[pool.cacheCount++] = ref;
        stats.recycle_cached++;
        if (u === null) hooks.charge(OP_RECYCLE_DIRECT, 1);
        else if (cDirect !== 0) {
          unit += cDirect;
          stage[cellDirect] += cDirect;
        }
        continue;
      }
      stats.recycle_cache_full++;
    }
    // page_pool_recycle_in_ring
    if (u === null) hooks.charge(OP_RECYCLE_RING, 1);
    else if (cRing !== 0) {
      unit += cRing;
      stage[cellRing] += cRing;
    }
    // __ptr_ring_produce: -ENOSPC when the slot is occupied
    if (rq[prod] === 0) {
      rq[prod] = ref;
      prod = prod + 1 >= rsize ? 0 : prod + 1;
      produced++;
      st[i] = P_POOL;
      continue;
    }
    stats.recycle_ring_full++;
    st[i] = P_FREE;
    if (u !== null) u.unitCycles = unit;
    produced = drops = commitPending(pool, prod, produced, outIdx, drops);
    returnNetmem(pool, ref);
    prod = ring.producer;
    irregular = pages.irregular;
    if (u !== null) unit = u.unitCycles;
  }
  if (u !== null) u.unitCycles = unit;
  commitPending(pool, prod, produced, outIdx, drops);
  return k;
}
