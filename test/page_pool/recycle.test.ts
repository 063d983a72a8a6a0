import { GFP_ATOMIC, GFP_DEV_ALLOC, gfpToAllocFlags, reserveMark } from '../../shared/sim/mm/gfp';
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { napiPpPutPage } from '../../shared/sim/page_pool/skbRecycle';
import { HOLDER_NIC_RING, HOLDER_STACK, HOLDER_USER } from '../../shared/sim/netmem/places';
import { PP_OP_BULK_LOCK, PP_OP_DMA_UNMAP } from '../../shared/sim/page_pool/types';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

describe('put path: napi-local rule (page_pool_napi_local)', () => {
  const cases: {
    name: string;
    exec: { inSoftirq: boolean; cpu: number; napiPollingCore: number };
    cpuid?: number;
    napiCore?: number;
    direct: boolean;
  }[] = [
    { name: 'softirq on the NAPI core while it polls', exec: { inSoftirq: true, cpu: 0, napiPollingCore: 0 }, direct: true },
    { name: 'softirq on another core', exec: { inSoftirq: true, cpu: 1, napiPollingCore: 1 }, direct: false },
    { name: 'process context on the NAPI core', exec: { inSoftirq: false, cpu: 0, napiPollingCore: 0 }, direct: false },
    { name: 'softirq on the NAPI core, NAPI not scheduled', exec: { inSoftirq: true, cpu: 0, napiPollingCore: -1 }, direct: false },
    {
      name: 'per-CPU pool: softirq on pool->cpuid',
      exec: { inSoftirq: true, cpu: 2, napiPollingCore: -1 },
      cpuid: 2,
      napiCore: -1,
      direct: true,
    },
    {
      name: 'per-CPU pool: process context on pool->cpuid',
      exec: { inSoftirq: false, cpu: 2, napiPollingCore: -1 },
      cpuid: 2,
      napiCore: -1,
      direct: false,
    },
    { name: 'no pp.napi', exec: { inSoftirq: true, cpu: 0, napiPollingCore: 0 }, napiCore: -1, direct: false },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.direct ? 'alloc cache' : 'ptr_ring'}`, () => {
      const h = makeHarness();
      const pool = h.pool({ napiCore: c.napiCore ?? 0 }, null, c.cpuid ?? -1);
      const r = pool.allocNetmems();
      Object.assign(h.exec, c.exec);
      pool.putFullNetmem(r, false);
      expect(pool.stats.recycle_cached).toBe(c.direct ? 1 : 0);
      expect(pool.stats.recycle_ring).toBe(c.direct ? 0 : 1);
      expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
    });
  }

  it('allow_direct = true skips the napi-local test', () => {
    const h = makeHarness();
    const pool = h.pool({ napiCore: -1 });
    const r = pool.allocNetmems();
    h.exec.inSoftirq = false;
    pool.recycleDirectNetmem(r);
    expect(pool.stats.recycle_cached).toBe(1);
  });

  it('disableDirectRecycling stops direct recycling from the NAPI core', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    pool.disableDirectRecycling();
    pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_ring).toBe(1);
  });
});

describe('put path: cache full, ring full, not recyclable', () => {
  it('cache full → recycle_cache_full then recycle_ring', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 1024 });
    const refs: number[] = [];
    for (let k = 0; k < 129; k++) refs.push(pool.allocNetmems());
    const spare: number[] = [];
    while (pool.allocCacheCount > 0) spare.push(pool.allocNetmems()); // start from an empty cache
    for (const r of refs) pool.putFullNetmem(r, false); // NAPI core: direct
    expect(pool.allocCacheCount).toBe(128);
    expect(pool.stats.recycle_cached).toBe(128);
    expect(pool.stats.recycle_cache_full).toBe(1);
    expect(pool.stats.recycle_ring).toBe(1);
    expect(pool.ptrRingCount).toBe(1);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('ring full → recycle_ring_full and release (DMA unmap, page back to the allocator)', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 16 });
    expect(pool.ringSize).toBe(16);
    const refs: number[] = [];
    for (let k = 0; k < 17; k++) refs.push(pool.allocNetmems());
    h.exec.inSoftirq = false;
    const free0 = h.mm.freePagesOf(0);
    for (const r of refs) pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_ring).toBe(16);
    expect(pool.stats.recycle_ring_full).toBe(1);
    expect(pool.releaseCnt).toBe(1);
    expect(h.ops[PP_OP_DMA_UNMAP]).toBe(1);
    expect(h.mm.freePagesOf(0)).toBe(free0 + 1);
    expect(h.tables.page.isLive(netmemIndex(refs[16]))).toBe(false);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('a page with _refcount != 1 is released with recycle_released_refcnt; it lives on outside the pool', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    const i = netmemIndex(r);
    h.mm.pageRefInc(i); // driver's get_page (refcount-based reuse)
    pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_released_refcnt).toBe(1);
    expect(pool.stats.recycle_cached).toBe(0);
    expect(pool.releaseCnt).toBe(1);
    expect(h.tables.isPp(r)).toBe(false);
    expect(h.mm.pageRefcount(i)).toBe(1);
    const free0 = h.mm.freePagesOf(0);
    h.mm.pageRefDec(i);
    expect(h.mm.freePagesOf(0)).toBe(free0 + 1);
  });

  it('a pfmemalloc page is released with recycle_released_refcnt', () => {
    const h = makeHarness();
    const pool = h.pool();
    const w = h.mm.nodeStats(0);
    h.mm.takePages(0, w.free_pages - reserveMark(w.min_pages, gfpToAllocFlags(GFP_ATOMIC)));
    const r = pool.allocNetmems(GFP_DEV_ALLOC); // a driver passing __GFP_MEMALLOC (mlx4's refill)
    expect(h.tables.isPfmemalloc(r)).toBe(true);
    pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_released_refcnt).toBe(1);
    expect(pool.stats.recycle_cached).toBe(0);
    expect(pool.inflight()).toBe(0);
  });
});

describe('references and holders', () => {
  it('page_pool_ref_netmem: not the last reference → buffer stays out', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    h.tables.moveRef(r, HOLDER_NIC_RING, HOLDER_STACK); // driver → skb
    pool.refNetmem(r, HOLDER_USER, HOLDER_STACK); // devmem-style token
    expect(h.tables.ppRefCount(r)).toBe(2n);
    expect(pool.accounting().user).toBe(1);
    expect(napiPpPutPage(h.registry, h.tables, r)).toBe(true); // skb freed
    expect(pool.stats.recycle_cached + pool.stats.recycle_ring).toBe(0);
    expect(pool.accounting()).toMatchObject({ user: 1, stack: 0, nic_ring: 0 });
    h.exec.inSoftirq = false; // SO_DEVMEM_DONTNEED from process context
    pool.putFullNetmem(r, false, HOLDER_USER);
    expect(pool.stats.recycle_ring).toBe(1);
    expect(h.tables.ppRefCount(r)).toBe(1n);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('dropping a reference its holder does not have is an error', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    expect(() => pool.putFullNetmem(r, false, HOLDER_STACK)).toThrow(/holder/);
  });

  it('putting a buffer that is not out is an error (double free)', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    pool.putFullNetmem(r, false);
    expect(() => pool.putFullNetmem(r, false)).toThrow(/not handed out/);
  });

  it('napi_pp_put_page returns false for a page that is not from a page_pool', () => {
    const h = makeHarness();
    const page = h.mm.allocPageIndex(0, 0, GFP_ATOMIC);
    expect(napiPpPutPage(h.registry, h.tables, (page + 1) << 1)).toBe(false);
  });
});

describe('page_pool_put_netmem_bulk', () => {
  it('ring_full counts once per bulk batch, ring counts what was produced, the rest is released', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 20 }); // batch = 1 (16 > 20/2): producer sees exact fill
    const refs = new Int32Array(26);
    for (let k = 0; k < 26; k++) refs[k] = pool.allocNetmems();
    h.exec.inSoftirq = false;
    for (let k = 0; k < 10; k++) pool.putFullNetmem(refs[k], false);
    expect(pool.ptrRingCount).toBe(10);
    const rest = refs.slice(10);
    pool.putNetmemBulk(rest, 16);
    expect(pool.stats.recycle_ring).toBe(20);
    expect(pool.stats.recycle_ring_full).toBe(1);
    expect(pool.releaseCnt).toBe(6);
    expect(h.ops[PP_OP_BULK_LOCK]).toBe(1);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('buffers that are not at their last reference are skipped; direct recycling when napi-local', () => {
    const h = makeHarness();
    const pool = h.pool();
    const refs = new Int32Array(4);
    for (let k = 0; k < 4; k++) refs[k] = pool.allocNetmems();
    pool.refNetmem(refs[0], HOLDER_NIC_RING, HOLDER_NIC_RING);
    pool.putNetmemBulk(refs, 4);
    expect(pool.stats.recycle_cached).toBe(3);
    expect(h.tables.ppRefCount(refs[0])).toBe(1n);
    expect(pool.accounting().nic_ring).toBe(1);
  });
});

describe('page_pool_update_nid / enable_direct_recycling', () => {
  it('update_nid flushes the alloc cache to the page allocator and sets the node', () => {
    const h = makeHarness();
    const pool = h.pool({ nid: 0 });
    pool.allocNetmems();
    expect(pool.allocCacheCount).toBe(63);
    pool.updateNid(0);
    expect(pool.allocCacheCount).toBe(0);
    expect(pool.releaseCnt).toBe(63);
    expect(pool.inflight()).toBe(1);
  });

  it('enable_direct_recycling attaches a NAPI to a pool created without one', () => {
    const h = makeHarness();
    const pool = h.pool({ napiCore: -1 });
    const r = pool.allocNetmems();
    pool.enableDirectRecycling(0);
    pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_cached).toBe(1);
  });
});
