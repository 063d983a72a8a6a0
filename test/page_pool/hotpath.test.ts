// Not a timing test: runs the per-packet paths a million times to show they work at scale and
// allocate nothing that grows; prints ns per alloc+recycle pair for the report.
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { napiPpPutPage } from '../../shared/sim/page_pool/skbRecycle';

describe('hot paths', () => {
  it('1e6 alloc_fast + direct recycle pairs, batches of 64 like a NAPI poll', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 1024 });
    const held = new Int32Array(64);
    const N = 1_000_000;
    // warm-up
    for (let k = 0; k < 20_000; k += 64) {
      for (let j = 0; j < 64; j++) held[j] = pool.allocNetmems();
      for (let j = 0; j < 64; j++) pool.putFullNetmem(held[j], false);
    }
    const rss0 = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < N; k += 64) {
      for (let j = 0; j < 64; j++) held[j] = pool.allocNetmems();
      for (let j = 0; j < 64; j++) pool.putFullNetmem(held[j], false);
    }
    const ns = Number(process.hrtime.bigint() - t0) / N;
    const grew = process.memoryUsage().heapUsed - rss0;
    console.log(`alloc_fast + recycle_direct pair: ${ns.toFixed(1)} ns (heap delta ${(grew / 1024).toFixed(0)} KiB)`);
    expect(pool.holdCnt).toBe(64); // one slow bulk, everything else recycled
    expect(pool.stats.recycle_cached).toBeGreaterThanOrEqual(N);
    expect(ns).toBeLessThan(2000); // sanity only
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });

  it('1e6 packets through driver → stack → napi_pp_put_page, ring recycling from another core', () => {
    const h = makeHarness();
    const pool = h.pool({ pool_size: 1024 });
    const held = new Int32Array(64);
    const N = 1_000_000;
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < N; k += 64) {
      h.exec.cpu = 0;
      h.exec.napiPollingCore = 0;
      for (let j = 0; j < 64; j++) {
        held[j] = pool.allocNetmems();
        h.tables.moveRef(held[j], HOLDER_NIC_RING, HOLDER_STACK);
      }
      h.exec.cpu = 1;
      h.exec.napiPollingCore = -1; // the application's core frees the skbs
      for (let j = 0; j < 64; j++) napiPpPutPage(h.registry, h.tables, held[j]);
    }
    const ns = Number(process.hrtime.bigint() - t0) / N;
    console.log(`alloc (cache/refill) + move to stack + ring recycle: ${ns.toFixed(1)} ns per packet`);
    expect(pool.stats.recycle_ring).toBeGreaterThan(N - 1000);
    expect(pool.stats.alloc_refill).toBeGreaterThan(0);
    expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  });
});
