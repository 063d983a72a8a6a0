// What mlx5e states about itself for a NIC config (DriverModel.describe).
import type { NicConfig } from '../../../scenario/schema';
import type { DriverDescription } from '../driver';
import { unreadableCapability } from '../conversion/capability';
import { GFP_ATOMIC, gfpName } from '../../mm/gfp';
import { mlx5Params } from './params';
import { hwGroOffReason } from './shampoParams';

export function describeMlx5(nic: NicConfig, pageSize?: number): DriverDescription {
  const p = mlx5Params(nic, pageSize);
  const striding = p.mode === 'striding';
  return {
    driver: 'mlx5',
    variant: nic.variant,
    mode: p.mode,
    ring: p.ring,
    buffer_bytes: p.stride,
    buffers_per_page: p.perPage,
    page_pool: p.pool,
    uses_page_pool: true,
    refill: p.shampo
      ? `end of NAPI poll: every multi-packet WQE whose ${p.unitSlots} strides of ${p.stride} bytes were all consumed gets ${p.unitPages} new pages through one UMR WQE (mlx5e_post_rx_mpwqes); header entries (${p.shampo.hdPerPage} of ${p.shampo.hdEntrySize} bytes per page, ${p.shampo.hdPerWq} in the ring) refilled a page at a time; ${p.units} WQEs`
      : striding
        ? `end of NAPI poll: every multi-packet WQE whose ${p.unitSlots} strides were all consumed gets ${p.unitPages} new pages through one UMR WQE (mlx5e_post_rx_mpwqes); ${p.units} WQEs`
        : `end of NAPI poll, once ≥ ${p.wqeBulk} WQEs are free (mlx5e_post_rx_wqes), ${p.refillUnit} WQEs released then reallocated at a time (mlx5e_refill_rx_wqes); a new page for every ${p.perPage} frag(s)`,
    rx_gfp: `${gfpName(GFP_ATOMIC)} | __GFP_NOWARN (page_pool_dev_alloc_netmems in mlx5e_page_alloc_fragmented, from NAPI)`,
    recycle_paths: [
      `each page starts with pp_ref_count = ${p.biasMax} (MLX5E_PAGECNT_BIAS_MAX) held by the driver; every buffer given away counts in frag_page->frags`,
      striding
        ? "a WQE's pages are released together when its last stride was consumed (mlx5e_dealloc_rx_mpwqe)"
        : 'a page is released when its last frag is reposted (last_in_page)',
      'release: page_pool_unref_netmem(BIAS_MAX − frags); the last reference recycles directly (page_pool_put_unrefed_netmem, allow_direct)',
      "skb frees: page_pool_put_netmem of the skb's reference (napi-local → direct cache)",
      "XDP_DROP: nothing given away, the buffer's reference is drained with the page",
      'XDP_TX: XDPSQ completion returns the reference to this pool (mlx5e_free_xdpsq_desc)',
      'XDP_REDIRECT: xdp_return_frame → page_pool_put_netmem',
      ...(p.shampo
        ? [
            `SHAMPO header pages: released when the last of their ${p.shampo.hdPerPage} header entries is freed (mlx5e_free_rx_shampo_hd_entry); a separate header page_pool of ${p.shampo.hdPoolSize} pages when a memory provider is on the queue, else the RQ's one pool (pool_size ${p.pool.pool_size})`,
          ]
        : []),
    ],
    capabilities: {
      xdp: true,
      // Header split is SHAMPO (HW-GRO), which mlx5e_fix_features keeps off on the legacy RQ and with XDP.
      header_split: hwGroOffReason(p.mode, p.xdp) === null,
      queue_mgmt_ops: true,
      unreadable_netmem: unreadableCapability({
        variant: nic.variant,
        usesPagePool: true,
        headerSplitSupported: hwGroOffReason(p.mode, p.xdp) === null,
        headerSplitOn: p.shampo !== null,
        vaBased: false,
        queueApi: true,
        xdpAttached: p.xdp,
        readsPayload: false,
      }),
    },
  };
}
