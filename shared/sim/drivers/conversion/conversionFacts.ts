// What the page → netmem conversion is for each driver, as a maintainer reads it in the patches
// (docs/model/drivers/*.md, "netmem conversion" of each driver): its status upstream, the call sites it
// changes, and what it does NOT change. Shown in NicResult.driver_info.conversion.

import type { DriverName } from '../../../doc/names';

export interface ConversionFacts {
  /** upstream status of the full netmem_ref conversion */
  status: string;
  /** call sites the conversion changes (page API → netmem API) */
  changes: string[];
  /** what stays on struct page, and why that matters */
  unchanged: string[];
}

export const CONVERSION_FACTS: Readonly<Record<DriverName, ConversionFacts>> = {
  gve: {
    status: 'merged v6.15 for DQO-RDA only (aa3e360701c3); unreadable netmem v6.18 (62d7f40503bc); netmem TX v6.16',
    changes: [
      'buffer info: union { page, netmem_ref } (netmem in DQO-RDA)',
      'page_pool_alloc → page_pool_alloc_netmem; page_address → netmem_address; get_dma_addr → get_dma_addr_netmem',
      'put_full_page(page->pp, …) → put_full_netmem(netmem_get_pp(), …); slots cleared with 0 instead of NULL',
      'skb_add_rx_frag → skb_add_rx_frag_netmem; prefetch only when not a net_iov',
      'v6.18: ALLOW_UNREADABLE_NETMEM with header split; page_pool_dma_sync_netmem_for_cpu; no copybreak on net_iov',
    ],
    unchanged: ['DQO-QPL and GQI keep struct page and their own page reuse (no page_pool)'],
  },
  mlx4: {
    status:
      'merged v6.17: only the flip test reads pp_ref_count through netmem_desc (4 lines, 89ade7c73065); full conversion proposed (v9 6/8, July 2025) [later status uncertain]',
    changes: [
      'proposed: rx_alloc page → netmem_ref; alloc_pages → alloc_netmems; fragment_page → fragment_netmem; ref_page → ref_netmem',
      'proposed: get_dma_addr → get_dma_addr_netmem (5 sites); put_full_page → put_full_netmem; __skb_fill_page_desc → __skb_fill_netmem_desc',
      'proposed: page_address → netmem_address; slot clears NULL → 0',
    ],
    unchanged: [
      'the flip test still needs page_count, pfmemalloc and page_to_nid of a struct page (reviewers rejected the blind netmem_to_page cast)',
      'no header split, no queue API: cannot take unreadable net_iov',
    ],
  },
  mlx5: {
    status:
      'merged v6.17 (net-next, June 2025: "net/mlx5e: Add support for devmem and io_uring TCP zero-copy", v6 series; tcp-data-split 46bcce5dfd33): netmem conversion of the RX path (page_pool_alloc_netmems, page_pool_fragment_netmem, frag_page->netmem), queue management ops, unreadable page_pools behind HW-GRO (SHAMPO) header split with a separate header page_pool when a provider is on the queue',
    changes: [
      'struct mlx5e_frag_page: page → netmem; page_pool_dev_alloc_pages → page_pool_alloc_netmems; page_pool_fragment_page → page_pool_fragment_netmem',
      'page_pool_unref_page / put_unrefed_page → page_pool_unref_netmem / put_unrefed_netmem (mlx5e_page_release_fragmented)',
      'page_pool_get_dma_addr → page_pool_get_dma_addr_netmem; skb frags through skb_add_rx_frag_netmem; header prefetch only on a readable netmem',
    ],
    unchanged: [
      'the buffer layout and the pp_ref_count bias scheme (MLX5E_PAGECNT_BIAS_MAX) are the same in both variants',
      'XDP and XSK paths still use pages (netmem_to_page) and are refused on an unreadable queue',
      'tcp-data-split needs HW-GRO: refused (-EINVAL) on the legacy RQ and with XDP; without a provider the header pages share the data pool',
    ],
  },
  mt76: {
    status:
      'merged v6.17: only mt76_put_page_pool_buf reads ->pp through netmem_desc (87dda483e63f); full conversion proposed (v9 8/8, July 2025)',
    changes: [
      'proposed: page_pool_dev_alloc_frag → page_pool_dev_alloc_netmem (size in/out: truesize may grow)',
      'proposed: virt_to_head_page → virt_to_head_netmem; page_address → netmem_address; skb_add_rx_frag → skb_add_rx_frag_netmem',
    ],
    unchanged: [
      'buffers are handled by kernel virtual address (void *): "not interested in devmem, but future proofing is reasonable" (Mina Almasry)',
    ],
  },
  hns3: {
    status:
      'not merged: Matthew Wilcox, "hns3: Convert to netmem" (v3 26/26, Jan 2023) used a struct netmem * pointer type, not today\'s netmem_ref',
    changes: [
      'page_pool_dev_alloc_frag returns struct netmem *; cb->priv holds the netmem',
      'page_address → netmem_address; page_pool_get_dma_addr → netmem_get_dma_addr; put_full_page → put_full_netmem (16 changed lines)',
    ],
    unchanged: ['the page_pool_enabled=0 split-page path and the skb_add_rx_frag calls', 'cb->buf is a kernel VA: no unreadable net_iov'],
  },
  generic: {
    status: 'reference driver: not a kernel driver',
    changes: [],
    unchanged: [],
  },
};
