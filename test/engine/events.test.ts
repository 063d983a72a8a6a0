// Scenario events: memory pressure (pfmemalloc, released_refcnt), ifdown (deferred destroy and
// the 60 s stall warning), consumer stall.
import { describe, expect, it } from 'vitest';
import { run, scenario, scenarioFile } from './helpers';

describe('memory_pressure', () => {
  // mm/page_alloc.c (6.18): GFP_ATOMIC stops at 3/8 of min and fails; only __GFP_MEMALLOC
  // (mlx4's refill) gets pfmemalloc pages, which sk_filter_trim_cap drops (PFMemallocDrop).
  const doc = run(scenarioFile('memory-pressure.yaml'));
  const node = doc.memory[0];
  const pools = (nic: string) => doc.pools.filter((p) => p.nic === nic);
  const released = (nic: string) => pools(nic).reduce((a, p) => a + p.stats.recycle_released_refcnt, 0);
  const nic = (name: string) => doc.nics.find((n) => n.name === name)!;

  it('free memory goes below the GFP_ATOMIC floor (3/8 of min) but the pressure was given back by the end', () => {
    const floor = node.min_pages - Math.floor(node.min_pages / 2) - Math.floor((node.min_pages - Math.floor(node.min_pages / 2)) / 4);
    const free = doc.series.columns['mem/0/free_pages'];
    expect(Math.min(...free)).toBeLessThan(floor);
    expect(node.free_pages).toBeGreaterThan(node.high_pages);
    expect(doc.events.some((e) => e.message.includes('memory_pressure: allocating'))).toBe(true);
  });

  it('eth0 (generic, GFP_ATOMIC): allocations fail, no pfmemalloc page, nothing released for pfmemalloc', () => {
    expect(nic('eth0').rx.drops.rx_alloc_fail).toBeGreaterThan(0);
    expect(nic('eth0').rx.drops.PFMemallocDrop).toBeUndefined();
    expect(released('eth0')).toBe(0);
  });

  it('eth1 (mlx4, GFP_ATOMIC | __GFP_MEMALLOC): every pfmemalloc page is released, not recycled; its skbs are PFMemallocDrop', () => {
    expect(node.pfmemalloc_allocs).toBeGreaterThan(0);
    expect(released('eth1')).toBe(node.pfmemalloc_allocs);
    const drops = nic('eth1').rx.drops.PFMemallocDrop;
    expect(drops).toBeGreaterThan(0);
    // one drop per skb: a page's two halves and GRO aggregates share a drop
    expect(drops).toBeLessThanOrEqual(node.pfmemalloc_allocs * 2);
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
    const doc = run(
      scenario({
        name: 'down-up',
        duration: '6ms',
        nics: [{ name: 'eth0', link: '10Gbit', queues: 1, ring: 256 }],
        traffic: [{ nic: 'eth0', packet_size: 1518 }],
        events: [
          { at: '2ms', ifdown: { nic: 'eth0' } },
          { at: '3ms', ifup: { nic: 'eth0' } },
        ],
      }),
    );
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
    const doc = run(
      scenario({
        name: 'stall',
        duration: '10ms',
        sample: '500us',
        nics: [{ name: 'eth0', link: '10Gbit', queues: 1, ring: 1024 }],
        traffic: [{ nic: 'eth0', packet_size: 1518 }],
        consumer: [{ nic: 'eth0', read_latency: '10us', app_cores: [3] }],
        events: [{ at: '2ms', consumer_stall: { nic: 'eth0', for: '3ms' } }],
      }),
    );
    const q = doc.series.columns['nic/eth0/sock_queued'];
    const at = (ms: number) => q[doc.series.t_ns.indexOf(ms * 1e6)];
    expect(at(1)).toBeLessThan(30);
    expect(at(4.5)).toBeGreaterThan(2000); // ≈ 812 kpps × 2.5 ms
    expect(at(8)).toBeLessThan(30);
  });
});
