// Frames reaching the NIC: each traffic source keeps its next arrival pre-generated (time, size,
// flow); the event loop dispatches arrivals inline while they come before its next heap event, and
// the RX rings' pull catches them up to a polling core's clock. A frame passes the TCP window and
// the link (nic/wire.ts), then completes into its RX ring (nic/rxRing.ts, its completion runs in
// the arena: nic/rxRingArena.ts); the first frame on an armed queue raises its IRQ (a NAPI poll
// event).
import { EV_POLL, POLL_IRQ, Q_ARMED, Q_IRQ_PENDING, Q_STOPPED } from './eventKinds';
import type { EventLoopState } from './eventLoopState';
import type { SteadyLane } from './steadyLane';
import { P_BOUND, P_FLOW, P_FREE_AT, P_IRQ_COUNT, P_LIMIT, P_OFFERED, P_READY, P_SCHED, P_T, RUN_DONE } from './wasm/arrivalParams';

/** A frame from source s reaches the NIC. */
export function arrive(sim: EventLoopState, s: number): void {
  const src = sim.sources[s];
  const t = src.nextT;
  const nic = sim.nics[sim.srcNic[s]];
  const flow = src.nextFlow;
  const size = src.nextSize;
  // TCP receive window closed (socketBuffer.ts): the sender skips this slot, nothing is sent
  if (nic.sendRoom[flow] <= 0) {
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
  const ring = sim.qRing[gq];
  const st = ring.napiState;
  if (st === Q_STOPPED) {
    sim.qMissed[gq]++;
    return;
  }
  const hdr = nic.hdrLen[flow];
  const used = ring.receive(size, hdr > 0 && size - hdr > nic.cfg.hds_thresh ? hdr : 0, flow, t);
  if (used === 0) {
    sim.qMissed[gq]++;
    return;
  }
  nic.sendRoom[flow] -= size; // given back by RxRing.consume
  ring.rxFramesOther++;
  ring.rxBytesOther += size;
  if (st === Q_ARMED) {
    ring.napiState = Q_IRQ_PENDING;
    sim.heap.push(Math.ceil(t) + nic.costs.irq_coalesce_ns, EV_POLL, gq * 4 + POLL_IRQ);
  }
}

/**
 * arrive() for every frame of source `s` before the end of the run and at or before
 * sim.arrivalLimit (and, with `heapBound`, at or before the heap's next event, which an IRQ it
 * raises may bring forward): the single-source dispatch, with the source's NIC read once.
 */
export function arriveUntil(sim: EventLoopState, s: number, heapBound: boolean): void {
  let limit = sim.arrivalLimit;
  const src = sim.sources[s];
  const end = sim.endNs;
  const nic = sim.nics[sim.srcNic[s]];
  const wire = nic.wire;
  const sendRoom = nic.sendRoom;
  const flowQueue = nic.flowQueue;
  const hdrLen = nic.hdrLen;
  const hdsThresh = nic.cfg.hds_thresh;
  const gqBase = nic.gqBase;
  const qRing = sim.qRing;
  const qMissed = sim.qMissed;
  for (;;) {
    const t = src.nextT;
    if (t >= end || t > limit) return;
    const flow = src.nextFlow;
    const size = src.nextSize;
    // TCP receive window closed (socketBuffer.ts): the sender skips this slot, nothing is sent
    if (sendRoom[flow] <= 0) {
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
    const ring = qRing[gq];
    const st = ring.napiState;
    if (st === Q_STOPPED) {
      qMissed[gq]++;
      continue;
    }
    const hdr = hdrLen[flow];
    if (ring.receive(size, hdr > 0 && size - hdr > hdsThresh ? hdr : 0, flow, t) === 0) {
      qMissed[gq]++;
      continue;
    }
    sendRoom[flow] -= size; // given back by RxRing.consume
    ring.rxFramesOther++;
    ring.rxBytesOther += size;
    if (st === Q_ARMED) {
      ring.napiState = Q_IRQ_PENDING;
      const irqAt = Math.ceil(t) + nic.costs.irq_coalesce_ns;
      sim.heap.push(irqAt, EV_POLL, gq * 4 + POLL_IRQ);
      if (heapBound && irqAt < limit) limit = irqAt;
    }
  }
}

/**
 * arriveUntil() for a steady source (TrafficSource.steady: constant gaps, one frame size), through
 * the loop in WebAssembly (wasm/arrivalLoopWasm.ts). It runs frames until the limit or the end, or
 * until a frame needs arrive() (window closed, link busy, NIC down, queue stopped or out of posted
 * buffers, a buffer too short, no header buffer posted for a split frame). The source's and the
 * link's times go to its parameter block and back around each run; the IRQs a run raised are
 * pushed here in the order it raised them (the heap stays JavaScript's).
 */
export function arriveSteady(sim: EventLoopState, lane: SteadyLane, heapBound: boolean): void {
  let limit = lane.limit;
  const src = lane.src;
  const nic = lane.nic;
  const wire = lane.wire;
  // the parameter block: doubles from address 0, integers from P_FLOW (wasm/arrivalParams.ts)
  const pf = lane.paramF64;
  const pi = lane.paramI32;
  const run = lane.run;
  const bound = heapBound === true;
  const end = lane.endNs * 1;
  pi[(P_BOUND - P_FLOW) / 4] = bound ? 1 : 0;
  for (;;) {
    const t0 = src.nextT;
    if (t0 >= end || t0 > limit) return;
    if (nic.up === true && lane.arriveOnly === 0) {
      pf[P_T / 8] = t0;
      pf[P_READY / 8] = src.readyT;
      pf[P_SCHED / 8] = src.schedT;
      pf[P_FREE_AT / 8] = wire.freeAt;
      pf[P_LIMIT / 8] = limit;
      pi[(P_FLOW - P_FLOW) / 4] = src.nextFlow;
      pi[(P_OFFERED - P_FLOW) / 4] = 0;
      const code = run();
      src.nextT = pf[P_T / 8];
      src.readyT = pf[P_READY / 8];
      src.schedT = pf[P_SCHED / 8];
      wire.freeAt = pf[P_FREE_AT / 8];
      limit = pf[P_LIMIT / 8];
      src.nextFlow = pi[(P_FLOW - P_FLOW) / 4];
      const offered = pi[(P_OFFERED - P_FLOW) / 4];
      nic.offered += offered;
      // the poll events of the IRQs the frames raised, in order
      const irqs = pi[(P_IRQ_COUNT - P_FLOW) / 4];
      if (irqs !== 0) {
        const logF = lane.irqLogF64;
        const logI = lane.irqLogI32;
        for (let k = 0; k < irqs; k++) {
          lane.heap.push(logF[k * 2], EV_POLL, lane.flowGq[logI[k * 4 + 2]] * 4 + POLL_IRQ);
        }
      }
      if (code === RUN_DONE) return;
      // Runs that stop at their first frame, one after the other (every frame of the source needs
      // arrive(): a header-split layout the loop does not take, a closed window…): the next 2^k - 1
      // frames go straight to arrive(), k growing to 6 while it lasts, so the run's set-up is not
      // paid per frame. arrive() gives what the loop gives (test/engine/steadyArrivals.test.ts).
      if (offered === 0) {
        const k = lane.slowRuns < 6 ? lane.slowRuns + 1 : 6;
        lane.slowRuns = k;
        lane.arriveOnly = (1 << k) - 1;
      } else lane.slowRuns = 0;
    } else if (lane.arriveOnly > 0) lane.arriveOnly--;
    arrive(sim, lane.s);
    // an IRQ it raised is now the heap's earliest event when it comes before `limit`
    if (bound) {
      const top = lane.heap.peekTime();
      if (top < limit) limit = top;
    }
  }
}
