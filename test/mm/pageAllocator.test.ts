import { describe, expect, it } from 'vitest';
import { PageAllocator } from '../../shared/sim/mm/pageAllocator';
import { defaultWatermarks, minFreeKbytes } from '../../shared/sim/mm/watermarks';
import { GFP_ATOMIC, GFP_DEV_ALLOC, GFP_KERNEL, reserveMark, gfpToAllocFlags } from '../../shared/sim/mm/gfp';

const GiB = 1024 ** 3;

describe('watermarks', () => {
  it('min_free_kbytes = int_sqrt(lowmem_kbytes * 16), clamped to [128, 262144]', () => {
    expect(minFreeKbytes((4 * GiB) / 4096)).toBe(8192); // sqrt(4 Mi KiB * 16)
    expect(minFreeKbytes(1)).toBe(128);
    expect(minFreeKbytes((8192 * GiB) / 4096)).toBe(262144);
  });
  it('per node share of min; low/high = min + gap, min + 2*gap with gap = max(min/4, 0.1% of the node)', () => {
    const node = (64 * GiB) / 4096; // 16 Mi pages
    const w = defaultWatermarks(node, 2 * node);
    const total = Math.floor(Math.sqrt(128 * 1024 * 1024 * 16)) >> 2; // pages
    expect(w.min).toBe(Math.floor(total / 2));
    const gap = Math.max(w.min >> 2, Math.floor((node * 10) / 10000));
    expect(w.low).toBe(w.min + gap);
    expect(w.high).toBe(w.min + 2 * gap);
  });
  it('scenario watermarks in bytes are checked', () => {
    expect(() => new PageAllocator({ numaNodes: 1, perNodeBytes: GiB, watermarks: { min: 2e6, low: 1e6, high: 3e6 } })).toThrow(
      /min <= low <= high/,
    );
  });
});

describe('PageAllocator', () => {
  it('2 nodes x 64 GiB does not materialise per-page arrays', () => {
    const mm = new PageAllocator({ numaNodes: 2, perNodeBytes: 64 * GiB });
    expect(mm.freePagesOf(0)).toBe(16 * 1024 * 1024);
    expect(mm.table.capacity).toBeLessThan(100_000);
    expect(mm.takePages(1, (100 * GiB) / 4096)).toBe(16 * 1024 * 1024); // all of node 1
    expect(mm.freePagesOf(1)).toBe(0);
    expect(mm.table.live).toBe(0);
  });

  it('above low: normal page on the preferred node; one entry per order-n allocation', () => {
    const mm = new PageAllocator({ numaNodes: 2, perNodeBytes: GiB });
    const r = mm.allocPages(1, 3, GFP_ATOMIC);
    expect(r.pfmemalloc).toBe(false);
    expect(mm.pageNid(r.page)).toBe(1);
    expect(mm.pageOrder(r.page)).toBe(3);
    expect(mm.pageRefcount(r.page)).toBe(1);
    expect(mm.freePagesOf(1)).toBe(GiB / 4096 - 8);
    expect(mm.table.live).toBe(1);
    mm.freePages(r.page);
    expect(mm.freePagesOf(1)).toBe(GiB / 4096);
    expect(mm.table.live).toBe(0);
  });

  it('counts live pages with _refcount != 1 or pfmemalloc, through get_page, put_page, reserves and free', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: GiB });
    const a = mm.allocPages(0, 0, GFP_ATOMIC).page;
    const b = mm.allocPages(0, 0, GFP_ATOMIC).page;
    expect(mm.table.irregular).toBe(0);
    mm.pageRefInc(a, 2);
    expect(mm.table.irregular).toBe(1);
    mm.pageRefDec(a);
    expect(mm.table.irregular).toBe(1);
    mm.pageRefDec(a);
    expect(mm.table.irregular).toBe(0);
    mm.table.setPfmemalloc(b, true);
    mm.pageRefInc(b);
    expect(mm.table.irregular).toBe(1);
    mm.pageRefDec(b);
    expect(mm.table.irregular).toBe(1);
    mm.pageRefDec(b); // freed: no longer live
    expect(mm.table.irregular).toBe(0);
    mm.pageRefInc(a);
    mm.pageRefDec(a, 2);
    expect(mm.table.irregular).toBe(0);
    expect(mm.table.live).toBe(0);
  });

  it('falls back to another node before dipping into the preferred node below low (zonelist walk)', () => {
    const mm = new PageAllocator({ numaNodes: 2, perNodeBytes: GiB });
    const w = mm.nodeStats(0);
    mm.takePages(0, w.free_pages - w.low_pages); // node 0 exactly at low
    const p = mm.allocPageIndex(0, 0, GFP_ATOMIC);
    expect(mm.pageNid(p)).toBe(1);
  });

  it('between min and low on every node: still a normal page for any gfp', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: 64 * 1024 * 1024 });
    const w = mm.nodeStats(0);
    mm.takePages(0, w.free_pages - w.low_pages);
    expect(mm.allocPages(0, 0, GFP_ATOMIC).pfmemalloc).toBe(false);
    expect(mm.allocPages(0, 0, GFP_DEV_ALLOC).pfmemalloc).toBe(false);
  });

  it('GFP_ATOMIC below min: served down to 3/8 of min (min − min/2, then − a quarter), then fails; never pfmemalloc', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: 64 * 1024 * 1024 });
    const w = mm.nodeStats(0);
    const floor = w.min_pages - Math.floor(w.min_pages / 2) - Math.floor((w.min_pages - Math.floor(w.min_pages / 2)) / 4);
    expect(reserveMark(w.min_pages, gfpToAllocFlags(GFP_ATOMIC))).toBe(floor);
    expect(floor).toBeLessThan(w.min_pages / 2);
    expect(Math.abs(floor - (3 / 8) * w.min_pages)).toBeLessThanOrEqual(1);
    mm.takePages(0, mm.freePagesOf(0) - w.min_pages); // at min
    let got = 0;
    for (;;) {
      const r = mm.allocPages(0, 0, GFP_ATOMIC);
      if (r.page < 0) break;
      expect(r.pfmemalloc).toBe(false);
      got++;
    }
    expect(got).toBe(w.min_pages - floor);
    expect(mm.freePagesOf(0)).toBe(floor);
    expect(mm.nodeStats(0).pfmemalloc_allocs).toBe(0);
    expect(mm.nodeStats(0).alloc_failures).toBe(1);
  });

  it('GFP_KERNEL (no __GFP_HIGH, may block) stops at min itself: reclaim is not modelled, it fails there', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: 64 * 1024 * 1024 });
    const w = mm.nodeStats(0);
    mm.takePages(0, mm.freePagesOf(0) - w.min_pages);
    expect(reserveMark(w.min_pages, gfpToAllocFlags(GFP_KERNEL))).toBe(w.min_pages);
    expect(mm.allocPages(0, 0, GFP_KERNEL).page).toBe(-1);
  });

  it('__GFP_MEMALLOC (dev_alloc_pages): below the atomic floor it ignores the watermarks and gets a pfmemalloc page; nothing free: failure', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: 64 * 1024 * 1024 });
    const w = mm.nodeStats(0);
    const floor = reserveMark(w.min_pages, gfpToAllocFlags(GFP_ATOMIC));
    mm.takePages(0, mm.freePagesOf(0) - w.min_pages);
    // above the atomic floor the reserves of __GFP_HIGH suffice: no pfmemalloc page yet
    expect(mm.allocPages(0, 0, GFP_DEV_ALLOC).pfmemalloc).toBe(false);
    mm.takePages(0, mm.freePagesOf(0) - floor);
    const r = mm.allocPages(0, 0, GFP_DEV_ALLOC);
    expect(r.pfmemalloc).toBe(true);
    expect(mm.pageIsPfmemalloc(r.page)).toBe(true);
    expect(mm.nodeStats(0).pfmemalloc_allocs).toBe(1);
    mm.takePages(0, 1e12);
    expect(mm.allocPages(0, 0, GFP_DEV_ALLOC)).toEqual({ page: -1, pfmemalloc: false });
    expect(mm.nodeStats(0).alloc_failures).toBe(1);
  });

  it('bulk: all n from a node that stays above low + n, else a single page through the normal path', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: GiB });
    const out = new Int32Array(64);
    expect(mm.allocBulk(0, 64, out, GFP_ATOMIC)).toBe(64);
    expect(new Set(out).size).toBe(64);
    const w = mm.nodeStats(0);
    mm.takePages(0, mm.freePagesOf(0) - (w.low_pages + 10));
    expect(mm.allocBulk(0, 64, out, GFP_ATOMIC)).toBe(1);
    expect(mm.pageIsPfmemalloc(out[0])).toBe(false);
  });

  it('takePages / givePages: give returns only what pressure took', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: GiB });
    const total = GiB / 4096;
    expect(mm.takePages(0, 1000)).toBe(1000);
    expect(mm.givePages(0, 5000)).toBe(1000);
    expect(mm.freePagesOf(0)).toBe(total);
    expect(mm.givePages(0, 1)).toBe(0);
  });

  it('page refcounts: put_page to zero frees; freed table indices are reused LIFO', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: GiB });
    const a = mm.allocPageIndex(0, 0, GFP_ATOMIC);
    const b = mm.allocPageIndex(0, 0, GFP_ATOMIC);
    mm.pageRefInc(a);
    expect(mm.pageRefDec(a)).toBe(1);
    expect(mm.pageRefDec(a)).toBe(0);
    expect(() => mm.pageRefDec(a)).toThrow(new RegExp(`^put_page underflow on page ${a}$`));
    expect(() => mm.pageRefInc(a)).toThrow(new RegExp(`^get_page on free page ${a}$`));
    expect(() => mm.freePages(a)).toThrow(new RegExp(`^free of page ${a} that is not allocated$`));
    mm.freePages(b);
    expect(mm.allocPageIndex(0, 0, GFP_ATOMIC)).toBe(b);
    expect(mm.allocPageIndex(0, 0, GFP_ATOMIC)).toBe(a);
  });

  it('table grows by doubling beyond its initial capacity', () => {
    const mm = new PageAllocator({ numaNodes: 1, perNodeBytes: GiB });
    const cap0 = mm.table.capacity;
    const pages: number[] = [];
    for (let k = 0; k < cap0 + 10; k++) pages.push(mm.allocPageIndex(0, 0, GFP_ATOMIC));
    expect(mm.table.capacity).toBe(cap0 * 2);
    expect(new Set(pages).size).toBe(cap0 + 10);
    expect(mm.pageRefcount(pages[3])).toBe(1);
  });
});

describe('alloc_pages_bulk_node specifics', () => {
  it('the batch needs free > low + n on the preferred node itself (no other node serves a batch)', () => {
    const mm = new PageAllocator({ numaNodes: 2, perNodeBytes: GiB });
    const out = new Int32Array(64);
    const w = mm.nodeStats(0);
    mm.takePages(0, mm.freePagesOf(0) - (w.low_pages + 64)); // free == low + 64: not enough
    expect(mm.allocBulk(0, 64, out, GFP_ATOMIC)).toBe(1);
    expect(mm.pageNid(out[0])).toBe(0); // the single page still fits above low on node 0
    mm.givePages(0, 1);
    const w2 = mm.nodeStats(0);
    mm.takePages(0, w2.free_pages - w2.low_pages); // node 0 at low
    expect(mm.allocBulk(0, 64, out, GFP_ATOMIC)).toBe(1);
    expect(mm.pageNid(out[0])).toBe(1); // single-page path falls back to node 1
  });
});
