import { GFP_ATOMIC, GFP_DEV_ALLOC, gfpToAllocFlags, reserveMark } from '../../shared/sim/mm/gfp';
import { describe, expect, it } from 'vitest';
import { makeHarness, GiB } from './harness';
import {
  PP_OP_DMA_MAP,
  PP_OP_SLOW_BULK_CALL,
  PP_OP_DMA_SYNC_DEV,
  PP_OP_HIGH_ORDER_PAGE,
  PP_OP_REFILL_ENTRY,
} from '../../shared/sim/page_pool/types';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

describe('page_pool_alloc_netmems', () => {
  it('slow path: one bulk of 64 order-0 pages, alloc_slow once per call, then 63 fast allocations', () => {
    const h = makeHarness();
    const pool = h.pool();
    const free0 = h.mm.freePagesOf(0);
    const a = pool.allocNetmems();
    expect(a).not.toBe(0);
    expect(pool.stats.alloc_slow).toBe(1);
    expect(pool.stats.alloc_empty).toBe(1); // ring was empty on the refill attempt
    expect(pool.holdCnt).toBe(64);
    expect(pool.allocCacheCount).toBe(63);
    expect(h.mm.freePagesOf(0)).toBe(free0 - 64);
    expect(h.ops[PP_OP_SLOW_BULK_CALL]).toBe(1);
    expect(h.ops[PP_OP_DMA_MAP]).toBe(64);
    expect(h.ops[PP_OP_DMA_SYNC_DEV]).toBe(64); // sync of max_len after each map (dma_sync)
    for (let k = 0; k < 63; k++) expect(pool.allocNetmems()).not.toBe(0);
    expect(pool.stats.alloc_fast).toBe(63);
    expect(pool.stats.alloc_slow).toBe(1);
    pool.allocNetmems();
    expect(pool.stats.alloc_slow).toBe(2);
    expect(pool.stats.alloc_empty).toBe(2);
    expect(pool.holdCnt).toBe(128);
    expect(pool.accounting()).toEqual({ alloc_cache: 63, ptr_ring: 0, nic_ring: 65, stack: 0, user: 0 });
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('hands out distinct buffers and LIFO from the cache', () => {
    const h = makeHarness();
    const pool = h.pool();
    const seen = new Set<number>();
    for (let k = 0; k < 200; k++) seen.add(pool.allocNetmems());
    expect(seen.size).toBe(200);
    const x = pool.allocNetmems();
    h.exec.cpu = 0;
    h.exec.napiPollingCore = 0; // NAPI core: direct recycle
    pool.putFullNetmem(x, false);
    expect(pool.stats.recycle_cached).toBe(1);
    expect(pool.allocNetmems()).toBe(x);
  });

  it('refill takes up to 64 ring entries once and counts alloc_refill once', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 1024 });
    const refs: number[] = [];
    for (let k = 0; k < 100; k++) refs.push(pool.allocNetmems());
    h.exec.inSoftirq = false; // process context: ring
    for (const r of refs) pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_ring).toBe(100);
    h.exec.inSoftirq = true;
    while (pool.allocCacheCount > 0) pool.allocNetmems();
    const before = h.ops[PP_OP_REFILL_ENTRY];
    const r = pool.allocNetmems();
    expect(refs).toContain(r);
    expect(pool.stats.alloc_refill).toBe(1);
    expect(h.ops[PP_OP_REFILL_ENTRY] - before).toBe(64);
    expect(pool.allocCacheCount).toBe(63);
    expect(pool.ptrRingCount).toBe(36);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('refill stops at a NUMA mismatch: releases that entry, counts alloc_waive, falls to the slow path', () => {
    const h = makeHarness({ numaNodes: 2, perNodeBytes: 4 * GiB }, [0, 1]);
    const pool = h.pool(); // NUMA_NO_NODE: preferred node = numa_mem_id() of the running CPU
    h.exec.cpu = 1;
    h.exec.napiPollingCore = 1;
    const remote: number[] = [];
    for (let k = 0; k < 64; k++) remote.push(pool.allocNetmems()); // node-1 pages, cache now empty
    expect(remote.every((r) => h.tables.page.nid[netmemIndex(r)] === 1)).toBe(true);
    h.exec.inSoftirq = false;
    for (const r of remote.slice(0, 10)) pool.putFullNetmem(r, false); // into the ring
    h.exec.inSoftirq = true;
    h.exec.cpu = 0;
    h.exec.napiPollingCore = 0;
    const rel0 = pool.releaseCnt;
    const slow0 = pool.stats.alloc_slow;
    const got = pool.allocNetmems();
    expect(pool.stats.alloc_waive).toBe(1);
    expect(pool.releaseCnt - rel0).toBe(1);
    expect(pool.stats.alloc_refill).toBe(0);
    expect(pool.stats.alloc_slow - slow0).toBe(1); // no alloc_empty for a waive
    expect(pool.stats.alloc_empty).toBe(1); // only the very first allocation
    expect(h.tables.page.nid[netmemIndex(got)]).toBe(0);
    expect(pool.ptrRingCount).toBe(9);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('refill moves local entries before a mismatch and still returns one with alloc_refill', () => {
    const h = makeHarness({ numaNodes: 2, perNodeBytes: 4 * GiB }, [0, 1]);
    const pool = h.pool();
    const local: number[] = [];
    for (let k = 0; k < 64; k++) local.push(pool.allocNetmems()); // node 0
    h.exec.cpu = 1;
    h.exec.napiPollingCore = 1;
    const remote = pool.allocNetmems(); // node 1 (cache was empty: slow path on node 1)
    expect(h.tables.page.nid[netmemIndex(remote)]).toBe(1);
    while (pool.allocCacheCount > 0) pool.allocNetmems();
    h.exec.inSoftirq = false;
    for (const r of local.slice(0, 3)) pool.putFullNetmem(r, false);
    pool.putFullNetmem(remote, false);
    pool.putFullNetmem(local[3], false);
    h.exec.inSoftirq = true;
    h.exec.cpu = 0;
    h.exec.napiPollingCore = 0;
    const got = pool.allocNetmems();
    expect(pool.stats.alloc_waive).toBe(1);
    expect(pool.stats.alloc_refill).toBe(1);
    expect(got).toBe(local[2]); // LIFO pop of the three moved entries
    expect(pool.allocCacheCount).toBe(2);
    expect(pool.ptrRingCount).toBe(1);
  });

  it('high order: one compound page per slow call, alloc_slow_high_order, no bulk', () => {
    const h = makeHarness();
    const pool = h.pool({ order: 2, max_len: 16384 });
    const free0 = h.mm.freePagesOf(0);
    const a = pool.allocNetmems();
    expect(a).not.toBe(0);
    expect(pool.stats.alloc_slow_high_order).toBe(1);
    expect(pool.stats.alloc_slow).toBe(0);
    expect(pool.holdCnt).toBe(1);
    expect(pool.allocCacheCount).toBe(0);
    expect(h.mm.freePagesOf(0)).toBe(free0 - 4);
    expect(h.tables.page.order[netmemIndex(a)]).toBe(2);
    pool.allocNetmems();
    expect(pool.stats.alloc_slow_high_order).toBe(2);
    expect(h.ops[PP_OP_HIGH_ORDER_PAGE]).toBe(2);
    expect(h.ops[PP_OP_SLOW_BULK_CALL]).toBe(0);
    expect(pool.inflightMem()).toBe(2 * 16384);
  });

  it('fails (returns 0) when the page allocator has nothing', () => {
    const h = makeHarness({ perNodeBytes: 256 * 4096 });
    const pool = h.pool();
    h.mm.takePages(0, 1e9);
    expect(pool.allocNetmems()).toBe(0);
    expect(pool.stats.alloc_slow).toBe(0);
    expect(pool.holdCnt).toBe(0);
    expect(h.mm.nodeStats(0).alloc_failures).toBe(1);
  });

  it('below the low watermark the bulk call falls back to a single page; GFP_ATOMIC (page_pool_dev_alloc) at min gets a normal page', () => {
    const h = makeHarness({ perNodeBytes: 4 * GiB });
    const pool = h.pool();
    const w = h.mm.nodeStats(0);
    h.mm.takePages(0, w.free_pages - w.min_pages); // exactly at min
    const r = pool.allocNetmems();
    expect(r).not.toBe(0);
    expect(pool.holdCnt).toBe(1);
    expect(pool.stats.alloc_slow).toBe(1);
    expect(h.tables.isPfmemalloc(r)).toBe(false);
    expect(h.mm.nodeStats(0).pfmemalloc_allocs).toBe(0);
  });

  it("below the GFP_ATOMIC floor (3/8 of min) page_pool_dev_alloc fails; the caller's __GFP_MEMALLOC gets a pfmemalloc page", () => {
    const h = makeHarness({ perNodeBytes: 4 * GiB });
    const pool = h.pool();
    const w = h.mm.nodeStats(0);
    const floor = reserveMark(w.min_pages, gfpToAllocFlags(GFP_ATOMIC));
    h.mm.takePages(0, w.free_pages - floor);
    expect(pool.allocNetmems()).toBe(0);
    expect(h.mm.nodeStats(0).alloc_failures).toBe(1);
    const r = pool.allocNetmems(GFP_DEV_ALLOC);
    expect(r).not.toBe(0);
    expect(h.tables.isPfmemalloc(r)).toBe(true);
    expect(h.mm.nodeStats(0).pfmemalloc_allocs).toBe(1);
  });
});
