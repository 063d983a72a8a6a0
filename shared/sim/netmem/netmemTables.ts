// The two buffer tables of one simulation (struct page entries and struct net_iov entries) and
// the netmem helpers of include/net/netmem.h, dispatching on the NET_IOV tag of a netmem_ref.
// All helpers are allocation-free; hot paths may also pick the table themselves:
//   const t = ref & NET_IOV ? tables.niov : tables.page; const i = (ref >>> 1) - 1;
import type { PageTable } from '../mm/pageTable';
import type { NetIovTable } from './netIovTable';
import type { NetmemDescTable } from './descTable';
import type { PoolPlaceCounts } from './poolPlaceCounts';
import { NET_IOV, type NetmemRef } from './netmemRef';
import { PLACE_OUT as P_OUT } from './places';
// hot path: inlined netmemIndex, every buffer move indexes the per-buffer arrays (netmem/netmemRef.ts netmemIndex)

export class NetmemTables {
  constructor(
    readonly page: PageTable,
    readonly niov: NetIovTable,
  ) {
    if (page.counts !== niov.counts) throw new Error('page and net_iov tables must share one PoolPlaceCounts');
  }

  get counts(): PoolPlaceCounts {
    return this.page.counts;
  }

  /** The descriptor table a ref points into. */
  table(ref: NetmemRef): NetmemDescTable {
    return (ref & NET_IOV) !== 0 ? this.niov : this.page;
  }

  // ---- include/net/netmem.h helpers ----

  /** netmem_ref_count: a net_iov always reports 1 (it has only pp refcounting). */
  refCount(ref: NetmemRef): number {
    return (ref & NET_IOV) !== 0 ? 1 : this.page.refcount[(ref >>> 1) - 1];
  }

  /** netmem_is_pref_nid: a net_iov is always on the preferred node (the provider chose it). */
  isPrefNid(ref: NetmemRef, nid: number): boolean {
    return (ref & NET_IOV) !== 0 || this.page.nid[(ref >>> 1) - 1] === nid;
  }

  /** netmem_is_pfmemalloc: always false for a net_iov. */
  isPfmemalloc(ref: NetmemRef): boolean {
    return (ref & NET_IOV) === 0 && this.page.pfmemalloc[(ref >>> 1) - 1] === 1;
  }

  /** netmem_address() != NULL: a net_iov has no kernel address (unreadable payload). */
  isReadable(ref: NetmemRef): boolean {
    return (ref & NET_IOV) === 0;
  }

  /** netmem_is_pp: pp_magic carries PP_SIGNATURE. */
  isPp(ref: NetmemRef): boolean {
    return this.table(ref).ppMagic[(ref >>> 1) - 1] === 1;
  }

  /** netmem_get_pp: owning page_pool id, 0 if none. */
  ppId(ref: NetmemRef): number {
    return this.table(ref).ppId[(ref >>> 1) - 1];
  }

  /** page_pool_get_dma_addr_netmem */
  dmaAddr(ref: NetmemRef): number {
    return this.table(ref).dmaAddr[(ref >>> 1) - 1];
  }

  /** pp_ref_count == v for a small v, without a BigInt (per-packet safe). */
  ppRefEquals(ref: NetmemRef, v: number): boolean {
    return this.table(ref).ppRefEquals((ref >>> 1) - 1, v);
  }

  /** Exact pp_ref_count (allocates a BigInt: not for per-packet use). */
  ppRefCount(ref: NetmemRef): bigint {
    return this.table(ref).ppRefCount((ref >>> 1) - 1);
  }

  // ---- place / holder bookkeeping (places.ts) ----

  place(ref: NetmemRef): number {
    return this.table(ref).placeOf((ref >>> 1) - 1);
  }

  /** References held by `holder` on this buffer (a sole reference's holder is its container's: asking for nic_ring or stack throws). */
  holds(ref: NetmemRef, holder: number): number {
    return this.table(ref).holdOf((ref >>> 1) - 1, holder);
  }

  /**
   * Move one reference from holder `from` to holder `to` without touching pp_ref_count:
   * the driver handing a frag to an skb (NIC_RING → STACK), an skb frag becoming a devmem
   * token is NOT a move (recvmsg adds a reference: use the pool's refNetmem with HOLDER_USER).
   */
  moveRef(ref: NetmemRef, from: number, to: number): void {
    const t = (ref & NET_IOV) !== 0 ? this.niov : this.page;
    const i = (ref >>> 1) - 1;
    if (t.placeOf(i) !== P_OUT) throw new Error(`netmem ${ref}: reference moved while not handed out`);
    t.moveHold(i, from, to);
  }
}
