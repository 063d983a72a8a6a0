// What the engine hands a page_pool (PagePoolHooks) and a driver queue (DriverContext).
import { createPagePool } from '../page_pool/create';
import { pageAllocCycles, ppOpCycles } from '../costs/costTable';
import type { DriverContext } from '../drivers/driver';
import type { NicConfig } from '../../scenario/schema';
import type { CostTable } from '../costs/costTable';
import type { NetmemTables } from '../netmem/netmemTables';
import { driverModel } from '../drivers/registry';
import type { RxRing } from '../nic/rxRing';
import { RxRingArena } from '../nic/rxRingArena';
import {
  PP_OP_HIGH_ORDER_PAGE,
  PP_OP_SLOW_PAGE,
  type CreateResult,
  type PagePoolApi,
  type PagePoolHooks,
  type PagePoolParams,
} from '../page_pool/types';
import type { NicRuntime } from './topology';
import type { SimState as Simulation } from './simState';
import { DriverPageAllocator } from './driverPages';
import type { PageAllocatorApi } from '../mm/types';
import { PROTO_UDP } from '../stack/protocols';
import { HDR_TCP, HDR_UDP } from '../nic/headers';
import { CYCLE_STAGE_COUNT, STAGE_ALLOC, STAGE_DMA, STAGE_DRIVER, STAGE_RECYCLE } from '../../doc/cycleStages';
import {
  PP_OP_ALLOC_FAST,
  PP_OP_ALLOC_ORDER_STEP,
  PP_OP_BULK_LOCK,
  PP_OP_COUNT,
  PP_OP_DMA_MAP,
  PP_OP_DMA_SYNC_DEV,
  PP_OP_DMA_UNMAP,
  PP_OP_FRAG_ALLOC,
  PP_OP_FREE_ORDER_STEP,
  PP_OP_NETMEM_CHECK,
  PP_OP_PP_REF_ATOMIC,
  PP_OP_PROVIDER_ALLOC,
  PP_OP_PROVIDER_RELEASE,
  PP_OP_PUT_PAGE,
  PP_OP_RECYCLE_DIRECT,
  PP_OP_RECYCLE_RING,
  PP_OP_REFILL_CALL,
  PP_OP_REFILL_ENTRY,
  PP_OP_RELEASE,
  PP_OP_SLOW_BULK_CALL,
} from '../page_pool/types';

/** The stage each page_pool operation's cycles count in (shared/doc/cycleStages.ts). */
export const PP_OP_STAGE: Int32Array = (() => {
  const s = new Int32Array(PP_OP_COUNT);
  const stageOf: [number, number][] = [
    [PP_OP_ALLOC_FAST, STAGE_ALLOC],
    [PP_OP_REFILL_CALL, STAGE_ALLOC],
    [PP_OP_REFILL_ENTRY, STAGE_ALLOC],
    [PP_OP_SLOW_BULK_CALL, STAGE_ALLOC],
    [PP_OP_SLOW_PAGE, STAGE_ALLOC],
    [PP_OP_HIGH_ORDER_PAGE, STAGE_ALLOC],
    [PP_OP_ALLOC_ORDER_STEP, STAGE_ALLOC],
    [PP_OP_FRAG_ALLOC, STAGE_ALLOC],
    [PP_OP_PROVIDER_ALLOC, STAGE_ALLOC],
    [PP_OP_DMA_MAP, STAGE_DMA],
    [PP_OP_DMA_UNMAP, STAGE_DMA],
    [PP_OP_DMA_SYNC_DEV, STAGE_DMA],
    [PP_OP_RECYCLE_DIRECT, STAGE_RECYCLE],
    [PP_OP_RECYCLE_RING, STAGE_RECYCLE],
    [PP_OP_RELEASE, STAGE_RECYCLE],
    [PP_OP_PUT_PAGE, STAGE_RECYCLE],
    [PP_OP_NETMEM_CHECK, STAGE_RECYCLE],
    [PP_OP_PP_REF_ATOMIC, STAGE_RECYCLE],
    [PP_OP_PROVIDER_RELEASE, STAGE_RECYCLE],
    [PP_OP_BULK_LOCK, STAGE_RECYCLE],
    [PP_OP_FREE_ORDER_STEP, STAGE_RECYCLE],
  ];
  if (stageOf.length !== PP_OP_COUNT) throw new Error('every page_pool operation needs a cycle stage');
  for (const [op, st] of stageOf) s[op] = st;
  return s;
})();

export function poolHooks(sim: Simulation, nic: NicRuntime): PagePoolHooks {
  const probe = sim.costSetup.probe;
  const ops = ppOpCycles(probe ? probe.unwrap(nic.costs) : nic.costs);
  const cores = sim.cores;
  const node = Math.min(nic.cfg.numa_node, sim.mm.numaNodes - 1);
  const lowPages = sim.mm.nodeStats(node).low_pages;
  const costs = nic.costs;
  const probeOps = probe ? probe.ops : null;
  const stage = cores.stageCycles;
  const row = nic.idx * CYCLE_STAGE_COUNT;
  // each operation's cell in the NIC's row of stage cycles
  const opStage = new Int32Array(PP_OP_COUNT);
  for (let op = 0; op < PP_OP_COUNT; op++) opStage[op] = row + PP_OP_STAGE[op];
  return {
    exec: cores.exec,
    now: () => sim.now(),
    charge: (op: number, count: number) => {
      const cyc = ops[op] * count;
      // an operation the profile prices at 0 cycles (pp_netmem_check on most, docs/model/costs.md)
      // leaves both sums as they are: skip the two read-modify-writes
      if (cyc !== 0) {
        cores.unitCycles += cyc;
        stage[opStage[op]] += cyc;
      }
      if (probeOps !== null) probeOps[op] += count;
      // a page-allocator call while the NIC's node is below its low watermark takes the slow
      // path (kswapd wake-up, fallbacks): `page_alloc_below_low` (docs/model/costs.md)
      if ((op === PP_OP_SLOW_PAGE || op === PP_OP_HIGH_ORDER_PAGE) && sim.mm.freePagesOf(node) < lowPages) {
        const slow = costs.page_alloc_below_low * count;
        cores.unitCycles += slow;
        stage[row + STAGE_ALLOC] += slow;
      }
    },
    // the same sums, for the pool to bill in place; a probe must see every call
    cycles: probeOps === null ? { unit: cores, stage, opCycles: ops, opStage } : null,
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

/**
 * A driver queue's DriverContext. A class, not an object literal: a literal with a getter is
 * built in dictionary mode, and the drivers read this object on every poll.
 */
class EngineDriverContext implements DriverContext {
  readonly nic: NicConfig;
  readonly costs: CostTable;
  readonly xdpAction: DriverContext['xdpAction'];
  readonly tables: NetmemTables;
  // Numeric fields start as small integers, not undefined, so V8 keeps them as such and reads them
  // without a type check (as in traffic/source.ts).
  /** ifindex 1 is lo (LOOPBACK_IFINDEX); NICs follow in scenario order, as devmem numbers them */
  readonly ifindex: number = 0;
  private readonly cores: Simulation['cores'];
  private readonly stack: Simulation['stack'];
  private readonly stage: Float64Array;
  private readonly row: number = 0;
  private readonly node: number = 0;
  private readonly lowPages: number = 0;
  private ring: RxRing | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly rt: NicRuntime,
    readonly queue: number,
    private readonly gq: number,
    private readonly hooks: PagePoolHooks,
    readonly mm: PageAllocatorApi,
  ) {
    this.nic = rt.cfg;
    this.costs = rt.costs;
    this.xdpAction = rt.cfg.xdp;
    this.tables = sim.tables;
    this.ifindex = rt.idx + 2;
    this.cores = sim.cores;
    this.stack = sim.stack;
    this.stage = sim.cores.stageCycles;
    this.row = rt.idx * CYCLE_STAGE_COUNT;
    this.node = Math.min(rt.cfg.numa_node, sim.mm.numaNodes - 1);
    this.lowPages = sim.mm.nodeStats(this.node).low_pages;
  }

  get napiCore(): number {
    return this.sim.qCore[this.gq];
  }
  now(): number {
    return this.sim.now();
  }
  numaMemId(): number {
    return this.sim.cpuNodeOf[this.cores.exec.cpu] ?? 0;
  }
  frameHeaderLen(flow: number): number {
    return this.rt.flowProto[flow] === PROTO_UDP ? HDR_UDP : HDR_TCP;
  }
  charge(cycles: number, st: number = STAGE_DRIVER): void {
    this.cores.unitCycles += cycles;
    this.stage[this.row + st] += cycles;
  }
  chargeSplit(cycles: number, st: number, part: number, rest: number = STAGE_DRIVER): void {
    this.cores.unitCycles += cycles;
    this.stage[this.row + st] += part;
    this.stage[this.row + rest] += cycles - part;
  }
  // the same page-allocator costs as page_pool's slow path, below-low surcharge included
  pageAllocCycles(order: number): number {
    const below = this.sim.mm.freePagesOf(this.node) < this.lowPages ? this.costs.page_alloc_below_low : 0;
    return pageAllocCycles(this.costs, order) + below;
  }
  createPagePool(params: PagePoolParams, role: 'data' | 'header'): CreateResult<PagePoolApi> {
    const r = createPagePool(params, this.hooks, role === 'data' ? this.rt.providers[this.queue] : null);
    if (r.ok) this.sim.pools.push({ pool: r.value, nic: this.rt.idx, queue: this.queue, role });
    return r;
  }
  deliverSkb(frags: Int32Array, nfrags: number, bytes: number, readable: boolean, flow?: number): void {
    if (this.ring === null) this.ring = this.sim.qRing[this.gq];
    const f = flow ?? this.ring.headFlow;
    this.stack.deliver(this.rt.idx, this.gq, this.queue, f, frags, nfrags, bytes, readable);
  }
  deliverFrames(
    refs: Int32Array,
    frameLen: number,
    first: number,
    mask: number,
    count: number,
    flow: number,
    drvCycles: number,
    ppId: number,
  ): number {
    this.stack.frameDrvCycles = drvCycles;
    return this.stack.deliverFrames(this.rt.idx, this.gq, flow, refs, frameLen, first, mask, count, true, ppId);
  }
  queueHasUnreadableProvider(): boolean {
    return this.rt.providers[this.queue] !== null;
  }
  count(name: string, n = 1): void {
    this.rt.counts.set(name, (this.rt.counts.get(name) ?? 0) + n);
  }
  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.sim.log(level, `${this.rt.cfg.name}`, message);
  }
}

export function driverContext(
  sim: Simulation,
  nic: NicRuntime,
  q: number,
  gq: number,
  hooks: PagePoolHooks,
  mm: PageAllocatorApi,
): DriverContext {
  return new EngineDriverContext(sim, nic, q, gq, hooks, mm);
}

/**
 * One driver queue per NIC RX queue (in global queue order), each with its context and ring; the
 * rings then move into one arena, whose arrays the arrival loop writes into.
 */
export function createDriverQueues(sim: Simulation): RxRingArena {
  for (const nic of sim.nics) {
    const hooks = poolHooks(sim, nic);
    const mm = new DriverPageAllocator(sim.mm, nic.meter);
    for (let q = 0; q < nic.cfg.queues; q++) {
      const drv = driverModel(nic.cfg.driver).createQueue(driverContext(sim, nic, q, nic.gqBase + q, hooks, mm));
      sim.qDriver.push(drv);
      sim.qRing.push(drv.ring);
      drv.ring.flowRoom = nic.sendRoom; // TCP send window: consumed frames give their bytes back
    }
  }
  // the steady arrival loop's IRQ log, send windows, flow → ring words and header lengths (steadyLane.ts)
  let reserve = 64 + sim.qRing.length * 16;
  for (const nic of sim.nics) reserve += nic.sendRoom.length * 8 + nic.flowQueue.length * 8 + 32;
  return new RxRingArena(sim.qRing, reserve);
}
