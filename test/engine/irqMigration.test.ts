// IRQ/NAPI migration to another core and node (docs/model/napi.md): NUMA_NO_NODE pools follow
// numa_mem_id() and waive the old node's pages; page_pool_nid_changed flushes the alloc cache;
// direct recycling follows the NAPI to its new core.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { RunDocument } from '../../shared/doc/runDocument';
import { run, scenario, scenarioFile } from './helpers';

function before(doc: RunDocument, key: string, tNs: number): number {
  const c = doc.series.columns[key];
  return c.reduce((a, v, i) => a + (doc.series.t_ns[i] <= tNs ? v : 0), 0);
}

describe('irq-migration.yaml', () => {
  const doc = run(scenarioFile('irq-migration.yaml'));
  const pool = (nic: string) => doc.pools.find((p) => p.nic === nic)!;

  it('no waive before the move; after it NUMA_NO_NODE and nid_changed pools waive, a fixed nid does not', () => {
    for (const p of doc.pools) expect(before(doc, `pool/${p.id}/alloc_waive`, 100e6)).toBe(0);
    expect(pool('eth0').stats.alloc_waive).toBeGreaterThan(100);
    expect(pool('eth2').stats.alloc_waive).toBeGreaterThan(100);
    expect(pool('eth1').stats.alloc_waive).toBe(0);
    expect(pool('eth2').params.nid).toBe(1);
    expect(pool('eth1').params.nid).toBe(0);
    expect(pool('eth0').params.nid).toBe('NUMA_NO_NODE');
  });

  it('each waive falls to the slow path: a bulk of 64 from the new node per waive', () => {
    const p = pool('eth0');
    expect(p.stats.alloc_slow - before(doc, `pool/${p.id}/alloc_slow`, 100e6)).toBeGreaterThanOrEqual(p.stats.alloc_waive);
    // node 1 gave the pages the pool holds after the move
    const node1 = doc.memory[1];
    expect(node1.total_pages - node1.free_pages).toBeGreaterThan(0);
  });

  it('release_cnt = ring_full + released_refcnt + waive, except the cache page_pool_update_nid flushed', () => {
    const sum = (nic: string) => {
      const s = pool(nic).stats;
      return s.recycle_ring_full + s.recycle_released_refcnt + s.alloc_waive;
    };
    expect(pool('eth0').release_cnt).toBe(sum('eth0'));
    expect(pool('eth1').release_cnt).toBe(sum('eth1'));
    const flushed = pool('eth2').release_cnt - sum('eth2');
    expect(flushed).toBeGreaterThan(0);
    expect(flushed).toBeLessThanOrEqual(128); // at most one PP_ALLOC_CACHE_SIZE
    expect(doc.events.filter((e) => /NAPI now runs on core/.test(e.message)).length).toBe(3);
  });
});

describe('direct recycling follows the NAPI', () => {
  it('skbs freed in softirq on the new NAPI core still recycle into the alloc cache', () => {
    const doc = run(
      scenario({
        name: 'napi move',
        seed: 2,
        duration: '40ms',
        sample: '5ms',
        host: { cpu: { profile: 'xeon-platinum-8481c', cores: 4 } },
        nics: [{ name: 'eth0', driver: 'generic', link: '10Gbit', queues: 1, ring: 512, irq_cores: [1] }],
        traffic: [{ nic: 'eth0', flows: 2, rate: 'line', packet_size: 1518 }],
        consumer: [{ nic: 'eth0', read_latency: '5us', free_on: 'napi_core' }],
        events: [{ at: '20ms', irq_affinity: { nic: 'eth0', queue: 0, core: 2 } }],
      }),
    );
    const p = doc.pools[0];
    const cachedBefore = before(doc, `pool/${p.id}/recycle_cached`, 20e6);
    const cachedAfter = p.stats.recycle_cached - cachedBefore;
    expect(cachedBefore).toBeGreaterThan(1000);
    expect(cachedAfter).toBeGreaterThan(cachedBefore * 0.8);
  });
});

describe('validation', () => {
  it('a core that does not exist, a queue that does not exist, nid_changed on a driver that never calls it', () => {
    const text = [
      'name: x',
      'duration: 1s',
      'host: { cpu: { cores: 4 } }',
      'nics: [{ name: eth0, link: 10Gbit, driver: gve, page_pool: { nid_changed: true } }]',
      'traffic: [{ nic: eth0 }]',
      'events:',
      '  - { at: 1ms, irq_affinity: { nic: eth0, queue: 3, core: 9 } }',
    ].join('\n');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path}@${e.line}`).sort()).toEqual([
      'events[0].irq_affinity.core@7',
      'events[0].irq_affinity.queue@7',
      'nics[0].page_pool.nid_changed@4',
    ]);
  });
});
