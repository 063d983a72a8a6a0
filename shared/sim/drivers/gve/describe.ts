// What GVE states about itself for a NIC config (DriverModel.describe).
import type { NicConfig } from '../../../scenario/schema';
import type { DriverDescription } from '../driver';
import { unreadableCapability } from '../conversion/capability';
import { GVE_DQO_QPL_PAGES_PER_DESC, GVE_RX_BUF_THRESH_DQO, gveParams } from './params';

export function describeGve(nic: NicConfig, pageSize?: number): DriverDescription {
  const p = gveParams(nic, pageSize);
  const rda = p.mode === 'dqo-rda';
  return {
    driver: 'gve',
    variant: nic.variant,
    mode: p.mode,
    ring: p.ring,
    buffer_bytes: p.truesize,
    buffers_per_page: p.buffersPerPage,
    page_pool: p.pool,
    uses_page_pool: rda,
    refill: rda
      ? `end of every NAPI poll: post min(free buffer-queue, free completion-queue) buffers by page_pool frag alloc; doorbell every ${GVE_RX_BUF_THRESH_DQO} posts`
      : `end of every NAPI poll: post buffers from the ${GVE_DQO_QPL_PAGES_PER_DESC} × ring registered QPL pages (recycled list first, then up to 5 used entries)`,
    rx_gfp: rda
      ? 'GFP_ATOMIC (gve_buffer_mgmt_dqo.c gve_alloc_from_page_pool → page_pool_alloc_netmem)'
      : 'GFP_KERNEL for the QPL pages at queue setup (gve_alloc_qpl_page_dqo); GFP_ATOMIC for copy-on-demand pages (gve_rx_dqo.c gve_rx_copy_ondemand)',
    recycle_paths: rda
      ? [
          'skb free → page_pool (skb_mark_for_recycle; lockless when freed in this NAPI, pp.napi set)',
          'drop / copybreak / XDP_DROP → page_pool_put_full_netmem(allow_direct=true) in NAPI',
          'XDP_TX completion → RX pool',
          'queue stop / free → put_full(allow_direct=false), page_pool_disable_direct_recycling first',
        ]
      : [
          'QPL page reuse: a buffer is free when page_count − pagecnt_bias == 0; recycled list, used list',
          'copy into a fresh page when used states ≥ num_buf_states − 96',
        ],
    capabilities: {
      xdp: true,
      header_split: rda,
      queue_mgmt_ops: true,
      unreadable_netmem: unreadableCapability({
        variant: nic.variant,
        usesPagePool: rda,
        headerSplitSupported: rda && !p.xdp,
        headerSplitOn: p.headerSplit,
        vaBased: false,
        queueApi: true,
        xdpAttached: p.xdp,
        readsPayload: false,
      }),
    },
  };
}
