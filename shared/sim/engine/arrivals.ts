// Frames reaching the NIC: each traffic source keeps its next arrival pre-generated (time, size,
// flow); the event loop dispatches arrivals inline while they come before its next heap event, and
// the RX rings' pull catches them up to a polling core's clock. A frame passes the TCP window and
// the link (nic/wire.ts), then completes into the RX ring's arena arrays (nic/rxRingArena.ts); the
// first frame on an armed queue raises its IRQ (a NAPI poll event).
import { CQ_EOP, CQ_FLOW_SHIFT, CQ_SOP } from '../nic/completionWord';
import { WIRE_EPS_NS } from '../nic/lineRate';
import { EV_POLL, POLL_IRQ, Q_ARMED, Q_IRQ_PENDING, Q_STOPPED } from './eventKinds';
import type { EventLoopState } from './eventLoopState';
import type { SteadyLane } from './steadyLane';

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
  const arena = sim.rxArena;
  const cqInfo = arena.cqInfo;
  const cqTime = arena.cqTime;
  const cqFrameLen = arena.cqFrameLen;
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
    // RxRing.receive's common case, in the arena's arrays: no header split, the whole frame in
    // the head buffer, one descriptor (SOP and EOP); anything else through receive()
    // (the head buffer is big enough when every posted buffer is: postLenAll; it completes in
    // its own slot, which already holds its ref)
    const postCount = ring.postCount;
    if (postCount !== 0 && ring.postLenAll >= size && !(hdr > 0 && size - hdr > hdsThresh)) {
      const p = ring.postHead;
      const slot = ring.base + p;
      cqInfo[slot] = (flow << CQ_FLOW_SHIFT) | CQ_SOP | CQ_EOP;
      cqTime[slot] = t;
      cqFrameLen[slot] = size;
      ring.postHead = (p + 1) & ring.mask;
      ring.postCount = postCount - 1;
      ring.cqCnt++;
    } else if (ring.receive(size, hdr > 0 && size - hdr > hdsThresh ? hdr : 0, flow, t) === 0) {
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
 * arriveUntil() for a steady source (TrafficSource.steady: constant gaps, one frame size): the
 * source's and the link's times are kept in locals across frames, with advance()'s arithmetic for
 * a sent frame, and written back before anything else reads them. A frame off the common path
 * (window closed, link busy, NIC down, queue stopped, the ring's slow path) goes through arrive().
 */
export function arriveSteady(sim: EventLoopState, lane: SteadyLane, heapBound: boolean): void {
  let limit = lane.limit;
  const src = lane.src;
  const nic = lane.nic;
  const wire = lane.wire;
  const sendRoom = lane.sendRoom;
  const flowRing = lane.flowRing;
  // header split's tables are read from the lane where a frame needs them: not held across the
  // loop, they leave registers to what every frame uses
  const split = lane.split;
  const cqInfo = lane.cqInfo;
  const cqTime = lane.cqTime;
  const cqFrameLen = lane.cqFrameLen;
  // Loop invariants as machine numbers: `* 1` (floats) and `| 0` (integers) convert a field's
  // tagged value once here; read plainly, the compiled loop re-checks and unboxes it per frame.
  const end = lane.endNs * 1;
  const size = lane.size | 0;
  const mean = lane.mean * 1;
  const portNs = lane.portNs * 1;
  const stopNs = lane.stopNs * 1;
  const flowBase = lane.flowBase | 0;
  const flowEnd = lane.flowEnd | 0;
  const irqCoalesce = lane.irqCoalesce * 1;
  const lastNs = lane.wireNs * 1;
  const bound = heapBound === true;
  for (;;) {
    let t = src.nextT;
    let readyT = src.readyT;
    let schedT = src.schedT;
    let flow = src.nextFlow;
    let freeAt = wire.freeAt;
    let offered = 0;
    // the loop stopped at a frame for arrive() (else at `limit` or the end)
    let slow = false;
    if (t >= end || t > limit) return;
    if (nic.up !== true) slow = true;
    else {
      for (;;) {
        if (t >= end || t > limit) break;
        // TCP receive window closed (socketBuffer.ts), or the link busy (nic/wire.ts): arrive()
        const room = sendRoom[flow];
        if (room <= 0 || freeAt > t + WIRE_EPS_NS) {
          slow = true;
          break;
        }
        // RxRing.receive's one-descriptor case, as in arriveUntil; with header split (a flow's
        // header length is not 0 only then: topology.ts) also when the header goes to a header
        // buffer and the rest fits the data buffer
        const ring = flowRing[flow];
        const st = ring.napiState;
        const postCount = ring.postCount;
        if (st === Q_STOPPED || postCount === 0) {
          slow = true;
          break;
        }
        let hdr = 0;
        if (split) {
          hdr = lane.hdrLen[flow];
          if (!(hdr > 0 && size - hdr > lane.hdsThresh)) hdr = 0;
          else if (ring.postedHeaders === 0) {
            slow = true;
            break;
          }
        }
        if (ring.postLenAll < size - hdr) {
          slow = true;
          break;
        }
        // LinkWire.offer and TrafficSource.advance() of a sent frame
        freeAt = t + lastNs;
        const portFree = readyT + portNs;
        const next = schedT + mean;
        schedT = next;
        const f = flow;
        const tf = t;
        if (next < stopNs) {
          t = readyT = portFree > next + WIRE_EPS_NS ? portFree : next;
          // the flows take turns (TrafficSource.draw)
          // `| 0` on sums of small integers: int32 arithmetic without an overflow check (the
          // values stay far below 2^31: flows, ring slots and counts, frames per call)
          flow = (flow + 1) | 0;
          if (flow === flowEnd) flow = flowBase;
        } else t = readyT = Infinity;
        offered = (offered + 1) | 0;
        const p = ring.postHead;
        const slot = (ring.base + p) | 0;
        cqInfo[slot] = (f << CQ_FLOW_SHIFT) | CQ_SOP | CQ_EOP;
        cqTime[slot] = tf;
        cqFrameLen[slot] = size;
        // receiveSpan's writes for a split frame: the data length, and the header buffer
        if (hdr !== 0) {
          lane.cqLen[slot] = size - hdr;
          ring.completeHeader(p, hdr);
        }
        ring.postHead = (p + 1) & ring.mask;
        ring.postCount = (postCount - 1) | 0;
        ring.cqCnt = (ring.cqCnt + 1) | 0;
        sendRoom[f] = room - size; // given back by RxRing.consume
        ring.steadyFrames++;
        if (st === Q_ARMED) {
          // the IRQ's poll event; the heap reads none of the state kept in locals
          ring.napiState = Q_IRQ_PENDING;
          const gq = lane.flowGq[f];
          const irqAt = Math.ceil(tf) + irqCoalesce;
          lane.heap.push(irqAt, EV_POLL, gq * 4 + POLL_IRQ);
          if (bound && irqAt < limit) limit = irqAt;
        }
      }
    }
    src.nextT = t;
    src.readyT = readyT;
    src.schedT = schedT;
    src.nextFlow = flow;
    wire.freeAt = freeAt;
    nic.offered += offered;
    if (!slow) return;
    arrive(sim, lane.s);
    // an IRQ it raised is now the heap's earliest event when it comes before `limit`
    if (bound) {
      const top = lane.heap.peekTime();
      if (top < limit) limit = top;
    }
  }
}
