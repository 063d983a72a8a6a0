// Fault injection in a run (docs/model/fault-injection.md): the selftest's fail_function settings
// reach the drivers' counters and the rx-alloc-fail qstat of the drivers that report it.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { run, scenario, scenarioFile } from './helpers';
import type { ScenarioInput } from '../../shared/scenario/schema';

function small(driver: 'generic' | 'gve' | 'mlx4' | 'hns3' | 'mt76', events: ScenarioInput['events']): ScenarioInput {
  return {
    name: `faults ${driver}`,
    seed: 3,
    duration: '20ms',
    sample: '5ms',
    host: { cpu: { profile: 'xeon-platinum-8481c', cores: 4 } },
    nics: [{ name: 'eth0', driver, link: '10Gbit', queues: 1, ...(driver === 'mt76' ? { link: '2Gbit' } : {}) }],
    traffic: [{ nic: 'eth0', flows: 2, rate: 'line', packet_size: 1518 }],
    consumer: [{ nic: 'eth0', read_latency: '10us' }],
    events,
  };
}

const SELFTEST = { at: '5ms', fail_function: { inject: 'page_pool_alloc_netmems', interval: 511, probability: 100, times: -1 } } as const;

describe('fail_function on page_pool_alloc_netmems', () => {
  it('pp-alloc-fail.yaml: GVE counts every injected failure as rx_buf_alloc_fail, reported as rx-alloc-fail', () => {
    const doc = run(scenarioFile('pp-alloc-fail.yaml'));
    const nic = doc.nics[0];
    expect(doc.faults!.fail_function).toBeGreaterThan(100); // the selftest's own threshold over its window
    expect(nic.rx.drops.rx_buf_alloc_fail).toBe(doc.faults!.fail_function);
    expect(nic.qstats!['rx-alloc-fail']).toBe(doc.faults!.fail_function);
    expect(nic.qstats!['rx-packets']).toBe(nic.rx.packets);
    // the injected calls fall in the window the events armed
    const col = doc.series.columns['nic/eth0/qstat/rx-alloc-fail'];
    const t = doc.series.t_ns;
    const outside = col.reduce((a, v, i) => a + (t[i] <= 100e6 || t[i] > 210e6 ? v : 0), 0);
    expect(outside).toBe(0);
    // the restart under DMA map errors: the new pools hold fewer pages than they were given
    expect(doc.faults!.dma_map_error).toBeGreaterThan(0);
  });

  it('mlx4 counts the failures in ring->alloc_fail, its rx-alloc-fail qstat', () => {
    // mlx4 reuses its pages in the driver: it calls page_pool_alloc_netmems when it fills a ring
    // from empty, so the interface is restarted with the fault armed
    const doc = run(
      scenario(
        small('mlx4', [
          { ...SELFTEST, fail_function: { ...SELFTEST.fail_function, interval: 16 } },
          { at: '6ms', ifdown: { nic: 'eth0' } },
          { at: '7ms', ifup: { nic: 'eth0' } },
        ]),
      ),
    );
    const nic = doc.nics[0];
    expect(doc.faults!.fail_function).toBeGreaterThan(0);
    expect(nic.rx.drops.rx_alloc_fail).toBe(doc.faults!.fail_function);
    expect(nic.qstats!['rx-alloc-fail']).toBe(doc.faults!.fail_function);
  });

  it('drivers without the qstat: netdevsim-like generic reports none, hns3 and mt76 have no qstats at all', () => {
    const g = run(scenario(small('generic', [SELFTEST])));
    expect(g.nics[0].rx.drops.rx_alloc_fail).toBe(g.faults!.fail_function);
    expect(g.nics[0].qstats).toEqual({ 'rx-packets': g.nics[0].rx.packets, 'rx-bytes': g.nics[0].rx.bytes });
    expect(run(scenario(small('hns3', []))).nics[0].qstats).toBeNull();
    expect(run(scenario(small('mt76', []))).nics[0].qstats).toBeNull();
  });

  it('clearing the inject list stops the failures; no fault section without fault events', () => {
    const doc = run(scenario(small('generic', [SELFTEST, { at: '6ms', fail_function: { inject: 'none' } }])));
    const col = doc.series.columns['nic/eth0/drop/rx_alloc_fail'];
    expect(col.slice(2).reduce((a, v) => a + v, 0)).toBe(0);
    expect(run(scenario(small('generic', []))).faults).toBeUndefined();
  });

  it('the knobs start as the kernel leaves them: inject alone fails nothing; later writes keep the other knobs', () => {
    const none = run(scenario(small('generic', [{ at: '2ms', fail_function: { inject: 'page_pool_alloc_netmems' } }])));
    expect(none.faults!.fail_function).toBe(0);
    const later = run(
      scenario(
        small('generic', [
          { at: '1ms', fail_function: { probability: 100, interval: 16, times: -1 } },
          { at: '2ms', fail_function: { inject: 'page_pool_alloc_netmems' } },
        ]),
      ),
    );
    expect(later.faults!.fail_function).toBeGreaterThan(0);
    expect(later.nics[0].rx.drops.rx_alloc_fail).toBe(later.faults!.fail_function);
  });

  it('same scenario and seed: identical failures', () => {
    const ev = [{ at: '2ms', fail_function: { inject: 'page_pool_alloc_netmems', probability: 10, interval: 1, times: -1 } }] as const;
    const a = run(scenario(small('generic', [...ev])));
    const b = run(scenario(small('generic', [...ev])));
    expect(a.faults).toEqual(b.faults);
    expect(a.faults!.fail_function).toBeGreaterThan(0);
  });
});

describe('validation', () => {
  it('page_pool_alloc_pages is not on the 6.18 injection list; probability above 100 is refused, located', () => {
    const text = [
      'name: x',
      'duration: 1ms',
      'nics: [{ name: eth0, link: 10Gbit }]',
      'traffic: [{ nic: eth0 }]',
      'events:',
      '  - { at: 0, fail_function: { inject: page_pool_alloc_pages } }',
      '  - { at: 0, dma_map_error: { probability: 101 } }',
    ].join('\n');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => `${e.path}@${e.line}`);
    expect(paths).toContain('events[0].fail_function.inject@6');
    expect(paths).toContain('events[1].dma_map_error.probability@7');
  });
});
