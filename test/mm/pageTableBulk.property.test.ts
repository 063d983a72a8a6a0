// PageTable.takeBulk (alloc_pages_bulk_node's order-0 pages) sets up a whole range of fresh
// entries a field at a time: after any mix of single takes, drops and bulk takes, across the
// table's growth, it must leave exactly what the same number of take() calls leaves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PageTable } from '../../shared/sim/mm/pageTable';
import { PoolPlaceCounts } from '../../shared/sim/netmem/poolPlaceCounts';

type Step =
  | { kind: 'take'; nid: number; order: number; pfmemalloc: boolean }
  | { kind: 'drop'; pick: number }
  | { kind: 'bulk'; nid: number; n: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('take' as const),
    nid: fc.integer({ min: -1, max: 3 }),
    order: fc.integer({ min: 0, max: 3 }),
    pfmemalloc: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('bulk' as const), nid: fc.integer({ min: -1, max: 3 }), n: fc.integer({ min: 0, max: 300 }) }),
);

function snapshot(t: PageTable): unknown {
  const n = t.used;
  const pick = (a: ArrayLike<number>) => Array.from(a).slice(0, n);
  return {
    used: t.used,
    capacity: t.capacity,
    live: t.live,
    irregular: t.irregular,
    liveOnNid: Array.from(t.liveOnNid),
    refcount: pick(t.refcount),
    nid: pick(t.nid),
    order: pick(t.order),
    pfmemalloc: pick(t.pfmemalloc),
    driverOwner: pick(t.driverOwner),
    ppId: pick(t.ppId),
    ppMagic: pick(t.ppMagic),
    ppRefBiased: pick(t.ppRefBiased),
    ppRefDelta: pick(t.ppRefDelta),
    dmaAddr: pick(t.dmaAddr),
    dmaMapped: pick(t.dmaMapped),
    state: pick(t.state),
  };
}

describe('PageTable.takeBulk', () => {
  it('takes the same entries, in the same order, with the same fields as take() one by one', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        // a small first capacity: bulk takes cross the table's growth
        const bulk = new PageTable(new PoolPlaceCounts(), 8);
        const single = new PageTable(new PoolPlaceCounts(), 8);
        const live: number[] = [];
        for (const s of steps) {
          if (s.kind === 'take') {
            const a = bulk.take(s.nid, s.order, s.pfmemalloc);
            expect(single.take(s.nid, s.order, s.pfmemalloc)).toBe(a);
            live.push(a);
          } else if (s.kind === 'drop') {
            if (live.length === 0) continue;
            const [i] = live.splice(s.pick % live.length, 1);
            bulk.drop(i);
            single.drop(i);
          } else {
            const out = new Int32Array(s.n + 1).fill(-7);
            bulk.takeBulk(s.nid, s.n, out);
            const expected: number[] = [];
            for (let k = 0; k < s.n; k++) expected.push(single.take(s.nid, 0, false));
            expect(Array.from(out.subarray(0, s.n))).toEqual(expected);
            expect(out[s.n]).toBe(-7);
            live.push(...expected);
          }
        }
        expect(snapshot(bulk)).toEqual(snapshot(single));
      }),
      { numRuns: 300 },
    );
  });
});
