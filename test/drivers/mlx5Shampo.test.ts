// mlx5e header-data split (SHAMPO / HW-GRO) and its header page_pool, one test per rule of
// docs/model/drivers/mlx5.md#header-data-split-shampo; the cyclic RQ refill bulk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlx5CyclicWqeBulk, mlx5Params } from '../../shared/sim/drivers/mlx5/params';
import { describeMlx5 } from '../../shared/sim/drivers/mlx5/describe';
import { mlx5Driver } from '../../shared/sim/drivers/mlx5/mlx5Driver';
import { Mlx5ShampoRxQueue } from '../../shared/sim/drivers/mlx5/shampoQueue';
import type { Mlx5RxQueue } from '../../shared/sim/drivers/mlx5/rxQueue';
import { HDS_NEEDS_HW_GRO, shampoHeaderFragSize } from '../../shared/sim/drivers/mlx5/shampoParams';
import { PP_FLAG_ALLOW_UNREADABLE_NETMEM, PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../shared/sim/page_pool/types';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import type { RunDocument } from '../../shared/doc/runDocument';
import { driverHarness, nicConfig, receive } from './harness';
import { ZcrxIfq } from '../../shared/sim/providers/zcrx/ifq';
import { createPagePool } from '../../shared/sim/page_pool/create';
import { NET_IOV } from '../../shared/sim/netmem/netmemRef';

const HDS = { driver: 'mlx5', variant: 'netmem', header_split: true } as const;

function runShipped(file: string, duration = '2ms'): RunDocument {
  const r = parseScenario(readFileSync(path.resolve(__dirname, '../../scenarios', file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return runScenario({ ...r.scenario, duration: Number.parseFloat(duration) * 1e6 });
}

describe('mlx5 tcp-data-split needs HW-GRO (SHAMPO)', () => {
  it('legacy (cyclic) RQ: HW-GRO is off, tcp-data-split on is -EINVAL with the driver extack', () => {
    expect(() => mlx5Params(nicConfig({ ...HDS, mode: 'cyclic' }))).toThrow(/EINVAL/);
    expect(() => mlx5Params(nicConfig({ ...HDS, mode: 'cyclic' }))).toThrow(HDS_NEEDS_HW_GRO);
    expect(() => mlx5Params(nicConfig({ ...HDS, mode: 'cyclic' }))).toThrow('not supported in legacy RQ');
  });

  it('XDP attached: HW-GRO is off, tcp-data-split on is -EINVAL', () => {
    expect(() => mlx5Params(nicConfig({ ...HDS, xdp: 'drop' }))).toThrow('HW GRO is incompatible with XDP');
  });

  it('capability reasons: page variant, legacy RQ and XDP each say why; striding + netmem + split is ok', () => {
    const reasons = (nic: Record<string, unknown>) =>
      describeMlx5(nicConfig({ driver: 'mlx5', ...nic })).capabilities.unreadable_netmem.reasons;
    expect(reasons({ variant: 'netmem', header_split: true })).toEqual([]);
    expect(reasons({ variant: 'page', header_split: true })).toEqual(['page_variant']);
    expect(reasons({ variant: 'netmem', mode: 'cyclic' })).toEqual(['no_header_split']);
    expect(reasons({ variant: 'netmem', xdp: 'drop' })).toEqual(['no_header_split', 'xdp_attached']);
    expect(describeMlx5(nicConfig({ driver: 'mlx5', mode: 'cyclic' })).capabilities.header_split).toBe(false);
  });
});

describe('SHAMPO geometry and page_pool params (MTU 1500, ring 1024)', () => {
  const p = mlx5Params(nicConfig(HDS));
  const sh = p.shampo!;

  it('data: 256-byte strides (MLX5E_RX_MAX_HEAD), 1024 per 256 KiB WQE, headroom 0; WQE count as linear (8)', () => {
    expect([p.stride, p.unitSlots, p.unitPages, p.units, p.headroom]).toEqual([256, 1024, 64, 8, 0]);
  });

  it('headers: 64 packets per 64 KiB reservation → 256 per WQE, 2048 per RQ, 8 entries of 512 B per page, 256 header pages', () => {
    expect([sh.pktPerRsrv, sh.hdPerWqe, sh.hdPerWq, sh.hdPerPage, sh.hdEntrySize, sh.hdPoolSize]).toEqual([64, 256, 2048, 8, 512, 256]);
    // MTU 9000: 8 packets per reservation, 32 headers per WQE
    expect(mlx5Params(nicConfig({ ...HDS, mtu: 9000 })).shampo!.hdPerWqe).toBe(32);
  });

  it('no provider: one pool of data + header pages (768), ALLOW_UNREADABLE set with SHAMPO', () => {
    expect(p.pool.pool_size).toBe(768);
    expect(p.pool.flags).toBe(PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_ALLOW_UNREADABLE_NETMEM);
  });

  it('with a provider: data pool 512 with ALLOW_UNREADABLE, header pool 256 host pages without it', () => {
    expect(sh.dataPool.pool_size).toBe(512);
    expect(sh.dataPool.flags & PP_FLAG_ALLOW_UNREADABLE_NETMEM).not.toBe(0);
    expect(sh.hdPool.pool_size).toBe(256);
    expect(sh.hdPool.flags).toBe(PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV);
  });

  it('build_skb around a header entry needs SKB_DATA_ALIGN(64 + header) + 320 ≤ 512: headers up to 128 bytes', () => {
    expect(shampoHeaderFragSize(64, 66, 320)).toBe(512);
    expect(shampoHeaderFragSize(64, 128, 320)).toBe(512);
    expect(shampoHeaderFragSize(64, 129, 320)).toBe(576);
  });
});

describe('SHAMPO RX queue without a provider (one pool)', () => {
  it('split frames: skb head on the header page, payload frags on data pages; nothing leaks', () => {
    const t = driverHarness({ ...HDS, ring: 256 });
    const q = mlx5Driver.createQueue(t.ctx);
    expect(q).toBeInstanceOf(Mlx5ShampoRxQueue);
    q.start();
    expect(q.pools.length).toBe(1);
    const pool = t.pools[0];
    // 4 WQEs × 64 data pages + hd_per_wq (256 × 4 = 1024) / 8 = 128 header pages
    expect(q.heldBuffers()).toBe(4 * 64 + 128);
    expect(receive(q, 100, 1518, 66)).toBe(100);
    const s = t.skbs[0];
    expect(s.readable).toBe(true);
    // header page + the data pages 1452 payload bytes touch (6 strides of 256, within one page)
    expect(s.frags.length).toBe(2);
    expect(s.frags[0]).not.toBe(s.frags[1]);
    t.freeAll();
    receive(q, 4000, 1518, 66);
    t.freeAll();
    expect((q as Mlx5ShampoRxQueue).counters.rx_hd_pages_released).toBeGreaterThan(0);
    expect((q as Mlx5ShampoRxQueue).counters.rx_mpwqe_posted).toBeGreaterThan(4);
    q.stop();
    expect(pool.inflight()).toBe(0);
  });

  it('MTU 100: more header entries than the NIC ring holds (hd_per_wq 8192 > 4096 slots): small frames keep flowing', () => {
    const t = driverHarness({ ...HDS, ring: 256, mtu: 100 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5ShampoRxQueue;
    expect(q.sh.hdPerWq).toBeGreaterThan(q.ring.size);
    q.start();
    // every header page the driver holds has all its entries on the NIC ring
    const headerPages = q.heldBuffers() - q.p.units * q.p.unitPages;
    expect(headerPages * q.sh.hdPerPage).toBe(q.ring.postedHeaders);
    expect(receive(q, 20000, 118, 66)).toBe(20000);
    t.freeAll();
    q.stop();
    expect(t.pools[0].inflight()).toBe(0);
  });

  it('a header too large for its entry is copied (rx_gro_large_hds): no header frag in the skb', () => {
    const t = driverHarness({ ...HDS, ring: 256 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5ShampoRxQueue;
    q.start();
    receive(q, 10, 1518, 200);
    expect(q.counters.rx_gro_large_hds).toBe(10);
    expect(t.skbs[0].frags.length).toBe(1);
    t.freeAll();
    q.stop();
    expect(t.pools[0].inflight()).toBe(0);
  });

  it('a frame the device did not split is built from the data strides (rx_hds_nosplit_packets)', () => {
    const t = driverHarness({ ...HDS, ring: 256 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5ShampoRxQueue;
    q.start();
    receive(q, 5, 600, 0);
    expect(q.counters.rx_hds_nosplit_packets).toBe(5);
    expect(t.skbs.length).toBe(5);
    t.freeAll();
    q.stop();
  });
});

describe('SHAMPO with a memory provider on the queue (engine, shipped scenarios)', () => {
  it('devmem: bound queue 1 has a dmabuf data pool (512, ALLOW_UNREADABLE, queue 1) and a header pool of 256 host pages', () => {
    const doc = runShipped('mlx5-devmem-hds.yaml');
    const live = doc.pools.filter((p) => p.destroy === null);
    const q1 = live.filter((p) => p.queue === 1);
    const data = q1.find((p) => p.role === 'data')!;
    const hdr = q1.find((p) => p.role === 'header')!;
    expect([data.provider, data.params.pool_size]).toEqual(['dmabuf', 512]);
    expect(data.params.flags).toContain('ALLOW_UNREADABLE_NETMEM');
    expect([hdr.provider, hdr.params.pool_size]).toEqual(['pages', 256]);
    expect(hdr.params.flags).not.toContain('ALLOW_UNREADABLE_NETMEM');
    const q0 = live.filter((p) => p.queue === 0);
    expect(q0.map((p) => [p.role, p.params.pool_size])).toEqual([['data', 768]]);
    expect(doc.nics[0].devmem!.devmem_packets).toBeGreaterThan(0);
    expect(doc.bindings[0].alloc_failures).toBe(0);
  });

  it('zcrx: the area feeds the data pool, CQEs reach the user, headers come from the header pool', () => {
    const doc = runShipped('zcrx/mlx5-liburing-defaults.yaml');
    const q1 = doc.pools.filter((p) => p.queue === 1 && p.destroy === null);
    expect(q1.map((p) => [p.role, p.provider]).sort()).toEqual([
      ['data', 'zcrx'],
      ['header', 'pages'],
    ]);
    const ifq = doc.nics[0].zcrx!.ifq!;
    expect(doc.nics[0].zcrx!.registration_error).toBeNull();
    expect(ifq.counters.zc_bytes).toBeGreaterThan(0);
    expect(ifq.alloc_failures).toBe(0);
  });
});

describe('cyclic RQ refill bulk (mlx5e_rx_compute_wqe_bulk_params)', () => {
  it('min(512 KiB, a quarter of the ring) of frag strides; 256 KiB with XDP; at least the WQEs of a page', () => {
    expect(mlx5CyclicWqeBulk(1024, 2048, false)).toEqual({ wqeBulk: 256, refillUnit: 128 });
    expect(mlx5CyclicWqeBulk(1024, 4096, true)).toEqual({ wqeBulk: 64, refillUnit: 64 });
    expect(mlx5CyclicWqeBulk(256, 2048, false)).toEqual({ wqeBulk: 64, refillUnit: 32 });
    expect(mlx5CyclicWqeBulk(16, 2048, false)).toEqual({ wqeBulk: 4, refillUnit: 2 });
  });

  it('ring 1024: nothing is reposted until 256 WQEs are free (it was 8)', () => {
    const t = driverHarness({ driver: 'mlx5', mode: 'cyclic', ring: 1024 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5RxQueue;
    q.start();
    const pool = t.pools[0];
    const allocs = () => pool.stats.alloc_fast + pool.stats.alloc_slow;
    const start = allocs();
    receive(q, 254, 1000);
    expect(allocs()).toBe(start);
    receive(q, 2, 1000);
    expect(allocs()).toBe(start + 128);
    t.freeAll();
    q.stop();
    expect(pool.inflight()).toBe(0);
  });
});

describe('striding RQ refill bulk (mlx5e_mpwqe_get_min_wqe_bulk)', () => {
  it('min(2, WQEs / 2 − 1): 2 at 8 WQEs, 1 at 4', () => {
    expect(mlx5Params(nicConfig({ driver: 'mlx5' })).minWqeBulk).toBe(2);
    expect(mlx5Params(nicConfig({ driver: 'mlx5', ring: 256 })).minWqeBulk).toBe(1);
  });

  it('ring 1024 (8 WQEs): one consumed WQE is not reposted, the second brings both back', () => {
    const t = driverHarness({ driver: 'mlx5', ring: 1024 });
    const q = mlx5Driver.createQueue(t.ctx) as Mlx5RxQueue;
    q.start();
    const pool = t.pools[0];
    const allocs = () => pool.stats.alloc_fast + pool.stats.alloc_slow;
    const start = allocs();
    receive(q, 128, 1000);
    expect(allocs()).toBe(start);
    receive(q, 128, 1000);
    expect(allocs()).toBe(start + 128);
    t.freeAll();
    q.stop();
    expect(pool.inflight()).toBe(0);
  });
});

describe('SHAMPO queue with an io_uring zcrx area on it (driver harness)', () => {
  function zcrxQueue() {
    const t = driverHarness({ ...HDS, ring: 256 });
    const ifq = new ZcrxIfq(1, 'eth0', 0, 4 * 2 ** 20, 64, 1024, t.h.tables.niov, t.h.registry, t.ctx.costs, {
      now: () => t.h.now,
      log: () => undefined,
      charge: () => undefined,
    });
    const ctx = {
      ...t.ctx,
      queueHasUnreadableProvider: () => true,
      createPagePool: (params: Parameters<typeof t.ctx.createPagePool>[0], role: 'data' | 'header') => {
        const r = createPagePool(params, t.h.hooks, role === 'data' ? ifq.ops : null);
        if (r.ok) t.pools.push(r.value);
        return r;
      },
    };
    const q = new Mlx5ShampoRxQueue(ctx, mlx5Params(ctx.nic));
    return { t, q, ifq };
  }

  it('two pools: the area feeds the data pool, the header pool holds host pages; payload frags are net_iovs', () => {
    const { t, q, ifq } = zcrxQueue();
    q.start();
    expect(q.pools.length).toBe(2);
    expect(t.pools[0].provider).toBe(ifq.ops);
    expect(t.pools[1].provider).toBeNull();
    receive(q, 20, 1518, 66);
    const s = t.skbs[0];
    expect(s.readable).toBe(false);
    expect(s.frags[0] & NET_IOV).toBe(0);
    expect(s.frags[1] & NET_IOV).toBe(NET_IOV);
    t.freeAll();
    q.stop();
    expect(t.pools[1].inflight()).toBe(0);
  });

  it('a frame the device did not split, with net_iov strides, is dropped: the kernel must not read its header', () => {
    const { t, q } = zcrxQueue();
    q.start();
    receive(q, 5, 600, 0);
    expect(q.counters.rx_hds_nosplit_packets).toBe(5);
    expect(t.counts.get('rx_hds_nosplit_unreadable_drop')).toBe(5);
    expect(t.skbs.length).toBe(0);
    q.stop();
  });
});
