// The simulation of one scenario: its parts wired from the scenario (topology.ts, socketPath.ts,
// driverContext.ts), the per-queue state, the EngineApi that events and drivers use, and the
// netdev lifecycle (ifup, ifdown, unregister, queue restarts). The event loop is eventLoop.ts.
import type { NicConfig, Scenario } from '../../scenario/schema';
import { makeCostTable, type CostSetup } from '../costs/probe';
import { profileRefOf } from '../costs/cpuProfileOf';
import type { DriverDescription, RxQueueDriver } from '../drivers/driver';
import type { RxRing } from '../nic/rxRing';
import type { RxRingArena } from '../nic/rxRingArena';
import { createMemoryWorld, pageAllocatorConfigFromHost } from '../page_pool/environment';
import type { PageAllocator } from '../mm/pageAllocator';
import type { NetmemTables } from '../netmem/netmemTables';
import type { PagePoolRegistry } from '../page_pool/registry';
import type { MemoryProviderOps } from '../page_pool/types';
import type { EventLevel, EventRecord } from '../../doc/runDocument';
import { TrafficSource } from '../traffic/source';
import type { Consumer, ConsumerScheduler } from '../consumer/consumer';
import { SkbTable } from '../stack/skbTable';
import type { Stack } from '../stack/stack';
import type { SocketBuffers } from '../stack/socketBuffer';
import { buildSocketPath } from './socketPath';
import { EventHeap } from '../util/eventHeap';
import { IntFifo } from '../util/intFifo';
import { Cores } from './cores';
import type { PoolInfo } from './engineApi';
import { makePullFn, runEventLoop, type EventLoopState } from './eventLoop';
import { EV_CALLBACK, EV_SCENARIO, EV_WHEEL, Q_ARMED, Q_IRQ_PENDING, Q_SCHEDULED, Q_STOPPED } from './eventKinds';
import { applyQueueCore, moveQueue } from './napi';
import { NapiQueues } from './napiQueues';
import { eventKind } from '../events/registry';
import { engineExtensions, eventHandler } from '../events/dispatch';
import { buildQueues, buildTraffic, type NicRuntime } from './topology';

export type { NicRuntime } from './topology';
import { createDriverQueues } from './driverContext';
import type { HoldMeter } from '../metadata/holdMeter';
import { createFaultPoints, type FaultPoints } from '../faults/faultAttr';

export { NAPI_POLL_WEIGHT } from './napiQueues';

export class Simulation implements EventLoopState, ConsumerScheduler {
  readonly scenario: Scenario;
  readonly endNs: number;
  readonly heap = new EventHeap(4096);
  readonly cores: Cores;
  readonly mm: PageAllocator;
  readonly tables: NetmemTables;
  readonly registry: PagePoolRegistry;
  readonly skbs = new SkbTable(8192);
  readonly stack: Stack;
  readonly consumer: Consumer;
  readonly sockets: SocketBuffers;
  readonly faults: FaultPoints;
  readonly nics: NicRuntime[] = [];
  readonly pools: PoolInfo[] = [];
  readonly sources: TrafficSource[] = [];
  readonly srcNic: Int32Array;
  // per global queue
  readonly nQueues: number;
  readonly qNic: Int32Array;
  readonly qIdx: Int32Array;
  readonly qCore: Int32Array;
  readonly qDriver: RxQueueDriver[] = [];
  readonly qRing: RxRing[] = [];
  readonly rxArena: RxRingArena;
  readonly qMissed: Float64Array;
  readonly qPollNs: Float64Array;
  readonly qPollCycles: Float64Array;
  readonly qPolls: Float64Array;
  readonly napi: NapiQueues;
  /** application core of each global queue (its consumer reads and busy polls there) */
  readonly qAppCore: Int32Array;
  /** per core: skbs waiting for a softirq free on that core (free_on: napi_core) */
  readonly deferList: IntFifo[] = [];
  readonly events: EventRecord[] = [];
  private readonly callbacks: ((() => void) | null)[] = [];
  private readonly freeSlots: number[] = [];
  simNow = 0;
  arrivalLimit = Infinity;
  readonly cpuNodeOf: Int32Array;

  /** @param costSetup cost overrides and probe (sensitivity runs); empty for an ordinary run */
  constructor(
    scenario: Scenario,
    readonly costSetup: CostSetup = {},
  ) {
    this.scenario = scenario;
    this.endNs = scenario.duration;
    const host = scenario.host;
    const nCores = host.cpu.cores;
    const base = makeCostTable(costSetup, profileRefOf(host.cpu), 'page', host.iommu, host.cpu.ghz);
    this.cores = new Cores(nCores, base.ghz, scenario.nics.length);
    for (let c = 0; c < nCores; c++) this.deferList.push(new IntFifo(64));
    this.cpuNodeOf = new Int32Array(nCores);
    for (let c = 0; c < nCores; c++)
      this.cpuNodeOf[c] = Math.min(host.memory.numa_nodes - 1, Math.floor((c * host.memory.numa_nodes) / nCores));
    const world = createMemoryWorld(pageAllocatorConfigFromHost(host.memory, host.page_size));
    this.mm = world.mm;
    this.tables = world.tables;
    this.registry = world.registry;
    this.faults = createFaultPoints(scenario.seed);

    // NICs and their queues
    const q = buildQueues(scenario, this.nics, (variant) =>
      makeCostTable(costSetup, profileRefOf(host.cpu), variant, host.iommu, host.cpu.ghz),
    );
    const nq = q.qNic.length;
    this.nQueues = nq;
    this.qNic = q.qNic;
    this.qIdx = q.qIdx;
    this.qCore = q.qCore;
    this.qMissed = new Float64Array(nq);
    this.qPollNs = new Float64Array(nq);
    this.qPollCycles = new Float64Array(nq);
    this.qPolls = new Float64Array(nq);
    this.napi = new NapiQueues(nq);
    const { qAppCore, samplers, freeOnNapi } = q;
    this.qAppCore = qAppCore;
    for (const nic of scenario.nics) this.napi.busy.push(scenario.consumer.find((c) => c.nic === nic.name)?.busy_poll ?? null);
    for (let gq = 0; gq < nq; gq++) {
      const nic = this.nics[this.qNic[gq]];
      this.napi.busyPolling[gq] = this.napi.busy[nic.idx] ? 1 : 0;
      this.napi.deferHardIrqs[gq] = nic.cfg.napi.defer_hard_irqs;
      this.napi.groFlushTimeout[gq] = nic.cfg.napi.gro_flush_timeout;
      this.napi.irqCoalesce[gq] = nic.costs.irq_coalesce_ns;
      this.napi.threaded[gq] = nic.cfg.napi.threaded ? 1 : 0;
      this.napi.plainComplete[gq] = this.napi.busyPolling[gq] === 0 && this.napi.deferHardIrqs[gq] === 0 ? 1 : 0;
    }

    // traffic: sources, NIC-wide flow ids, flow → queue
    const traffic = buildTraffic(scenario, this.nics, this.endNs, (name: string) => this.nicIndex(name));
    this.sources.push(...traffic.sources);
    this.srcNic = traffic.srcNic;

    const path = buildSocketPath({
      scenario,
      nics: this.nics,
      costs: base,
      cores: this.cores,
      skbs: this.skbs,
      tables: this.tables,
      registry: this.registry,
      mm: this.mm,
      sched: this,
      samplers,
      freeOnNapi,
      qAppCore,
      nQueues: nq,
    });
    this.consumer = path.consumer;
    this.sockets = path.sockets;
    this.stack = path.stack;

    this.rxArena = createDriverQueues(this);
    scenario.events.forEach((ev, i) => {
      if (ev.at <= this.endNs) this.heap.push(ev.at, EV_SCENARIO, i);
    });
  }

  // ---------------------------------------------------------------- EngineApi

  now(): number {
    return this.cores.inUnit ? this.cores.now() : this.simNow;
  }

  log(level: EventLevel, source: string, message: string): void {
    this.events.push({ t_ns: Math.round(this.now()), level, source, message });
  }

  schedule(delayNs: number, fn: () => void): void {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.callbacks.length;
    this.callbacks[slot] = fn;
    this.heap.push(Math.round(this.now() + delayNs), EV_CALLBACK, slot);
  }

  nicIndex(name: string): number {
    const i = this.nics.findIndex((n) => n.cfg.name === name);
    if (i < 0) throw new RangeError(`no NIC named ${name} (have: ${this.nics.map((n) => n.cfg.name).join(', ')})`);
    return i;
  }
  nicConfig(nic: number): NicConfig {
    return this.nics[nic].cfg;
  }
  nicDescription(nic: number): DriverDescription {
    return this.nics[nic].desc;
  }
  nicHoldMeter(nic: number): HoldMeter {
    return this.nics[nic].meter;
  }
  nicCosts(nic: number): NicRuntime['costs'] {
    return this.nics[nic].costs;
  }
  queueDriver(nic: number, queue: number): RxQueueDriver {
    return this.qDriver[this.nics[nic].gqBase + queue];
  }
  isUp(nic: number): boolean {
    return this.nics[nic].up;
  }
  setQueueProvider(nic: number, queue: number, p: MemoryProviderOps | null): void {
    this.nics[nic].providers[queue] = p;
  }
  queueProvider(nic: number, queue: number): MemoryProviderOps | null {
    return this.nics[nic].providers[queue];
  }
  countNic(nic: number, name: string, n = 1): void {
    const c = this.nics[nic].counts;
    c.set(name, (c.get(name) ?? 0) + n);
  }

  /**
   * Run fn as process-context work on `core` (ndo_open/ndo_stop, workqueue items). Pools, drivers
   * and the socket side bill their own NIC's cycle stages; `nic` only takes what is left.
   */
  private inProcess(core: number, fn: () => void, nic = 0): void {
    if (this.cores.inUnit) {
      fn();
      return;
    }
    this.cores.begin(core, this.simNow, false, false, nic);
    try {
      fn();
    } finally {
      this.cores.end();
    }
  }

  nicIfindex(nic: number): number {
    return nic + 2;
  }
  isRegistered(nic: number): boolean {
    return this.nics[nic].registered;
  }

  /**
   * unregister_netdevice (net/core/dev.c): dev_close (ndo_stop destroys the pools; those with
   * buffers in flight stay, detached), then the NETDEV_UNREGISTER notifiers, where
   * page_pool_netdevice_event moves every pool still listed on the netdev to lo.
   */
  unregister(nic: number): void {
    const rt = this.nics[nic];
    if (!rt.registered) return;
    this.ifdown(nic);
    rt.registered = false;
    for (const p of this.registry.unregNetdev(this.nicIfindex(nic))) {
      this.log(
        'info',
        'page_pool',
        `pool ${p.id} (${rt.cfg.name}) orphaned with ${p.inflight()} inflight: now owned by lo, page-pool-get lists it without ifindex`,
      );
    }
  }

  ifup(nic: number): void {
    const rt = this.nics[nic];
    if (rt.up || !rt.registered) return;
    rt.up = true;
    for (let q = 0; q < rt.cfg.queues; q++) this.startQueue(rt.gqBase + q);
  }

  ifdown(nic: number): void {
    const rt = this.nics[nic];
    if (!rt.up) return;
    rt.up = false;
    for (let q = 0; q < rt.cfg.queues; q++) this.stopQueue(rt.gqBase + q);
  }

  restartQueue(nic: number, queue: number): void {
    const gq = this.nics[nic].gqBase + queue;
    this.stopQueue(gq);
    this.startQueue(gq);
  }

  private startQueue(gq: number): void {
    this.inProcess(this.qCore[gq], () => this.qDriver[gq].start(), this.qNic[gq]);
    this.qRing[gq].napiState = Q_ARMED;
  }

  moveQueue(nic: number, queue: number, core: number): void {
    moveQueue(this, this.nics[nic].gqBase + queue, core);
  }

  private stopQueue(gq: number): void {
    // napi_disable, then the driver gives its buffers back and destroys its pools; skbs
    // deferred to this core are flushed first (the kernel drains them before the pools go).
    this.qRing[gq].napiState = Q_STOPPED;
    if (this.napi.pendingCore[gq] >= 0) applyQueueCore(this, gq, this.napi.pendingCore[gq]);
    this.stack.groFlush(gq);
    const core = this.qCore[gq];
    this.flushDeferred(core);
    this.inProcess(core, () => this.qDriver[gq].stop(), this.qNic[gq]);
  }

  /** skb_defer_free_flush on `core`: softirq context there, outside any NAPI poll. */
  flushDeferred(core: number): void {
    const defer = this.deferList[core];
    if (defer.length > 0) {
      // skb_defer_free_flush on that core (the 6.18 destroy path kicks every CPU for this):
      // softirq context on `core`, outside NAPI. Inside another unit (an ifdown event) the
      // cycles stay on that unit's bill.
      const e = this.cores.exec;
      const saved = { inSoftirq: e.inSoftirq, cpu: e.cpu, napiPollingCore: e.napiPollingCore };
      const own = !this.cores.inUnit;
      if (own) this.cores.begin(core, this.cores.startTime(core, this.simNow), true, false, 0);
      e.inSoftirq = true;
      e.cpu = core;
      e.napiPollingCore = -1;
      while (defer.length > 0) this.stack.freeSkb(defer.shift());
      if (own) this.cores.end();
      else {
        e.inSoftirq = saved.inSoftirq;
        e.cpu = saved.cpu;
        e.napiPollingCore = saved.napiPollingCore;
      }
    }
  }

  // ---------------------------------------------------------------- ConsumerScheduler

  wakeWheel(w: number, t: number): void {
    this.heap.push(Math.ceil(t), EV_WHEEL, w);
  }

  deferFree(skb: number, now: number): void {
    const gq = this.skbs.queue[skb];
    const core = this.qCore[gq];
    const st = this.qRing[gq].napiState;
    if (st === Q_SCHEDULED || st === Q_IRQ_PENDING) {
      this.deferList[core].push(skb);
      return;
    }
    // NAPI idle: the IPI-kicked softirq frees it on that core, outside the pool's NAPI.
    const cores = this.cores;
    const start = cores.startTime(core, now);
    cores.begin(core, start, true, false, this.qNic[gq]);
    this.stack.freeSkb(skb);
    const cyc = cores.unitCycles;
    // softirq work on the NAPI core counts with the queue's NAPI work
    this.qPollNs[gq] += cores.end() - start;
    this.qPollCycles[gq] += cyc;
  }

  // ---------------------------------------------------------------- the event loop (eventLoop.ts)

  /** The RX rings' pull: arrivals up to the running unit's current time. */
  readonly pullFn = makePullFn(this);

  /** Every arrival and heap event up to `until`. */
  runUntil(until: number, onSample: (t: number) => void): void {
    runEventLoop(this, until, onSample);
  }

  runCallback(slot: number): void {
    const fn = this.callbacks[slot];
    this.callbacks[slot] = null;
    this.freeSlots.push(slot);
    if (fn) this.inProcess(0, fn);
  }

  scenarioEvent(i: number): void {
    const ev = this.scenario.events[i];
    const kind = eventKind(ev);
    const h = eventHandler(kind);
    if (!h) {
      this.log('warn', 'engine', `event ${kind} at ${ev.at} ns: no handler registered in this build, ignored`);
      return;
    }
    this.inProcess(0, () => h(this, ev, i));
  }

  /** ndo_open of every NIC at t = 0. */
  start(): void {
    for (const nic of this.nics) this.ifup(nic.idx);
    // extensions (devmem bind-rx at t = 0) run after every NIC is up
    for (const x of engineExtensions()) if (x.start) this.inProcess(0, () => x.start!(this));
  }
}
