// Fault injection (docs/model/fault-injection.md): should_fail's checks in lib/fault-inject.c
// order, fail_function on page_pool_alloc_netmems, dma_mapping_error in page_pool_dma_map.
import { describe, expect, it } from 'vitest';
import { FaultAttr, createFaultPoints } from '../../shared/sim/faults/faultAttr';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { makeHarness } from './harness';

function failures(a: FaultAttr, calls: number): number[] {
  const at: number[] = [];
  for (let i = 1; i <= calls; i++) if (a.shouldFail(1)) at.push(i);
  return at;
}

describe('should_fail (lib/fault-inject.c)', () => {
  it('interval 511, probability 100, times -1 (pp_alloc_fail.py): exactly every 511th call', () => {
    const a = new FaultAttr(1, 't');
    a.configure({ probability: 100, interval: 511, times: -1, space: 0 });
    expect(failures(a, 2000)).toEqual([511, 1022, 1533]);
    expect(a.times).toBe(-1);
  });

  it('times counts down to 0 and then nothing fails; space lets the first calls pass', () => {
    const a = new FaultAttr(1, 't');
    a.configure({ probability: 100, interval: 1, times: 3, space: 5 });
    // space 5, size 1: calls pass while space > size, so 4 pass (5 → 1) and the 5th is a candidate
    expect(failures(a, 20)).toEqual([5, 6, 7]);
    expect(a.times).toBe(0);
  });

  it('probability 0 disables, and the interval count keeps running across a reconfiguration', () => {
    const a = new FaultAttr(1, 't');
    a.configure({ probability: 0, interval: 4, times: -1, space: 0 });
    expect(failures(a, 10)).toEqual([]);
    expect(a.count).toBe(0); // probability 0 returns before the interval check
    a.configure({ probability: 100, interval: 4, times: -1, space: 0 });
    expect(failures(a, 3)).toEqual([]);
    a.configure({ probability: 100, interval: 2, times: -1, space: 0 });
    expect(failures(a, 2)).toEqual([1]); // the count reached 4 on the next call: even
  });

  it('probability 50 fails about half the candidates, the same ones for the same seed', () => {
    const a = new FaultAttr(7, 't');
    const b = new FaultAttr(7, 't');
    for (const x of [a, b]) x.configure({ probability: 50, interval: 1, times: -1, space: 0 });
    const fa = failures(a, 10000);
    expect(fa).toEqual(failures(b, 10000));
    expect(fa.length).toBeGreaterThan(4700);
    expect(fa.length).toBeLessThan(5300);
  });
});

describe('fault_attr knobs', () => {
  it('start as FAULT_ATTR_INITIALIZER leaves them (nothing fails) and keep what a write does not name', () => {
    const a = new FaultAttr(1, 't');
    expect([a.probability, a.interval, a.times, a.space]).toEqual([0, 1, 1, 0]);
    expect(failures(a, 100)).toEqual([]);
    a.configure({ probability: 100 });
    expect(failures(a, 100)).toEqual([1]); // times 1: one failure
    a.configure({ times: 2, interval: 10 });
    expect(a.probability).toBe(100);
    expect(failures(a, 30)).toEqual([10, 20]);
  });
});

describe('fail_function on page_pool_alloc_netmems', () => {
  it('returns NULL on entry even with buffers in the alloc cache; nothing else moves', () => {
    const h = makeHarness();
    const faults = createFaultPoints(1);
    h.hooks = { ...h.hooks, faults };
    const pool = h.pool();
    expect(pool.allocNetmems()).not.toBe(0); // slow path: 63 left in the cache
    faults.allocNetmems.configure({ probability: 100, interval: 3, times: -1, space: 0 });
    expect(pool.allocNetmems()).not.toBe(0); // the inject list is still empty: no candidate
    faults.allocNetmems.enabled = true;
    const got = [pool.allocNetmems(), pool.allocNetmems(), pool.allocNetmems()];
    expect(got[2]).toBe(0);
    expect(pool.allocCacheCount).toBe(60);
    expect(pool.stats.alloc_fast).toBe(3);
    expect(pool.holdCnt).toBe(64);
    expect(faults.allocNetmems.injected).toBe(1);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });
});

describe('dma_mapping_error in page_pool_dma_map', () => {
  it('a bulk refill keeps the pages that mapped and frees the others at once', () => {
    const h = makeHarness();
    const faults = createFaultPoints(1);
    h.hooks = { ...h.hooks, faults };
    const pool = h.pool();
    faults.dmaMap.configure({ probability: 100, interval: 8, times: -1, space: 0 });
    const free0 = h.mm.freePagesOf(0);
    const ref = pool.allocNetmems();
    expect(ref).not.toBe(0);
    // 64 pages from the bulk allocation, every 8th failed to map: 56 kept, 8 back to the allocator
    expect(pool.holdCnt).toBe(56);
    expect(pool.allocCacheCount).toBe(55);
    expect(h.mm.freePagesOf(0)).toBe(free0 - 56);
    expect(pool.stats.alloc_slow).toBe(1);
    expect(faults.dmaMap.injected).toBe(8);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
    expect(h.mm.checkInvariants()).toEqual([]);
  });

  it('when no page of the bulk maps, the allocation fails and alloc_slow does not move', () => {
    const h = makeHarness();
    const faults = createFaultPoints(1);
    h.hooks = { ...h.hooks, faults };
    const pool = h.pool();
    faults.dmaMap.configure({ probability: 100, interval: 1, times: -1, space: 0 });
    const free0 = h.mm.freePagesOf(0);
    expect(pool.allocNetmems()).toBe(0);
    expect(pool.stats.alloc_slow).toBe(0);
    expect(pool.holdCnt).toBe(0);
    expect(h.mm.freePagesOf(0)).toBe(free0);
  });

  it('a high-order page that fails to map is put back and the allocation fails', () => {
    const h = makeHarness();
    const faults = createFaultPoints(1);
    h.hooks = { ...h.hooks, faults };
    const pool = h.pool({ order: 2, max_len: 16384 });
    faults.dmaMap.configure({ probability: 100, interval: 1, times: 1, space: 0 });
    const free0 = h.mm.freePagesOf(0);
    expect(pool.allocNetmems()).toBe(0);
    expect(h.mm.freePagesOf(0)).toBe(free0);
    expect(pool.stats.alloc_slow_high_order).toBe(0);
    expect(pool.allocNetmems()).not.toBe(0); // times exhausted
    expect(pool.stats.alloc_slow_high_order).toBe(1);
  });
});
