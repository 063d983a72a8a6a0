// The state the event loop and the arrival loops work on (engine/eventLoop.ts, engine/arrivals.ts).
import type { RxRingArena } from '../nic/rxRingArena';
import type { SocketBuffers } from '../stack/socketBuffer';
import type { TrafficSource } from '../traffic/source';
import type { SimState } from './simState';

/** What the loop works on beyond SimState: the traffic, the per-queue receive counters and its clock. */
export interface EventLoopState extends SimState {
  readonly endNs: number;
  readonly sources: TrafficSource[];
  /** per traffic source: its NIC */
  readonly srcNic: Int32Array;
  readonly sockets: SocketBuffers;
  readonly qMissed: Float64Array;
  /** the RX rings' shared arrays (each ring's window starts at its RxRing.base) */
  readonly rxArena: RxRingArena;
  /** time of the event being handled (now() outside a unit of work) */
  simNow: number;
  /**
   * arriveUntil: arrivals up to this time, set by the caller just before the call (arriveSteady: SteadyLane.limit)
   * (a float argument to a call the compiler does not inline is boxed: an allocation per call)
   */
  arrivalLimit: number;
  /** run the callback `schedule` stored in `slot` */
  runCallback(slot: number): void;
  /** run the scenario's event number `i` */
  scenarioEvent(i: number): void;
}
