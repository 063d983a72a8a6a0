// What the engine hands a page_pool (PagePoolHooks) and a driver queue (DriverContext).
import { createPagePool } from '../page_pool/create';
import { pageAllocCycles, ppOpCycles } from '../costs/costTable';
import type { DriverContext } from '../drivers/driver';
import { driverModel } from '../drivers/registry';
import type { RxRing } from '../nic/rxRing';
import { PP_OP_HIGH_ORDER_PAGE, PP_OP_SLOW_PAGE, type CreateResult, type PagePoolApi, type PagePoolHooks, type PagePoolParams } from '../page_pool/types';
import type { NicRuntime } from './topology';
import type { SimState as Simulation } from './simState';
import { DriverPageAllocator } from './driverPages';
import type { PageAllocatorApi } from '../mm/types';
import { PROTO_UDP } from '../stack/stack';
import { HDR_TCP, HDR_UDP } from '../nic/headers';

export function poolHooks(sim: Simulation, nic: NicRuntime): PagePoolHooks {
  const probe = sim.costSetup.probe;
  const ops = ppOpCycles(probe ? probe.unwrap(nic.costs) : nic.costs);
  const cores = sim.cores;
  const node = Math.min(nic.cfg.numa_node, sim.mm.numaNodes - 1);
  const lowPages = sim.mm.nodeStats(node).low_pages;
  const costs = nic.costs;
  const probeOps = probe ? probe.ops : null;
  return {
    exec: cores.exec,
    now: () => sim.now(),
    charge: (op: number, count: number) => {
      cores.unitCycles += ops[op] * count;
      if (probeOps !== null) probeOps[op] += count;
      // a page-allocator call while the NIC's node is below its low watermark takes the slow
      // path (kswapd wake-up, fallbacks): `page_alloc_below_low` (docs/model/costs.md)
      if ((op === PP_OP_SLOW_PAGE || op === PP_OP_HIGH_ORDER_PAGE) && sim.mm.freePagesOf(node) < lowPages) {
        cores.unitCycles += costs.page_alloc_below_low * count;
      }
    },
    schedule: (delayNs: number, fn: () => void) => sim.schedule(delayNs, fn),
    log: (level, message) => sim.log(level, 'page_pool', message),
    mm: sim.mm,
    tables: sim.tables,
    registry: sim.registry,
    cpuNode: (cpu: number) => sim.cpuNodeOf[cpu] ?? 0,
    holdMeter: nic.meter,
    faults: sim.faults,
  };
}

export function driverContext(sim: Simulation, nic: NicRuntime, q: number, gq: number, hooks: PagePoolHooks, mm: PageAllocatorApi): DriverContext {
  const cores = sim.cores;
  const node = Math.min(nic.cfg.numa_node, sim.mm.numaNodes - 1);
  const lowPages = sim.mm.nodeStats(node).low_pages;
  const stack = sim.stack;
  const nicIdx = nic.idx;
  let ring: RxRing | null = null;
  return {
    nic: nic.cfg,
    queue: q,
    get napiCore() { return sim.qCore[gq]; },
    costs: nic.costs,
    mm,
    now: () => sim.now(),
    numaMemId: () => sim.cpuNodeOf[cores.exec.cpu] ?? 0,
    frameHeaderLen: (flow: number) => (nic.flowProto[flow] === PROTO_UDP ? HDR_UDP : HDR_TCP),
    charge(cycles: number) { cores.unitCycles += cycles; },
    // the same page-allocator costs as page_pool's slow path, below-low surcharge included
    pageAllocCycles(order: number) {
      const below = sim.mm.freePagesOf(node) < lowPages ? nic.costs.page_alloc_below_low : 0;
      return pageAllocCycles(nic.costs, order) + below;
    },
    createPagePool(params: PagePoolParams, role: 'data' | 'header'): CreateResult<PagePoolApi> {
      const r = createPagePool(params, hooks, role === 'data' ? nic.providers[q] : null);
      if (r.ok) sim.pools.push({ pool: r.value, nic: nicIdx, queue: q, role });
      return r;
    },
    deliverSkb(frags: Int32Array, nfrags: number, bytes: number, readable: boolean, flow?: number) {
      if (ring === null) ring = sim.qRing[gq];
      const f = flow ?? ring.cqFlow[ring.cqHead];
      stack.deliver(nicIdx, gq, q, f, frags, nfrags, bytes, readable);
    },
    xdpAction: nic.cfg.xdp,
    tables: sim.tables,
    // ifindex 1 is lo (LOOPBACK_IFINDEX); NICs follow in scenario order, as devmem numbers them
    ifindex: nicIdx + 2,
    queueHasUnreadableProvider: () => nic.providers[q] !== null,
    count(name: string, n = 1) { nic.counts.set(name, (nic.counts.get(name) ?? 0) + n); },
    log(level, message) { sim.log(level, `${nic.cfg.name}`, message); },
  };
}

/** One driver queue per NIC RX queue (in global queue order), each with its context and ring. */
export function createDriverQueues(sim: Simulation): void {
  for (const nic of sim.nics) {
    const hooks = poolHooks(sim, nic);
    const mm = new DriverPageAllocator(sim.mm, nic.meter);
    for (let q = 0; q < nic.cfg.queues; q++) {
      const drv = driverModel(nic.cfg.driver).createQueue(driverContext(sim, nic, q, nic.gqBase + q, hooks, mm));
      sim.qDriver.push(drv);
      sim.qRing.push(drv.ring);
      drv.ring.flowBytes = nic.ringBytes; // TCP send window: frames leave it when consumed
    }
  }
}
