// Cycles of the buffer helpers a driver calls per packet, in its page or netmem variant
// (conversion/driverCosts.ts explains each delta). Computed once per queue, read per packet.
import type { CostTable } from '../../costs/costTable';

export interface HelperCosts {
  /** page_address() / netmem_address() */
  address: number;
  /** virt_to_head_page() / virt_to_head_netmem() on a page */
  headPage: number;
  /** prefetch of the packet header (+ netmem_is_net_iov() guard in the netmem variant) */
  prefetchGuard: number;
  /** per-buffer DMA sync for the CPU (page_pool_dma_sync_[netmem_]for_cpu) */
  syncForCpu: number;
}

export function helperCosts(c: CostTable): HelperCosts {
  const lsb = c.drv_netmem_lsb_check;
  const addr = c.drv_page_address;
  return {
    address: addr + lsb,
    headPage: addr + c.drv_compound_head + lsb,
    prefetchGuard: lsb,
    syncForCpu: c.dma_sync,
  };
}
