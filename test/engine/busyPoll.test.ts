// Busy polling (docs/model/napi.md): napi_busy_loop on the application core, the IRQ kept masked
// while the busy poller owns the NAPI, and busy_poll_stop with and without prefer_busy_poll.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { RunDocument } from '../../shared/doc/runDocument';
import { run, scenario, scenarioFile, total } from './helpers';

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

describe('busy_poll_stop with prefer_busy_poll', () => {
  it('loads defer_hard_irqs_count without using one: defer_hard_irqs + 1 empty timer polls, then the IRQ', () => {
    const doc = run(
      scenario({
        name: 'prefer stop',
        seed: 2,
        duration: '5ms',
        sample: '1ms',
        host: { cpu: { profile: 'xeon-platinum-8481c', cores: 4 } },
        nics: [
          {
            name: 'eth0',
            driver: 'generic',
            link: '10Gbit',
            queues: 1,
            irq_cores: [1],
            napi: { defer_hard_irqs: 2, gro_flush_timeout: '100us' },
          },
        ],
        traffic: [{ nic: 'eth0', flows: 2, rate: '500kpps', packet_size: 256, arrival: 'constant', protocol: 'udp', stop: '2ms' }],
        consumer: [{ nic: 'eth0', read_latency: '1us', app_cores: [3], busy_poll: { usecs: '20us', prefer_busy_poll: true } }],
      }),
    );
    const n = doc.nics[0].napi!;
    // one IRQ starts the first session; after the traffic stops the session ends 20 us later and
    // napi->timer polls three times, empty, 100 us apart; then the IRQ is armed and nothing runs
    expect(n.hard_irqs).toBe(1);
    expect(n.timer_polls).toBe(3);
    // all but the frames of the first, IRQ-driven poll
    expect(n.busy_poll_packets).toBeGreaterThan(0.95 * doc.nics[0].rx.packets);
  });
});

describe('validation', () => {
  it('usecs 0 and a budget above NAPI_POLL_WEIGHT are located errors', () => {
    const text = [
      'name: x',
      'duration: 1ms',
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
