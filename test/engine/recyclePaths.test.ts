// Which page_pool path the engine's execution contexts lead to (docs/model/page-pool.md#putting-a-buffer-back, #direct-recycling-napi-local, #skb-recycling).
import { describe, expect, it } from 'vitest';
import { run, scenarioFile, total } from './helpers';

describe('recycle paths', () => {
  it('XDP_DROP recycles nearly everything into the alloc cache (recycle_cached)', () => {
    const doc = run(scenarioFile('xdp-drop-recycle.yaml', { duration: 10_000_000 }));
    const cached = total(doc, 'recycle_cached');
    expect(cached).toBeGreaterThan(0.99 * doc.nics[0].rx.packets - 4096);
    expect(total(doc, 'recycle_ring')).toBe(0);
    expect(total(doc, 'recycle_released_refcnt')).toBe(0);
    // after the initial ring fill (one bulk of 64 per 64 pages) nothing more comes from the allocator
    expect(total(doc, 'alloc_slow')).toBe(4 * (1024 / 64));
    expect(doc.nics[0].rx.drops.rx_missed).toBe(0);
  });

  it('frees on the application core go through the ptr_ring (recycle_ring, alloc_refill)', () => {
    const doc = run(scenarioFile('tcp-remote-free.yaml', { duration: 10_000_000 }));
    const ring = total(doc, 'recycle_ring');
    expect(ring).toBeGreaterThan(0.95 * doc.nics[0].rx.packets - 5000);
    expect(total(doc, 'recycle_cached')).toBe(0);
    expect(total(doc, 'alloc_refill')).toBeGreaterThan(0);
  });

  it('free_on: napi_core frees in softirq on the NAPI core, where the pool recycles directly', () => {
    const s = scenarioFile('tcp-remote-free.yaml', { duration: 10_000_000 });
    const doc = run({ ...s, consumer: s.consumer.map((c) => ({ ...c, free_on: 'napi_core' as const })) });
    const cached = total(doc, 'recycle_cached');
    const ring = total(doc, 'recycle_ring');
    // mostly: skbs whose NAPI is idle when they are handed back are freed by an IPI-kicked softirq
    // outside the pool's NAPI (ptr_ring)
    expect(cached).toBeGreaterThan(0.8 * (cached + ring));
  });

  it('without pp.napi the NAPI-core frees cannot recycle directly', () => {
    const s = scenarioFile('tcp-remote-free.yaml', { duration: 10_000_000 });
    const doc = run({
      ...s,
      nics: s.nics.map((n) => ({ ...n, page_pool: { ...n.page_pool, napi: false } })),
      consumer: s.consumer.map((c) => ({ ...c, free_on: 'napi_core' as const })),
    });
    expect(total(doc, 'recycle_cached')).toBe(0);
    expect(total(doc, 'recycle_ring')).toBeGreaterThan(0);
  });
});

describe('IOMMU mode', () => {
  it('strict costs more cycles per packet than lazy, lazy more than off, passthrough as off, when recycling fails', () => {
    const base = scenarioFile('no-recycle-iommu-strict.yaml', { duration: 10_000_000 });
    const cpp = (iommu: 'off' | 'passthrough' | 'lazy' | 'strict') => {
      const doc = run({ ...base, host: { ...base.host, iommu } });
      expect(total(doc, 'recycle_ring_full')).toBeGreaterThan(0.3 * doc.nics[0].rx.packets);
      return doc.nics[0].cpu.cycles_per_packet + (doc.nics[0].cpu.app_cycles_per_packet ?? 0);
    };
    const off = cpp('off');
    expect(cpp('passthrough')).toBe(off);
    const lazy = cpp('lazy');
    const strict = cpp('strict');
    expect(lazy).toBeGreaterThan(off);
    expect(strict).toBeGreaterThan(lazy);
    // every miss pays a map (NAPI side) and an unmap (freeing side): hundreds of cycles each
    expect(strict - off).toBeGreaterThan(300);
  });
});
