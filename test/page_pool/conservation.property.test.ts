// Random sequences of driver / stack / user / memory-pressure operations against one pool:
// after every step no buffer is lost or duplicated (checkAllInvariants), memory is conserved per
// node, and after destroy the pool finishes once every reference has been dropped.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeHarness, GiB } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { napiPpPutPage } from '../../shared/sim/page_pool/skbRecycle';
import { HOLDER_NIC_RING, HOLDER_STACK, HOLDER_USER } from '../../shared/sim/netmem/places';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

type Op =
  | { k: 'alloc' }
  | { k: 'frag'; size: number }
  | { k: 'allocNetmem'; size: number }
  | { k: 'toStack'; pick: number }
  | { k: 'token'; pick: number }
  | { k: 'put'; pick: number }
  | { k: 'bulk'; n: number }
  | { k: 'ctx'; softirq: boolean; cpu: number }
  | { k: 'pressure'; pages: number }
  | { k: 'release'; pages: number }
  | { k: 'pageRef'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ k: 'alloc' as const }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4096 }).map((size) => ({ k: 'frag' as const, size })) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4096 }).map((size) => ({ k: 'allocNetmem' as const, size })) },
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ k: 'toStack' as const, pick })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ k: 'token' as const, pick })) },
  { weight: 8, arbitrary: fc.nat().map((pick) => ({ k: 'put' as const, pick })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => ({ k: 'bulk' as const, n })) },
  {
    weight: 2,
    arbitrary: fc.record({ softirq: fc.boolean(), cpu: fc.integer({ min: 0, max: 2 }) }).map((c) => ({ k: 'ctx' as const, ...c })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2000 }).map((pages) => ({ k: 'pressure' as const, pages })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2000 }).map((pages) => ({ k: 'release' as const, pages })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ k: 'pageRef' as const, pick })) },
);

/** One outstanding reference: which buffer and who holds it. */
interface Held {
  ref: number;
  holder: number;
}

describe('conservation under random operations', () => {
  it('no buffer lost or duplicated; destroy completes when all references return', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 20, maxLength: 400, size: 'max' }),
        fc.integer({ min: 16, max: 200 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 }),
        (ops, poolSize, twoNodes, order) => {
          const h = makeHarness({ numaNodes: twoNodes ? 2 : 1, perNodeBytes: 2 * 1024 * 4096 }, twoNodes ? [0, 1, 0] : [0, 0, 0]);
          const pool = h.pool({ pool_size: poolSize, netdev: 0, order, max_len: 4096 << order });
          const held: Held[] = [];
          const extraPageRefs: number[] = [];
          const take = (pick: number): Held | undefined => (held.length ? held.splice(pick % held.length, 1)[0] : undefined);
          for (const op of ops) {
            switch (op.k) {
              case 'alloc': {
                const r = pool.allocNetmems();
                if (r) held.push({ ref: r, holder: HOLDER_NIC_RING });
                break;
              }
              case 'frag': {
                const r = pool.allocFragNetmem(op.size);
                if (r) held.push({ ref: r, holder: HOLDER_NIC_RING });
                break;
              }
              case 'allocNetmem': {
                const r = pool.allocNetmem(op.size);
                if (r) held.push({ ref: r, holder: HOLDER_NIC_RING });
                break;
              }
              case 'toStack': {
                const x = held.find((e, n) => n >= op.pick % Math.max(1, held.length) && e.holder === HOLDER_NIC_RING);
                if (x) {
                  h.tables.moveRef(x.ref, HOLDER_NIC_RING, HOLDER_STACK);
                  x.holder = HOLDER_STACK;
                }
                break;
              }
              case 'token': {
                const x = held.find((e) => e.holder === HOLDER_STACK);
                if (x && op.pick % 2 === 0) {
                  pool.refNetmem(x.ref, HOLDER_USER, HOLDER_STACK);
                  held.push({ ref: x.ref, holder: HOLDER_USER });
                }
                break;
              }
              case 'put': {
                const x = take(op.pick);
                if (!x) break;
                if (x.holder === HOLDER_STACK) napiPpPutPage(h.registry, h.tables, x.ref);
                else pool.putFullNetmem(x.ref, false, x.holder as 0 | 1 | 2);
                break;
              }
              case 'bulk': {
                const mine = held.filter((e) => e.holder === HOLDER_NIC_RING).slice(0, op.n);
                for (const e of mine) held.splice(held.indexOf(e), 1);
                pool.putNetmemBulk(Int32Array.from(mine.map((e) => e.ref)), mine.length);
                break;
              }
              case 'ctx':
                Object.assign(h.exec, { inSoftirq: op.softirq, cpu: op.cpu, napiPollingCore: op.cpu });
                break;
              case 'pressure':
                h.mm.takePages(0, op.pages);
                break;
              case 'release':
                h.mm.givePages(0, op.pages);
                break;
              case 'pageRef': {
                const x = held.length ? held[op.pick % held.length] : undefined;
                if (x && (x.ref & 1) === 0 && extraPageRefs.length < 3) {
                  h.mm.pageRefInc(netmemIndex(x.ref));
                  extraPageRefs.push(netmemIndex(x.ref));
                }
                break;
              }
            }
            const errs = [...checkAllInvariants(h.registry, h.tables), ...h.mm.checkInvariants()];
            if (errs.length) throw new Error(`after ${JSON.stringify(op)}: ${errs.join('; ')}`);
            expect(pool.holdCnt).toBeGreaterThanOrEqual(pool.releaseCnt);
          }
          pool.destroy(h.now);
          h.runUntil(h.now + 3e9);
          expect(pool.state === 'destroyed').toBe(held.length === 0 && pool.inflight() === 0);
          for (const x of held.splice(0)) {
            if (x.holder === HOLDER_STACK) napiPpPutPage(h.registry, h.tables, x.ref);
            else pool.putFullNetmem(x.ref, false, x.holder as 0 | 1 | 2);
          }
          h.runUntil(h.now + 2e9);
          expect(pool.state).toBe('destroyed');
          for (const p of extraPageRefs) h.mm.pageRefDec(p);
          h.mm.givePages(0, 1e9);
          expect(h.mm.checkInvariants()).toEqual([]);
          expect(h.mm.table.live).toBe(0); // every page back in the allocator
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
void GiB;
