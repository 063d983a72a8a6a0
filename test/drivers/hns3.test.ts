import { describe, expect, it } from 'vitest';
import { hns3Params } from '../../shared/sim/drivers/hns3/params';
import { hns3ReuseRule, hns3NextOffset, RULE_A, RULE_B, RULE_C, RULE_D, RULE_E } from '../../shared/sim/drivers/hns3/pageReuse';
import { describeHns3, hns3Driver } from '../../shared/sim/drivers/hns3/hns3Driver';
import type { Hns3RxQueue } from '../../shared/sim/drivers/hns3/rxQueue';
import { PP_FLAG_DMA_MAP, PP_FLAG_DMA_SYNC_DEV } from '../../shared/sim/page_pool/types';
import { driverHarness, nicConfig, receive } from './harness';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

describe('hns3 parameters', () => {
  it('pool_size = descriptors × buffer size / page size, frag alloc, MAP|SYNC_DEV, no napi', () => {
    const p = hns3Params(nicConfig({ driver: 'hns3' }));
    expect(p.pool.pool_size).toBe(512);
    expect(p.pool.order).toBe(0);
    expect(p.pool.flags).toBe(PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV);
    expect(p.pool.napi).toBe(false);
    expect(p.buffersPerPage).toBe(2);
    // 4096-byte buffers on 4 KiB pages: order-1 pages
    const big = hns3Params(nicConfig({ driver: 'hns3', rx_buf_len: 4096, ring: 512 }));
    expect(big.order).toBe(1);
    expect(big.pool.pool_size).toBe((512 * 4096) / 8192);
    expect(() => hns3Params(nicConfig({ driver: 'hns3', rx_buf_len: 3000 }))).toThrow('EINVAL');
    expect(describeHns3(nicConfig({ driver: 'hns3', mode: 'legacy' })).uses_page_pool).toBe(false);
  });
});

describe('hns3 legacy reuse: the five rules', () => {
  const T = 2048;
  it('a) offset 0 and sole owner → move forward', () => {
    expect(hns3ReuseRule(0, T, 4096, true, true, 1400, 0)).toBe(RULE_A);
    expect(hns3NextOffset(RULE_A, 0, T)).toBe(2048);
  });
  it('b) offset ≠ 0 with room for two more buffers → move forward even if not sole owner (64 KiB pages)', () => {
    expect(hns3ReuseRule(2048, T, 65536, false, true, 1400, 0)).toBe(RULE_B);
    expect(hns3NextOffset(RULE_B, 2048, T)).toBe(4096);
    expect(hns3ReuseRule(2048, T, 4096, false, true, 1400, 0)).not.toBe(RULE_B);
  });
  it('c) offset ≠ 0 and sole owner → wrap to 0', () => {
    expect(hns3ReuseRule(2048, T, 4096, true, true, 1400, 0)).toBe(RULE_C);
    expect(hns3NextOffset(RULE_C, 2048, T)).toBe(0);
  });
  it('d) not reusable in place but frame ≤ rx_copybreak → copy, keep the page', () => {
    expect(hns3ReuseRule(0, T, 4096, false, true, 200, 256)).toBe(RULE_D);
    expect(hns3NextOffset(RULE_D, 0, T)).toBe(0);
  });
  it('e) otherwise, and always for remote-node or pfmemalloc pages → hand the page over', () => {
    expect(hns3ReuseRule(0, T, 4096, false, true, 1400, 256)).toBe(RULE_E);
    expect(hns3ReuseRule(0, T, 4096, true, false, 100, 256)).toBe(RULE_E);
  });

  it('in the queue: ping-pong (a, c) while the stack frees promptly, e when it holds the page', () => {
    const t = driverHarness({ driver: 'hns3', mode: 'legacy', ring: 256 });
    const q = hns3Driver.createQueue(t.ctx) as Hns3RxQueue;
    q.start();
    expect(t.h.mm.pageRefcount(netmemIndex(q.ring.postedRef(0)))).toBe(65535);
    for (let i = 0; i < 4; i++) {
      receive(q, 256, 1400);
      t.freeAll();
    }
    expect(q.rules.a).toBeGreaterThan(0);
    expect(q.rules.c).toBeGreaterThan(0);
    expect(q.rules.e).toBe(0);
    expect(q.counters.pages_allocated).toBe(256);
    receive(q, 256, 1400);
    receive(q, 256, 1400); // the previous half of every page is still held
    expect(q.rules.e).toBe(256);
    expect(q.counters.pages_allocated).toBe(512);
    t.freeAll();
    // every handed-over page went back to the allocator once its last skb reference dropped
    q.stop();
  });
});

describe('hns3 copybreak and page_pool mode', () => {
  it('frames ≤ 256 bytes are copied into the head and the buffer stays in its slot', () => {
    const t = driverHarness({ driver: 'hns3', ring: 256 });
    const q = hns3Driver.createQueue(t.ctx) as Hns3RxQueue;
    q.start();
    const before = t.pools[0].stats.alloc_fast + t.pools[0].stats.alloc_slow;
    receive(q, 500, 200);
    expect(q.counters.small_copies).toBe(500);
    expect(t.skbs.every((s) => s.frags.length === 0)).toBe(true);
    expect(t.pools[0].stats.alloc_fast + t.pools[0].stats.alloc_slow).toBe(before);
  });

  it('larger frames leave their slot, which gets a fresh frag; freed skbs recycle through the ptr_ring (no napi)', () => {
    const t = driverHarness({ driver: 'hns3', ring: 256 });
    const q = hns3Driver.createQueue(t.ctx) as Hns3RxQueue;
    q.start();
    receive(q, 300, 1400);
    expect(q.counters.frag_allocs).toBe(255 + 300 + 1);
    t.freeAll();
    expect(t.pools[0].stats.recycle_ring).toBeGreaterThan(0);
    expect(t.pools[0].stats.recycle_cached).toBe(0);
  });
});

describe("hns3 pulls the frame's real header length (eth_get_headlen)", () => {
  for (const mode of ['page_pool', 'legacy'] as const) {
    it(`${mode}: 42 B for UDP/IPv4, 66 B for TCP/IPv4 with timestamps, the rest stays in the frags`, () => {
      const t = driverHarness({ driver: 'hns3', ring: 256, mode });
      const q = hns3Driver.createQueue(t.ctx) as Hns3RxQueue;
      q.start();
      receive(q, 10, 1500, 0, 1); // UDP
      expect(q.counters.pulled_bytes).toBe(10 * 42);
      receive(q, 10, 1500, 0, 0); // TCP
      expect(q.counters.pulled_bytes).toBe(10 * 42 + 10 * 66);
      expect(t.skbs.length).toBe(20);
      expect(t.skbs.every((s) => s.bytes === 1500)).toBe(true);
    });
  }
});
