import { describe, expect, it } from 'vitest';
import { mt76Params, mt76PoolSize, MT76_RX_RING_SIZE } from '../../shared/sim/drivers/mt76/params';
import { describeMt76 } from '../../shared/sim/drivers/mt76/describe';
import { mt76Driver } from '../../shared/sim/drivers/mt76/mt76Driver';
import type { Mt76RxQueue } from '../../shared/sim/drivers/mt76/rxQueue';
import { NUMA_NO_NODE, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../shared/sim/page_pool/types';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import { driverHarness, nicConfig, receive } from './harness';

describe('mt76 parameters', () => {
  it('pool per queue: 256 for data RX queues, 16 for the others', () => {
    expect(['main', 'band1', 'band2'].map((k) => mt76PoolSize(k as 'main'))).toEqual([256, 256, 256]);
    expect(['mcu', 'mcu_wa', 'wed_tx_free'].map((k) => mt76PoolSize(k as 'mcu'))).toEqual([16, 16, 16]);
  });

  it('MMIO: ring 1536 (not a power of two), MAP|SYNC_DEV, napi, NUMA_NO_NODE, 2048-byte frags two per page', () => {
    const p = mt76Params(nicConfig({ driver: 'mt76' }));
    expect(p.ring).toBe(MT76_RX_RING_SIZE);
    expect(p.pool.flags).toBe(PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV);
    expect(p.pool.napi).toBe(true);
    expect(p.pool.nid).toBe(NUMA_NO_NODE);
    expect(p.pool.pool_size).toBe(256);
    expect(p.hwLen).toBe(1728);
    expect(describeMt76(nicConfig({ driver: 'mt76' })).buffers_per_page).toBe(2);
  });

  it('USB: flags 0, no napi, 128 RX entries; no XDP, header split or memory provider', () => {
    const p = mt76Params(nicConfig({ driver: 'mt76', mode: 'usb' }));
    expect(p.pool.flags).toBe(0);
    expect(p.pool.napi).toBe(false);
    expect(p.ring).toBe(128);
    expect(() => mt76Params(nicConfig({ driver: 'mt76', xdp: 'drop' }))).toThrow('EOPNOTSUPP');
    expect(() => mt76Params(nicConfig({ driver: 'mt76', header_split: true }))).toThrow('EOPNOTSUPP');
    const cap = describeMt76(nicConfig({ driver: 'mt76', variant: 'netmem' })).capabilities.unreadable_netmem;
    expect(cap.ok).toBe(false);
    expect(cap.reasons).toContain('va_based_buffers');
  });
});

describe('mt76 RX queue', () => {
  for (const variant of ['page', 'netmem'] as const) {
    it(`${variant}: fills ndesc − 1 with frags two per page and refills what it consumed`, () => {
      const t = driverHarness({ driver: 'mt76', variant });
      const q = mt76Driver.createQueue(t.ctx) as Mt76RxQueue;
      q.start();
      expect(q.ring.posted).toBe(MT76_RX_RING_SIZE - 1);
      expect(netmemIndex(q.ring.postedRef(0))).toBe(netmemIndex(q.ring.postedRef(1)));
      expect(t.pools[0].holdCnt).toBe(Math.ceil((MT76_RX_RING_SIZE - 1) / 2));
      receive(q, 2000, 1500);
      expect(t.skbs).toHaveLength(2000);
      expect(q.ring.posted).toBe(MT76_RX_RING_SIZE - 1);
      // a frame larger than the 1728 writable bytes spans two buffers: head + one frag
      t.freeAll();
      receive(q, 1, 3000);
      expect(t.skbs[0].frags).toHaveLength(2);
    });
  }
});
