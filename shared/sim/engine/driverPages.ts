// The page allocator as a driver queue sees it (DriverContext.mm): every page the driver takes
// outside page_pool (GVE QPL pages, mlx4 and hns3 legacy buffers) is marked as that NIC's and
// counted on its hold meter until put_page frees it (metadata/holdMeter.ts), so no driver has to
// report the pages it holds. Everything else is the shared allocator, unchanged.
import type { PageAllocator } from '../mm/pageAllocator';
import type { PageTable } from '../mm/pageTable';
import type { PageAllocResult, PageAllocatorApi } from '../mm/types';
import type { HoldMeter } from '../metadata/holdMeter';
import type { Gfp } from '../mm/gfp';
import type { MemoryNodeResult } from '../../doc/runDocument';

export class DriverPageAllocator implements PageAllocatorApi {
  readonly numaNodes: number;
  readonly pageSize: number;
  readonly table: PageTable;
  private readonly owner: number;

  constructor(
    private readonly mm: PageAllocator,
    meter: HoldMeter,
  ) {
    this.numaNodes = mm.numaNodes;
    this.pageSize = mm.pageSize;
    this.table = mm.table;
    this.owner = mm.registerDriverMeter(meter);
  }

  allocPages(nid: number, order: number, gfp: Gfp): PageAllocResult {
    const page = this.allocPageIndex(nid, order, gfp);
    return { page, pfmemalloc: page >= 0 && this.mm.table.pfmemalloc[page] === 1 };
  }
  allocPageIndex(nid: number, order: number, gfp: Gfp): number {
    const page = this.mm.allocPageIndex(nid, order, gfp);
    if (page >= 0) this.mm.markDriverPage(page, this.owner);
    return page;
  }
  allocBulk(nid: number, n: number, out: Int32Array, gfp: Gfp): number {
    const got = this.mm.allocBulk(nid, n, out, gfp);
    for (let k = 0; k < got; k++) this.mm.markDriverPage(out[k], this.owner);
    return got;
  }
  freePages(page: number): void {
    this.mm.freePages(page);
  }
  pageNid(page: number): number {
    return this.mm.pageNid(page);
  }
  pageIsPfmemalloc(page: number): boolean {
    return this.mm.pageIsPfmemalloc(page);
  }
  pageOrder(page: number): number {
    return this.mm.pageOrder(page);
  }
  pageRefcount(page: number): number {
    return this.mm.pageRefcount(page);
  }
  pageRefInc(page: number, n = 1): void {
    this.mm.pageRefInc(page, n);
  }
  pageRefDec(page: number, n = 1): number {
    return this.mm.pageRefDec(page, n);
  }
  freePagesOf(nid: number): number {
    return this.mm.freePagesOf(nid);
  }
  takePages(nid: number, pages: number): number {
    return this.mm.takePages(nid, pages);
  }
  givePages(nid: number, pages: number): number {
    return this.mm.givePages(nid, pages);
  }
  nodeStats(nid: number): MemoryNodeResult {
    return this.mm.nodeStats(nid);
  }
}
