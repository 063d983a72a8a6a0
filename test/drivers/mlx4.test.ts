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
      { size: 2048, stride: 2048 },
      { size: 2048, stride: 2048 },
      { size: 2048, stride: 2048 },
      { size: 2878, stride: 4096 },
    ]);
    expect(mlx4CalcRxBuf(1522, true)).toEqual([{ size: 1522, stride: 4096 }]);
  });

  it('pool_size = ring × ceil(skb size / PAGE_SIZE), DMA_MAP only, napi set', () => {
    const p = mlx4Params(nicConfig({ driver: 'mlx4' }));
    expect(p.pool.pool_size).toBe(1024);
    expect(p.pool.flags).toBe(PP_FLAG_DMA_MAP);
    expect(p.pool.napi).toBe(true);
    expect(mlx4Params(nicConfig({ driver: 'mlx4', mtu: 9000 })).pool.pool_size).toBe(3072);
    expect(p.frags).toEqual([{ size: 1522, stride: 2048 }]);
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
    t.h.mm.table.setPfmemalloc(page, true);
    receive(q, 1, 1000);
    expect(q.counters.releases).toBe(1);
    expect(q.counters.flips).toBe(0);
  });

  it('no small-frame copy: a 64-byte frame takes a half-page frag like a 1500-byte one; XDP_DROP keeps the page in its slot', () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256 });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 300, 64);
    // every frame is an skb with one page frag (napi_get_frags + mlx4_en_complete_rx_desc)
    expect(t.skbs.length).toBe(300);
    expect(t.skbs.every((s) => s.frags.length === 1)).toBe(true);
    // the first 256 flip (the other halves are free); frames 257..300 find the other half held
    expect(q.counters.flips).toBe(256);
    expect(q.counters.releases).toBe(44);
    const x = driverHarness({ driver: 'mlx4', ring: 256, xdp: 'drop' });
    const qx = mlx4Driver.createQueue(x.ctx) as Mlx4RxQueue;
    qx.start();
    const held = x.pools[0].holdCnt;
    receive(qx, 1000, 64);
    expect(x.counts.get('rx_xdp_drop')).toBe(1000);
    expect(x.pools[0].holdCnt).toBe(held);
  });

  it("XDP_TX returns the page to the RX ring's pool", () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256, xdp: 'tx' });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 300, 64);
    expect(q.counters.xdp_tx_recycled).toBe(300);
    expect(t.pools[0].stats.recycle_cached).toBe(300);
  });
});

describe('mlx4 frag strides other than PAGE_SIZE / 2 (mlx4_en_complete_rx_desc)', () => {
  it('MTU 1000 → 1022-byte frags in a 1024 stride: four 1000-byte frames share a page, the slot keeps it until the next would not fit', () => {
    expect(mlx4CalcRxBuf(1022, false)).toEqual([{ size: 1022, stride: 1024 }]);
    const t = driverHarness({ driver: 'mlx4', ring: 256, mtu: 1000 });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    const firstPage = netmemIndex(q.ring.postedRef(0));
    receive(q, 256 * 4, 1000);
    // offsets 0 → 1024 → 2048 → 3072 kept; at 4096 the next 1022 bytes would not fit: release
    expect(q.counters.offset_reuses).toBe(256 * 3);
    expect(q.counters.releases).toBe(256);
    expect(q.counters.flips).toBe(0);
    const onFirst = t.skbs.filter((s) => netmemIndex(s.frags[0]) === firstPage).length;
    expect(onFirst).toBe(4);
  });

  it('64-byte frames in a 1024 stride advance by one cache line: 49 frames per page', () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256, mtu: 1000 });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 256 * 49, 64);
    // offset 48 × 64 = 3072: 3072 + 1022 ≤ 4096 kept; 49 × 64 = 3136: 3136 + 1022 > 4096 released
    expect(q.counters.releases).toBe(256);
    expect(q.counters.offset_reuses).toBe(256 * 48);
  });
});

describe('mlx4 reuse test uses numa_mem_id() of the polling CPU', () => {
  it('NIC and pool on node 0, NAPI polled on a node-1 CPU: the flip test releases every page', () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256, numa_node: 0 }, 'off', { numaNodes: 2, cpuNodes: [1, 1, 1, 1] });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 256, 1000);
    expect(q.counters.flips).toBe(0);
    expect(q.counters.releases).toBe(256);
  });

  it('polled on a node-0 CPU: the same pages flip', () => {
    const t = driverHarness({ driver: 'mlx4', ring: 256, numa_node: 0 }, 'off', { numaNodes: 2, cpuNodes: [0, 0, 1, 1] });
    const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
    q.start();
    receive(q, 256, 1000);
    expect(q.counters.flips).toBe(256);
  });
});

describe('mlx4 jumbo frames: multi-frag descriptors (mlx4_en_calc_rx_buf)', () => {
  it('MTU 9216 → 3 × 2048 + 3094 in a page stride; a PAGE_SIZE frag size only above PAGE_SIZE + 3 × 2048', () => {
    expect(mlx4CalcRxBuf(9238, false)).toEqual([
      { size: 2048, stride: 2048 },
      { size: 2048, stride: 2048 },
      { size: 2048, stride: 2048 },
      { size: 3094, stride: 4096 },
    ]);
    expect(mlx4CalcRxBuf(3000, false)).toEqual([
      { size: 2048, stride: 2048 },
      { size: 952, stride: 1024 },
    ]);
  });

  for (const mode of ['page_pool', 'legacy'] as const) {
    it(`${mode}: MTU 9000 frames take 4 frags; the three 2048 frags flip, the last releases; a 3000-byte frame takes 2`, () => {
      const t = driverHarness({ driver: 'mlx4', ring: 256, mtu: 9000, mode });
      const q = mlx4Driver.createQueue(t.ctx) as Mlx4RxQueue;
      q.start();
      expect(receive(q, 256, 9000)).toBe(256);
      expect(t.skbs.length).toBe(256);
      expect(t.skbs.every((s) => s.frags.length === 4 && s.bytes === 9000)).toBe(true);
      expect(q.counters.flips).toBe(3 * 256);
      // last frag: 2878 bytes → offset 2880; 2880 + 2878 > 4096: released
      expect(q.counters.releases).toBe(256);
      t.freeAll();
      receive(q, 256, 3000);
      expect(t.skbs.every((s) => s.frags.length === 2)).toBe(true);
      if (mode === 'page_pool') expect(t.pools[0].params.pool_size).toBe(256 * 3);
      q.stop();
      t.freeAll();
      t.h.runUntil(1e9); // page_pool_release_retry drains the ring
      if (mode === 'page_pool') expect(t.pools[0].inflight()).toBe(0);
      else expect(t.h.mm.table.live).toBe(0);
    });
  }
});
