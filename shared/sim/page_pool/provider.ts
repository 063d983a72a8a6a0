// Helpers a memory provider uses on a pool (include/net/page_pool/memory_provider.h, §5.1).
import type { NetmemRef } from '../netmem/netmemRef';
import { PLACE_FREE, PLACE_OUT } from '../netmem/places';
import { PP_ALLOC_CACHE_SIZE } from './types';
import type { PagePoolState as PagePool } from './poolState';
// hot path: inlined netmemIndex, net_iovs cross this file once per allocation and release (netmem/netmemRef.ts netmemIndex)

/** net_mp_niov_set_page_pool: page_pool_set_pp_info + hold_cnt++. */
export function mpNetIovAttach(pool: PagePool, ref: NetmemRef): void {
  if ((ref & 1) === 0) throw new Error(`net_mp_niov_set_page_pool: netmem ${ref} is not a net_iov`);
  const i = (ref >>> 1) - 1;
  const t = pool.niovs;
  if (t.placeOf(i) !== PLACE_FREE || t.ppId[i] !== 0)
    throw new Error(`net_mp_niov_set_page_pool: net_iov ${i} is already attached to pool ${t.ppId[i]}`);
  pool.setPpInfo(ref);
  pool.noteHold(ref);
}

/** net_mp_niov_clear_page_pool: only from ->release_netmem (the pool already marked it FREE). */
export function mpNetIovDetach(pool: PagePool, ref: NetmemRef): void {
  if ((ref & 1) === 0) throw new Error(`net_mp_niov_clear_page_pool: netmem ${ref} is not a net_iov`);
  const i = (ref >>> 1) - 1;
  const t = pool.niovs;
  if (t.placeOf(i) === PLACE_OUT) throw new Error(`net_mp_niov_clear_page_pool: net_iov ${i} is still handed out`);
  t.ppId[i] = 0;
  t.ppMagic[i] = 0;
  t.setPlace(i, PLACE_FREE);
}

/** net_mp_netmem_place_in_cache: caller ensures room; alloc path only. */
export function mpPlaceInCache(pool: PagePool, ref: NetmemRef): void {
  if (pool.cacheCount >= PP_ALLOC_CACHE_SIZE) throw new Error(`net_mp_netmem_place_in_cache: pool ${pool.id} alloc cache is full`);
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  if (t.ppId[(ref >>> 1) - 1] !== pool.id)
    throw new Error(`net_mp_netmem_place_in_cache: netmem ${ref} is not attached to pool ${pool.id}`);
  pool.pushCache(ref);
}
