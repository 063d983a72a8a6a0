// MTU 9000: GVE (DQO-RDA, 2048-byte buffers) and hns3 (2048-byte buffers) chain several buffers
// per frame (EOP on the last descriptor); mlx4 uses a 4-frag descriptor (mlx4.test.ts).
import { describe, expect, it } from 'vitest';
import { driverModel } from '../../shared/sim/drivers/registry';
import type { Hns3RxQueue } from '../../shared/sim/drivers/hns3/rxQueue';
import { driverHarness, receive } from './harness';

describe('jumbo frames at MTU 9000', () => {
  it('GVE DQO-RDA: a 9000-byte frame takes ceil(9000 / 2048) = 5 buffers, all handed to one skb', () => {
    const t = driverHarness({ driver: 'gve', ring: 256, mtu: 9000 });
    const q = driverModel('gve').createQueue(t.ctx);
    q.start();
    expect(receive(q, 40, 9000)).toBe(40);
    expect(t.skbs.length).toBe(40);
    expect(t.skbs.every((s) => s.frags.length === 5 && s.bytes === 9000)).toBe(true);
    t.freeAll();
    q.stop();
    t.h.runUntil(1e9);
    expect(t.pools[0].inflight()).toBe(0);
  });

  for (const mode of ['page_pool', 'legacy'] as const) {
    it(`hns3 ${mode}: 5 descriptors per 9000-byte frame; the header pull comes from the first`, () => {
      const t = driverHarness({ driver: 'hns3', ring: 256, mtu: 9000, mode });
      const q = driverModel('hns3').createQueue(t.ctx) as Hns3RxQueue;
      q.start();
      expect(receive(q, 40, 9000)).toBe(40);
      expect(t.skbs.length).toBe(40);
      expect(t.skbs.every((s) => s.bytes === 9000 && s.frags.length === 5)).toBe(true);
      expect(q.counters.pulled_bytes).toBe(40 * 66);
    });
  }
});

describe('jumbo frames end to end', () => {
  it('gve, hns3 and mlx4 at MTU 9000 receive 9018-byte frames at 10 Gbit/s line rate without loss', async () => {
    const { run, scenario } = await import('../engine/helpers');
    const doc = run(
      scenario({
        name: 'jumbo',
        duration: '2ms',
        host: { cpu: { cores: 6 } },
        nics: (['gve', 'hns3', 'mlx4'] as const).map((driver, i) => ({
          name: `eth${i}`,
          driver,
          link: '10Gbit',
          queues: 2,
          mtu: 9000,
          irq_cores: [2 * i, 2 * i + 1],
        })),
        traffic: [0, 1, 2].map((i) => ({
          nic: `eth${i}`,
          flows: 2,
          packet_size: 9018,
          rate: 'line' as const,
          arrival: 'constant' as const,
          protocol: 'udp' as const,
        })),
        consumer: [0, 1, 2].map((i) => ({ nic: `eth${i}`, read_latency: '5us' })),
      }),
    );
    for (const n of doc.nics) {
      const lost = Object.values(n.rx.drops).reduce((a, b) => a + b, 0);
      expect(lost, n.name).toBe(0);
      expect(n.rx.line_rate_share, n.name).toBeGreaterThan(0.99);
    }
  });
});
