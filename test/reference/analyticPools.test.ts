// Analytic checks of buffers and memory (docs/model/memory-gfp.md, page-pool.md, devmem.md):
// Little's law for pages in the stack and tokens held by the user, the dma-buf exhaustion time,
// page_pool counter identities, the stalled-shutdown warning times, and pfmemalloc under both
// gfp regimes. Each figure is computed in closed form and compared with a run.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { Scenario } from '../../shared/scenario/schema';
import type { RunDocument } from '../../shared/doc/runDocument';
import { PageAllocator } from '../../shared/sim/mm/pageAllocator';
import { GFP_ATOMIC, GFP_DEV_ALLOC, gfpToAllocFlags, reserveMark } from '../../shared/sim/mm/gfp';
import { DRAIN_SPACING_NS } from '../../shared/sim/consumer/wheelTiming';
import { ROOT, run, scenario } from '../engine/helpers';

function load(path: string): Scenario {
  const r = parseScenario(readFileSync(join(ROOT, 'scenarios', path), 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}
function mean(doc: RunDocument, key: string, fromNs: number): number {
  const t = doc.series.t_ns;
  const c = doc.series.columns[key];
  let s = 0,
    n = 0;
  for (let i = 0; i < t.length; i++)
    if (t[i] > fromNs) {
      s += c[i];
      n++;
    }
  return s / n;
}

describe("Little's law", () => {
  it('pages in the stack ≈ λ × (hold + reader lag): generic driver, one page per frame, 40 µs fixed hold', () => {
    const doc = run(
      scenario({
        name: 'little-pages',
        duration: '20ms',
        sample: '37us',
        seed: 2,
        host: { cpu: { profile: 'xeon-e5-1650-v4', cores: 8 } },
        nics: [{ name: 'eth0', link: '10Gbit', queues: 1, ring: 1024 }],
        traffic: [{ nic: 'eth0', flows: 1, packet_size: 1518, rate: '8Gbit', arrival: 'constant', protocol: 'udp' }],
        consumer: [{ nic: 'eth0', read_latency: '40us', app_cores: [4] }],
      }),
    );
    const lambda = doc.nics[0].rx.packets / (doc.duration_ns / 1e9);
    // a read lands at the end of its 1 µs wheel bucket and on the next 2 µs consumer tick: +1.5 µs
    const expected = lambda * (40e-6 + 1.5e-6);
    const measured = mean(doc, `pool/${doc.pools[0].id}/in_stack`, 2e6);
    expect(measured / expected).toBeGreaterThan(0.95);
    expect(measured / expected).toBeLessThan(1.05);
  });

  it('devmem tokens held by the user ≈ λ × every / 2 (SO_DEVMEM_DONTNEED every 50 µs returns all of them)', () => {
    const sc = load('reference/devmem-token-starvation.yaml');
    const doc = run({ ...sc, sample: 30_000, events: [] });
    const lambda = doc.nics[0].rx.packets / (doc.duration_ns / 1e9);
    const perTick = lambda * 50e-6;
    expect(perTick).toBeLessThan(128); // one DONTNEED batch returns every token of the interval
    const measured = mean(doc, 'binding/1/niov_user', 2e6);
    // a token is handed when the read is drained, in steps of DRAIN_SPACING_NS, so it waits for the
    // next DONTNEED every / 2 on average, less up to one drain step
    const upper = lambda * 25e-6;
    const lower = lambda * (25e-6 - DRAIN_SPACING_NS / 1e9);
    // Drains and DONTNEED calls run on the same application core, so a token's hand-out and its
    // return are not independent of each other's phase: 3 % below the bound is allowed (measured
    // 2.6 % below with the cost table of docs/model/costs.md).
    expect(measured).toBeGreaterThan(0.97 * lower);
    expect(measured).toBeLessThan(1.02 * upper);
  });
});

describe('dma-buf exhaustion time', () => {
  it('8 MiB (2048 net_iovs) at 10 Gbit/s: the first drop comes (2048 − held at the stall) / pps after the token stall', () => {
    const base = load('reference/devmem-token-starvation.yaml');
    const stall = 2e6;
    const sc: Scenario = {
      ...base,
      duration: 6e6,
      nics: [
        {
          ...base.nics[0],
          provider: {
            ...(base.nics[0].provider as Extract<NonNullable<Scenario['nics'][number]['provider']>, { kind: 'dmabuf' }>),
            size: 8 * 2 ** 20,
          },
        },
      ],
      traffic: [{ ...base.traffic[0], rate: 10e9 }],
      events: [{ at: stall, token_stall: { nic: 'eth0' } }],
    };
    const doc = run(sc);
    const t = doc.series.t_ns;
    const held = doc.series.columns['binding/1/niov_user'];
    const missed = doc.series.columns['nic/eth0/drop/rx_missed'];
    const pps = 10e9 / ((1518 + 20) * 8);
    const heldAtStall = held[t.indexOf(stall)];
    const expected = stall + ((2048 - heldAtStall) / pps) * 1e9;
    const firstDropEnd = t[missed.findIndex((m) => m > 0)];
    expect(firstDropEnd).toBeGreaterThan(expected - 2 * sc.sample);
    expect(firstDropEnd).toBeLessThan(expected + 3 * sc.sample);
  });
});

describe('page_pool counter identities (net/core/page_pool.c, 6.18)', () => {
  // release_cnt moves in page_pool_return_netmem only. Without a destroy its callers are:
  // __page_pool_put_netmem for a page that cannot be recycled (recycle_released_refcnt),
  // page_pool_put_unrefed_netmem when the ptr_ring is full (recycle_ring_full), the refill that
  // meets a page of another node (alloc_waive), page_pool_recycle_ring_bulk (ring_full once per
  // batch: no modelled driver frees in bulk) and page_pool_drain_frag for a frag page that cannot
  // be recycled (no counter: only a pfmemalloc frag page, which these runs do not have).
  const runs: [string, () => RunDocument][] = [
    ['memory-pressure', () => run(load('memory-pressure.yaml'))],
    ['tcp-remote-free', () => run(load('tcp-remote-free.yaml'))],
    [
      'mlx4-iommu-overload, page_pool mode',
      () => {
        const sc = load('reference/mlx4-iommu-overload.yaml');
        return run({ ...sc, nics: [{ ...sc.nics[0], mode: 'page_pool' }] });
      },
    ],
    [
      'gve frag pages, 4 queues at 25 Gbit/s',
      () =>
        run(
          scenario({
            name: 'gve-frags',
            duration: '5ms',
            seed: 4,
            host: { cpu: { profile: 'xeon-platinum-8481c', cores: 8 } },
            nics: [{ name: 'eth0', driver: 'gve', link: '25Gbit', queues: 4, ring: 512 }],
            traffic: [{ nic: 'eth0', flows: 8, packet_size: 1518, rate: 'line', arrival: 'poisson' }],
            consumer: [{ nic: 'eth0', read_latency: { exponential: { mean: '40us' } }, app_cores: [4, 5, 6, 7] }],
          }),
        ),
    ],
  ];
  for (const [name, go] of runs) {
    it(`${name}: hold − release = inflight; release = ring_full + released_refcnt + alloc_waive`, () => {
      const doc = go();
      expect(doc.pools.length).toBeGreaterThan(0);
      for (const p of doc.pools) {
        expect(p.destroy ?? null).toBeNull();
        expect(p.hold_cnt - p.release_cnt).toBe(p.inflight);
        expect(p.release_cnt).toBe(p.stats.recycle_ring_full + p.stats.recycle_released_refcnt + p.stats.alloc_waive);
      }
    });
  }
});

describe('stalled-shutdown warning times (page_pool_release_retry)', () => {
  it('an invisible pool destroyed at 1 s with pages held warns at 61 s ("60 sec") and 121 s ("120 sec"), then completes', () => {
    const sc = load('ifdown-stalled-shutdown.yaml');
    const doc = run({
      ...sc,
      duration: 135e9,
      sample: 1e9,
      events: sc.events.map((e) => ('consumer_stall' in e ? { ...e, consumer_stall: { ...e.consumer_stall, for: 130e9 } } : e)),
    });
    const warns = doc.events.filter((e) => e.message.includes('stalled pool shutdown'));
    expect(warns.map((w) => Math.round(w.t_ns / 1e9))).toEqual([61, 121]);
    expect(warns.map((w) => /inflight (\d+) sec/.exec(w.message)?.[1])).toEqual(['60', '120']);
    // the application reads again at 130.5 s: the next 1 s retry finds nothing in flight
    expect(Math.round(doc.pools[0].destroy!.finished_ns! / 1e9)).toBe(131);
  });
});

describe('pfmemalloc under both gfp regimes (mm/page_alloc.c __zone_watermark_ok, __gfp_pfmemalloc_flags)', () => {
  for (const minBytes of [16 * 2 ** 20, 4001 * 4096, 1001 * 4096]) {
    const min = minBytes / 4096;
    const floor = min - Math.floor(min / 2) - Math.floor((min - Math.floor(min / 2)) / 4);
    it(`min ${min} pages: GFP_ATOMIC gets ${min - floor} normal pages below min, then fails; __GFP_MEMALLOC gets ${floor} more, all pfmemalloc`, () => {
      expect(reserveMark(min, gfpToAllocFlags(GFP_ATOMIC))).toBe(floor);
      expect(Math.abs(floor - (3 * min) / 8)).toBeLessThanOrEqual(1);
      for (const gfp of [GFP_ATOMIC, GFP_DEV_ALLOC]) {
        const mm = new PageAllocator({
          numaNodes: 1,
          perNodeBytes: 2 ** 30,
          watermarks: { min: minBytes, low: minBytes + 4096, high: minBytes + 8192 },
        });
        mm.takePages(0, mm.freePagesOf(0) - min); // at min
        let normal = 0,
          pfm = 0;
        for (;;) {
          const r = mm.allocPages(0, 0, gfp);
          if (r.page < 0) break;
          if (r.pfmemalloc) pfm++;
          else normal++;
        }
        expect(normal).toBe(min - floor);
        expect(pfm).toBe(gfp === GFP_DEV_ALLOC ? floor : 0);
        expect(mm.freePagesOf(0)).toBe(gfp === GFP_DEV_ALLOC ? 0 : floor);
      }
    });
  }

  it('memory-pressure.yaml: pfmemalloc pages only on the __GFP_MEMALLOC NIC, every one released, none recycled', () => {
    const doc = run(load('memory-pressure.yaml'));
    const released = (nic: string) => doc.pools.filter((p) => p.nic === nic).reduce((a, p) => a + p.stats.recycle_released_refcnt, 0);
    expect(doc.memory[0].pfmemalloc_allocs).toBeGreaterThan(0);
    expect(released('eth0')).toBe(0);
    expect(released('eth1')).toBe(doc.memory[0].pfmemalloc_allocs);
  });
});
