// The event loop of a simulation: heap events carry integer nanoseconds.
// Hot path (no heap event and no object per packet):
//  - each traffic source keeps its next arrival pre-generated; arrivals are dispatched inline
//    while they come before the heap's next event, straight into the RX ring's typed arrays;
//  - a NAPI poll is one heap event per (up to) 64 frames; while it runs, the NIC keeps writing
//    completions up to the polling core's clock (RxRing.pull), as hardware does;
//  - TCP segments merge into one GRO skb (a row of typed arrays) per flow and poll, so the
//    socket side works per skb, not per packet;
//  - application reads wait in per-core timing wheels drained by one consumer tick at most
//    every 2 µs; frees go straight into page_pool with the ExecContext of where they run.
import { CQ_EOP, CQ_SOP } from '../nic/rxRing';
import type { RxRingArena } from '../nic/rxRingArena';
import type { SocketBuffers } from '../stack/socketBuffer';
import type { TrafficSource } from '../traffic/source';
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
  Q_STOPPED,
} from './eventKinds';
import { napiComplete, napiPoll } from './napi';
import type { SimState } from './simState';

/** What the loop works on beyond SimState: the traffic, the per-queue receive counters and its clock. */
export interface EventLoopState extends SimState {
  readonly endNs: number;
  readonly sources: TrafficSource[];
  /** per traffic source: its NIC */
  readonly srcNic: Int32Array;
  readonly sockets: SocketBuffers;
  readonly qRxPackets: Float64Array;
  readonly qRxBytes: Float64Array;
  readonly qMissed: Float64Array;
  /** the RX rings' shared arrays (each ring's window starts at its RxRing.base) */
  readonly rxArena: RxRingArena;
  /** time of the event being handled (now() outside a unit of work) */
  simNow: number;
  /** run the callback `schedule` stored in `slot` */
  runCallback(slot: number): void;
  /** run the scenario's event number `i` */
  scenarioEvent(i: number): void;
}

/** A frame from source s reaches the NIC. */
function arrive(sim: EventLoopState, s: number): void {
  const src = sim.sources[s];
  const t = src.nextT;
  const nic = sim.nics[sim.srcNic[s]];
  const flow = src.nextFlow;
  const size = src.nextSize;
  // TCP receive window closed (socketBuffer.ts): the sender skips this slot, nothing is sent
  if (nic.sockCharged[flow] + nic.ringBytes[flow] >= nic.sendWindow[flow]) {
    src.advance(false);
    sim.sockets.windowLimited[nic.idx]++;
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
  const st = sim.qState[gq];
  if (st === Q_STOPPED) {
    sim.qMissed[gq]++;
    return;
  }
  const hdr = nic.hdrLen[flow];
  const used = sim.qRing[gq].receive(size, hdr > 0 && size - hdr > nic.cfg.hds_thresh ? hdr : 0, flow, t);
  if (used === 0) {
    sim.qMissed[gq]++;
    return;
  }
  nic.ringBytes[flow] += size; // taken off again by RxRing.consume
  sim.qRxPackets[gq]++;
  sim.qRxBytes[gq] += size;
  if (st === Q_ARMED) {
    sim.qState[gq] = Q_IRQ_PENDING;
    sim.heap.push(Math.ceil(t) + nic.costs.irq_coalesce_ns, EV_POLL, gq * 4 + POLL_IRQ);
  }
}

/**
 * arrive() for every frame of source `s` before the end of the run and at or before `limit`
 * (and, with `heapBound`, at or before the heap's next event, which an IRQ it raises may bring
 * forward): the single-source dispatch, with the source's NIC read once.
 */
function arriveUntil(sim: EventLoopState, s: number, limit: number, heapBound: boolean): void {
  const src = sim.sources[s];
  const end = sim.endNs;
  const nic = sim.nics[sim.srcNic[s]];
  const wire = nic.wire;
  const sockCharged = nic.sockCharged;
  const ringBytes = nic.ringBytes;
  const sendWindow = nic.sendWindow;
  const flowQueue = nic.flowQueue;
  const hdrLen = nic.hdrLen;
  const hdsThresh = nic.cfg.hds_thresh;
  const gqBase = nic.gqBase;
  const qState = sim.qState;
  const qRing = sim.qRing;
  const qMissed = sim.qMissed;
  const qRxPackets = sim.qRxPackets;
  const qRxBytes = sim.qRxBytes;
  const arena = sim.rxArena;
  const cqFlags = arena.cqFlags;
  const cqFlow = arena.cqFlow;
  const cqTime = arena.cqTime;
  const cqFrameLen = arena.cqFrameLen;
  for (;;) {
    const t = src.nextT;
    if (t >= end || t > limit) return;
    const flow = src.nextFlow;
    const size = src.nextSize;
    // TCP receive window closed (socketBuffer.ts): the sender skips this slot, nothing is sent
    if (sockCharged[flow] + ringBytes[flow] >= sendWindow[flow]) {
      src.advance(false);
      sim.sockets.windowLimited[nic.idx]++;
      continue;
    }
    // one frame at a time on the link (nic/wire.ts): wait for it, or dropped at its far end
    const w = wire.offer(t, src.readyT, size);
    if (w > 0) {
      src.nextT = w;
      continue;
    }
    src.advance();
    if (w < 0 || !nic.up) continue;
    nic.offered++;
    const gq = gqBase + flowQueue[flow];
    const st = qState[gq];
    if (st === Q_STOPPED) {
      qMissed[gq]++;
      continue;
    }
    const hdr = hdrLen[flow];
    // RxRing.receive's common case, in the arena's arrays: no header split, the whole frame in
    // the head buffer, one descriptor (SOP and EOP); anything else through receive()
    // (the head buffer is big enough when every posted buffer is: postLenAll; it completes in
    // its own slot, which already holds its ref)
    const ring = qRing[gq];
    const postCount = ring.postCount;
    if (postCount !== 0 && ring.postLenAll >= size && !(hdr > 0 && size - hdr > hdsThresh)) {
      const p = ring.postHead;
      const slot = ring.base + p;
      cqFlags[slot] = CQ_SOP | CQ_EOP;
      cqFlow[slot] = flow;
      cqTime[slot] = t;
      cqFrameLen[slot] = size;
      ring.postHead = (p + 1) & ring.mask;
      ring.postCount = postCount - 1;
      ring.cqCnt++;
    } else if (ring.receive(size, hdr > 0 && size - hdr > hdsThresh ? hdr : 0, flow, t) === 0) {
      qMissed[gq]++;
      continue;
    }
    ringBytes[flow] += size; // taken off again by RxRing.consume
    qRxPackets[gq]++;
    qRxBytes[gq] += size;
    if (st === Q_ARMED) {
      qState[gq] = Q_IRQ_PENDING;
      const irqAt = Math.ceil(t) + nic.costs.irq_coalesce_ns;
      sim.heap.push(irqAt, EV_POLL, gq * 4 + POLL_IRQ);
      if (heapBound && irqAt < limit) limit = irqAt;
    }
  }
}

/** The RX rings' pull: arrivals up to the running unit's current time (frames that came while a poll runs). */
export function makePullFn(sim: EventLoopState): () => void {
  return (): void => {
    const t = sim.cores.now();
    const sources = sim.sources;
    const end = sim.endNs;
    if (sources.length === 1) {
      arriveUntil(sim, 0, t, false);
      return;
    }
    const saved = sim.simNow;
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
      sim.simNow = bt;
      arrive(sim, best);
    }
    sim.simNow = saved;
  };
}

/** Main loop from now to `until` (or the last event before it); the caller continues from there. */
export function runEventLoop(sim: EventLoopState, until: number, onSample: (t: number) => void): void {
  const heap = sim.heap;
  const sources = sim.sources;
  const nsrc = sources.length;
  const end = sim.endNs;
  const src0 = sources[0];
  for (;;) {
    // inline arrivals up to the next heap event (an arrival may push one: re-read the top)
    if (nsrc === 1) {
      const top = heap.peekTime();
      const lim = top < until ? top : until;
      // most events follow another with no frame between them: the call (and its set-up) only
      // when the source's next frame is due
      const nt = src0.nextT;
      if (nt <= lim && nt < end) arriveUntil(sim, 0, lim, true);
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
        sim.simNow = bt;
        arrive(sim, best);
      }
    }
    const th = heap.peekTime();
    if (th > until || heap.size === 0) {
      sim.simNow = until;
      return;
    }
    const kind = heap.peekKind();
    const arg = heap.peekArg();
    heap.pop();
    sim.simNow = th;
    switch (kind) {
      case EV_POLL:
        napiPoll(sim, arg >> 2, arg & 3, th);
        break;
      case EV_NAPI_COMPLETE:
        napiComplete(sim, arg, th);
        break;
      case EV_WHEEL:
        sim.consumer.tick(th);
        break;
      case EV_SAMPLE:
        onSample(th);
        break;
      case EV_SCENARIO:
        sim.scenarioEvent(arg);
        break;
      case EV_CALLBACK:
        sim.runCallback(arg);
        break;
      default:
        throw new Error(`unknown heap event kind ${kind}`);
    }
  }
}
