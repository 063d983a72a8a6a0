// The discrete-event simulation of one scenario. Heap events carry integer nanoseconds.
// Hot path (no heap event and no object per packet):
//  - each traffic source keeps its next arrival pre-generated; arrivals are dispatched inline
//    while they come before the heap's next event, straight into the RX ring's typed arrays;
//  - a NAPI poll is one heap event per (up to) 64 frames; while it runs, the NIC keeps writing
//    completions up to the polling core's clock (RxRing.pull), as hardware does;
//  - TCP segments merge into one GRO skb (a row of typed arrays) per flow and poll, so the
//    socket side works per skb, not per packet;
//  - application reads wait in per-core timing wheels drained by one consumer tick at most
//    every 2 µs; frees go straight into page_pool with the ExecContext of where they run.
import type { NicConfig, Scenario } from '../../scenario/schema';
import { makeCostTable, type CostSetup } from '../costs/probe';
import { profileRefOf } from '../costs/cpuProfileOf';
import type { DriverDescription, RxQueueDriver } from '../drivers/driver';
import type { RxRing } from '../nic/rxRing';
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
import type { SimState } from './simState';
import {
  EV_CALLBACK,
  EV_NAPI_COMPLETE,
  EV_POLL,
  EV_SAMPLE,
  EV_SCENARIO,
  EV_WHEEL,
  POLL_IRQ,
  Q_ARMED,
  Q_IRQ_PENDING,
  Q_SCHEDULED,
  Q_STOPPED,
} from './eventKinds';
import { applyQueueCore, moveQueue, napiComplete, napiPoll } from './napi';
import { NapiQueues } from './napiQueues';
import { eventKind } from '../events/registry';
import { engineExtensions, eventHandler } from '../events/dispatch';
import { buildQueues, buildTraffic, type NicRuntime } from './topology';

export type { NicRuntime } from './topology';
import { createDriverQueues } from './driverContext';
import type { HoldMeter } from '../metadata/holdMeter';
import { createFaultPoints, type FaultPoints } from '../faults/faultAttr';

export { NAPI_POLL_WEIGHT } from './napiQueues';

export class Simulation implements SimState, ConsumerScheduler {
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
  private readonly srcNic: Int32Array;
  // per global queue
  readonly nQueues: number;
  readonly qNic: Int32Array;
  readonly qIdx: Int32Array;
  readonly qCore: Int32Array;
  readonly qState: Uint8Array;
  readonly qDriver: RxQueueDriver[] = [];
  readonly qRing: RxRing[] = [];
  readonly qRxPackets: Float64Array;
  readonly qRxBytes: Float64Array;
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
  private simNow = 0;
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
    this.qState = new Uint8Array(nq).fill(Q_STOPPED);
    this.qRxPackets = new Float64Array(nq);
    this.qRxBytes = new Float64Array(nq);
    this.qMissed = new Float64Array(nq);
    this.qPollNs = new Float64Array(nq);
    this.qPollCycles = new Float64Array(nq);
    this.qPolls = new Float64Array(nq);
    this.napi = new NapiQueues(nq);
    const { qAppCore, samplers, freeOnNapi } = q;
    this.qAppCore = qAppCore;
    for (const nic of scenario.nics) this.napi.busy.push(scenario.consumer.find((c) => c.nic === nic.name)?.busy_poll ?? null);

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

    createDriverQueues(this);
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
    this.qState[gq] = Q_ARMED;
  }

  moveQueue(nic: number, queue: number, core: number): void {
    moveQueue(this, this.nics[nic].gqBase + queue, core);
  }

  private stopQueue(gq: number): void {
    // napi_disable, then the driver gives its buffers back and destroys its pools; skbs
    // deferred to this core are flushed first (the kernel drains them before the pools go).
    this.qState[gq] = Q_STOPPED;
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
    const st = this.qState[gq];
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

  // ---------------------------------------------------------------- the hot path

  /** A frame from source s reaches the NIC. */
  private arrive(s: number): void {
    const src = this.sources[s];
    const t = src.nextT;
    const nic = this.nics[this.srcNic[s]];
    const flow = src.nextFlow;
    const size = src.nextSize;
    // TCP receive window closed (socketBuffer.ts): the sender skips this slot, nothing is sent
    if (nic.sockCharged[flow] + nic.ringBytes[flow] >= nic.sendWindow[flow]) {
      src.advance(false);
      this.sockets.windowLimited[nic.idx]++;
      return;
    }
    // one frame at a time on the link (nic/wire.ts): wait for it, or dropped at its far end
    const w = nic.wire.offer(t, src.readyT, size);
    if (w > 0) {
      src.nextT = w;
      return;
    }
    src.advance();
    if (w < 0 || !nic.up) return;
    nic.offered++;
    const gq = nic.gqBase + nic.flowQueue[flow];
    const st = this.qState[gq];
    if (st === Q_STOPPED) {
      this.qMissed[gq]++;
      return;
    }
    const hdr = nic.hdrLen[flow];
    const used = this.qRing[gq].receive(size, hdr > 0 && size - hdr > nic.cfg.hds_thresh ? hdr : 0, flow, t);
    if (used === 0) {
      this.qMissed[gq]++;
      return;
    }
    nic.ringBytes[flow] += size; // taken off again by RxRing.consume
    this.qRxPackets[gq]++;
    this.qRxBytes[gq] += size;
    if (st === Q_ARMED) {
      this.qState[gq] = Q_IRQ_PENDING;
      this.heap.push(Math.ceil(t) + nic.costs.irq_coalesce_ns, EV_POLL, gq * 4 + POLL_IRQ);
    }
  }

  /** Arrivals up to the running unit's current time (frames that came while a poll runs). */
  readonly pullFn = (): void => {
    const t = this.cores.now();
    const sources = this.sources;
    const end = this.endNs;
    const saved = this.simNow;
    for (;;) {
      let best = -1;
      let bt = Infinity;
      for (let i = 0; i < sources.length; i++) {
        const nt = sources[i].nextT;
        if (nt < bt) {
          bt = nt;
          best = i;
        }
      }
      if (best < 0 || bt >= end || bt > t) break;
      this.simNow = bt;
      this.arrive(best);
    }
    this.simNow = saved;
  };

  /** Main loop from now to `until`; returns false when `until` was not reached yet (yield). */
  runUntil(until: number, onSample: (t: number) => void): void {
    const heap = this.heap;
    const sources = this.sources;
    const nsrc = sources.length;
    const end = this.endNs;
    for (;;) {
      // inline arrivals up to the next heap event (an arrival may push one: re-read the top)
      if (nsrc === 1) {
        const s0 = sources[0];
        for (;;) {
          const nt = s0.nextT;
          if (nt >= end || nt > until || nt > heap.peekTime()) break;
          this.simNow = nt;
          this.arrive(0);
        }
      } else {
        for (;;) {
          let best = -1;
          let bt = Infinity;
          for (let i = 0; i < nsrc; i++) {
            const nt = sources[i].nextT;
            if (nt < bt) {
              bt = nt;
              best = i;
            }
          }
          if (best < 0 || bt >= end || bt > until || bt > heap.peekTime()) break;
          this.simNow = bt;
          this.arrive(best);
        }
      }
      const th = heap.peekTime();
      if (th > until || heap.size === 0) {
        this.simNow = until;
        return;
      }
      const kind = heap.peekKind();
      const arg = heap.peekArg();
      heap.pop();
      this.simNow = th;
      switch (kind) {
        case EV_POLL:
          napiPoll(this, arg >> 2, arg & 3, th);
          break;
        case EV_NAPI_COMPLETE:
          napiComplete(this, arg, th);
          break;
        case EV_WHEEL:
          this.consumer.tick(th);
          break;
        case EV_SAMPLE:
          onSample(th);
          break;
        case EV_SCENARIO:
          this.scenarioEvent(arg);
          break;
        case EV_CALLBACK: {
          const fn = this.callbacks[arg];
          this.callbacks[arg] = null;
          this.freeSlots.push(arg);
          if (fn) this.inProcess(0, fn);
          break;
        }
        default:
          throw new Error(`unknown heap event kind ${kind}`);
      }
    }
  }

  private scenarioEvent(i: number): void {
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
