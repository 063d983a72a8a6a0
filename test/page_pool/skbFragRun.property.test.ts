// The skb free path puts a run of frags in one call (PagePool.putSkbFrags → skbRecycle.ts
// putSkbFragRun); every other caller puts one buffer at a time (putFullNetmem with allow_direct
// false, the pool deciding napi-locality). Both must leave the same pool: the same counters, the
// same alloc cache and ptr_ring contents in the same order, the same places and holders, the same
// charges. Random states exercise the cache filling, the ring filling (recycle_ring_full →
// release), pages someone else holds (_refcount 2 → recycle_released_refcnt), pages from the
// reserves (pfmemalloc → recycle_released_refcnt; with neither, PageTable.irregular is 0 and both
// paths skip the per-page reads), shared pp_ref_counts
// (a second reference: the first put only drops it), the pool's frag page (biased pp_ref_count: a
// fragment's put is not its last reference) and softirq (napi-local: the cache, until it is full)
// vs process context, billed through charge() or in place with the engine's stage layout (the
// run's call-free loop for pages).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeHarness, type Harness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { HOLDER_STACK, PLACE_OUT } from '../../shared/sim/netmem/places';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import type { PagePool } from '../../shared/sim/page_pool/pagePool';
import { PP_OP_COUNT } from '../../shared/sim/page_pool/types';
import { PP_OP_STAGE } from '../../shared/sim/engine/driverContext';

interface Plan {
  poolSize: number;
  prefill: number;
  softirq: boolean;
  /** no page with _refcount 2 or pfmemalloc at all: the put paths skip the per-page reads */
  regular: boolean;
  /** billed in place (PoolCycleSink, the engine's stage cells) instead of through charge() */
  inPlace: boolean;
  /** one more frag: a fragment of the pool's current frag page, the stack's only reference */
  fragPage: boolean;
  frags: { refcount2: boolean; pfmemalloc: boolean; shared: boolean }[];
}

const plan: fc.Arbitrary<Plan> = fc.record({
  poolSize: fc.integer({ min: 16, max: 256 }),
  prefill: fc.integer({ min: 0, max: 160 }),
  softirq: fc.boolean(),
  regular: fc.boolean(),
  inPlace: fc.boolean(),
  fragPage: fc.boolean(),
  frags: fc.array(
    fc.record({ refcount2: fc.boolean(), pfmemalloc: fc.integer({ min: 0, max: 39 }).map((v) => v === 0), shared: fc.boolean() }),
    { minLength: 1, maxLength: 40 },
  ),
});

/** What a pool and its buffers look like: everything the two put paths may change. */
function snapshot(h: Harness, pool: PagePool, refs: number[], unit: { unitCycles: number }, stage: Float64Array): string {
  const ring: number[] = [];
  while (pool.ring.count > 0) ring.push(pool.ring.consume());
  const page = h.tables.page;
  const bufs = refs.map((r) => {
    const i = netmemIndex(r);
    return [page.placeOf(i), page.holdOf(i, 0), page.holdOf(i, 1), page.holdOf(i, 2), page.ppRefDelta[i], page.ppMagic[i]];
  });
  return JSON.stringify({
    stats: pool.stats,
    cache: Array.from(pool.cache.subarray(0, pool.cacheCount)),
    ring,
    ops: Array.from(h.ops),
    release: pool.releaseCnt,
    bufs,
    unit: unit.unitCycles,
    stage: Array.from(stage),
  });
}

function run(p: Plan, asRun: boolean): string {
  const h = makeHarness();
  // costs whose sums round (thirds): any change of order shows in the bits; op 3 costs nothing
  const opCycles = new Float64Array(PP_OP_COUNT).map((_, op) => (op === 3 ? 0 : (op + 1) / 3));
  const unit = { unitCycles: 0.1 };
  const stage = new Float64Array(Math.max(...PP_OP_STAGE) + 1);
  if (p.inPlace) h.hooks = { ...h.hooks, cycles: { unit, stage, opCycles, opStage: PP_OP_STAGE } };
  // pool->cpuid 0: puts in softirq on core 0 are napi-local (direct to the cache), process context is not
  const pool = h.pool({ pool_size: p.poolSize }, null, 0);
  const refs: number[] = [];
  for (const f of p.frags) {
    const r = pool.allocNetmems();
    refs.push(r);
    h.tables.moveRef(r, 0, HOLDER_STACK);
    if (f.shared) pool.refNetmem(r, HOLDER_STACK, HOLDER_STACK);
    if (f.refcount2 && !p.regular) h.tables.page.setRefcount(netmemIndex(r), 2);
    if (f.pfmemalloc && !p.regular) h.tables.page.setPfmemalloc(netmemIndex(r), true);
  }
  // page_pool_alloc_frag: the pool's frag page stays biased (BIAS_MAX) while it is the frag page
  const fragRef = p.fragPage ? pool.allocFragNetmem(1024) : 0;
  if (fragRef !== 0) {
    refs.push(fragRef);
    h.tables.moveRef(fragRef, 0, HOLDER_STACK);
  }
  // then an alloc cache from empty to full (the rest to the ptr_ring): pages allocated and put back directly
  const warm: number[] = [];
  for (let k = 0; k < p.prefill; k++) warm.push(pool.allocNetmems());
  for (const r of warm) pool.putFullNetmem(r, true);
  h.exec.inSoftirq = p.softirq;
  // shared buffers are in the skb twice (two frags on one page): both references are dropped
  const frags: number[] = [];
  p.frags.forEach((f, k) => {
    frags.push(refs[k]);
    if (f.shared) frags.push(refs[k]);
  });
  if (fragRef !== 0) frags.push(fragRef);
  if (asRun) {
    const a = new Int32Array(frags);
    let at = 0;
    while (at < a.length) at = pool.putSkbFrags(a, at, a.length, HOLDER_STACK);
  } else {
    for (const r of frags) pool.putFullNetmem(r, false, HOLDER_STACK);
  }
  expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  // __page_pool_page_can_be_recycled refuses exactly the pages with _refcount != 1 or pfmemalloc
  const irregular = p.regular ? 0 : p.frags.filter((f) => f.refcount2 || f.pfmemalloc).length;
  expect(pool.stats.recycle_released_refcnt).toBe(irregular);
  // the fragment's put drops a reference of the biased count: the page stays the frag page, out
  if (fragRef !== 0) expect(h.tables.page.placeOf(netmemIndex(fragRef))).toBe(PLACE_OUT);
  return snapshot(h, pool, refs, unit, stage);
}

describe('putSkbFrags (a run of an skb frags) and putFullNetmem per frag', () => {
  it('leave the same pool, buffers and charges', () => {
    fc.assert(
      fc.property(plan, (p) => {
        expect(run(p, true)).toBe(run(p, false));
      }),
      { numRuns: 200, seed: 10 },
    );
  });
});
