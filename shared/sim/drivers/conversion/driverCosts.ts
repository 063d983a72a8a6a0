// Driver-side cycle costs, including what the page → netmem conversion changes per operation.
// Spread into the cost table by its driver section (shared/sim/costs/costTable.ts, driverCosts()).
// `k` is the profile's kernelScale (generic kernel code relative to the E5-1650 v4).
//
// What the conversion changes, per operation (netmem variant minus page variant):
// - page_pool put path, netmem_is_net_iov() in the recyclable test: +1 cycle. MEASURED:
//   bench_page_pool_simple fast path "about 8 cycles without the changes ... regresses to 9"
//   (docs/model/costs.md: page_pool micro-benchmarks; Mina Almasry, devmem TCP cover letter). Charged by the pool (pp_netmem_check).
// - netmem_address() instead of page_address(), the prefetch guard (check netmem_is_net_iov()
//   before prefetching), netmem_compound_head() / virt_to_head_netmem(): each adds the same
//   low-bit test → +1 cycle per call on a page (`drv_netmem_lsb_check`; same instruction pair as
//   the measured +1, so taken from it, not estimated separately).
// - helper paths without compound_head(): netmem_compound_head() returns a net_iov unchanged
//   ("niov are never compounded", include/net/netmem.h), so on net_iov buffers the converted
//   driver skips compound_head() (`drv_compound_head`, ESTIMATE 4 cycles on the E5: load of
//   page->compound_head, bit-0 test, and the page_fixed_fake_head() check of
//   CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP that Wilcox calls "rather more complex", seed 001).
// - page_pool_dma_sync_netmem_for_cpu(): no sync for net_iov (pool->dma_sync_for_cpu false).
import type { Variant } from '../../../scenario/schema';

export interface DriverCostEntries {
  [key: `drv_${string}`]: number;
}

export function driverCostEntries(k: number, variant: Variant): DriverCostEntries {
  return {
    // ---- conversion deltas ----
    drv_netmem_lsb_check: variant === 'netmem' ? 1 : 0, // derived from the measured 8 → 9 (see above)
    drv_compound_head: 4 * k, // ESTIMATE (see above)
    // ESTIMATE: page_address() on the linear map: (page − vmemmap) × 64 + PAGE_OFFSET, two ALU ops + load.
    drv_page_address: 2 * k,
    // ---- per-driver bookkeeping (ESTIMATES: a few loads/stores on one cache line each) ----
    // GVE DQO: pop/push of a buffer state on the free list, write a 32-byte buffer-queue descriptor.
    drv_gve_buf_state: 10 * k,
    // mlx4 flip test: page_count, pp_ref_count, pfmemalloc and page_to_nid of one struct page.
    drv_mlx4_flip_check: 12 * k,
    // hns3 reuse test (rules a–e): page_count vs pagecnt_bias, offset arithmetic, pfmemalloc/nid.
    drv_hns3_reuse_check: 12 * k,
    // page_ref_add / atomic add on page->_refcount: "atomic_inc 17 cycles(tsc)" on the E5 (docs/model/costs.md: page_pool micro-benchmarks).
    drv_page_ref_atomic: 17 * k,
    // GVE QPL: search of the used-buffer list, up to 5 entries per allocation (ESTIMATE 8 cycles each).
    drv_gve_qpl_used_scan: 8 * k,
  };
}
