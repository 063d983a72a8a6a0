// page_pool_refill_alloc_cache moves ptr_ring entries to the alloc cache while each passes
// netmem_is_pref_nid and releases the first that does not (alloc_waive). The model skips the
// per-page nid read when every live page is on the preferred node (PageTable.allOnNid): random
// rings of local and remote pages, with and without remote pages alive at all, refilled from
// either node, must give what the per-page rule gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeHarness, GiB } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import { PP_ALLOC_CACHE_REFILL } from '../../shared/sim/page_pool/types';

interface Plan {
  /** ring order: true = a node-1 page */
  ring: boolean[];
  /** node-1 pages also allocated (alive) even if none goes to the ring */
  remoteAlive: boolean;
  /** node the refilling CPU is on */
  refillNode: 0 | 1;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  ring: fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
  remoteAlive: fc.boolean(),
  refillNode: fc.constantFrom(0 as const, 1 as const),
});

describe('refillAllocCache with the all-pages-local shortcut', () => {
  it('moves, waives and releases exactly as the per-page netmem_is_pref_nid rule', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const h = makeHarness({ numaNodes: 2, perNodeBytes: 4 * GiB }, [0, 1]);
        const pool = h.pool(); // NUMA_NO_NODE: preferred node = numa_mem_id() of the running CPU
        const local: number[] = [];
        for (let k = 0; k < PP_ALLOC_CACHE_REFILL; k++) local.push(pool.allocNetmems()); // one node-0 bulk, cache drained
        const remote: number[] = [];
        if (p.remoteAlive || p.ring.some((r) => r)) {
          h.exec.cpu = 1;
          h.exec.napiPollingCore = 1;
          for (let k = 0; k < PP_ALLOC_CACHE_REFILL; k++) remote.push(pool.allocNetmems()); // one node-1 bulk
        }
        expect(local.every((r) => h.tables.page.nid[netmemIndex(r)] === 0)).toBe(true);
        expect(remote.every((r) => h.tables.page.nid[netmemIndex(r)] === 1)).toBe(true);
        expect(h.tables.page.allOnNid(0)).toBe(remote.length === 0);
        // the ring, in order (process context: not napi-local, every put goes to the ptr_ring)
        h.exec.inSoftirq = false;
        const order: number[] = [];
        let li = 0;
        let ri = 0;
        for (const isRemote of p.ring) order.push(isRemote ? remote[ri++] : local[li++]);
        for (const r of order) pool.putFullNetmem(r, false);
        expect(pool.allocCacheCount).toBe(0);
        // expected, by the rule itself: move while on the preferred node, waive the first that is not
        const pref = p.refillNode;
        const moved: number[] = [];
        let waived = 0;
        for (const r of order) {
          if (moved.length === PP_ALLOC_CACHE_REFILL) break;
          if (h.tables.page.nid[netmemIndex(r)] !== pref) {
            waived = r;
            break;
          }
          moved.push(r);
        }
        const ringLeft = order.length - moved.length - (waived !== 0 ? 1 : 0);
        const rel0 = pool.releaseCnt;
        const slow0 = pool.stats.alloc_slow;
        h.exec.inSoftirq = true;
        h.exec.cpu = pref;
        h.exec.napiPollingCore = pref;
        const got = pool.allocNetmems();
        expect(pool.stats.alloc_waive).toBe(waived !== 0 ? 1 : 0);
        expect(pool.releaseCnt - rel0).toBe(waived !== 0 ? 1 : 0);
        expect(pool.ptrRingCount).toBe(ringLeft);
        if (moved.length > 0) {
          expect(pool.stats.alloc_refill).toBe(1);
          expect(got).toBe(moved[moved.length - 1]);
          expect(Array.from(pool.cache.subarray(0, pool.allocCacheCount))).toEqual(moved.slice(0, -1));
        } else {
          expect(pool.stats.alloc_refill).toBe(0);
          expect(pool.stats.alloc_slow - slow0).toBe(1);
        }
        expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
