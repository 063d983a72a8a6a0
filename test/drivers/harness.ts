// A DriverContext over the page_pool test harness: real page_pool model, page allocator and
// buffer tables; skbs delivered by the driver are recorded and freed on demand the way the stack
// frees them (napi_pp_put_page for pp buffers, put_page otherwise).
import { makeHarness, type Harness } from '../page_pool/harness';
import { createPagePool } from '../../shared/sim/page_pool/create';
import { costTableFor, pageAllocCycles } from '../../shared/sim/costs/costTable';
import { scenarioSchema, type NicConfig, type ScenarioInput } from '../../shared/scenario/schema';
import type { DriverContext, RxQueueDriver } from '../../shared/sim/drivers/driver';
import type { PagePoolApi } from '../../shared/sim/page_pool/types';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { HDR_TCP, HDR_UDP } from '../../shared/sim/nic/headers';
import { netmemIndex } from '../../shared/sim/netmem/netmemRef';

export interface Skb {
  frags: number[];
  bytes: number;
  readable: boolean;
}

export interface DriverHarness {
  h: Harness;
  ctx: DriverContext;
  nic: NicConfig;
  skbs: Skb[];
  counts: Map<string, number>;
  cycles: { total: number };
  pools: PagePoolApi[];
  /** free one delivered skb as the stack does (from process context: not napi-local) */
  freeSkb(skb: Skb): void;
  freeAll(): void;
}

export function nicConfig(nic: Record<string, unknown>, host: ScenarioInput['host'] = undefined): NicConfig {
  const s = scenarioSchema.parse({
    name: 't',
    duration: '1ms',
    host,
    nics: [{ name: 'eth0', link: '10Gbit', ...nic }],
    traffic: [{ nic: 'eth0' }],
  });
  return s.nics[0];
}

export function driverHarness(
  nicIn: Record<string, unknown>,
  iommu: 'off' | 'strict' = 'off',
  numa: { numaNodes: number; cpuNodes: number[] } = { numaNodes: 1, cpuNodes: [0, 0, 0, 0] },
): DriverHarness {
  const h = makeHarness({ numaNodes: numa.numaNodes }, numa.cpuNodes);
  const nic = nicConfig(nicIn);
  const skbs: Skb[] = [];
  const counts = new Map<string, number>();
  const cycles = { total: 0 };
  const pools: PagePoolApi[] = [];
  const costs = costTableFor('xeon-e5-1650-v4', nic.variant, iommu);
  const ctx: DriverContext = {
    nic,
    queue: 0,
    napiCore: 0,
    costs,
    mm: h.mm,
    tables: h.tables,
    ifindex: 1,
    now: () => h.now,
    numaMemId: () => h.hooks.cpuNode(h.exec.cpu),
    // flow 0: TCP with timestamps, flow 1: UDP (nic/headers.ts)
    frameHeaderLen: (flow) => (flow === 1 ? HDR_UDP : HDR_TCP),
    charge: (c) => {
      cycles.total += c;
    },
    chargeSplit: (c) => {
      cycles.total += c;
    },
    pageAllocCycles: (order) => pageAllocCycles(costs, order),
    createPagePool: (params) => {
      const r = createPagePool(params, h.hooks, null);
      if (r.ok) pools.push(r.value);
      return r;
    },
    deliverSkb: (frags, n, bytes, readable) => {
      const f = Array.from(frags.subarray(0, n));
      for (const ref of f) if (h.tables.isPp(ref)) h.tables.moveRef(ref, HOLDER_NIC_RING, HOLDER_STACK);
      skbs.push({ frags: f, bytes, readable });
    },
    deliverFrames: (refs, frameLen, first, mask, count, _flow, drvCycles, ppId) => {
      let bytes = 0;
      for (let i = 0; i < count; i++) {
        const s = (first + i) & mask;
        cycles.total += drvCycles;
        // the driver's promise: every buffer of the run is of pool ppId
        if (ppId !== 0 && h.tables.ppId(refs[s]) !== ppId) throw new Error(`deliverFrames: buffer ${refs[s]} is not of pool ${ppId}`);
        if (h.tables.isPp(refs[s])) h.tables.moveRef(refs[s], HOLDER_NIC_RING, HOLDER_STACK);
        skbs.push({ frags: [refs[s]], bytes: frameLen, readable: true });
        bytes += frameLen;
      }
      return bytes;
    },
    xdpAction: nic.xdp,
    count: (name, n = 1) => {
      counts.set(name, (counts.get(name) ?? 0) + n);
    },
    log: () => undefined,
  };
  const freeSkb = (skb: Skb): void => {
    const saved = { ...h.exec };
    h.exec.inSoftirq = false;
    h.exec.napiPollingCore = -1;
    for (const ref of skb.frags) {
      if (h.tables.isPp(ref)) {
        const pool = h.registry.get(h.tables.ppId(ref))!;
        pool.putFullNetmem(ref, false, HOLDER_STACK);
      } else {
        h.mm.pageRefDec(netmemIndex(ref));
      }
    }
    Object.assign(h.exec, saved);
    const i = skbs.indexOf(skb);
    if (i >= 0) skbs.splice(i, 1);
  };
  return {
    h,
    ctx,
    nic,
    skbs,
    counts,
    cycles,
    pools,
    freeSkb,
    freeAll: () => {
      while (skbs.length) freeSkb(skbs[0]);
    },
  };
}

/** Deliver `n` frames of `bytes` (of `flow`: 0 TCP, 1 UDP) to the queue's ring and poll them (budget 64 per poll). */
export function receive(q: RxQueueDriver, n: number, bytes: number, hdrBytes = 0, flow = 0): number {
  let got = 0;
  for (let i = 0; i < n; i++) {
    if (q.ring.receive(bytes, hdrBytes, flow, 0) === 0) break;
    got++;
    if (q.ring.completions >= 64) q.napiPoll(64);
  }
  while (q.ring.completions > 0) q.napiPoll(64);
  return got;
}
