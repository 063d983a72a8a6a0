// The page table: struct page for pages that have left the page allocator, as struct-of-arrays.
// Free memory is only a count per node (PageAllocator); an entry is materialised when a page
// (or an order-n compound page, one entry with its order) is allocated and its index goes back
// to a free-index stack when the page is freed, so 100 GiB of memory pressure costs nothing here.
// The netmem_desc overlay fields (pp, pp_magic, dma_addr, pp_ref_count) come from NetmemDescTable.
import { NetmemDescTable } from '../netmem/descTable';
import { growI32, growU8 } from '../util/growTyped';
import type { PoolPlaceCounts } from '../netmem/poolPlaceCounts';
import { MAX_NETMEM_INDEX } from '../netmem/netmemRef';

export class PageTable extends NetmemDescTable {
  /** _refcount (0 = entry not in use) */
  refcount: Int32Array;
  nid: Int8Array;
  order: Uint8Array;
  /** page_is_pfmemalloc(): allocated from the reserves below the min watermark */
  pfmemalloc: Uint8Array;
  /**
   * Simulator bookkeeping, no kernel field: 1 + index of the NIC meter whose driver took this
   * page outside page_pool (metadata/holdMeter.ts), 0 for any other page.
   */
  driverOwner: Uint16Array;
  /** entries in use (allocated pages) */
  live = 0;
  /**
   * Entries in use whose _refcount is not 1 or that are pfmemalloc: the pages
   * __page_pool_page_can_be_recycled (net/core/page_pool.c) would refuse. While it is 0 every live
   * page passes that check, so the put path need not read the page (PagePool.canBeRecycled).
   * Kept exact by routing every write of refcount and pfmemalloc through this class.
   */
  irregular = 0;
  /**
   * Entries in use per node (index nid & 255: nid is an Int8). When every live page is on the
   * node a ptr_ring refill prefers, netmem_is_pref_nid holds for each page it moves
   * (page_pool_refill_alloc_cache, net/core/page_pool.c) and the refill need not read them.
   */
  readonly liveOnNid = new Int32Array(256);
  /** high-water mark of entry indices ever used */
  used = 0;
  private freeIdx: Int32Array;
  private freeTop = 0;

  constructor(counts: PoolPlaceCounts, initialCapacity = 4096) {
    super(counts, initialCapacity);
    this.refcount = new Int32Array(this.capacity);
    this.nid = new Int8Array(this.capacity);
    this.order = new Uint8Array(this.capacity);
    this.pfmemalloc = new Uint8Array(this.capacity);
    this.driverOwner = new Uint16Array(this.capacity);
    this.freeIdx = new Int32Array(this.capacity);
  }

  protected override growArrays(cap: number): void {
    super.growArrays(cap);
    this.refcount = growI32(this.refcount, cap);
    const nid = new Int8Array(cap);
    nid.set(this.nid);
    this.nid = nid;
    this.order = growU8(this.order, cap);
    this.pfmemalloc = growU8(this.pfmemalloc, cap);
    const owner = new Uint16Array(cap);
    owner.set(this.driverOwner);
    this.driverOwner = owner;
    this.freeIdx = growI32(this.freeIdx, cap);
  }

  /** Materialise an entry for a freshly allocated page: _refcount 1, netmem_desc cleared. */
  take(nid: number, order: number, pfmemalloc: boolean): number {
    let i: number;
    if (this.freeTop > 0) {
      i = this.freeIdx[--this.freeTop];
    } else {
      i = this.used;
      if (i >= MAX_NETMEM_INDEX) throw new Error(`page table full (${i} entries)`);
      if (i >= this.capacity) this.ensureCapacity(i + 1);
      this.used = i + 1;
    }
    this.clearDesc(i);
    this.refcount[i] = 1;
    this.nid[i] = nid;
    this.liveOnNid[this.nid[i] & 255]++;
    this.order[i] = order;
    this.pfmemalloc[i] = pfmemalloc ? 1 : 0;
    if (pfmemalloc) this.irregular++;
    this.driverOwner[i] = 0;
    this.live++;
    return i;
  }

  /**
   * take(nid, 0, false) for out[0 .. n-1], the same entries in the same order: freed indices
   * first (LIFO), then fresh ones, which are set up a field at a time over the whole range
   * instead of an entry at a time (a pool's first fill takes thousands at once).
   */
  takeBulk(nid: number, n: number, out: Int32Array): void {
    let k = 0;
    while (k < n && this.freeTop > 0) out[k++] = this.take(nid, 0, false);
    const first = this.used;
    const end = first + n - k;
    if (k === n || end > MAX_NETMEM_INDEX) {
      // nothing fresh, or the table fills part-way: take() throws at the entry that does not fit
      while (k < n) out[k++] = this.take(nid, 0, false);
      return;
    }
    if (end > this.capacity) this.ensureCapacity(end);
    this.used = end;
    this.clearDescRange(first, end);
    this.refcount.fill(1, first, end);
    this.nid.fill(nid, first, end);
    this.order.fill(0, first, end);
    this.pfmemalloc.fill(0, first, end);
    this.driverOwner.fill(0, first, end);
    this.liveOnNid[this.nid[first] & 255] += end - first;
    this.live += end - first;
    for (let i = first; i < end; i++) out[k++] = i;
  }

  /** Return an entry's index for reuse (LIFO, deterministic). */
  drop(i: number): void {
    if (this.refcount[i] !== 1 || this.pfmemalloc[i] !== 0) this.irregular--;
    this.refcount[i] = 0;
    this.liveOnNid[this.nid[i] & 255]--;
    this.clearDesc(i);
    this.freeIdx[this.freeTop++] = i;
    this.live--;
  }

  /** _refcount of a live entry becomes `v` (get_page / put_page), keeping `irregular` exact. */
  setRefcount(i: number, v: number): void {
    const was = this.refcount[i] !== 1 || this.pfmemalloc[i] !== 0;
    this.refcount[i] = v;
    const now = v !== 1 || this.pfmemalloc[i] !== 0;
    if (was !== now) this.irregular += now ? 1 : -1;
  }

  /** Mark a live entry pfmemalloc or not (tests of the reserve paths), keeping `irregular` exact. */
  setPfmemalloc(i: number, on: boolean): void {
    const was = this.refcount[i] !== 1 || this.pfmemalloc[i] !== 0;
    this.pfmemalloc[i] = on ? 1 : 0;
    const now = this.refcount[i] !== 1 || on;
    if (was !== now) this.irregular += now ? 1 : -1;
  }

  /** Every live page is on node `nid` (a node an Int8 can hold; any other matches no page). */
  allOnNid(nid: number): boolean {
    return nid === (nid << 24) >> 24 && this.liveOnNid[nid & 255] === this.live;
  }

  isLive(i: number): boolean {
    return i >= 0 && i < this.used && this.refcount[i] > 0;
  }
}
