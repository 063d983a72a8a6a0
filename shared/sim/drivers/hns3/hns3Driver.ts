// hns3 DriverModel: page_pool mode (page_pool_enabled=1, default) and legacy pagecnt_bias reuse.
import type { DriverContext, DriverModel, RxQueueDriver } from '../driver';
import type { NicConfig } from '../../../scenario/schema';
import type { DriverDescription } from '../driver';
import { PAGE_SIZE } from '../../page_pool/types';
import { unreadableCapability } from '../conversion/capability';
import { HNS3_RX_HEAD_SIZE, RCB_NOF_ALLOC_RX_BUFF_ONCE, hns3Params } from './params';
import { Hns3RxQueue } from './rxQueue';

export function describeHns3(nic: NicConfig, pageSize: number = PAGE_SIZE): DriverDescription {
  const p = hns3Params(nic, pageSize);
  const pp = p.mode === 'page_pool';
  return {
    driver: 'hns3',
    variant: nic.variant,
    mode: p.mode,
    ring: p.ring,
    buffer_bytes: p.bufSize,
    buffers_per_page: p.pageBytes / p.bufSize,
    page_pool: p.pool,
    uses_page_pool: pp,
    refill:
      `inside the poll loop whenever ≥ ${RCB_NOF_ALLOC_RX_BUFF_ONCE} buffers are missing, and at the end of the poll` +
      (pp ? '; page_pool_dev_alloc_frag' : '; dev_alloc_pages + dma_map + 65535 biased refs'),
    rx_gfp: pp
      ? 'GFP_ATOMIC | __GFP_NOWARN (hns3_enet.c hns3_alloc_buffer → page_pool_dev_alloc_frag)'
      : 'GFP_ATOMIC | __GFP_MEMALLOC (hns3_enet.c hns3_alloc_buffer → dev_alloc_pages, include/linux/skbuff.h __dev_alloc_pages)',
    recycle_paths: pp
      ? [
          `frames ≤ ${HNS3_RX_HEAD_SIZE} bytes copied; the buffer stays in its slot (local, not pfmemalloc) or put_full_page(direct=false)`,
          'attached frags: skb marked for recycle; no pp.napi, so skb frees recycle through the ptr_ring',
          'ring teardown: put_full_page(direct=false)',
        ]
      : [
          'pagecnt_bias reuse: rules a (offset 0, sole owner), b (room for two more), c (wrap to 0, sole owner), d (copybreak copy), e (hand over)',
          `frames ≤ ${HNS3_RX_HEAD_SIZE} bytes copied; the buffer stays in its slot`,
          'pages handed over are unmapped; the last skb put_page frees them',
        ],
    capabilities: {
      xdp: false,
      header_split: false,
      queue_mgmt_ops: false,
      unreadable_netmem: unreadableCapability({
        variant: nic.variant,
        usesPagePool: pp,
        headerSplitSupported: false,
        headerSplitOn: false,
        vaBased: true,
        queueApi: false,
        xdpAttached: false,
        readsPayload: true,
      }),
    },
  };
}

export const hns3Driver: DriverModel = {
  name: 'hns3',
  describe: describeHns3,
  createQueue(ctx: DriverContext): RxQueueDriver {
    return new Hns3RxQueue(ctx, hns3Params(ctx.nic, ctx.mm.pageSize));
  },
};
