// Fragment API (§2.6): page_pool_alloc_frag_netmem, page_pool_drain_frag, page_pool_free_frag,
// page_pool_fragment_netmem and the generic page_pool_alloc_netmem (helpers.h). A frag page
// carries pp_ref_count = BIAS_MAX while the pool carves it; draining subtracts
// (BIAS_MAX - frag_users), leaving the outstanding fragments.
import type { Gfp } from '../mm/gfp';
import type { NetmemRef } from '../netmem/netmemRef';
import { HOLDER_NIC_RING } from '../netmem/places';
import { PP_OP_ALLOC_FAST, PP_OP_DMA_SYNC_DEV, PP_OP_FRAG_ALLOC, PP_OP_PP_REF_ATOMIC } from './types';
import type { PagePoolState as PagePool } from './poolState';
import { returnNetmem } from './release';
import { negativeRefWarning } from './putErrors';
// hot path: inlined netmemIndex, per-fragment reference counting on the RX path (netmem/netmemRef.ts netmemIndex)

/**
 * dma_get_cache_alignment(): 1 on x86-64 (no ARCH_DMA_MINALIGN); arm64 would use 128.
 * Fragment sizes are rounded up to it.
 */
export const DMA_CACHE_ALIGNMENT = 1;

function maxSize(pool: PagePool): number {
  // PAGE_SIZE << order; order is an integer from 0 to 10 (the scenario schema's page_pool.order,
  // the drivers' own are 0), and a shift, unlike `**`, is not a call to Math.pow per fragment
  return pool.hooks.mm.pageSize * (1 << pool.params.order);
}

/**
 * page_pool_drain_frag: returns the page for immediate reuse when no fragment is outstanding and
 * it is recyclable (synced for the device), else 0 (still in use, or released).
 */
function drainFrag(pool: PagePool, ref: NetmemRef): NetmemRef {
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = (ref >>> 1) - 1;
  pool.hooks.charge(PP_OP_PP_REF_ATOMIC, 1);
  const left = t.ppRefDrainBias(i, pool.fragUsers);
  if (left !== 0) {
    if (left < 0) pool.hooks.log('warn', negativeRefWarning(ref, pool.id));
    return 0; // some user is still using the page frag
  }
  t.ppRefSet(i, 1); // page_pool_unref_netmem resets the last user's count to 1
  if (pool.canBeRecycled(ref)) {
    if (pool.dmaSync) pool.hooks.charge(PP_OP_DMA_SYNC_DEV, 1);
    return ref;
  }
  returnNetmem(pool, ref);
  return 0;
}

/** page_pool_free_frag (destroy): drop the partially used frag page, release it if unused. */
export function freeFrag(pool: PagePool): void {
  const ref = pool.fragPage;
  pool.fragPage = 0;
  if (ref === 0) return;
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = (ref >>> 1) - 1;
  const left = t.ppRefDrainBias(i, pool.fragUsers);
  if (left !== 0) return;
  t.ppRefSet(i, 1);
  returnNetmem(pool, ref);
}

/** page_pool_alloc_frag_netmem: offset in pool.fragOffset; 0 on failure. */
export function allocFragNetmem(pool: PagePool, sizeIn: number, gfp: Gfp): NetmemRef {
  const max = maxSize(pool);
  if (sizeIn > max) {
    pool.hooks.log('warn', `WARNING: page_pool_alloc_frag_netmem: size ${sizeIn} > ${max} (PAGE_SIZE << order)`);
    return 0;
  }
  const size = Math.ceil(sizeIn / DMA_CACHE_ALIGNMENT) * DMA_CACHE_ALIGNMENT;
  pool.hooks.charge(PP_OP_FRAG_ALLOC, 1);
  let ref = pool.fragPage;
  const offset = pool.fragOffsetState;
  pool.fragOffset = offset;

  if (ref !== 0 && offset + size > max) {
    ref = drainFrag(pool, ref);
    if (ref !== 0) {
      // reused in place: counted as a cache recycle and a fast allocation
      pool.stats.recycle_cached++;
      pool.stats.alloc_fast++;
      pool.hooks.charge(PP_OP_ALLOC_FAST, 1);
      const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
      t.addHold((ref >>> 1) - 1, HOLDER_NIC_RING, 1);
      return fragReset(pool, ref, size);
    }
  }
  if (ref === 0) {
    ref = pool.allocNetmems(gfp); // OUT, one reference held by the driver
    if (ref === 0) {
      pool.fragPage = 0;
      return 0;
    }
    pool.fragPage = ref;
    return fragReset(pool, ref, size);
  }
  pool.fragUsers++;
  pool.fragOffsetState = offset + size;
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  t.addHold((ref >>> 1) - 1, HOLDER_NIC_RING, 1);
  return ref;
}

function fragReset(pool: PagePool, ref: NetmemRef, size: number): NetmemRef {
  pool.fragPage = ref;
  pool.fragUsers = 1;
  pool.fragOffset = 0;
  pool.fragOffsetState = size;
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = (ref >>> 1) - 1;
  // the page will carry several references (one per fragment): its holders are counted in its word
  t.countHolds(i, HOLDER_NIC_RING);
  t.ppRefSetBias(i); // page_pool_fragment_netmem(netmem, BIAS_MAX)
  return ref;
}

/**
 * page_pool_alloc_netmem (helpers.h): a whole buffer when 2 * size > max size (size becomes the
 * max size, offset 0); else a fragment, and when the next fragment would not fit the remainder
 * of the page is given to this one (truesize) and the page is marked full.
 * Results in pool.fragOffset / pool.lastSize.
 */
export function allocNetmem(pool: PagePool, size: number, gfp: Gfp): NetmemRef {
  const max = maxSize(pool);
  if (size * 2 > max) {
    pool.lastSize = max;
    pool.fragOffset = 0;
    return pool.allocNetmems(gfp);
  }
  const ref = allocFragNetmem(pool, size, gfp);
  if (ref === 0) return 0;
  pool.lastSize = size;
  if (pool.fragOffsetState + size > max) {
    pool.lastSize = max - pool.fragOffset;
    pool.fragOffsetState = max;
  }
  return ref;
}

/** page_pool_fragment_netmem: pp_ref_count = nr on a fresh buffer; the driver holds all nr. */
export function fragmentNetmem(pool: PagePool, ref: NetmemRef, nr: number): void {
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = (ref >>> 1) - 1;
  // a fresh buffer is the driver's sole reference (the caller just allocated it)
  if (!t.isSole(i) || !t.ppRefEquals(i, 1)) {
    throw new Error(`page_pool_fragment_netmem(${ref}, ${nr}): buffer is not a fresh one held once by the driver`);
  }
  if (!Number.isInteger(nr) || nr < 1) throw new Error(`page_pool_fragment_netmem: bad count ${nr}`);
  t.ppRefSet(i, nr);
  if (nr > 1) {
    t.countHolds(i, HOLDER_NIC_RING);
    t.addHold(i, HOLDER_NIC_RING, nr - 1);
  }
}
