// Which driver pools user space can see: hns3_alloc_page_pool (hns3_enet.c) and
// mt76_create_page_pool (mac80211.c) set no pp.netdev, so page-pool-get does not list their pools
// and a destroy that stalls prints page_pool_release_retry's 60 s warning; GVE and mlx4 set it.
import { describe, expect, it } from 'vitest';
import { pagePoolGetDump } from '../../shared/sim/page_pool/netlink';
import { driverModel } from '../../shared/sim/drivers/registry';
import { driverHarness, receive } from './harness';

const SEC = 1e9;

function stalledDestroy(nic: { driver: 'hns3' | 'mt76' | 'gve' | 'mlx4' }): { listed: number; warnings: string[]; netdev: number } {
  // mt76's ring is fixed (1536); the others take 1024.
  const t = driverHarness({ ...(nic.driver === 'mt76' ? {} : { ring: 1024 }), ...nic });
  const q = driverModel(nic.driver).createQueue(t.ctx);
  q.start();
  const netdev = t.pools[0].params.netdev;
  const listed = pagePoolGetDump(t.h.registry).length;
  receive(q, 16, 1500);
  q.stop(); // the 16 skbs are still held by the stack: the pool cannot finish destroying
  t.h.runUntil(61 * SEC);
  return {
    listed,
    netdev,
    warnings: t.h.logs.filter((l) => l.message.includes('stalled pool shutdown')).map((l) => `${l.t / SEC}s ${l.message}`),
  };
}

describe('pool visibility follows pp.netdev', () => {
  for (const driver of ['hns3', 'mt76'] as const) {
    it(`${driver}: no pp.netdev → not listed by page-pool-get, stalled destroy warns after 60 s`, () => {
      const r = stalledDestroy({ driver });
      expect(r.netdev).toBe(0);
      expect(r.listed).toBe(0);
      expect(r.warnings.length).toBe(1);
      expect(r.warnings[0]).toMatch(/^6[01](\.\d+)?s page_pool_release_retry\(\) stalled pool shutdown: id \d+, \d+ inflight 60 sec$/);
    });
  }
  for (const driver of ['gve', 'mlx4'] as const) {
    it(`${driver}: pp.netdev set → listed, no stall warning (user space sees the pool instead)`, () => {
      const r = stalledDestroy({ driver });
      expect(r.netdev).not.toBe(0);
      expect(r.listed).toBe(1);
      expect(r.warnings).toEqual([]);
    });
  }
});
