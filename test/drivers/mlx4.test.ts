import { describe, expect, it } from 'vitest';
import { mlx4CalcRxBuf, mlx4Params } from '../../shared/sim/drivers/mlx4/params';
import { describeMlx4 } from '../../shared/sim/drivers/mlx4/describe';
import { Mlx4RxQueue } from '../../shared/sim/drivers/mlx4/rxQueue';
import { mlx4Driver } from '../../shared/sim/drivers/mlx4/mlx4Driver';
import { PP_FLAG_DMA_MAP } from '../../shared/sim/page_pool/types';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import { driverHarness, nicConfig, receive } from './harness';

describe('mlx4 buffer layout and pool params', () => {
  it('MTU 1500 → 1522 bytes in a 2048 stride (two per page); MTU 9000 → 3 × 2048 + 2878 in a page stride; XDP → one per page', () => {
    expect(mlx4CalcRxBuf(1522, false)).toEqual([{ size: 1522, stride: 2048 }]);
    expect(mlx4CalcRxBuf(9022, false)).toEqual([
      { size: 2048, stride: 2048 }, { size: 2048, stride: 2048 }, { size: 2048, stride: 2048 }, { size: 2878, stride: 4096 },
    ]);
    expect(mlx4CalcRxBuf(1522, true)).toEqual([{ size: 1522, stride: 4096 }]);
  });

  it('pool_size = ring × ceil(skb size / PAGE_SIZE), DMA_MAP only, napi set', () => {
    const p = mlx4Params(nicConfig({ driver: 'mlx4' }));
    expect(p.pool.pool_size).toBe(1024);
    expect(p.pool.flags).toBe(PP_FLAG_DMA_MAP);
    expect(p.pool.napi).toBe(true);
    expect(mlx4Params(nicConfig({ driver: 'mlx4', mtu: 9000 })).pool.pool_size).toBe(3072);
    expect(p.flip).toBe(true);
    const d = describeMlx4(nicConfig({ driver: 'mlx4', variant: 'netmem' }));
    expect(d.capabilities.header_split).toBe(false);
    expect(d.capabilities.queue_mgmt_ops).toBe(false);
    expect(d.capabilities.unreadable_netmem.reasons).toEqual(['no_header_split', 'va_based_buffers', 'no_queue_api', 'reads_payload']);
    expect(() => mlx4Params(nicConfig({ driver: 'mlx4', header_split: true }))).toThrow('EOPNOTSUPP');
  });
});

/** Frames land in slots in order: with ring 256, frame i and frame i + 256 use the same slot. */
describe('mlx4 half-page flip release rules', () => {
  for (const mode of ['page_pool', 'legacy'] as const) {
    it(`${mode}: keeps flipping while the other half was freed; releases when it is still held`, () => {
      const t = driverHarness({ driver: 'mlx4', mode, ring: 256 });
      const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
      q.start();
      const firstPage = netmemIndex(q.ring.postedRef(0));
      receive(q, 256, 1000);
      // every slot kept its page and flipped to the other half
      expect(q.counters.flips).toBe(256);
      expect(q.counters.releases).toBe(0);
      expect(q.ring.postedRef(0)).toBe(q.ring.postedRef(0));
      expect(netmemIndex(q.ring.postedRef(0))).toBe(firstPage);
      // The first 256 skbs are still held: the next frame in each slot finds the other half in use.
      receive(q, 256, 1000);
      expect(q.counters.releases).toBe(256);
      // Free everything: fresh pages flip again.
      t.freeAll();
      receive(q, 256, 1000);
      expect(q.counters.flips).toBe(256 + 256);
      if (mode === 'page_pool') expect(t.pools[0].stats.alloc_fast + t.pools[0].stats.alloc_slow).toBeGreaterThan(0);
      else expect(q.counters.pages_allocated).toBe(256 + 256);
    });
  }

  it('a pfmemalloc page is never flipped', () => {
    const t = driverHarness({ driver: 'mlx4', mode: 'legacy', ring: 256 });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    const page = netmemIndex(q.ring.postedRef(0));
    t.h.mm.table.pfmemalloc[page] = 1;
    receive(q, 1, 1000);
    expect(q.counters.releases).toBe(1);
    expect(q.counters.flips).toBe(0);
  });

  it('small packets (≤ 256 bytes) are copied and the frag stays; XDP_DROP keeps the page in its slot', () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256 });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 300, 128);
    expect(q.counters.small_copies).toBe(300);
    expect(q.counters.flips + q.counters.releases).toBe(0);
    const x = driverHarness({ driver: 'mlx4', ring: 256, xdp: 'drop' });
    const qx = mlx4Driver.createQueue(x.ctx) as Mlx4RxQueue;
    qx.start();
    const held = x.pools[0].holdCnt;
    receive(qx, 1000, 64);
    expect(x.counts.get('rx_xdp_drop')).toBe(1000);
    expect(x.pools[0].holdCnt).toBe(held);
  });

  it('XDP_TX returns the page to the RX ring\'s pool', () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256, xdp: 'tx' });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 300, 64);
    expect(q.counters.xdp_tx_recycled).toBe(300);
    expect(t.pools[0].stats.recycle_cached).toBe(300);
  });
});
