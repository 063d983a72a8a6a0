// page_pool_return_netmem (§3.4): a buffer leaves the pool. Provider pools hand it to
// mp_ops->release_netmem; plain pools DMA-unmap it. release_cnt always moves; then, unless the
// provider kept it, pp info is cleared and put_page drops the pool's page reference (the page
// goes back to the allocator when _refcount reaches 0).
import type { NetmemRef } from '../netmem/netmemRef';
import { PLACE_FREE, PLACE_OUT } from '../netmem/places';
import { PP_OP_DMA_UNMAP, PP_OP_FREE_ORDER_STEP, PP_OP_PROVIDER_RELEASE, PP_OP_PUT_PAGE, PP_OP_RELEASE } from './types';
import type { PagePoolState as PagePool } from './poolState';
import { netmemIndex } from '../netmem/netmemRef';

/**
 * Release `ref`. The caller has already taken it out of the cache or ring (its place may still
 * read ALLOC_CACHE / PTR_RING) or it is OUT with no holder left.
 */
export function returnNetmem(pool: PagePool, ref: NetmemRef): void {
  const isNiov = (ref & 1) !== 0;
  const t = isNiov ? pool.niovs : pool.pages;
  const i = netmemIndex(ref);
  if (t.placeOf(i) === PLACE_OUT) {
    if (t.holdTotal(i) !== 0) throw stillHeld(pool.id, ref, t.holdTotal(i));
    t.leaveOut(i, PLACE_FREE);
  } else {
    t.setPlace(i, PLACE_FREE);
  }
  let put = true;
  if (pool.provider !== null) {
    pool.chargeOp(PP_OP_PROVIDER_RELEASE, 1);
    put = pool.provider.releaseNetmem(pool, ref);
  } else if (pool.dmaMap) {
    // __page_pool_release_netmem_dma: unmap only if still tracked (scrub may have unmapped it)
    if (t.dmaMapped[i] === 1) {
      t.dmaMapped[i] = 0;
      pool.chargeOp(PP_OP_DMA_UNMAP, 1);
    }
    t.dmaAddr[i] = 0;
  }
  pool.noteRelease(ref);
  pool.chargeOp(PP_OP_RELEASE, 1);
  if (put) {
    if (isNiov) throw putOfNetIov(ref);
    // page_pool_clear_pp_info + put_page
    t.ppId[i] = 0;
    t.ppMagic[i] = 0;
    pool.chargeOp(PP_OP_PUT_PAGE, 1);
    // freeing a compound page costs more per order (docs/model/costs.md, page allocator)
    if (pool.params.order > 0) pool.chargeOp(PP_OP_FREE_ORDER_STEP, pool.params.order);
    pool.hooks.mm.pageRefDec(i, 1);
  }
}

// Errors built by calls, not in place (why: netmem/descTable.ts, above tooFewHeld).
function stillHeld(poolId: number, ref: NetmemRef, held: number): Error {
  return new Error(`page_pool_return_netmem(pool ${poolId}, netmem ${ref}): released while ${held} reference(s) are still held`);
}
function putOfNetIov(ref: NetmemRef): Error {
  return new Error(`page_pool_return_netmem: provider asked to put_page a net_iov (${ref})`);
}
