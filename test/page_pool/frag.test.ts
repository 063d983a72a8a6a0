import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { BIAS_MAX } from '../../shared/sim/netmem/descTable';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

describe('frag API (page_pool_alloc_frag_netmem)', () => {
  it('carves one page into fragments with pp_ref_count = BIAS_MAX and frag_users', () => {
    const h = makeHarness();
    const pool = h.pool();
    const offs: number[] = [];
    const a = pool.allocFragNetmem(1024);
    offs.push(pool.fragOffset);
    const b = pool.allocFragNetmem(1024);
    offs.push(pool.fragOffset);
    const c = pool.allocFragNetmem(1024);
    offs.push(pool.fragOffset);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(offs).toEqual([0, 1024, 2048]);
    expect(pool.fragUsers).toBe(3);
    expect(h.tables.ppRefCount(a)).toBe(BIAS_MAX);
    expect(h.tables.holds(a, HOLDER_NIC_RING)).toBe(3);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('drain with every fragment back: reuse in place, recycle_cached++ and alloc_fast++', () => {
    const h = makeHarness();
    const pool = h.pool();
    const refs: number[] = [];
    for (let k = 0; k < 4; k++) refs.push(pool.allocFragNetmem(1024));
    const fast0 = pool.stats.alloc_fast;
    for (const r of refs) pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_cached).toBe(0); // biased: no put reaches zero
    expect(h.tables.ppRefCount(refs[0])).toBe(BIAS_MAX - 4n);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
    const again = pool.allocFragNetmem(1024);
    expect(again).toBe(refs[0]);
    expect(pool.fragOffset).toBe(0);
    expect(pool.stats.recycle_cached).toBe(1);
    expect(pool.stats.alloc_fast - fast0).toBe(1);
    expect(h.tables.ppRefCount(again)).toBe(BIAS_MAX);
    expect(pool.holdCnt).toBe(64);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('drain with fragments outstanding: new page; the old one recycles when its last fragment returns', () => {
    const h = makeHarness();
    const pool = h.pool();
    const refs: number[] = [];
    for (let k = 0; k < 4; k++) refs.push(pool.allocFragNetmem(1024));
    pool.putFullNetmem(refs[0], false);
    pool.putFullNetmem(refs[1], false);
    const next = pool.allocFragNetmem(1024);
    expect(next).not.toBe(refs[0]);
    expect(h.tables.ppRefCount(refs[0])).toBe(2n); // BIAS_MAX - 2 - (BIAS_MAX - 4)
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
    pool.putFullNetmem(refs[2], false);
    expect(pool.stats.recycle_cached).toBe(0);
    pool.putFullNetmem(refs[3], false);
    expect(pool.stats.recycle_cached).toBe(1);
    expect(h.tables.ppRefCount(refs[0])).toBe(1n);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('drain of a page that cannot be recycled releases it without recycle_released_refcnt', () => {
    const h = makeHarness();
    const pool = h.pool();
    const a = pool.allocFragNetmem(2048);
    pool.allocFragNetmem(2048);
    h.mm.pageRefInc(netmemIndex(a));
    pool.putFullNetmem(a, false);
    pool.putFullNetmem(a, false);
    const rel0 = pool.releaseCnt;
    const b = pool.allocFragNetmem(2048);
    expect(b).not.toBe(a);
    expect(pool.releaseCnt - rel0).toBe(1);
    expect(pool.stats.recycle_released_refcnt).toBe(0);
    expect(pool.stats.recycle_cached).toBe(0);
  });

  it('size above PAGE_SIZE << order fails', () => {
    const h = makeHarness();
    const pool = h.pool();
    expect(pool.allocFragNetmem(4097)).toBe(0);
    expect(h.logs.some((l) => l.level === 'warn')).toBe(true);
  });
});

describe('page_pool_alloc_netmem (whole buffer vs fragment)', () => {
  it('2 * size > max size → whole buffer, size = max size', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmem(2049);
    expect(r).not.toBe(0);
    expect(pool.lastSize).toBe(4096);
    expect(pool.fragOffset).toBe(0);
    expect(h.tables.ppRefCount(r)).toBe(1n);
    expect(pool.fragPage).toBe(0);
  });

  it('fragments; the one after which no other fits gets the rest of the page', () => {
    const h = makeHarness();
    const pool = h.pool();
    const a = pool.allocNetmem(1500);
    expect([pool.fragOffset, pool.lastSize]).toEqual([0, 1500]);
    const b = pool.allocNetmem(1500);
    expect(b).toBe(a);
    expect([pool.fragOffset, pool.lastSize]).toEqual([1500, 4096 - 1500]);
    const c = pool.allocNetmem(1500);
    expect(c).not.toBe(a);
    expect(pool.fragOffset).toBe(0);
  });
});

describe('page_pool_fragment_netmem', () => {
  it('nr references held by the driver; the last put recycles; idle count is 1', () => {
    const h = makeHarness();
    const pool = h.pool();
    const r = pool.allocNetmems();
    pool.fragmentNetmem(r, 3);
    expect(h.tables.ppRefCount(r)).toBe(3n);
    h.tables.moveRef(r, HOLDER_NIC_RING, HOLDER_STACK);
    pool.putFullNetmem(r, false, HOLDER_STACK);
    pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_cached).toBe(0);
    pool.putFullNetmem(r, false);
    expect(pool.stats.recycle_cached).toBe(1);
    expect(h.tables.ppRefCount(r)).toBe(1n);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });
});
