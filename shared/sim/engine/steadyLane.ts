// The run's single steady source (TrafficSource.steady: constant gaps, one frame size) and what
// its arrival loop needs, gathered once: the loop runs in WebAssembly (wasm/arrivalLoopWasm.ts)
// over the arena's memory (nic/rxRingArena.ts), where the rings' scalar words, their completion
// arrays and the NIC's send windows live; its parameter block holds what does not change during
// the run (the source's gap, port time and stop, the link's frame time, the IRQ moderation, the
// flows, the arrays' addresses). What scenario events change (nic.up, the rings' NAPI state) and
// the source's and the link's times are read by each call (arrivals.ts arriveSteady).
import type { TrafficSource } from '../traffic/source';
import type { LinkWire } from '../nic/wire';
import type { EventHeap } from '../util/eventHeap';
import type { NicRuntime } from './topology';
import type { EventLoopState } from './eventLoopState';
import { arrivalLoop } from './wasm/arrivalLoopWasm';
import {
  IRQ_RECORD_BYTES,
  PARAM_BYTES,
  P_CQ_HDR_OFF,
  P_CQ_HDR_REF,
  P_CQ_TIME,
  P_RUN_REC,
  P_END,
  P_FLOW,
  P_FLOW_BASE,
  P_FLOW_END,
  P_FLOW_RING,
  P_HDR_LEN,
  P_HDR_OFF,
  P_HDR_REF,
  P_HDS_THRESH,
  P_IRQ_COALESCE,
  P_IRQ_LOG,
  P_LAST,
  P_MEAN,
  P_PORT,
  P_SEND_ROOM,
  P_SIZE,
  P_STOP_NS,
} from './wasm/arrivalParams';

const lanes = new WeakMap<EventLoopState, SteadyLane>();

/** The lane of the run's single steady source, made at the first call (the run is set up by then). */
export function steadyLaneOf(sim: EventLoopState): SteadyLane {
  let lane = lanes.get(sim);
  if (lane === undefined) {
    lane = new SteadyLane(sim, 0);
    lanes.set(sim, lane);
  }
  return lane;
}

export class SteadyLane {
  /**
   * Arrivals up to this time: set by the caller just before each call (a float argument to a call
   * the compiler does not inline is boxed, an allocation per call).
   */
  limit = NaN;
  /** runs in a row that stopped at their first frame, and frames left to send straight to arrive() (arriveSteady) */
  slowRuns = 0;
  arriveOnly = 0;
  /** the run's end (a double from the start: TrafficSource explains why) */
  readonly endNs: number = NaN;
  readonly src: TrafficSource;
  readonly nic: NicRuntime;
  readonly wire: LinkWire;
  readonly heap: EventHeap;
  /** per NIC-wide flow id: its global queue (the NIC's gqBase + flowQueue) */
  readonly flowGq: Int32Array;
  /** the loop, and its parameter block as doubles and as integers (arrivalLoopWasm.ts P_*) */
  readonly run: () => number;
  readonly paramF64: Float64Array;
  readonly paramI32: Int32Array;
  /** the IRQs a run raised (P_IRQ_LOG), as doubles and as integers */
  readonly irqLogF64: Float64Array;
  readonly irqLogI32: Int32Array;

  /** The lane of source `s` (a steady one). */
  constructor(
    sim: EventLoopState,
    readonly s: number,
  ) {
    const src = sim.sources[s];
    const nic = sim.nics[sim.srcNic[s]];
    this.endNs = sim.endNs;
    this.src = src;
    this.nic = nic;
    this.wire = nic.wire;
    this.heap = sim.heap;
    this.flowGq = nic.flowQueue.map((q) => nic.gqBase + q);
    const arena = sim.rxArena;
    const mem = arena.memory;
    // the send windows move into the arena's memory, where the loop reads them: every holder of
    // the NIC's array is re-pointed (the socket buffers, the NIC, its rings)
    const old = nic.sendRoom;
    const room = new Float64Array(mem.buffer, arena.alloc(old.length * 8), old.length);
    room.set(old);
    nic.sendRoom = room;
    sim.sockets.sendRoom[nic.idx] = room;
    for (const ring of sim.qRing) if (ring.flowRoom === old) ring.flowRoom = room;
    // per flow: the byte address of its ring's scalar words (RxRing.attachWords)
    const flowRingAt = arena.alloc(this.flowGq.length * 4);
    const flowRing = new Int32Array(mem.buffer, flowRingAt, this.flowGq.length);
    for (let f = 0; f < flowRing.length; f++) flowRing[f] = sim.qRing[this.flowGq[f]].wordsOffset;
    // the rings count this source's frames by number (RxRing.steadyFrames)
    const size = src.nextSize;
    for (const gq of this.flowGq) sim.qRing[gq].steadySize = size;
    // a run raises at most one IRQ per queue (its first frame on an armed queue)
    const irqLogAt = arena.alloc(sim.qRing.length * IRQ_RECORD_BYTES);
    this.irqLogF64 = new Float64Array(mem.buffer, irqLogAt, sim.qRing.length * 2);
    this.irqLogI32 = new Int32Array(mem.buffer, irqLogAt, sim.qRing.length * 4);
    const pf = (this.paramF64 = new Float64Array(mem.buffer, 0, P_FLOW / 8));
    const pi = (this.paramI32 = new Int32Array(mem.buffer, P_FLOW, (PARAM_BYTES - P_FLOW) / 4));
    const i = (off: number): number => (off - P_FLOW) / 4;
    pf[P_END / 8] = sim.endNs;
    pf[P_MEAN / 8] = src.meanIntervalNs;
    pf[P_PORT / 8] = src.portNs;
    pf[P_STOP_NS / 8] = src.stopNs;
    // a steady source's every frame has its one size (TrafficSource.draw)
    pf[P_LAST / 8] = nic.wire.wireNs(size);
    pf[P_IRQ_COALESCE / 8] = nic.costs.irq_coalesce_ns;
    pi[i(P_SIZE)] = size;
    pi[i(P_FLOW_BASE)] = src.flowBase;
    pi[i(P_FLOW_END)] = src.flowBase + src.flows;
    pi[i(P_SEND_ROOM)] = room.byteOffset;
    pi[i(P_FLOW_RING)] = flowRingAt;
    pi[i(P_RUN_REC)] = arena.runRec.byteOffset;
    pi[i(P_CQ_TIME)] = arena.cqTime.byteOffset;
    pi[i(P_IRQ_LOG)] = irqLogAt;
    // header split: the flows' header lengths (fixed for the run: topology.ts), the header FIFO
    // and where a split frame records the header buffer it took
    const hdrLenAt = arena.alloc(nic.hdrLen.length * 4);
    new Int32Array(mem.buffer, hdrLenAt, nic.hdrLen.length).set(nic.hdrLen);
    pi[i(P_HDS_THRESH)] = nic.cfg.hds_thresh;
    pi[i(P_HDR_LEN)] = hdrLenAt;
    pi[i(P_HDR_REF)] = arena.hdrRef.byteOffset;
    pi[i(P_HDR_OFF)] = arena.hdrOff.byteOffset;
    pi[i(P_CQ_HDR_REF)] = arena.cqHdrRef.byteOffset;
    pi[i(P_CQ_HDR_OFF)] = arena.cqHdrOff.byteOffset;
    this.run = arrivalLoop(mem, nic.cfg.header_split === true);
  }
}
