// The errors of a put the pool cannot accept (a buffer it did not hand out, a last reference
// dropped while holders remain): page_pool_put_netmem and page_pool_unref_netmem
// (net/core/page_pool.c, include/net/page_pool/helpers.h, 6.18) would corrupt the pool here;
// the model stops with the buffer, its place and its holders.
import { netmemIndex, type NetmemRef } from '../netmem/netmemRef';
import { HOLDER_NIC_RING, HOLDER_STACK, HOLDER_USER } from '../netmem/places';
import type { PagePoolState } from './poolState';

/** The last pp reference went, but the holders still count some: a driver or stack bug. */
export function badLastPut(pool: PagePoolState, ref: NetmemRef, holder: number): never {
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = netmemIndex(ref);
  const holders = t.isSole(i)
    ? 'one reference, its container\u2019s (a NIC ring slot or an skb, never the user)'
    : `holders count nic_ring/stack/user ${t.holdOf(i, HOLDER_NIC_RING)}/${t.holdOf(i, HOLDER_STACK)}/${t.holdOf(i, HOLDER_USER)}`;
  throw new Error(`page_pool: last pp reference of netmem ${ref} dropped by holder ${holder}, but the buffer has ${holders}`);
}

/** A put of a buffer this pool did not hand out. */
export function badPut(pool: PagePoolState, ref: NetmemRef): never {
  const t = (ref & 1) !== 0 ? pool.niovs : pool.pages;
  const i = netmemIndex(ref);
  throw new Error(
    `page_pool_put_netmem(pool ${pool.id}, netmem ${ref}): buffer is not handed out by this pool (place ${t.placeOf(i)}, pp ${t.ppId[i]})`,
  );
}

/**
 * page_pool_unref_netmem's WARN on a negative pp_ref_count, built by a call, not in place: the
 * hot paths that may log it format the same `ref` in other messages (why: netmem/descTable.ts, above tooFewHeld).
 */
export function negativeRefWarning(ref: NetmemRef, poolId: number): string {
  return `WARNING: page_pool_unref_netmem: negative pp_ref_count on netmem ${ref} (pool ${poolId})`;
}
