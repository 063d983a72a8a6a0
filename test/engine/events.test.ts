// Scenario events: memory pressure (pfmemalloc, released_refcnt), ifdown (deferred destroy and
// the 60 s stall warning), consumer stall.
import { describe, expect, it } from 'vitest';
import { run, scenario, scenarioFile, total } from './helpers';

describe('memory_pressure', () => {
  it('below the min watermark pages come out pfmemalloc and are released, not recycled', () => {
    const doc = run(scenarioFile('memory-pressure.yaml'));
    const node = doc.memory[0];
    expect(node.pfmemalloc_allocs).toBeGreaterThan(0);
    expect(total(doc, 'recycle_released_refcnt')).toBeGreaterThan(0);
    // each released pfmemalloc page was a pfmemalloc allocation
    expect(total(doc, 'recycle_released_refcnt')).toBeLessThanOrEqual(node.pfmemalloc_allocs);
    // the pressure was given back by the end
    expect(node.free_pages).toBeGreaterThan(node.high_pages);
    const free = doc.series.columns['mem/0/free_pages'];
    expect(Math.min(...free)).toBeLessThan(node.min_pages);
    expect(doc.events.some((e) => e.message.includes('memory_pressure: allocating'))).toBe(true);
  });
});

describe('ifdown with pages in sockets', () => {
  it('warns "stalled pool shutdown" 60 s after destroy for an invisible pool, then finishes', () => {
    const doc = run(scenarioFile('ifdown-stalled-shutdown.yaml'));
    const warns = doc.events.filter((e) => e.message.includes('stalled pool shutdown'));
    expect(warns.length).toBe(1);
    const ifdownAt = 1e9;
    // (work done by the retry worker itself moves the clock by microseconds)
    expect(Math.abs(warns[0].t_ns - (ifdownAt + 60e9))).toBeLessThan(1e6);
    expect(warns[0].level).toBe('warn');
    expect(warns[0].message).toMatch(/stalled pool shutdown: id 1, \d+ inflight 60 sec/);
    const pool = doc.pools[0];
    expect(Math.abs(pool.destroy!.started_ns - ifdownAt)).toBeLessThan(1e6);
    // the application reads again at 70.5 s; the next 1 s retry finds nothing in flight
    expect(Math.abs(pool.destroy!.finished_ns! - 71e9)).toBeLessThan(1e6);
    expect(pool.inflight).toBe(0);
    expect(pool.hold_cnt).toBe(pool.release_cnt);
  });

  it('no warning before 60 s', () => {
    const s = scenarioFile('ifdown-stalled-shutdown.yaml', { duration: 60.5e9 });
    const doc = run(s);
    expect(doc.events.filter((e) => e.message.includes('stalled pool shutdown'))).toHaveLength(0);
    expect(doc.pools[0].destroy?.finished_ns).toBeNull();
    expect(doc.pools[0].inflight).toBeGreaterThan(0);
  });

  it('ifup after ifdown creates new pools and traffic flows again', () => {
    const doc = run(scenario({
      name: 'down-up', duration: '6ms',
      nics: [{ name: 'eth0', link: '10Gbit', queues: 1, ring: 256 }],
      traffic: [{ nic: 'eth0', packet_size: 1518 }],
      events: [{ at: '2ms', ifdown: { nic: 'eth0' } }, { at: '3ms', ifup: { nic: 'eth0' } }],
    }));
    expect(doc.pools).toHaveLength(2);
    expect(doc.pools[0].destroy).not.toBeNull();
    expect(doc.pools[1].destroy).toBeNull();
    expect(doc.pools[1].stats.alloc_fast).toBeGreaterThan(0);
    const rx = doc.series.columns['nic/eth0/rx_packets'];
    expect(rx[2]).toBe(0); // 2..3 ms: link down, nothing received
    expect(rx[4]).toBeGreaterThan(0);
  });
});

describe('consumer_stall', () => {
  it('sockets fill while the application does not read, and drain afterwards', () => {
    const doc = run(scenario({
      name: 'stall', duration: '10ms', sample: '500us',
      nics: [{ name: 'eth0', link: '10Gbit', queues: 1, ring: 1024 }],
      traffic: [{ nic: 'eth0', packet_size: 1518 }],
      consumer: [{ nic: 'eth0', read_latency: '10us', app_cores: [3] }],
      events: [{ at: '2ms', consumer_stall: { nic: 'eth0', for: '3ms' } }],
    }));
    const q = doc.series.columns['nic/eth0/sock_queued'];
    const at = (ms: number) => q[doc.series.t_ns.indexOf(ms * 1e6)];
    expect(at(1)).toBeLessThan(30);
    expect(at(4.5)).toBeGreaterThan(2000); // ≈ 812 kpps × 2.5 ms
    expect(at(8)).toBeLessThan(30);
  });
});
