// What mlx5e states about itself for a NIC config (DriverModel.describe).
import type { NicConfig } from '../../../scenario/schema';
import type { DriverDescription } from '../driver';
import { unreadableCapability } from '../conversion/capability';
import { GFP_ATOMIC, gfpName } from '../../mm/gfp';
import { MLX5E_CYC_WQE_BULK, mlx5Params } from './params';

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
    refill: striding
      ? `end of NAPI poll: every multi-packet WQE whose ${p.unitSlots} strides were all consumed gets ${p.unitPages} new pages through one UMR WQE (mlx5e_post_rx_mpwqes); ${p.units} WQEs`
      : `end of NAPI poll, once ≥ ${MLX5E_CYC_WQE_BULK} WQEs are free (mlx5e_post_rx_wqes); a new page for every ${p.perPage} frag(s)`,
    rx_gfp: `${gfpName(GFP_ATOMIC)} | __GFP_NOWARN (page_pool_dev_alloc_netmems in mlx5e_page_alloc_fragmented, from NAPI)`,
    recycle_paths: [
      `each page starts with pp_ref_count = ${p.biasMax} (MLX5E_PAGECNT_BIAS_MAX) held by the driver; every buffer given away counts in frag_page->frags`,
      striding ? 'a WQE\'s pages are released together when its last stride was consumed (mlx5e_dealloc_rx_mpwqe)'
        : 'a page is released when its last frag is reposted (last_in_page)',
      'release: page_pool_unref_netmem(BIAS_MAX − frags); the last reference recycles directly (page_pool_put_unrefed_netmem, allow_direct)',
      'skb frees: page_pool_put_netmem of the skb\'s reference (napi-local → direct cache)',
      'XDP_DROP: nothing given away, the buffer\'s reference is drained with the page',
      'XDP_TX: XDPSQ completion returns the reference to this pool (mlx5e_free_xdpsq_desc)',
      'XDP_REDIRECT: xdp_return_frame → page_pool_put_netmem',
    ],
    capabilities: {
      xdp: true,
      // The kernel splits headers only with HW-GRO (SHAMPO) on the striding RQ; not built here.
      header_split: false,
      queue_mgmt_ops: true,
      unreadable_netmem: unreadableCapability({
        variant: nic.variant, usesPagePool: true, headerSplitSupported: false, headerSplitOn: false,
        vaBased: false, queueApi: true, xdpAttached: p.xdp, readsPayload: false, notModelled: ['shampo'],
      }),
    },
  };
}
