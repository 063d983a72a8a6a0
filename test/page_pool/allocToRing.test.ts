// PagePool.allocNetmemsToRing (the alloc cache written straight into RX descriptors) must leave
// exactly what one allocNetmems() per descriptor leaves: the same refs in the same slots, the same
// counters, state words and out counts, and the same cycle sums bit for bit, through the refills
// and slow-path allocations of the buffers the cache cannot give; it stops at a failed allocation.
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './harness';
import { checkAllInvariants } from '../../shared/sim/page_pool/invariants';
import { createFaultPoints } from '../../shared/sim/faults/faultAttr';
import { PP_ALLOC_CACHE_REFILL, PP_OP_COUNT, type PoolCycleSink } from '../../shared/sim/page_pool/types';
import { GFP_KERNEL } from '../../shared/sim/mm/gfp';
import type { PagePool } from '../../shared/sim/page_pool/pagePool';

const RING = 64; // descriptor slots (mask 63): refills wrap around the end

/** In-place billing with costs whose sums round (any change of order shows in the bits). */
function sink(h: Harness): PoolCycleSink {
  const opCycles = new Float64Array(PP_OP_COUNT);
  const opStage = new Int32Array(PP_OP_COUNT);
  for (let op = 0; op < PP_OP_COUNT; op++) {
    opCycles[op] = (op + 1) / 3 + op / 7;
    opStage[op] = op % 3;
  }
  const s: PoolCycleSink = { unit: { unitCycles: 0.1 }, stage: new Float64Array(3), opCycles, opStage };
  h.hooks = { ...h.hooks, cycles: s };
  return s;
}

interface Outcome {
  slots: number[];
  unit: number;
  stage: number[];
  stats: string;
  state: number[];
  out: number[];
  cache: number;
  runs: number;
  fails: number;
}

/** Refills of `want` descriptors each, at wrapping slots; frees in between stock the cache and the ptr_ring. */
function run(block: boolean, arm: (h: Harness) => void = () => undefined, firstFill = 40): Outcome {
  const h = makeHarness();
  const s = sink(h);
  arm(h);
  const pool: PagePool = h.pool({ pool_size: 256 });
  const ring = new Int32Array(RING);
  let slot = 5;
  let runs = 0;
  let fails = 0;
  const fill = (want: number): void => {
    let posted = 0;
    while (posted < want) {
      if (block) {
        const k = pool.allocNetmemsToRing(ring, slot, RING - 1, want - posted);
        runs++;
        posted += k;
        slot = (slot + k) & (RING - 1);
        // short: an injected failure; the driver tries again at its next refill (here: at once)
        if (posted < want) fails++;
        continue;
      }
      const ref = pool.allocNetmems();
      if (ref === 0) {
        fails++; // an injected failure: the driver tries again at its next refill (here: at once)
        continue;
      }
      ring[slot] = ref;
      slot = (slot + 1) & (RING - 1);
      posted++;
    }
  };
  for (let round = 0; round < 8; round++) {
    fill(round === 0 ? firstFill : 40 + round * 3);
    // give back what the last refill posted: some direct to the cache, some through the ptr_ring
    for (let k = 1; k <= 40; k++) {
      const ref = ring[(slot - k) & (RING - 1)];
      h.exec.inSoftirq = k % 3 !== 0;
      pool.putFullNetmem(ref, k % 3 !== 0);
      h.exec.inSoftirq = true;
    }
  }
  expect(checkAllInvariants(h.registry, h.tables)).toEqual([]);
  return {
    slots: Array.from(ring),
    unit: s.unit.unitCycles,
    stage: Array.from(s.stage),
    stats: JSON.stringify(pool.stats),
    state: Array.from(h.tables.page.state),
    out: Array.from(h.tables.counts.out),
    cache: pool.allocCacheCount,
    runs,
    fails,
  };
}

describe('PagePool.allocNetmemsToRing', () => {
  it('equals allocNetmems() per descriptor: slots, counters, state words, out counts, cycle sums bit for bit', () => {
    const a = run(false);
    const b = run(true);
    expect(b.runs).toBe(8);
    expect(JSON.parse(b.stats).alloc_refill).toBeGreaterThan(0);
    expect(b.slots).toEqual(a.slots);
    expect(b.stats).toBe(a.stats);
    expect(b.state).toEqual(a.state);
    expect(b.out).toEqual(a.out);
    expect(b.cache).toBe(a.cache);
    expect(Object.is(b.unit, a.unit)).toBe(true);
    expect(b.stage).toEqual(a.stage);
  });

  it('marks the buffers of a cache run in a page table that the slow path before it grew', () => {
    // the first refill takes two bulk allocations; the second crosses the page table's capacity
    const nearFull = (h: Harness): void => {
      const t = h.tables.page;
      const spare = t.capacity - t.used - PP_ALLOC_CACHE_REFILL - 10;
      for (let i = 0; i < spare; i++) h.hooks.mm.allocPageIndex(0, 0, GFP_KERNEL);
    };
    const a = run(false, nearFull, 100);
    const b = run(true, nearFull, 100);
    expect(b.state.length).toBeGreaterThan(4096);
    expect(b.slots).toEqual(a.slots);
    expect(b.stats).toBe(a.stats);
    expect(b.state).toEqual(a.state);
    expect(b.out).toEqual(a.out);
    expect(Object.is(b.unit, a.unit)).toBe(true);
  });

  it('fails where allocNetmems() fails while fail_function is armed on it', () => {
    const arm = (h: Harness): void => {
      const faults = createFaultPoints(1);
      faults.allocNetmems.configure({ probability: 100, interval: 5, times: -1, space: 0 });
      faults.allocNetmems.enabled = true;
      h.hooks = { ...h.hooks, faults };
    };
    const a = run(false, arm);
    const b = run(true, arm);
    expect(b.fails).toBeGreaterThan(0);
    expect(b.fails).toBe(a.fails);
    expect(b.slots).toEqual(a.slots);
    expect(b.stats).toBe(a.stats);
  });
});
