// The cost table: one entry per operation, each with its publication or its estimate and range,
// and the places that used to charge one operation at two prices now charge one.
import { ZCRX_ENTRIES } from '../../shared/sim/costs/providerEntries';
import { describe, expect, it } from 'vitest';
import { COST_ENTRIES, CPU_PROFILE_TABLE, costTableFor, pageAllocCycles, ppOpCycles } from '../../shared/sim/costs/costTable';
import {
  DEVMEM_ENTRIES,
  DMA_ENTRIES,
  GENERIC_DRIVER_ENTRIES,
  NAPI_ENTRIES,
  PAGE_ALLOC_ENTRIES,
  PAGE_POOL_ENTRIES,
  SCALING_ENTRIES,
  STACK_ENTRIES,
} from '../../shared/sim/costs/entries';
import { DRIVER_ENTRIES } from '../../shared/sim/costs/driverEntries';
import { CPU_PROFILE_SPECS, PROFILE_FIGURES } from '../../shared/sim/costs/profiles';
import { isEstimate, type CostEntry } from '../../shared/sim/costs/types';
import { CPU_PROFILES } from '../../shared/scenario/schema';
import * as PP from '../../shared/sim/page_pool/types';

function checkProvenance(where: string, e: CostEntry): void {
  expect(Number.isFinite(e.value), where).toBe(true);
  if (isEstimate(e)) {
    expect(e.estimate.length, `${where}: estimate without a reason`).toBeGreaterThan(20);
    const [lo, hi] = e.range;
    expect(lo <= e.value && e.value <= hi && lo < hi, `${where}: ${lo} ≤ ${e.value} ≤ ${hi}`).toBe(true);
  } else {
    expect(e.source.publication.length, `${where}: publication`).toBeGreaterThan(10);
    expect(e.source.location.length, `${where}: location`).toBeGreaterThan(3);
    expect(e.source.description.length, `${where}: description`).toBeGreaterThan(10);
  }
}

describe('cost entries', () => {
  it('each operation has exactly one entry: no name is defined in two sections', () => {
    const sections = [
      PAGE_POOL_ENTRIES,
      PAGE_ALLOC_ENTRIES,
      DMA_ENTRIES,
      NAPI_ENTRIES,
      GENERIC_DRIVER_ENTRIES,
      STACK_ENTRIES,
      DEVMEM_ENTRIES,
      SCALING_ENTRIES,
      DRIVER_ENTRIES,
      ZCRX_ENTRIES,
    ];
    const names = sections.flatMap((s) => Object.keys(s));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(COST_ENTRIES).length).toBe(names.length);
  });

  it('every entry has a publication, or an estimate with its reason and a range around its value', () => {
    for (const [name, e] of Object.entries(COST_ENTRIES)) checkProvenance(name, e);
    for (const p of CPU_PROFILES) {
      for (const f of PROFILE_FIGURES) checkProvenance(`${p}.${f}`, CPU_PROFILE_SPECS[p].figures[f]);
      expect(CPU_PROFILE_SPECS[p].measuredOn.length).toBeGreaterThan(10);
    }
  });

  it('profiles say what they were measured on: AMD with the DMA-fix patches, E5 baseline, 8481C no-softirq', () => {
    expect(CPU_PROFILE_TABLE['epyc-9684x'].label).toContain('DMA-fix');
    expect(CPU_PROFILE_TABLE['epyc-9684x-ibpb'].label).toContain('DMA-fix');
    expect(CPU_PROFILE_TABLE['xeon-e5-1650-v4'].label).toContain('baseline');
    expect(CPU_PROFILE_TABLE['xeon-platinum-8481c'].label).toContain('no-softirq');
    expect(CPU_PROFILE_TABLE['xeon-platinum-8481c'].context).toBe('no-softirq');
  });
});

describe('one price per operation', () => {
  it("a refcount atomic costs the profile's measured atomic_inc everywhere (EPYC: 4, not 25.3)", () => {
    for (const p of CPU_PROFILES) {
      const c = costTableFor(p, 'page', 'off');
      const ops = ppOpCycles(c);
      expect(ops[PP.PP_OP_PP_REF_ATOMIC]).toBe(c.page_ref_atomic);
      expect(c.page_ref_atomic).toBe(CPU_PROFILE_TABLE[p].atomic);
    }
    expect(costTableFor('epyc-9684x', 'page', 'off').page_ref_atomic).toBe(4);
  });

  it('an order-3 allocation costs the same on the page_pool path and in a driver', () => {
    const c = costTableFor('xeon-e5-1650-v4', 'page', 'off');
    const ops = ppOpCycles(c);
    const viaPool = ops[PP.PP_OP_HIGH_ORDER_PAGE] - c.pp_slow_per_page + 3 * ops[PP.PP_OP_ALLOC_ORDER_STEP];
    expect(viaPool).toBeCloseTo(pageAllocCycles(c, 3), 9);
    // order-3 alloc+free is 500/231 of the order-0 pair (the 2016 measurement)
    const pair0 = c.page_alloc_order0 + c.page_free_order0;
    const pair3 = pair0 + 3 * (c.page_alloc_per_order + c.page_free_per_order);
    expect(pair3 / pair0).toBeCloseTo(500 / 231, 9);
  });

  it('the slab cost of an skb is counted once: build + free = the bulk alloc+free pair + init', () => {
    const c = costTableFor('xeon-e5-1650-v4', 'page', 'off');
    expect(c.skb_build + c.skb_free).toBeCloseTo(64 + 40, 9);
    expect(c.skb_free).toBeCloseTo(32, 9);
  });

  it('napi_alloc_frag has its own entry (no longer billed as an skb free)', () => {
    const c = costTableFor('xeon-e5-1650-v4', 'page', 'off');
    expect(COST_ENTRIES.napi_alloc_frag).toBeDefined();
    expect(c.napi_alloc_frag).not.toBe(c.skb_free);
  });

  it('the seed host runs the fast path in 8 cycles, 9 with the netmem variant', () => {
    const page = ppOpCycles(costTableFor('seed-8-cycle', 'page', 'off'));
    const netmem = ppOpCycles(costTableFor('seed-8-cycle', 'netmem', 'off'));
    const fast = (t: Float64Array) => t[PP.PP_OP_ALLOC_FAST] + t[PP.PP_OP_RECYCLE_DIRECT] + t[PP.PP_OP_NETMEM_CHECK];
    expect(fast(page)).toBe(8);
    expect(fast(netmem)).toBe(9);
  });

  it('DMA mapping costs grow with the IOMMU mode', () => {
    const off = costTableFor('xeon-e5-1650-v4', 'page', 'off');
    const lazy = costTableFor('xeon-e5-1650-v4', 'page', 'lazy');
    const strict = costTableFor('xeon-e5-1650-v4', 'page', 'strict');
    expect(off.dma_map).toBeLessThan(lazy.dma_map);
    expect(lazy.dma_map).toBeLessThan(strict.dma_map);
    expect(off.dma_unmap).toBeLessThan(lazy.dma_unmap);
    expect(lazy.dma_unmap).toBeLessThan(strict.dma_unmap);
    // strict: 125 ns map / 162.5 ns unmap per 4K at 3.6 GHz
    expect(strict.dma_map).toBeCloseTo(450, 6);
    expect(strict.dma_unmap).toBeCloseTo(585, 6);
  });

  it('overrides move exactly the entry they name', () => {
    const base = costTableFor('xeon-e5-1650-v4', 'page', 'off');
    const moved = costTableFor('xeon-e5-1650-v4', 'page', 'off', undefined, { irq: 3600 });
    expect(moved.irq).toBe(3600);
    expect(moved.napi_poll).toBe(base.napi_poll);
    expect(() => costTableFor('epyc-9684x-ibpb', 'page', 'off', undefined, { pp_refill_entry_share: 5 })).toThrow(RangeError);
  });
});
