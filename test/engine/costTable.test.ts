// The cost table reproduces the micro-benchmark inputs it was decomposed from (calibrate inputs).
import { describe, expect, it } from 'vitest';
import { CPU_PROFILE_TABLE, costTableFor, ppOpCycles } from '../../shared/sim/costs/costTable';
import { CPU_PROFILES } from '../../shared/scenario/schema';
import * as PP from '../../shared/sim/page_pool/types';

describe('cost table', () => {
  for (const name of CPU_PROFILES) {
    it(`${name}: bench_page_pool_simple loops decompose back to their published totals`, () => {
      const p = CPU_PROFILE_TABLE[name];
      const c = costTableFor(name, 'page', 'off');
      // tasklet_page_pool01_fast_path: alloc from the cache + page_pool_recycle_direct
      expect(c.pp_alloc_fast + c.pp_recycle_direct).toBeCloseTo(p.fast, 9);
      // tasklet_page_pool02_ptr_ring: alloc (cache, refilled from the ring) + put into the ring
      expect(c.pp_alloc_fast + c.pp_refill_per_buf + c.pp_recycle_ring).toBeCloseTo(p.ptrRing, 9);
      // tasklet_page_pool03_slow: alloc (bulk from the page allocator) + release + put_page
      expect(c.pp_alloc_fast + c.page_alloc_order0 + c.pp_release + c.page_free_order0).toBeCloseTo(p.slow, 9);
    });
  }

  it('the seed host runs the fast path in 8 cycles, 9 with the netmem variant (docs/model/costs.md: page_pool micro-benchmarks)', () => {
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
    // strict: 125 ns map / 162.5 ns unmap per 4K at 3.6 GHz (docs/model/costs.md: DMA and IOMMU, derived)
    expect(strict.dma_map).toBeCloseTo(450, 6);
    expect(strict.dma_unmap).toBeCloseTo(585, 6);
  });

  it('passthrough maps through dma-direct: priced as no IOMMU, below lazy', () => {
    const off = costTableFor('xeon-e5-1650-v4', 'page', 'off');
    const pt = costTableFor('xeon-e5-1650-v4', 'page', 'passthrough');
    const lazy = costTableFor('xeon-e5-1650-v4', 'page', 'lazy');
    expect([pt.dma_map, pt.dma_unmap]).toEqual([off.dma_map, off.dma_unmap]);
    expect(pt.dma_map).toBeLessThan(lazy.dma_map);
    expect(pt.iommu).toBe('passthrough');
  });

  it('AMD SRSO: the default-mitigation profile costs ~4x the IBPB one on the fast path', () => {
    const def = CPU_PROFILE_TABLE['epyc-9684x'];
    const ibpb = CPU_PROFILE_TABLE['epyc-9684x-ibpb'];
    expect(def.fast / ibpb.fast).toBeCloseTo(54 / 14, 9);
  });
});
