// Driver-specific cost entries, one named field per driver operation (a misspelt name does not
// compile), including what the page → netmem conversion changes per operation.
//
// What the conversion changes (netmem variant minus page variant):
// - every netmem_is_net_iov() low-bit test: +1 cycle (entries.ts `netmem_is_net_iov`, measured
//   through the bench fast path 8 → 9 cycles). In drivers: netmem_address() instead of
//   page_address(), the prefetch guard, netmem_compound_head() / virt_to_head_netmem().
// - netmem_compound_head() returns a net_iov unchanged (include/net/netmem.h: net_iovs are never
//   compound), so on net_iov buffers the converted driver skips compound_head()
//   (`drv_compound_head`).
// - page_pool_dma_sync_netmem_for_cpu(): no sync for net_iov (pool->dma_sync_for_cpu false).
// Add a driver's entries to DriverEntry and DRIVER_ENTRIES, in that driver's block.
import type { CostEntry } from './types';

export type DriverEntry =
  // buffer helpers every driver calls
  | 'drv_compound_head'
  | 'drv_page_address'
  // gve (drivers/net/ethernet/google/gve/)
  | 'drv_gve_buf_state'
  | 'drv_gve_qpl_used_scan'
  // mlx4 (drivers/net/ethernet/mellanox/mlx4/en_rx.c)
  | 'drv_mlx4_flip_check'
  // mlx5 (drivers/net/ethernet/mellanox/mlx5/core/en_rx.c)
  | 'drv_mlx5_umr_wqe'
  | 'drv_mlx5_umr_mtt'
  | 'drv_mlx5_xdpsq_xmit'
  // hns3 (drivers/net/ethernet/hisilicon/hns3/hns3_enet.c)
  | 'drv_hns3_reuse_check';

function est(value: number, range: readonly [number, number], estimate: string): CostEntry {
  return { value, unit: 'e5-cycles', estimate, range };
}

export const DRIVER_ENTRIES: Readonly<Record<DriverEntry, CostEntry>> = {
  // ---- buffer helpers ----
  drv_compound_head: est(
    4,
    [2, 12],
    'compound_head(): load of page->compound_head, bit-0 test, and the page_fixed_fake_head() check of CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP',
  ),
  drv_page_address: est(2, [1, 6], 'page_address() on the linear map: (page − vmemmap) × 64 + PAGE_OFFSET, two ALU operations'),
  // ---- gve ----
  drv_gve_buf_state: est(10, [5, 30], 'DQO: pop or push of a buffer state on its free list and a 32-byte buffer-queue descriptor write'),
  drv_gve_qpl_used_scan: est(8, [4, 20], 'QPL: one entry of the used-buffer list search (up to 5 per allocation)'),
  // ---- mlx4 ----
  drv_mlx4_flip_check: est(12, [6, 30], 'the flip/reuse test: page_count, pp_ref_count, pfmemalloc and page_to_nid of one struct page'),
  // ---- mlx5 ----
  drv_mlx5_umr_wqe: est(
    60,
    [30, 150],
    'striding RQ: build one UMR WQE on the ICOSQ for a multi-packet WQE (control + UMR segments, 64-byte lines) and its ICOSQ completion',
  ),
  drv_mlx5_umr_mtt: est(3, [1, 8], 'one 8-byte MTT entry (page DMA address) written into the UMR WQE'),
  drv_mlx5_xdpsq_xmit: est(40, [20, 100], 'XDP_TX: one XDPSQ WQE (MPWQE session entry) and its share of the completion handling'),
  // ---- hns3 ----
  drv_hns3_reuse_check: est(
    12,
    [6, 30],
    'the reuse test (rules a–e): page_count against pagecnt_bias, offset arithmetic, pfmemalloc and node',
  ),
};
