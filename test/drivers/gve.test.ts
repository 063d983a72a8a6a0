import { describe, expect, it } from 'vitest';
import { describeGve } from '../../shared/sim/drivers/gve/describe';
import { gveParams, GVE_RX_BUF_THRESH_DQO } from '../../shared/sim/drivers/gve/params';
import { GveDqoRdaQueue } from '../../shared/sim/drivers/gve/dqoRdaQueue';
import { GveDqoQplQueue } from '../../shared/sim/drivers/gve/dqoQplQueue';
import { gveDriver } from '../../shared/sim/drivers/gve/gveDriver';
import {
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  PAGE_POOL_MAX_RING_SIZE,
} from '../../shared/sim/page_pool/types';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import { driverHarness, nicConfig, receive } from './harness';

describe('GVE DQO-RDA parameters', () => {
  it('pool_size = 4 × ring, MAP|SYNC_DEV, napi, 2048-byte buffers two per page', () => {
    const d = describeGve(nicConfig({ driver: 'gve', ring: 512 }));
    expect(d.page_pool.pool_size).toBe(2048);
    expect(d.page_pool.flags).toBe(PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV);
    expect(d.page_pool.napi).toBe(true);
    expect(d.page_pool.dma_dir).toBe('DMA_FROM_DEVICE');
    expect(d.buffer_bytes).toBe(2048);
    expect(d.buffers_per_page).toBe(2);
    expect(d.capabilities.queue_mgmt_ops).toBe(true);
  });

  it('XDP: BIDIRECTIONAL, 256 headroom, one 2048-byte buffer per 4 KiB page; rx-buf-len 4096 refused with XDP', () => {
    const p = gveParams(nicConfig({ driver: 'gve', xdp: 'drop' }));
    expect(p.pool.dma_dir).toBe('DMA_BIDIRECTIONAL');
    expect(p.pool.offset).toBe(256);
    expect(p.truesize).toBe(4096);
    expect(p.buffersPerPage).toBe(1);
    expect(() => gveParams(nicConfig({ driver: 'gve', xdp: 'drop', rx_buf_len: 4096 }))).toThrow('EOPNOTSUPP');
    expect(() => gveParams(nicConfig({ driver: 'gve', rx_buf_len: 3000 }))).toThrow('EINVAL');
  });

  it('header split: only DQO-RDA without XDP; the netmem variant sets ALLOW_UNREADABLE; a bound provider keeps 4 × ring (6.18)', () => {
    expect(() => gveParams(nicConfig({ driver: 'gve', mode: 'dqo-qpl', header_split: true }))).toThrow('DQO RDA');
    expect(() => gveParams(nicConfig({ driver: 'gve', header_split: true, xdp: 'pass' }))).toThrow('XDP');
    const page = gveParams(nicConfig({ driver: 'gve', header_split: true }));
    expect(page.pool.flags & PP_FLAG_ALLOW_UNREADABLE_NETMEM).toBe(0);
    const nm = gveParams(nicConfig({ driver: 'gve', header_split: true, variant: 'netmem' }));
    expect(nm.pool.flags & PP_FLAG_ALLOW_UNREADABLE_NETMEM).not.toBe(0);
    const bound = gveParams(
      nicConfig({
        driver: 'gve',
        header_split: true,
        variant: 'netmem',
        queues: 2,
        provider: { kind: 'dmabuf', size: '64MiB', queues: [1] },
      }),
    );
    // gve_rx_create_page_pool 6.18: GVE_PAGE_POOL_SIZE_MULTIPLIER × rx_desc_cnt, provider or not
    expect(bound.pool.pool_size).toBe(4 * 1024);
    expect(bound.pool.pool_size).not.toBe(PAGE_POOL_MAX_RING_SIZE);
  });

  it('unreadable capability: structured reasons per configuration', () => {
    expect(describeGve(nicConfig({ driver: 'gve' })).capabilities.unreadable_netmem.reasons).toEqual(['page_variant', 'header_split_off']);
    const ok = describeGve(nicConfig({ driver: 'gve', variant: 'netmem', header_split: true })).capabilities.unreadable_netmem;
    expect(ok.ok).toBe(true);
    expect(ok.reasons).toEqual([]);
    expect(describeGve(nicConfig({ driver: 'gve', variant: 'netmem', mode: 'dqo-qpl' })).capabilities.unreadable_netmem.reasons).toEqual([
      'no_page_pool',
      'no_header_split',
    ]);
  });
});

describe('GVE DQO-RDA queue', () => {
  it('posts frag buffers two per page and rings the doorbell every 32 posts; unrung buffers stay invisible', () => {
    const t = driverHarness({ driver: 'gve', ring: 256 });
    const q = gveDriver.createQueue(t.ctx) as GveDqoRdaQueue;
    q.start();
    // buffer queue: mask − used = 255 posts → 7 doorbells (224 visible), 31 waiting for the 8th
    expect(q.postedTotal).toBe(255);
    expect(q.doorbells).toBe(Math.floor(255 / GVE_RX_BUF_THRESH_DQO));
    expect(q.ring.posted).toBe(7 * 32);
    expect(q.heldBuffers()).toBe(255);
    const r0 = q.ring.postedRef(0);
    const r1 = q.ring.postedRef(1);
    expect(netmemIndex(r0)).toBe(netmemIndex(r1));
    expect(q.ring.postedRef(2)).not.toBe(r0);
    // 255 buffers → 128 pages
    expect(t.pools[0].holdCnt).toBe(128);
    // A poll that consumes 40 frames posts 40 more: the 31 waiting + 9 → the 8th doorbell.
    receive(q, 40, 1518);
    expect(q.postedTotal).toBe(295);
    expect(q.doorbells).toBe(Math.floor(295 / 32));
    expect(t.skbs).toHaveLength(40);
    expect(t.skbs[0].frags).toHaveLength(1);
  });

  it('copybreak: frames ≤ 256 bytes are copied and the buffer goes straight back to the pool cache', () => {
    const t = driverHarness({ driver: 'gve', ring: 256 });
    const q = gveDriver.createQueue(t.ctx) as GveDqoRdaQueue;
    q.start();
    receive(q, 10, 200);
    expect(q.counters.rx_copybreak_pkt).toBe(10);
    expect(t.skbs.every((s) => s.frags.length === 0)).toBe(true);
    expect(t.pools[0].stats.recycle_cached).toBeGreaterThan(0);
  });

  it('header split: every descriptor carries a header slot; split frames are counted', () => {
    const t = driverHarness({ driver: 'gve', ring: 256, header_split: true, variant: 'netmem' });
    const q = gveDriver.createQueue(t.ctx) as GveDqoRdaQueue;
    q.start();
    expect(q.ring.postedHeaders).toBe(q.ring.posted);
    receive(q, 20, 1518, 66);
    expect(t.skbs).toHaveLength(20);
    expect(q.ring.postedHeaders).toBe(q.ring.posted);
  });

  it('XDP_DROP recycles every buffer into the alloc cache; queue stop returns all buffers and destroys the pool', () => {
    const t = driverHarness({ driver: 'gve', ring: 256, xdp: 'drop' });
    const q = gveDriver.createQueue(t.ctx) as GveDqoRdaQueue;
    q.start();
    receive(q, 500, 64);
    expect(t.counts.get('rx_xdp_drop')).toBe(500);
    expect(t.pools[0].stats.recycle_cached).toBe(500);
    q.stop();
    expect(t.pools[0].inflight()).toBe(0);
  });
});

describe('GVE DQO-QPL queue (no page_pool)', () => {
  it('owns 2 × ring QPL pages, reuses halves while the stack frees, moves pages to the used list when it does not', () => {
    const t = driverHarness({ driver: 'gve', mode: 'dqo-qpl', ring: 128 });
    const q = gveDriver.createQueue(t.ctx) as GveDqoQplQueue;
    q.start();
    expect(q.numBufStates).toBe(256);
    expect(q.pools).toHaveLength(0);
    receive(q, 300, 1518);
    t.freeAll();
    receive(q, 300, 1518);
    expect(q.counters.recycled).toBeGreaterThan(0);
    // Now hold every skb: pages cannot be reused and go to the used list until copying kicks in.
    receive(q, 400, 1518);
    expect(q.counters.used).toBeGreaterThan(0);
    expect(q.counters.rx_copied_pkt).toBeGreaterThan(0);
  });
});

describe('GVE queue management ops', () => {
  it('restart: new pool allocated, old queue stopped, new started, old pool destroyed once its buffers return', () => {
    const t = driverHarness({ driver: 'gve', ring: 256 });
    const q = gveDriver.createQueue(t.ctx) as GveDqoRdaQueue;
    q.start();
    receive(q, 100, 1518);
    const old = t.pools[0];
    q.restart();
    expect(t.pools).toHaveLength(2);
    expect(q.pools).toEqual([t.pools[1]]);
    expect(old.state).toBe('detached'); // skbs still hold its pages
    expect(q.ring.posted).toBeGreaterThan(0);
    receive(q, 50, 1518);
    t.freeAll();
    // Returned buffers sit in the detached pool's ptr_ring until the 1 s retry scrubs them.
    t.h.runUntil(2e9);
    expect(old.inflight()).toBe(0);
    expect(old.state).toBe('destroyed');
    expect(t.pools[1].state).toBe('live');
  });
});
