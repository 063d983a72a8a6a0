// Bulk put (§3.3): page_pool_put_netmem_bulk and page_pool_recycle_ring_bulk. The single put
// path (put_unrefed, __page_pool_put_page, recycle_in_cache/_in_ring) is in pagePool.ts.
import { PLACE_FREE, PLACE_OUT, PLACE_POOL } from '../netmem/places';
import { PP_BULK_SIZE, PP_OP_BULK_LOCK, PP_OP_PP_REF_ATOMIC, PP_OP_RECYCLE_RING } from './types';
import type { PagePoolState as PagePool } from './poolState';
import { returnNetmem } from './release';
// hot path: inlined netmemIndex, the recycle path runs once per freed buffer (netmem/netmemRef.ts netmemIndex)

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
    if (t.placeOf(i) !== PLACE_OUT || t.ppId[i] !== pool.id) {
      throw new Error(`page_pool_put_netmem_bulk(pool ${pool.id}): netmem ${ref} is not handed out by this pool`);
    }
    if (t.ppRefEquals(i, 1)) {
      if (!t.releaseLastHold(i, holder))
        throw new Error(`page_pool_put_netmem_bulk: netmem ${ref}: holder ${holder} does not hold its last reference`);
      refs[n++] = ref;
      continue;
    }
    t.dropHold(i, holder, 1);
    pool.chargeOp(PP_OP_PP_REF_ATOMIC, 1);
    if (t.ppRefSubIsZero(i, 1)) {
      t.ppRefSet(i, 1);
      t.leaveOut(i, PLACE_FREE);
      refs[n++] = ref;
    }
  }
  if (n === 0) return;
  const allowDirect = pool.napiLocal();
  const batch = pool.bulkScratch;
  let len = 0;
  for (let k = 0; k < n; k++) {
    const r = pool.putPage(refs[k], allowDirect);
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
  pool.chargeOp(PP_OP_BULK_LOCK, 1);
  let k = 0;
  for (; k < len; k++) {
    const r = bulk[k];
    if (!pool.ring.produce(r)) {
      pool.stats.recycle_ring_full++;
      break;
    }
    const t = (r & 1) !== 0 ? pool.niovs : pool.pages;
    t.setPlace((r >>> 1) - 1, PLACE_POOL);
  }
  pool.stats.recycle_ring += k;
  pool.chargeOp(PP_OP_RECYCLE_RING, k);
  for (; k < len; k++) returnNetmem(pool, bulk[k]);
}
