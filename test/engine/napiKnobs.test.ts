// NAPI knobs (docs/model/napi.md): napi_defer_hard_irqs with gro_flush_timeout (napi_complete_done
// returns false, napi_watchdog polls), and threaded NAPI (kthread wake-up, no list_owner).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { ScenarioInput } from '../../shared/scenario/schema';
import type { RunDocument } from '../../shared/doc/runDocument';
import { run, scenario, total } from './helpers';

function napiRun(
  napi: { defer_hard_irqs?: number; gro_flush_timeout?: string | number; threaded?: boolean },
  extra: Partial<ScenarioInput> = {},
): RunDocument {
  return run(
    scenario({
      name: 'napi',
      seed: 4,
      duration: '10ms',
      sample: '1ms',
      host: { cpu: { profile: 'xeon-platinum-8481c', cores: 4 } },
      nics: [{ name: 'eth0', driver: 'generic', link: '10Gbit', queues: 1, ring: 1024, irq_cores: [1], napi }],
      traffic: [{ nic: 'eth0', flows: 8, rate: '2Mpps', packet_size: 256, arrival: 'poisson', protocol: 'udp' }],
      consumer: [{ nic: 'eth0', read_latency: '2us', free_on: 'napi_core' }],
      ...extra,
    }),
  );
}

describe('napi_defer_hard_irqs and gro_flush_timeout', () => {
  it('without deferral every poll chain starts with a device IRQ', () => {
    const n = napiRun({}).nics[0].napi!;
    expect(n.timer_polls).toBe(0);
    expect(n.hard_irqs).toBeGreaterThan(300);
  });

  it('with both set the IRQ stays masked and napi_watchdog polls: fewer interrupts, fewer cycles per packet', () => {
    const base = napiRun({});
    const def = napiRun({ defer_hard_irqs: 2, gro_flush_timeout: '20us' });
    const n = def.nics[0].napi!;
    expect(n.hard_irqs).toBeLessThanOrEqual(2);
    expect(n.timer_polls).toBeGreaterThan(100);
    expect(def.nics[0].rx.packets).toBe(base.nics[0].rx.packets);
    expect(def.nics[0].cpu.cycles_per_packet).toBeLessThan(base.nics[0].cpu.cycles_per_packet);
    // more frames per poll: the ring fills for 20 us between timer polls
    expect(n.polls).toBeLessThan(base.nics[0].napi!.polls);
  });

  it('defer_hard_irqs without gro_flush_timeout changes nothing (napi_complete_done still returns true)', () => {
    const a = napiRun({});
    const b = napiRun({ defer_hard_irqs: 5 });
    expect(b.nics[0].napi).toEqual(a.nics[0].napi);
    expect(b.nics[0].cpu).toEqual(a.nics[0].cpu);
  });

  it('after the traffic stops: defer_hard_irqs empty timer polls, then the IRQ is armed and nothing polls', () => {
    const doc = napiRun(
      { defer_hard_irqs: 3, gro_flush_timeout: '50us' },
      {
        traffic: [{ nic: 'eth0', flows: 8, rate: '2Mpps', packet_size: 256, arrival: 'constant', protocol: 'udp', stop: '4ms' }],
      },
    );
    const t = doc.series.t_ns;
    const timer = doc.series.columns['nic/eth0/napi/timer_polls'];
    const polls = (from: number, to: number) => timer.reduce((a, v, i) => a + (t[i] > from && t[i] <= to ? v : 0), 0);
    // the last frame arrives just before 4 ms; the timer poll that takes it (just before or just
    // after the 4 ms sample, depending on the poll's length) reloads the count to 3, then three
    // empty timer polls 50 us apart, then the IRQ is armed and nothing polls
    expect([3, 4]).toContain(polls(4e6, 5e6));
    expect(polls(5e6, 10e6)).toBe(0);
    expect(doc.nics[0].napi!.hard_irqs).toBeLessThanOrEqual(1);
  });
});

describe('threaded NAPI', () => {
  it('each IRQ pays the kthread wake-up, and skb frees in the poll are not napi-local (no list_owner)', () => {
    const soft = napiRun({});
    const thr = napiRun({ threaded: true });
    expect(total(soft, 'recycle_cached')).toBeGreaterThan(1000);
    expect(total(thr, 'recycle_cached')).toBe(0);
    expect(total(thr, 'recycle_ring')).toBeGreaterThan(1000);
    expect(thr.nics[0].napi!.threaded).toBe(true);
    expect(thr.nics[0].cpu.cycles_per_packet).toBeGreaterThan(soft.nics[0].cpu.cycles_per_packet);
  });

  it("the driver's own direct recycling (XDP_DROP, allow_direct) still fills the cache", () => {
    const doc = run(
      scenario({
        name: 'xdp threaded',
        seed: 1,
        duration: '5ms',
        sample: '1ms',
        host: { cpu: { profile: 'xeon-platinum-8481c', cores: 4 } },
        nics: [{ name: 'eth0', driver: 'generic', link: '10Gbit', queues: 1, xdp: 'drop', napi: { threaded: true } }],
        traffic: [{ nic: 'eth0', flows: 4, rate: 'line', packet_size: 64 }],
      }),
    );
    expect(total(doc, 'recycle_cached')).toBeGreaterThan(1000);
  });
});

describe('validation', () => {
  it('negative defer_hard_irqs and unknown napi keys are located errors', () => {
    const text = [
      'name: x',
      'duration: 1ms',
      'nics: [{ name: eth0, link: 10Gbit, napi: { defer_hard_irqs: -1, busy_poll: 50 } }]',
      'traffic: [{ nic: eth0 }]',
    ].join('\n');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path).sort()).toEqual(['nics[0].napi.busy_poll', 'nics[0].napi.defer_hard_irqs']);
  });
});
