// The consuming application: every skb queued to a socket is read after a latency drawn from the
// NIC's consumer distribution, on the application core of its queue (recvmsg: syscall + copy to
// user per byte for readable payloads). Then it is freed either on the application core
// (process context: page_pool's ptr_ring path) or, with `free_on: napi_core`, handed back to the
// NAPI core to be freed in softirq (skb_attempt_defer_free → skb_defer_free_flush in
// net_rx_action, where the pool's NAPI is scheduled: direct recycling).
// Reads wait in one timing wheel per application core; a core's reads are serialized with
// everything else that core runs, so a slow application falls behind.
import type { CostTable } from '../costs/costTable';
import type { Cores } from '../engine/cores';
import type { Stack, SkbSink } from '../stack/stack';
import type { SkbTable } from '../stack/skbTable';
import type { SocketBuffers } from '../stack/socketBuffer';
import { TimingWheel } from './timingWheel';
import { BATCH_WINDOW_NS, DRAIN_SPACING_NS, WHEEL_BUCKET_NS } from './wheelTiming';
import type { LatencySampler } from './latency';
import { IntFifo } from '../util/intFifo';
import { CYCLE_STAGE_COUNT, STAGE_COPY, STAGE_SOCKET } from '../../doc/cycleStages';
import { SKB_GRO_HEAD, SKB_READABLE } from '../stack/skbTable';

/** Extension point for memory providers: tokens (devmem) or CQEs (io_uring zcrx) instead of a copy. */
export interface ConsumerHooks {
  /**
   * The application read an unreadable skb (recvmsg with SCM_DEVMEM_DMABUF). The hook takes the
   * frags it turns into tokens (page_pool ref with HOLDER_USER) and may zero them in the skb
   * table; the skb is freed right after, dropping the stack's references.
   */
  onRecvUnreadable?(skb: number, appCore: number, now: number): void;
  /**
   * A readable skb: return true when a provider's receive path took it instead of the copy to
   * user (io_uring zcrx copies it into an area net_iov and posts a CQE: the copy fallback).
   */
  onRecvReadable?(skb: number, appCore: number, now: number): boolean;
}

export interface ConsumerScheduler {
  /** time of the event being handled (the consumer tick's, during tick()) */
  readonly simNow: number;
  /** ask for an EV_WHEEL event (consumer tick) at time `t` */
  wakeWheel(w: number, t: number): void;
  /** hand the skb to its NAPI core for a softirq free (free_on: napi_core) */
  deferFree(skb: number, now: number): void;
}

export class Consumer implements SkbSink {
  readonly wheels: TimingWheel[] = [];
  /** core of each wheel */
  private readonly wheelCore: Int32Array;
  /** per wheel: earliest time it needs draining (a lower bound; Infinity when empty) */
  private readonly wheelNext: Float64Array;
  /** time of the pending consumer tick, Infinity if none */
  private tickAt = Infinity;
  private lastTick = -Infinity;
  /**
   * the time wakeAt() is asked for: a field rather than an argument, since a float argument to a
   * call the compiler does not inline is boxed (a heap number per call)
   */
  private wakeT = NaN;
  /** wheel of each global queue */
  readonly queueWheel: Int32Array;
  /** packets (GRO segments) in skbs waiting to be read, per NIC */
  readonly queued: Float64Array;
  /** skbs read, per NIC */
  readonly reads: Float64Array;
  readonly copiedBytes: Float64Array;
  /** application cycles per NIC */
  readonly appCycles: Float64Array;
  /** consumer_stall: reads of the NIC wait until this time */
  readonly stallUntil: Float64Array;
  hooks: ConsumerHooks = {};
  stack!: Stack;
  /** receive buffers: a read uncharges the skb from its socket (sock_rfree) */
  sockets!: SocketBuffers;

  constructor(
    private readonly costs: CostTable,
    private readonly cores: Cores,
    private readonly skbs: SkbTable,
    private readonly sched: ConsumerScheduler,
    /** per NIC */
    private readonly samplers: LatencySampler[],
    private readonly freeOnNapi: Uint8Array,
    /** application core of each global queue */
    queueAppCore: Int32Array,
  ) {
    const nNics = samplers.length;
    this.queued = new Float64Array(nNics);
    this.reads = new Float64Array(nNics);
    this.copiedBytes = new Float64Array(nNics);
    this.appCycles = new Float64Array(nNics);
    this.stallUntil = new Float64Array(nNics);
    this.queueWheel = new Int32Array(queueAppCore.length);
    const byCore = new Map<number, number>();
    const wheelCore: number[] = [];
    for (let gq = 0; gq < queueAppCore.length; gq++) {
      const core = queueAppCore[gq];
      let w = byCore.get(core);
      if (w === undefined) {
        w = this.wheels.length;
        byCore.set(core, w);
        this.wheels.push(new TimingWheel(this.skbs));
        wheelCore.push(core);
      }
      this.queueWheel[gq] = w;
    }
    this.wheelCore = Int32Array.from(wheelCore);
    this.wheelNext = new Float64Array(this.wheels.length).fill(Infinity);
  }

  enqueue(skb: number, now: number): void {
    const skbs = this.skbs;
    const lat = this.samplers[skbs.nic[skb]];
    skbs.due[skb] = now + lat.next;
    lat.advance();
    this.schedule(skb);
  }

  enqueueQueued(skb: number): void {
    const skbs = this.skbs;
    const lat = this.samplers[skbs.nic[skb]];
    skbs.due[skb] = skbs.tQueued[skb] + lat.next;
    lat.advance();
    this.schedule(skb);
  }

  /** Wait on the wheel of the skb's application core until skbs.due[skb]. */
  private schedule(skb: number): void {
    const skbs = this.skbs;
    const due = skbs.due[skb];
    this.queued[skbs.nic[skb]] += skbs.segs[skb];
    const w = this.queueWheel[skbs.queue[skb]];
    this.wheels[w].insert(skb);
    const t = (Math.floor(due / WHEEL_BUCKET_NS) + 1) * WHEEL_BUCKET_NS;
    if (t < this.wheelNext[w]) this.wheelNext[w] = t;
    this.wakeT = t;
    this.wakeAt();
  }

  /** Make sure a tick is pending no later than max(wakeT, last tick + spacing). */
  private wakeAt(): void {
    let t = this.wakeT;
    const earliest = this.lastTick + DRAIN_SPACING_NS;
    if (t < earliest) t = earliest;
    t = Math.ceil(t);
    if (t < this.tickAt) {
      this.tickAt = t;
      this.sched.wakeWheel(0, t);
    }
  }

  /**
   * EV_WHEEL: the consumer tick. Stale ticks (superseded by an earlier one) are ignored. Each
   * application core with reads due runs them as one unit of work (a batch of recvmsg calls), in
   * wheel order; the wheel's next drain time is set as it goes. The reads are written out here
   * rather than in a method per wheel: the cores read about one skb per batch when backlogged, and
   * the set-up (the fields below in locals) is paid once per tick instead of once per batch.
   */
  tick(): void {
    const now = this.sched.simNow;
    if (now !== this.tickAt) return;
    this.tickAt = Infinity;
    this.lastTick = now;
    // the tick's time as a machine double, once: where a tagged number and a double (a core's busy
    // time) meet in a conditional, the compiled code boxes the result, a heap number per batch
    const tNow = now * 1;
    let next = Infinity;
    const wheelNext = this.wheelNext;
    const wheelCore = this.wheelCore;
    const wheels = this.wheels;
    const cores = this.cores;
    const busyUntil = cores.busyUntil;
    const limit = tNow + BATCH_WINDOW_NS;
    const last = Math.floor(tNow / WHEEL_BUCKET_NS) - 1; // last bucket that has ended by now
    const n = wheelNext.length;
    const skbs = this.skbs;
    const c = this.costs;
    const deferred = this.deferred;
    // per-NIC arrays in locals: the calls below (frees, hooks) would make the compiler reload fields
    const stallUntil = this.stallUntil;
    const queued = this.queued;
    const reads = this.reads;
    const copied = this.copiedBytes;
    const appCycles = this.appCycles;
    const freeOnNapi = this.freeOnNapi;
    const sockets = this.sockets;
    const stack = this.stack;
    const hooks = this.hooks;
    const stageCycles = cores.stageCycles;
    let w = 0;
    while (w < n) {
      // wheels with nothing due yet are skipped by an inner loop without calls: the wheel times'
      // array is checked once before it rather than on every wheel
      let t = wheelNext[w];
      while (t > tNow) {
        if (t < next) next = t;
        if (++w === n) break;
        t = wheelNext[w];
      }
      if (w === n) break;
      // a core busy past the batch window reads nothing at this tick: its wheel waits until the core is free
      const core = wheelCore[w];
      const b = busyUntil[core];
      if (b > limit) wheelNext[w] = b;
      else {
        // the batch: every skb due, until the core's clock runs BATCH_WINDOW_NS past the tick (a
        // backlogged application falls behind instead of reading early)
        const wheel = wheels[w];
        const start = b < tNow ? tNow : b;
        let open = false;
        let skb = -1;
        for (;;) {
          skb = wheel.popEnded(last);
          if (skb === -1) break;
          const nic = skbs.nic[skb];
          if (stallUntil[nic] > tNow) {
            skbs.due[skb] = stallUntil[nic];
            wheel.insert(skb);
            continue;
          }
          // Cores.begin and the socket's uncharge are written out below: what the compiler inlines
          // into one function is bounded, and code written here does not count against it, so
          // the unit's end (Cores.finish) and the wheel's pop stay inlined too
          if (!open) {
            if (cores.unitCore !== -1) cores.begin(core, start, false, false, nic); // throws
            cores.unitCore = core;
            cores.unitStart = start;
            cores.unitCycles = 0;
            const e = cores.exec;
            e.inSoftirq = false;
            e.cpu = core;
            e.napiPollingCore = -1;
            open = true;
          }
          cores.stageRow = nic * CYCLE_STAGE_COUNT;
          const cyc0 = cores.unitCycles;
          queued[nic] -= skbs.segs[skb];
          const bytes = skbs.bytes[skb];
          // recvmsg → sock_rfree: the socket is uncharged, the window opens
          const flow = skbs.flow[skb];
          sockets.charged[nic][flow] -= bytes;
          sockets.sendRoom[nic][flow] += bytes;
          sockets.queuedBytes[nic] -= bytes;
          reads[nic]++;
          const flags = skbs.readable[skb];
          // one recvmsg per GRO skb: the segments merged into it are read by the same call.
          // The two charges are Cores.charge written out (the same two additions): left as calls,
          // their inlined code leaves no room for the compiler to inline Cores.finish.
          if ((flags & SKB_GRO_HEAD) !== 0) {
            const x = c.app_recv_call;
            cores.unitCycles += x;
            stageCycles[cores.stageRow + STAGE_SOCKET] += x;
          }
          if ((flags & SKB_READABLE) !== 0) {
            const hook = hooks.onRecvReadable;
            if (hook === undefined || !hook(skb, core, cores.now())) {
              const x = c.copy_per_byte * bytes;
              cores.unitCycles += x;
              stageCycles[cores.stageRow + STAGE_COPY] += x;
              copied[nic] += bytes;
            }
          } else if (hooks.onRecvUnreadable) {
            hooks.onRecvUnreadable(skb, core, cores.now());
          }
          if (freeOnNapi[nic] === 0) stack.freeSkb(skb);
          else deferred.push(skb);
          appCycles[nic] += cores.unitCycles - cyc0;
          if (cores.now() > limit) break;
        }
        // the batch ends; skbs to be freed on their NAPI core are handed over at its end time
        if (open) {
          cores.finish();
          while (deferred.length > 0) this.sched.deferFree(deferred.shift(), cores.unitEnd);
        }
        if (skb === -1) {
          const nb = wheel.nextBucket();
          wheelNext[w] = nb < 0 ? Infinity : (nb + 1) * WHEEL_BUCKET_NS;
        } else {
          // the batch window is used up: the rest waits until the core is free
          const busy = busyUntil[core];
          wheelNext[w] = busy > tNow ? busy : tNow;
        }
      }
      t = wheelNext[w];
      if (t < next) next = t;
      w++;
    }
    if (next !== Infinity) {
      this.wakeT = next;
      this.wakeAt();
    }
  }

  /** skbs of the running batch to be freed on their NAPI core (free_on: napi_core) */
  private readonly deferred = new IntFifo(256);
}
