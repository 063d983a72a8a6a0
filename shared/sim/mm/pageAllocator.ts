// System memory: free pages per NUMA node against min/low/high watermarks (see
// docs/model/memory-gfp.md). Free memory is a count per node; only pages that leave the allocator
// get a page table entry (pageTable.ts). Order-n allocations are one entry holding 2^n pages.
//
// An allocation follows __alloc_pages (mm/page_alloc.c, 6.18) for the gfp the caller passes:
//   1. get_page_from_freelist at the LOW watermark, zonelist order (preferred node, then the
//      others in id order);
//   2. slow path, gfp_to_alloc_flags: the MIN watermark, lowered by __zone_watermark_ok's
//      reserves — __GFP_HIGH (ALLOC_MIN_RESERVE) halves it, a non-blocking caller
//      (ALLOC_NON_BLOCK) takes a quarter of the rest: GFP_ATOMIC may go down to ≈ 3/8 of min;
//   3. __gfp_pfmemalloc_flags: only __GFP_MEMALLOC (dev_alloc_pages, mlx4's refill) gets
//      ALLOC_NO_WATERMARKS: any free page, marked pfmemalloc (prep_new_page sets the flag only
//      when ALLOC_NO_WATERMARKS was needed);
//   4. otherwise the allocation fails (a GFP_ATOMIC caller cannot reclaim; a sleeping caller
//      would reclaim, which the model does not do: it fails as well).
// alloc_pages_bulk_node: takes all n pages from the preferred node if it stays above low + n,
// else falls back to one order-0 page through the path above with the same gfp (mm/page_alloc.c
// alloc_pages_bulk_noprof). Watermark tests follow zone_watermark_ok: free - (2^order - 1) > mark.
import type { PageAllocResult, PageAllocatorApi } from './types';
import { PageTable } from './pageTable';
import { PoolPlaceCounts } from '../netmem/poolPlaceCounts';
import { PAGE_SIZE } from '../page_pool/types';
import { defaultWatermarks, watermarksFromBytes, type Watermarks } from './watermarks';
import type { HoldMeter } from '../metadata/holdMeter';
import { ALLOC_NO_WATERMARKS, gfpToAllocFlags, pfmemallocFlags, reserveMark, type Gfp } from './gfp';
import type { MemoryNodeResult } from '../../doc/runDocument';

export interface PageAllocatorConfig {
  numaNodes: number;
  /** bytes of memory per node (host.memory.per_node) */
  perNodeBytes: number;
  /** per-node watermarks in bytes; default derived like min_free_kbytes */
  watermarks?: { min: number; low: number; high: number };
  /** PAGE_SIZE of the host kernel (host.page_size): 4 KiB unless given */
  pageSize?: number;
}

const MAX_NODES = 64;

export class PageAllocator implements PageAllocatorApi {
  readonly numaNodes: number;
  readonly pageSize: number;
  readonly table: PageTable;
  readonly totalPages: Float64Array;
  readonly wmark: Watermarks[];
  /** free pages per node (counts, not lists: free pages have no table entry) */
  private readonly free: Float64Array;
  /** pages held by memory_pressure events, per node */
  private readonly pressure: Float64Array;
  private readonly pfmemallocAllocs: Float64Array;
  private readonly allocFailures: Float64Array;
  /** meters of drivers that take pages outside page_pool, by PageTable.driverOwner - 1 */
  private readonly driverMeters: HoldMeter[] = [];

  constructor(cfg: PageAllocatorConfig, counts: PoolPlaceCounts = new PoolPlaceCounts()) {
    const n = cfg.numaNodes;
    if (!Number.isInteger(n) || n < 1 || n > MAX_NODES) throw new Error(`host.memory.numa_nodes: must be 1..${MAX_NODES}, got ${n}`);
    const pageSize = cfg.pageSize ?? PAGE_SIZE;
    const pages = Math.floor(cfg.perNodeBytes / pageSize);
    if (!(pages >= 1)) throw new Error(`host.memory.per_node: must hold at least one ${pageSize}-byte page, got ${cfg.perNodeBytes}`);
    this.numaNodes = n;
    this.pageSize = pageSize;
    this.table = new PageTable(counts);
    this.totalPages = new Float64Array(n).fill(pages);
    this.free = new Float64Array(n).fill(pages);
    this.pressure = new Float64Array(n);
    this.pfmemallocAllocs = new Float64Array(n);
    this.allocFailures = new Float64Array(n);
    this.wmark = [];
    for (let i = 0; i < n; i++) {
      this.wmark.push(
        cfg.watermarks ? watermarksFromBytes(cfg.watermarks, pages, pageSize) : defaultWatermarks(pages, pages * n, pageSize),
      );
    }
  }

  private node(nid: number): number {
    // NUMA_NO_NODE (the caller did not resolve numa_mem_id()) falls back to node 0
    if (nid < 0) return 0;
    if (nid >= this.numaNodes) throw new Error(`NUMA node ${nid} does not exist (host has ${this.numaNodes})`);
    return nid;
  }

  /**
   * First node in zonelist order whose free pages stay >= its mark after taking `n`: the LOW
   * watermark (level 0) or the MIN watermark lowered by the reserves of `allocFlags` (level 1).
   */
  private pickNode(pref: number, n: number, level: 0 | 1, allocFlags: number): number {
    for (let k = 0; k < this.numaNodes; k++) {
      const nid = (pref + k) % this.numaNodes;
      const w = this.wmark[nid];
      const mark = level === 0 ? w.low : reserveMark(w.min, allocFlags);
      if (this.free[nid] - n >= mark) return nid;
    }
    return -1;
  }

  allocPages(nid: number, order: number, gfp: Gfp): PageAllocResult {
    const page = this.allocPageIndex(nid, order, gfp);
    return { page, pfmemalloc: page >= 0 && this.table.pfmemalloc[page] === 1 };
  }

  /** allocPages without a result object (the pool's slow path uses this). -1 on failure. */
  allocPageIndex(nid: number, order: number, gfp: Gfp): number {
    const pref = this.node(nid);
    const n = 2 ** order;
    let node = this.pickNode(pref, n, 0, 0);
    if (node < 0) node = this.pickNode(pref, n, 1, gfpToAllocFlags(gfp));
    let pfmemalloc = false;
    if (node < 0) {
      if ((pfmemallocFlags(gfp) & ALLOC_NO_WATERMARKS) === 0) {
        this.allocFailures[pref]++;
        return -1;
      }
      for (let k = 0; k < this.numaNodes && node < 0; k++) {
        const cand = (pref + k) % this.numaNodes;
        if (this.free[cand] >= n) node = cand;
      }
      if (node < 0) {
        this.allocFailures[pref]++;
        return -1;
      }
      pfmemalloc = true;
      this.pfmemallocAllocs[node]++;
    }
    this.free[node] -= n;
    return this.table.take(node, order, pfmemalloc);
  }

  /**
   * alloc_pages_bulk_node: only the preferred node's zone may serve the batch (another node's
   * zone sends it to the single-page fallback), and it must pass zone_watermark_fast at
   * low + n for order 0, i.e. free > low + n. Otherwise one page through the normal path.
   */
  allocBulk(nid: number, n: number, out: Int32Array, gfp: Gfp): number {
    if (n <= 0) return 0;
    const pref = this.node(nid);
    if (this.free[pref] > this.wmark[pref].low + n) {
      this.free[pref] -= n;
      this.table.takeBulk(pref, n, out);
      return n;
    }
    const page = this.allocPageIndex(pref, 0, gfp);
    if (page < 0) return 0;
    out[0] = page;
    return 1;
  }

  freePages(page: number): void {
    const t = this.table;
    if (!t.isLive(page)) throw notAllocated(page);
    this.free[t.nid[page]] += 2 ** t.order[page];
    const owner = t.driverOwner[page];
    if (owner !== 0) this.driverMeters[owner - 1].releaseDriver(t.order[page]);
    t.drop(page);
  }

  /** Owner id (for PageTable.driverOwner) of a driver's pages, counted on `meter` until freed. */
  registerDriverMeter(meter: HoldMeter): number {
    const i = this.driverMeters.indexOf(meter);
    if (i >= 0) return i + 1;
    this.driverMeters.push(meter);
    if (this.driverMeters.length > 0xffff) throw new Error('too many driver page owners');
    return this.driverMeters.length;
  }

  /** Mark a freshly allocated page as taken by the driver of owner id `owner`. */
  markDriverPage(page: number, owner: number): void {
    this.table.driverOwner[page] = owner;
    this.driverMeters[owner - 1].holdDriver(this.table.order[page]);
  }

  pageNid(page: number): number {
    return this.table.nid[page];
  }
  pageIsPfmemalloc(page: number): boolean {
    return this.table.pfmemalloc[page] === 1;
  }
  pageOrder(page: number): number {
    return this.table.order[page];
  }
  pageRefcount(page: number): number {
    return this.table.refcount[page];
  }
  pageRefInc(page: number, n = 1): void {
    if (this.table.refcount[page] <= 0) throw getOfFreePage(page);
    this.table.setRefcount(page, this.table.refcount[page] + n);
  }
  pageRefDec(page: number, n = 1): number {
    const left = this.table.refcount[page] - n;
    if (left < 0 || this.table.refcount[page] <= 0) throw putUnderflow(page);
    if (left === 0) {
      this.freePages(page);
      return 0;
    }
    this.table.setRefcount(page, left);
    return left;
  }

  freePagesOf(nid: number): number {
    return this.free[this.node(nid)];
  }

  /** memory_pressure: an outside consumer takes up to `pages` free pages of the node (down to 0). */
  takePages(nid: number, pages: number): number {
    const node = this.node(nid);
    const take = Math.max(0, Math.min(Math.floor(pages), this.free[node]));
    this.free[node] -= take;
    this.pressure[node] += take;
    return take;
  }

  /** memory_pressure release: gives back up to `pages` of what pressure took on that node. */
  givePages(nid: number, pages: number): number {
    const node = this.node(nid);
    const give = Math.max(0, Math.min(Math.floor(pages), this.pressure[node]));
    this.free[node] += give;
    this.pressure[node] -= give;
    return give;
  }

  pressurePagesOf(nid: number): number {
    return this.pressure[this.node(nid)];
  }

  nodeStats(nid: number): MemoryNodeResult {
    const node = this.node(nid);
    const w = this.wmark[node];
    return {
      node,
      total_pages: this.totalPages[node],
      free_pages: this.free[node],
      min_pages: w.min,
      low_pages: w.low,
      high_pages: w.high,
      pfmemalloc_allocs: this.pfmemallocAllocs[node],
      alloc_failures: this.allocFailures[node],
    };
  }

  /**
   * Conservation per node: free + pressure + pages held by live table entries (2^order each)
   * equals the node's total; free never negative. Scans the table: tests and debug only.
   */
  checkInvariants(): string[] {
    const errs: string[] = [];
    const held = new Float64Array(this.numaNodes);
    const t = this.table;
    let live = 0;
    for (let i = 0; i < t.used; i++) {
      if (t.refcount[i] > 0) {
        held[t.nid[i]] += 2 ** t.order[i];
        live++;
      }
    }
    if (live !== t.live) errs.push(`page table: ${live} live entries but live count says ${t.live}`);
    for (let n = 0; n < this.numaNodes; n++) {
      if (this.free[n] < 0) errs.push(`node ${n}: negative free count ${this.free[n]}`);
      const sum = this.free[n] + this.pressure[n] + held[n];
      if (sum !== this.totalPages[n]) {
        errs.push(`node ${n}: free ${this.free[n]} + pressure ${this.pressure[n]} + allocated ${held[n]} != total ${this.totalPages[n]}`);
      }
    }
    return errs;
  }

  /** Pages accounted outside the free count: table entries (by order) + pressure. For invariants. */
  usedPagesOf(nid: number): number {
    const node = this.node(nid);
    return this.totalPages[node] - this.free[node];
  }
}

// Page refcount bugs, built by calls, not in place (why: netmem/descTable.ts, above tooFewHeld).
function notAllocated(page: number): Error {
  return new Error(`free of page ${page} that is not allocated`);
}
function getOfFreePage(page: number): Error {
  return new Error(`get_page on free page ${page}`);
}
function putUnderflow(page: number): Error {
  return new Error(`put_page underflow on page ${page}`);
}
