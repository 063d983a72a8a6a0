// Busy polling (docs/model/napi.md): napi_busy_loop on the application core, the IRQ kept masked
// while the busy poller owns the NAPI, and busy_poll_stop with and without prefer_busy_poll.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/parse';
import type { RunDocument } from '../../shared/sim/result/runDocument';
import { run, scenarioFile, total } from './helpers';

describe('busy-poll.yaml', () => {
  const doc: RunDocument = run(scenarioFile('busy-poll.yaml'));
  const nic = (name: string) => doc.nics.find((n) => n.name === name)!;

  it('busy polls receive nearly every frame; the IRQ core does next to nothing', () => {
    for (const name of ['eth1', 'eth2']) {
      const n = nic(name);
      expect(n.napi!.busy_poll_packets).toBeGreaterThan(0.75 * n.rx.packets);
      expect(n.napi!.busy_polls).toBeGreaterThan(n.napi!.busy_poll_packets / 8); // budget 8
      expect(n.cpu.app_cycles_per_packet!).toBeGreaterThan(2 * nic('eth0').cpu.app_cycles_per_packet!);
      expect(n.cpu.cycles_per_packet).toBeLessThan(0.25 * nic('eth0').cpu.cycles_per_packet);
    }
    expect(nic('eth0').napi!.busy_polls).toBe(0);
  });

  it('without prefer_busy_poll the IRQ comes back in every gap; with it, napi->timer keeps it off', () => {
    const bursts = 16; // 20 ms of 1 ms on, 300 us off
    expect(nic('eth1').napi!.hard_irqs).toBeGreaterThanOrEqual(bursts - 1);
    expect(nic('eth1').napi!.timer_polls).toBe(0);
    expect(nic('eth2').napi!.hard_irqs).toBe(1);
    expect(nic('eth2').napi!.timer_polls).toBeGreaterThanOrEqual(bursts - 1);
  });

  it('the same frames reach the same sockets, whoever polls', () => {
    expect(nic('eth1').rx.offered_packets).toBe(nic('eth1').rx.packets);
    expect(total(doc, 'recycle_released_refcnt')).toBe(0);
    for (const p of doc.pools) expect(p.hold_cnt - p.release_cnt).toBe(p.inflight);
  });
});

describe('validation', () => {
  it('usecs 0 and a budget above NAPI_POLL_WEIGHT are located errors', () => {
    const text = [
      'name: x', 'duration: 1ms',
      'nics: [{ name: eth0, link: 10Gbit }]',
      'traffic: [{ nic: eth0 }]',
      'consumer: [{ nic: eth0, busy_poll: { usecs: 0us, budget: 65 } }]',
    ].join('\n');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path}@${e.line}`).sort()).toEqual(['consumer[0].busy_poll.budget@5', 'consumer[0].busy_poll.usecs@5']);
  });
});
