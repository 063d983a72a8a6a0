// Page pools of one run. page_pool_list(): ids come from xa_alloc_cyclic over a 32-bit range
// starting at 1 (XA_FLAGS_ALLOC1). Lookup by id is an array index (netmem_get_pp on the hot
// path: the stack freeing an skb frag finds the pool through the buffer's pp id).
import { LOOPBACK_IFINDEX, NET_PTR_POISON, type PagePoolApi, type PagePoolRegistryApi } from './types';
import type { PagePool } from './pagePool';
import type { PoolPlaceCounts } from '../netmem/poolPlaceCounts';

const U32_MAX = 0xffffffff;

export class PagePoolRegistry implements PagePoolRegistryApi {
  private readonly byId: (PagePoolApi | undefined)[] = [];
  private readonly list: PagePoolApi[] = [];
  private next = 1;

  constructor(private readonly counts?: PoolPlaceCounts) {}

  /** Next id, cyclic over 1..U32_MAX, skipping ids still in use. */
  allocId(): number {
    for (;;) {
      const id = this.next;
      this.next = id >= U32_MAX ? 1 : id + 1;
      if (this.byId[id] === undefined) {
        this.counts?.ensure(id);
        return id;
      }
    }
  }

  add(id: number, pool: PagePoolApi): void {
    this.byId[id] = pool;
    this.list.push(pool);
  }

  /** page_pool_unlist: the id may be reused after the pool is gone. */
  remove(id: number): void {
    this.byId[id] = undefined;
  }

  /**
   * page_pool_netdevice_event (net/core/page_pool_user.c, 6.18): pools still on the netdev's list
   * (not yet unlisted by their final destroy) are orphaned to lo; when lo itself unregisters
   * (the netns goes away) they are unhashed and their netdev poisoned.
   */
  unregNetdev(ifindex: number): PagePoolApi[] {
    const to = ifindex === LOOPBACK_IFINDEX ? NET_PTR_POISON : LOOPBACK_IFINDEX;
    const moved: PagePoolApi[] = [];
    for (const p of this.list) {
      if (p.netdev !== ifindex || p.state === 'destroyed') continue;
      (p as PagePool).netdev = to;
      moved.push(p);
    }
    return moved;
  }

  get(id: number): PagePoolApi | undefined {
    return this.byId[id];
  }

  all(): readonly PagePoolApi[] {
    return this.list;
  }
}
