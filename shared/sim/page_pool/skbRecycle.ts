// skb frag release with recycling (§3.5): napi_pp_put_page. The stack model calls this when an
// skb marked for recycle drops a frag; the pool is found through the buffer's pp id.
import type { NetmemRef } from '../netmem/netmemRef';
import type { NetmemTables } from '../netmem/netmemTables';
import { HOLDER_STACK, type Holder } from '../netmem/places';
import type { PagePoolApi, PagePoolRegistryApi } from './types';
import { netmemIndex } from '../netmem/netmemRef';

const H_STACK = HOLDER_STACK as Holder; // local copy: imports may compile to getters

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
