// Billing in place (PagePoolHooks.cycles) must add exactly what charge() adds, in the same order:
// the same float sums to the last bit, whatever the operation mix (alloc fast path, refill from
// the ring, slow path, recycle to cache and ring, release, skb frag runs).
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { HOLDER_STACK } from '../../shared/sim/netmem/places';
import { PP_OP_ALLOC_FAST, PP_OP_COUNT, PP_OP_SLOW_PAGE, type PoolCycleSink } from '../../shared/sim/page_pool/types';
import type { PagePool } from '../../shared/sim/page_pool/pagePool';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import { PP_OP_STAGE } from '../../shared/sim/engine/driverContext';

const STAGES = 5;

/** Costs whose sums round (thirds, sevenths): any change of order or grouping shows in the bits. */
function opCycles(): Float64Array {
  const c = new Float64Array(PP_OP_COUNT);
  for (let op = 0; op < PP_OP_COUNT; op++) c[op] = op % 4 === 3 ? 0 : (op + 1) / 3 + op / 7;
  return c;
}

/** A stage cell per op: spread over STAGES cells, or the engine's layout (PP_OP_STAGE). */
function cellLayout(engine: boolean): Int32Array {
  const cell = new Int32Array(PP_OP_COUNT);
  for (let op = 0; op < PP_OP_COUNT; op++) cell[op] = engine ? PP_OP_STAGE[op] : op % STAGES;
  return cell;
}

/** Hooks that bill like the engine's poolHooks: unit += cycles, then the op's stage cell. */
function billing(
  h: Harness,
  inPlace: boolean,
  cell: Int32Array,
): { unit: { unitCycles: number }; stage: Float64Array; calls: Float64Array } {
  const unit = { unitCycles: 0.1 };
  const stage = new Float64Array(Math.max(...cell) + 1);
  const cycles = opCycles();
  const calls = new Float64Array(PP_OP_COUNT);
  const sink: PoolCycleSink = { unit, stage, opCycles: cycles, opStage: cell };
  h.hooks = {
    ...h.hooks,
    charge: (op, n) => {
      calls[op] += n;
      const cyc = cycles[op] * n;
      if (cyc !== 0) {
        unit.unitCycles += cyc;
        stage[cell[op]] += cyc;
      }
    },
    cycles: inPlace ? sink : null,
  };
  return { unit, stage, calls };
}

function workload(h: Harness, pool: PagePool): void {
  const held: number[] = [];
  for (let round = 0; round < 6; round++) {
    for (let k = 0; k < 150; k++) held.push(pool.allocNetmems());
    // process context: the skb frees go to the ptr_ring, a few runs at a time
    h.exec.inSoftirq = round % 2 === 0;
    const frags = new Int32Array(held.splice(0, 120));
    for (let k = 0; k < frags.length; k++) h.tables.moveRef(frags[k], 0, HOLDER_STACK);
    // a page someone else also holds (_refcount 2) is released, not recycled
    h.tables.page.setRefcount(netmemIndex(frags[round * 7]), 2);
    let at = 0;
    while (at < frags.length) at = pool.putSkbFrags(frags, at, Math.min(frags.length, at + 17), HOLDER_STACK);
    h.exec.inSoftirq = true;
    for (const r of held.splice(0, 20)) pool.putFullNetmem(r, round % 3 === 0);
  }
  for (const r of held) pool.putFullNetmem(r, false);
}

describe('page_pool billing in place (PoolCycleSink)', () => {
  it.each([
    ['ops spread over the cells', false],
    ["the engine's stage layout", true],
  ])('gives the same unit and stage sums, bit for bit, as charge() for every operation (%s)', (_name, engine) => {
    const sums: { unit: number; stage: number[]; stats: string }[] = [];
    for (const inPlace of [false, true]) {
      const h = makeHarness();
      const b = billing(h, inPlace, cellLayout(engine));
      const pool = h.pool({ pool_size: 64 }); // a ring that fills: recycle_ring_full and releases
      workload(h, pool);
      expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
      expect(pool.stats.recycle_ring_full).toBeGreaterThan(0);
      expect(pool.stats.recycle_released_refcnt).toBe(6);
      expect(pool.stats.recycle_cached).toBeGreaterThan(0);
      sums.push({ unit: b.unit.unitCycles, stage: Array.from(b.stage), stats: JSON.stringify(pool.stats) });
      // in place, the alloc fast path never calls charge(); the page allocator's ops always do
      expect(b.calls[PP_OP_ALLOC_FAST] === 0).toBe(inPlace);
      expect(b.calls[PP_OP_SLOW_PAGE]).toBeGreaterThan(0);
    }
    expect(sums[1].stats).toBe(sums[0].stats);
    expect(Object.is(sums[1].unit, sums[0].unit)).toBe(true);
    expect(sums[1].stage).toEqual(sums[0].stage);
  });
});
