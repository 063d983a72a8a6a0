import { describe, expect, it } from 'vitest';
import { mlx5LinearStride, mlx5Params, mlx5PagecntBiasMax } from '../../shared/sim/drivers/mlx5/params';
import { describeMlx5 } from '../../shared/sim/drivers/mlx5/describe';
import type { Mlx5RxQueue } from '../../shared/sim/drivers/mlx5/rxQueue';
import { mlx5Driver } from '../../shared/sim/drivers/mlx5/mlx5Driver';
import { rxRingFor } from '../../shared/sim/drivers/common/ringRules';
import { PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../shared/sim/page_pool/types';
import { driverHarness, nicConfig, receive } from './harness';

describe('mlx5 buffer layout, WQE counts and page_pool params', () => {
  it('linear stride: 2048 at MTU 1500 (64 + 1522 aligned + 320 → pow2), a whole page with XDP; BIAS_MAX = PAGE_SIZE / 64', () => {
    expect(mlx5LinearStride(1500, false)).toBe(2048);
    expect(mlx5LinearStride(1500, true)).toBe(4096);
    expect(mlx5LinearStride(3000, false)).toBe(4096);
    expect(mlx5PagecntBiasMax()).toBe(64);
  });

  it('striding RQ: 256 KiB WQEs of 64 pages; 1024 frames → 8 WQEs of 128 strides; pool_size = pages_per_wqe << log WQEs', () => {
    const p = mlx5Params(nicConfig({ driver: 'mlx5' }));
    expect([p.mode, p.unitSlots, p.unitPages, p.units]).toEqual(['striding', 128, 64, 8]);
    expect(p.pool.pool_size).toBe(512);
    expect(p.pool.flags).toBe(PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV);
    expect(p.pool.max_len).toBe(4096);
    expect(p.pool.dma_dir).toBe('DMA_FROM_DEVICE');
    const x = mlx5Params(nicConfig({ driver: 'mlx5', xdp: 'drop' }));
    expect([x.unitSlots, x.units, x.pool.pool_size, x.pool.dma_dir]).toEqual([64, 16, 1024, 'DMA_BIDIRECTIONAL']);
    // at least 4 WQEs (MLX5E_PARAMS_MINIMUM_LOG_RQ_SIZE_MPW)
    expect(mlx5Params(nicConfig({ driver: 'mlx5', ring: 64 })).units).toBe(4);
  });

  it('cyclic RQ: one WQE per frame, two 2 KiB frags per page; pool_size = frames', () => {
    const p = mlx5Params(nicConfig({ driver: 'mlx5', mode: 'cyclic' }));
    expect([p.mode, p.unitSlots, p.unitPages, p.units, p.pool.pool_size]).toEqual(['cyclic', 2, 1, 512, 1024]);
    expect(() => mlx5Params(nicConfig({ driver: 'mlx5', mode: 'bogus' }))).toThrow('EINVAL');
  });

  it('ethtool -G: below 16 refused, above 8192 refused, otherwise rounded up to a power of two', () => {
    expect(rxRingFor('mlx5', { ring: 8 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(rxRingFor('mlx5', { ring: 9000 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(rxRingFor('mlx5', { ring: 1000 })).toEqual({ ok: true, ring: 1024 });
  });

  it('capabilities: queue API; unreadable netmem only with tcp-data-split (SHAMPO) on the striding RQ', () => {
    const d = describeMlx5(nicConfig({ driver: 'mlx5', variant: 'netmem' }));
    expect(d.capabilities.queue_mgmt_ops).toBe(true);
    expect(d.capabilities.header_split).toBe(true);
    expect(d.capabilities.unreadable_netmem.ok).toBe(false);
    expect(d.capabilities.unreadable_netmem.reasons).toEqual(['header_split_off']);
    const on = describeMlx5(nicConfig({ driver: 'mlx5', variant: 'netmem', header_split: true }));
    expect(on.capabilities.unreadable_netmem).toMatchObject({ ok: true, reasons: [] });
  });
});

describe('mlx5 page reuse through pp_ref_count frags', () => {
  for (const mode of ['striding', 'cyclic'] as const) {
    it(`${mode}: pages go back only when all their buffers were consumed and the skbs freed; none leak`, () => {
      const t = driverHarness({ driver: 'mlx5', mode, ring: 256 });
      const q = mlx5Driver.createQueue(t.ctx) as Mlx5RxQueue;
      q.start();
      const pool = t.pools[0];
      const pages = q.heldBuffers();
      expect(pages).toBe(mode === 'striding' ? 4 * 64 : 128);
      // one page's buffers held by the skbs: its pp_ref_count is not drained to 0 at release
      receive(q, 512, 1000);
      expect(q.counters.rx_pages_released).toBeGreaterThan(0);
      expect(pool.stats.recycle_cached).toBe(0);
      t.freeAll();
      receive(q, 512, 1000);
      t.freeAll();
      expect(pool.stats.recycle_cached + pool.stats.recycle_ring).toBeGreaterThan(0);
      q.stop();
      expect(pool.inflight()).toBe(0);
    });
  }

  it('XDP_DROP: every page recycles straight into the alloc cache (one page per frame)', () => {
    const t = driverHarness({ driver: 'mlx5', xdp: 'drop', ring: 256 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5RxQueue;
    q.start();
    receive(q, 4096, 64);
    const s = t.pools[0].stats;
    expect(q.counters.rx_xdp_drop).toBe(4096);
    expect(t.skbs.length).toBe(0);
    expect(s.recycle_cached).toBeGreaterThan(4096 - 4 * 64 - 64);
    expect(s.recycle_ring + s.recycle_released_refcnt).toBe(0);
    const info = q.info() as { counters: Record<string, number> };
    expect(info.counters.rx_pp_recycle_cached).toBe(s.recycle_cached);
    expect(info.counters.rx_pp_alloc_fast).toBe(s.alloc_fast);
  });

  it('XDP_TX: the XDPSQ completion returns the reference; pages still recycle, TX counted', () => {
    const t = driverHarness({ driver: 'mlx5', xdp: 'tx', ring: 256 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5RxQueue;
    q.start();
    receive(q, 2048, 64);
    expect(q.counters.rx_xdp_tx_xmit).toBe(2048);
    expect(t.pools[0].stats.recycle_cached).toBeGreaterThan(0);
    q.stop();
    expect(t.pools[0].inflight()).toBe(0);
  });
});

describe('mlx5 page vs netmem variant', () => {
  it('same buffer scheme and page_pool counters; the netmem variant pays the netmem_is_net_iov() tests per frame', () => {
    const run = (variant: 'page' | 'netmem') => {
      const t = driverHarness({ driver: 'mlx5', variant, ring: 256 });
      const q = mlx5Driver.createQueue(t.ctx) as Mlx5RxQueue;
      q.start();
      const before = t.cycles.total;
      receive(q, 1024, 1000);
      const cycles = t.cycles.total - before;
      t.freeAll();
      return { cycles, stats: { ...t.pools[0].stats }, released: q.counters.rx_pages_released };
    };
    const page = run('page');
    const nm = run('netmem');
    expect(nm.stats).toEqual(page.stats);
    expect(nm.released).toBe(page.released);
    expect(nm.cycles).toBeGreaterThan(page.cycles);
  });
});
