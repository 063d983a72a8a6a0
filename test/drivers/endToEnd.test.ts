// Every driver × mode × variant runs end to end through the engine; the driver facts land in
// NicResult.driver_info; buffers are conserved (pool accounting sums to inflight).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';

function scenario(driver: string, variant: string, mode: string, extra = ''): string {
  return `
name: e2e ${driver} ${mode} ${variant}
seed: 11
duration: 3ms
host: { cpu: { profile: xeon-e5-1650-v4, cores: 4 }, iommu: strict }
nics:
  - { name: eth0, driver: ${driver}, variant: ${variant}, mode: ${mode}, link: 10Gbit, queues: 2${extra} }
traffic:
  - { nic: eth0, flows: 8, rate: 5Gbit, packet_size: 1518 }
consumer:
  - { nic: eth0, read_latency: { fixed: 30us } }
`;
}

const CASES: [string, string][] = [
  ['gve', 'dqo-rda'],
  ['gve', 'dqo-qpl'],
  ['mlx4', 'page_pool'],
  ['mlx4', 'legacy'],
  ['mt76', 'mmio'],
  ['mt76', 'usb'],
  ['hns3', 'page_pool'],
  ['hns3', 'legacy'],
];

describe('driver × mode × variant end to end', () => {
  for (const [driver, mode] of CASES) {
    it(`${driver} ${mode}: page and netmem variants receive everything offered; netmem never costs less`, () => {
      const cpp: number[] = [];
      for (const variant of ['page', 'netmem']) {
        const r = parseScenario(scenario(driver, variant, mode));
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const doc = runScenario(r.scenario);
        const nic = doc.nics[0];
        expect(nic.rx.packets).toBeGreaterThan(0);
        const drops = Object.values(nic.rx.drops).reduce((a, b) => a + b, 0);
        expect(drops).toBe(0);
        const info = nic.driver_info as { mode: string; capabilities: { unreadable_netmem: { reasons: string[] } } };
        expect(info.mode).toBe(mode);
        expect(nic.metadata?.bytes.struct_page).toBeGreaterThan(0);
        expect(nic.metadata?.bytes.memdesc).toBeLessThanOrEqual(nic.metadata?.bytes.struct_page ?? 0);
        if (variant === 'page') expect(info.capabilities.unreadable_netmem.reasons).toContain('page_variant');
        for (const p of doc.pools) {
          const a = p.accounting;
          expect(a.alloc_cache + a.ptr_ring + a.nic_ring + a.stack + a.user).toBe(p.inflight);
          expect(p.hold_cnt).toBeGreaterThanOrEqual(p.release_cnt);
        }
        cpp.push(nic.cpu.cycles_per_packet);
      }
      expect(cpp[1]).toBeGreaterThanOrEqual(cpp[0]);
    }, 60_000);
  }

  it('GVE header split with the netmem variant is the one configuration that can take unreadable net_iov', () => {
    const r = parseScenario(scenario('gve', 'netmem', 'dqo-rda', ', header_split: true'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = runScenario(r.scenario);
    const info = doc.nics[0].driver_info as { capabilities: { unreadable_netmem: { ok: boolean } }; counters: Record<string, number> };
    expect(info.capabilities.unreadable_netmem.ok).toBe(true);
    expect(doc.pools[0].params.flags).toContain('ALLOW_UNREADABLE_NETMEM');
  }, 60_000);

  it('same scenario and seed give the same document outside meta', () => {
    const r = parseScenario(scenario('hns3', 'netmem', 'legacy'));
    if (!r.ok) throw new Error('parse');
    const a = runScenario(r.scenario);
    const b = runScenario(r.scenario);
    expect({ ...a, meta: null }).toEqual({ ...b, meta: null });
  }, 60_000);
});
