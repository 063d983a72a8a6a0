// Stack.deliverFrames (a completion run: one-buffer frames of one flow and size) must leave exactly what one
// driver charge + Stack.deliver per frame leaves: the same skbs handed to the socket in the same
// order and at the same times, the same cycle sums bit for bit, the same holder counts, whether the
// pages are sole references only or some carry a second reference (the counted form).
import { describe, expect, it } from 'vitest';
import { costTableFor } from '../../shared/sim/costs/costTable';
import { Cores } from '../../shared/sim/engine/cores';
import { PageTable } from '../../shared/sim/mm/pageTable';
import type { PageAllocatorApi } from '../../shared/sim/mm/types';
import { NetIovTable } from '../../shared/sim/netmem/netIovTable';
import { NetmemTables } from '../../shared/sim/netmem/netmemTables';
import { PoolPlaceCounts } from '../../shared/sim/netmem/poolPlaceCounts';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';
import type { PagePoolRegistryApi } from '../../shared/sim/page_pool/types';
import { SkbTable, SKB_SLOTS } from '../../shared/sim/stack/skbTable';
import { PROTO_TCP, PROTO_UDP } from '../../shared/sim/stack/protocols';
import { Stack } from '../../shared/sim/stack/stack';
import { STAGE_DRIVER } from '../../shared/doc/cycleStages';

const POOL = 1;
const RING = 64; // ring slots (mask 63): the runs below wrap around its end
const GQ = 0;

interface World {
  stack: Stack;
  cores: Cores;
  page: PageTable;
  counts: PoolPlaceCounts;
  refs: Int32Array;
  /** every skb the socket got: id, time, segs, bytes, flags, flow, frags */
  sunk: number[][];
}

/** slots whose page carries a second reference, the driver's (the counted form): the run's per-buffer path */
const COUNTED_SLOTS = [9, 45, 63];

function world(counted: boolean): World {
  const counts = new PoolPlaceCounts();
  counts.ensure(POOL);
  const page = new PageTable(counts, 256);
  const tables = new NetmemTables(page, new NetIovTable(counts, 16));
  const cores = new Cores(2, 2.1, 1);
  const skbs = new SkbTable(4);
  const sunk: number[][] = [];
  const sink = {
    enqueue(skb: number, now: number): void {
      const f = Array.from(skbs.frags.subarray(skb * SKB_SLOTS, skb * SKB_SLOTS + skbs.nfrags[skb]));
      sunk.push([skb, now, skbs.segs[skb], skbs.bytes[skb], skbs.readable[skb], skbs.flow[skb], ...f]);
    },
    enqueueQueued(skb: number): void {
      this.enqueue(skb, skbs.tQueued[skb]);
    },
  };
  const costs = costTableFor('xeon-platinum-8481c', 'page', 'off');
  // flows 0 and 1 TCP, flow 2 UDP
  const flowProto = [Uint8Array.from([PROTO_TCP, PROTO_TCP, PROTO_UDP])];
  const unused = {} as PagePoolRegistryApi & PageAllocatorApi;
  const stack = new Stack(costs, cores, skbs, tables, unused, unused, flowProto, sink, 1);
  const refs = new Int32Array(RING);
  for (let s = 0; s < RING; s++) {
    // page_pool pages handed to the driver; two from the reserves (pfmemalloc): one opens an skb, one merges
    const i = page.take(0, 0, s === 44 || s === 6);
    page.ppMagic[i] = 1;
    page.ppId[i] = POOL;
    page.enterOutNic(i, POOL);
    if (counted && COUNTED_SLOTS.includes(s)) {
      page.countHolds(i, HOLDER_NIC_RING);
      page.addHold(i, HOLDER_NIC_RING, 1);
      page.ppRefSet(i, 2);
    }
    refs[s] = (i + 1) << 1;
  }
  cores.begin(0, 1000, true, true, 0);
  return { stack, cores, page, counts, refs, sunk };
}

// (first slot, frames, flow, frame bytes): a long TCP run crossing MAX_SKB_FRAGS twice, another
// flow, the first flow again, UDP, the first flow at another size, and a run that wraps around
// the ring's end
const RUNS: [number, number, number, number][] = [
  [4, 40, 0, 1448],
  [44, 3, 1, 1000],
  [47, 5, 0, 1448],
  [52, 4, 2, 1200],
  [56, 4, 0, 777],
  [60, 8, 0, 1448],
];

describe('Stack.deliverFrames', () => {
  // ppId 0: each buffer's pool read per buffer; POOL: the driver promises one pool for the run.
  // Pages in the counted form among the sole ones: the run reads the words while the pool has any.
  it.each([
    [0, false],
    [POOL, false],
    [0, true],
    [POOL, true],
  ])('equals a driver charge and deliver() per frame, bit for bit (ppId %i, counted pages %s)', (ppId, counted) => {
    const drv = 31.7;
    const a = world(counted);
    const frag = new Int32Array(1);
    for (const [first, count, flow, len] of RUNS) {
      for (let k = 0; k < count; k++) {
        const s = (first + k) & (RING - 1);
        a.cores.chargeNic(0, STAGE_DRIVER, drv);
        frag[0] = a.refs[s];
        a.stack.deliver(0, GQ, 0, flow, frag, 1, len, true);
      }
    }
    a.stack.groFlush(GQ);
    const b = world(counted);
    b.stack.frameDrvCycles = drv;
    for (const [first, count, flow, len] of RUNS) b.stack.deliverFrames(0, GQ, flow, b.refs, len, first, RING - 1, count, true, ppId);
    b.stack.groFlush(GQ);

    expect(b.sunk.length).toBeGreaterThan(6);
    expect(b.sunk).toEqual(a.sunk);
    expect(b.cores.unitCycles).toBe(a.cores.unitCycles);
    expect(Array.from(b.cores.stageCycles)).toEqual(Array.from(a.cores.stageCycles));
    expect(Array.from(b.page.state)).toEqual(Array.from(a.page.state));
    expect(Array.from(b.counts.out)).toEqual(Array.from(a.counts.out));
    expect(b.stack.delivered).toBe(a.stack.delivered);
    if (counted) {
      // each counted page: one reference moved to the stack's skb, the other still the driver's
      for (const s of COUNTED_SLOTS) {
        const i = netmemIndex(b.refs[s]);
        expect([b.page.holdOf(i, HOLDER_NIC_RING), b.page.holdOf(i, HOLDER_STACK)]).toEqual([1, 1]);
      }
    }
  });
});
