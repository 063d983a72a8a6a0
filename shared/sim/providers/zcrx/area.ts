// struct io_zcrx_area (io_uring/zcrx.c, v6.18; docs/model/zcrx.md#area): user memory registered
// with IORING_REGISTER_ZCRX_IFQ, cut into one net_iov per page (niov_shift = PAGE_SHIFT), each of
// type NET_IOV_IOURING. Free net_iovs sit on the area's freelist (io_zcrx_return_niov_freelist /
// __io_zcrx_get_free_niov); every net_iov handed to the user in a CQE carries a user reference
// (io_get_user_counter) that a refill queue entry gives back.
import { PAGE_SIZE } from '../../page_pool/types';
import { NET_IOV_IOURING, type NetIovTable } from '../../netmem/netIovTable';

/** Synthetic IOVA window of zcrx areas (distinct from dma-buf bindings' windows). */
const ZCRX_DMA_WINDOW = 2 ** 44;

export class ZcrxArea {
  readonly numNiovs: number;
  /** first net_iov table index of the area */
  readonly firstNiov: number;
  private readonly freelist: Int32Array;
  private freeCount: number;
  /** per net_iov: user references (CQEs not yet returned through the refill queue) */
  readonly userRefs: Int32Array;
  /** per net_iov: 1 while it carries copied data (copy fallback), outside any page_pool */
  readonly fallback: Uint8Array;

  constructor(
    readonly id: number,
    readonly size: number,
    readonly table: NetIovTable,
  ) {
    this.numNiovs = size / PAGE_SIZE;
    this.firstNiov = table.allocRange(this.numNiovs, NET_IOV_IOURING, 0, id, ZCRX_DMA_WINDOW * (1 + id), 0, PAGE_SIZE);
    this.freelist = new Int32Array(this.numNiovs);
    // io_zcrx_create_area fills the freelist with every net_iov, the last index on top
    for (let k = 0; k < this.numNiovs; k++) this.freelist[k] = k;
    this.freeCount = this.numNiovs;
    this.userRefs = new Int32Array(this.numNiovs);
    this.fallback = new Uint8Array(this.numNiovs);
  }

  get free(): number {
    return this.freeCount;
  }

  /** __io_zcrx_get_free_niov: the net_iov table index, or -1 when the freelist is empty. */
  takeFree(): number {
    if (this.freeCount === 0) return -1;
    return this.firstNiov + this.freelist[--this.freeCount];
  }

  /** io_zcrx_return_niov_freelist */
  returnFree(niov: number): void {
    if (this.freeCount >= this.numNiovs) throw new Error(`zcrx area ${this.id}: freelist overflow returning net_iov ${niov}`);
    this.freelist[this.freeCount++] = niov - this.firstNiov;
  }

  owns(niov: number): boolean {
    return niov >= this.firstNiov && niov < this.firstNiov + this.numNiovs;
  }
}
