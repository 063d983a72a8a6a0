// What mt76 states about itself for a NIC config (DriverModel.describe).
import type { NicConfig } from '../../../scenario/schema';
import type { DriverDescription } from '../driver';
import { PAGE_SIZE } from '../../page_pool/types';
import { unreadableCapability } from '../conversion/capability';
import { MT76_OTHER_POOL_SIZE, mt76Params } from './params';

export function describeMt76(nic: NicConfig, pageSize: number = PAGE_SIZE): DriverDescription {
  const p = mt76Params(nic, pageSize);
  return {
    driver: 'mt76',
    variant: nic.variant,
    mode: p.mode,
    ring: p.ring,
    buffer_bytes: p.bufSize,
    buffers_per_page: Math.floor(pageSize / p.bufSize),
    page_pool: p.pool,
    uses_page_pool: true,
    refill:
      `end of NAPI poll: fill while queued < ndesc − 1 with ${p.bufSize}-byte page_pool frags` +
      ` (${nic.variant === 'netmem' ? 'page_pool_dev_alloc_netmem' : 'page_pool_dev_alloc_frag'}); MCU/other queues use pools of ${MT76_OTHER_POOL_SIZE}`,
    rx_gfp: 'GFP_ATOMIC | __GFP_NOWARN (mt76.h mt76_get_page_pool_buf → page_pool_dev_alloc_frag / _netmem)',
    recycle_paths: [
      'skb built around the buffer (napi_build_skb) and marked for recycle: page_pool on skb free' +
        (p.mode === 'mmio' ? ', lockless when freed in this NAPI' : ' (no napi: ptr_ring)'),
      'dropped / excess frags: mt76_put_page_pool_buf(allow_direct) via virt_to_head_page',
    ],
    capabilities: {
      xdp: false,
      header_split: false,
      queue_mgmt_ops: false,
      unreadable_netmem: unreadableCapability({
        variant: nic.variant,
        usesPagePool: true,
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
