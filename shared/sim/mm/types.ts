// Contract of the system memory model (per-NUMA-node free pages and watermarks).
// Reference: docs/model/memory-gfp.md; mm/page_alloc.c (6.18).
import type { PageTable } from './pageTable';
import type { Gfp } from './gfp';
import type { MemoryNodeResult } from '../../doc/runDocument';

export interface PageAllocResult {
  /** page table index of the first page (order-n pages are one entry), -1 on failure */
  page: number;
  pfmemalloc: boolean;
}

export interface PageAllocatorApi {
  readonly numaNodes: number;
  /** PAGE_SIZE in bytes: every page this allocator hands out has this size */
  readonly pageSize: number;
  /**
   * alloc_pages_node(nid, gfp, order) (pageAllocator.ts, docs/model/memory-gfp.md): GFP_ATOMIC
   * may dip to ≈ 3/8 of min and then fails; only __GFP_MEMALLOC goes below that and gets a
   * pfmemalloc page; with nothing free it fails (-1).
   * Bulk order-0 allocation (alloc_pages_bulk_node) is `allocBulk`.
   */
  allocPages(nid: number, order: number, gfp: Gfp): PageAllocResult;
  /** allocPages without a result object: the page index, or -1 on failure (hot slow path). */
  allocPageIndex(nid: number, order: number, gfp: Gfp): number;
  /** Fills `out` with up to `n` order-0 page indices; returns how many it got. */
  allocBulk(nid: number, n: number, out: Int32Array, gfp: Gfp): number;
  /** put_page reaching zero: the page goes back to its node's free list. */
  freePages(page: number): void;
  /** Page table accessors (struct page fields the network stack reads). */
  pageNid(page: number): number;
  pageIsPfmemalloc(page: number): boolean;
  pageOrder(page: number): number;
  /** _refcount */
  pageRefcount(page: number): number;
  pageRefInc(page: number, n?: number): void;
  /** returns the new refcount; frees the page when it reaches 0 */
  pageRefDec(page: number, n?: number): number;
  freePagesOf(nid: number): number;
  /** external pressure (memory_pressure events): take or give back order-0 pages */
  takePages(nid: number, pages: number): number;
  givePages(nid: number, pages: number): number;
  /** The struct page table (SoA) of allocated pages; page indices above index into it. */
  readonly table: PageTable;
  /** Per-node figures as the run document reports them. */
  nodeStats(nid: number): MemoryNodeResult;
}
