// What the steady arrival loop (arrivals.ts arriveSteady) reads of its source, the source's NIC
// and the engine besides their changing state, gathered once into one object of one shape: a
// call's set-up reads fields of it instead of walking sim.sources, sim.srcNic and sim.nics and
// checking each object on the way. Nothing here changes during a run: the source's parameters are
// readonly, and the NIC's link, flow tables, configuration and costs, the queue arrays and the
// rings' arena are set before it starts. What scenario events change (nic.up, the rings' state
// and their queues' NAPI state) and the source's and the link's times are read by each call.
import type { TrafficSource } from '../traffic/source';
import type { LinkWire } from '../nic/wire';
import type { RxRing } from '../nic/rxRing';
import type { EventHeap } from '../util/eventHeap';
import type { NicRuntime } from './topology';
import type { EventLoopState } from './eventLoopState';

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
  // Numbers start with a value of their kind so that V8 keeps them as doubles / small integers
  // (TrafficSource explains why).
  readonly endNs: number = NaN;
  /** the source's constant gap, its frame's time on the sender's port, and its stop */
  readonly mean: number = NaN;
  readonly portNs: number = NaN;
  readonly stopNs: number = NaN;
  readonly irqCoalesce: number = NaN;
  /** the frame's time on the NIC's link (LinkWire.wireNs) */
  readonly wireNs: number = NaN;
  /** the source's frame size */
  readonly size: number = 0;
  /** the source's flows: flowBase .. flowEnd - 1 */
  readonly flowBase: number = 0;
  readonly flowEnd: number = 0;
  readonly hdsThresh: number = 0;
  readonly split: boolean = false;
  readonly src: TrafficSource;
  readonly nic: NicRuntime;
  readonly wire: LinkWire;
  readonly sendRoom: Float64Array;
  /** per NIC-wide flow id: its global queue (the NIC's gqBase + flowQueue), and that queue's ring */
  readonly flowGq: Int32Array;
  readonly flowRing: RxRing[];
  readonly hdrLen: Int32Array;
  readonly heap: EventHeap;
  readonly cqInfo: Int32Array;
  readonly cqTime: Float64Array;
  readonly cqFrameLen: Int32Array;
  readonly cqLen: Int32Array;

  /** The lane of source `s` (a steady one: TrafficSource.steady). */
  constructor(
    sim: EventLoopState,
    readonly s: number,
  ) {
    const src = sim.sources[s];
    const nic = sim.nics[sim.srcNic[s]];
    this.endNs = sim.endNs;
    this.mean = src.meanIntervalNs;
    this.portNs = src.portNs;
    this.stopNs = src.stopNs;
    this.irqCoalesce = nic.costs.irq_coalesce_ns;
    this.wireNs = nic.wire.wireNs(src.nextSize);
    // a steady source's every frame has its one size (TrafficSource.draw)
    this.size = src.nextSize;
    this.flowBase = src.flowBase;
    this.flowEnd = src.flowBase + src.flows;
    this.hdsThresh = nic.cfg.hds_thresh;
    this.split = nic.cfg.header_split === true;
    this.src = src;
    this.nic = nic;
    this.wire = nic.wire;
    this.sendRoom = nic.sendRoom;
    this.flowGq = nic.flowQueue.map((q) => nic.gqBase + q);
    this.flowRing = Array.from(this.flowGq, (gq) => sim.qRing[gq]);
    // the rings count this source's frames by number (RxRing.steadyFrames)
    for (const ring of this.flowRing) ring.steadySize = this.size;
    this.hdrLen = nic.hdrLen;
    this.heap = sim.heap;
    const arena = sim.rxArena;
    this.cqInfo = arena.cqInfo;
    this.cqTime = arena.cqTime;
    this.cqFrameLen = arena.cqFrameLen;
    this.cqLen = arena.cqLen;
  }
}
