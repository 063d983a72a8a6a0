// One traffic source: the next arrival is always pre-generated (time, size, flow), so the engine
// can dispatch arrivals inline while they come before its next heap event.
// Rates: `line` = the NIC's link rate; a bit rate counts wire bits (frame + 20 bytes preamble/IFG),
// as a traffic generator set to "x Gbit/s L1" does; `{ pps }` is frames per second.
// Flows take turns round-robin (each flow gets every flows-th frame), so per-queue streams are
// steady; Poisson and on/off shape when frames come, not which flow they belong to.
// The schedule (schedT) is what the process draws; a frame is ready (readyT) once the sender's
// previous frame has left its port: a sender never transmits faster than its link (a Poisson
// burst waits in its transmit queue). The engine may hold a ready frame longer while a shared
// link is busy (nic/wire.ts): nextT moves, readyT and the schedule do not.
import type { TrafficConfig } from '../../scenario/schema';
import { Prng } from '../util/prng';
import { WIRE_EPS_NS, wireBits } from '../nic/lineRate';
import { ARRIVAL_CONSTANT, ARRIVAL_ON_OFF, ARRIVAL_POISSON } from './arrivalKinds';
import { sizeDistributionOf, type SizeDistribution } from './packetSizes';

export class TrafficSource {
  /** time the next frame reaches the link (ns, fractional internally; Infinity when done) */
  nextT = Infinity;
  /** time the next frame left its sender (schedule, or the end of the previous frame) */
  readyT = Infinity;
  /** the arrival process's time for the next frame */
  schedT = Infinity;
  nextSize = 0;
  /** NIC-wide flow id of the next arrival */
  nextFlow = 0;
  // Numeric fields start with a value of their kind (a double or a small integer), as nextT does:
  // declared bare, a field starts undefined and V8 then reads it as any value (a type check and
  // an unboxing per read); a double field first given NaN stays a double whatever is stored later.
  readonly pps: number = NaN;
  readonly meanIntervalNs: number = NaN;
  readonly sizes: SizeDistribution;
  readonly arrival: number = 0;
  readonly flowBase: number = 0;
  readonly flows: number = 0;
  readonly protocol: 'tcp' | 'udp';
  private readonly rng: Prng;
  private readonly onNs: number = NaN;
  private readonly offNs: number = NaN;
  private phaseStart: number = NaN;
  private readonly fixedSize: number = 0;
  /** ns of the sender's link per byte of wire */
  private readonly nsPerWireBit: number = NaN;
  /** from this time on the source sends nothing (scenario `stop`, or the end of the run) */
  readonly stopNs: number = NaN;
  /**
   * Constant gaps, one frame size, no on/off phases: the next frame follows from the times alone,
   * and the engine's steady arrival loop computes advance() of a sent frame itself
   * (engine/wasm/arrivalLoopWasm.ts, driven by engine/arrivals.ts arriveSteady). Then portNs is the frame's time on the sender's port (0 otherwise).
   */
  readonly steady: boolean = false;
  readonly portNs: number = NaN;

  constructor(cfg: TrafficConfig, linkBps: number, flowBase: number, seed: number, name: string, endNs: number) {
    this.sizes = sizeDistributionOf(cfg.packet_size);
    this.fixedSize = this.sizes.fixed ? this.sizes.sizes[0] : 0;
    const meanWire = wireBits(this.sizes.mean);
    if (cfg.rate === 'line') this.pps = linkBps / meanWire;
    else if (typeof cfg.rate === 'number') this.pps = cfg.rate / meanWire;
    else this.pps = cfg.rate.pps;
    if (!(this.pps > 0)) throw new RangeError(`traffic for ${cfg.nic}: rate must be above 0`);
    this.meanIntervalNs = 1e9 / this.pps;
    this.nsPerWireBit = 1e9 / linkBps;
    this.flowBase = flowBase;
    this.flows = cfg.flows;
    this.protocol = cfg.protocol;
    this.rng = new Prng(seed, name);
    this.stopNs = Math.min(cfg.stop ?? Infinity, endNs);
    if (typeof cfg.arrival === 'string') {
      this.arrival = cfg.arrival === 'poisson' ? ARRIVAL_POISSON : ARRIVAL_CONSTANT;
      this.onNs = Infinity;
      this.offNs = 0;
    } else {
      this.arrival = ARRIVAL_ON_OFF;
      this.onNs = cfg.arrival.on_off.on;
      this.offNs = cfg.arrival.on_off.off;
      if (this.onNs <= 0) throw new RangeError(`traffic for ${cfg.nic}: on_off.on must be above 0`);
    }
    this.phaseStart = cfg.start;
    this.steady = this.arrival === ARRIVAL_CONSTANT && this.fixedSize !== 0;
    this.portNs = this.steady ? wireBits(this.fixedSize) * this.nsPerWireBit : 0;
    this.schedT = this.readyT = this.nextT = cfg.start;
    if (this.nextT >= this.stopNs) this.schedT = this.readyT = this.nextT = Infinity;
    else {
      // draw() moves on to the flow after nextFlow: the first frame is flowBase's
      this.nextFlow = this.flowBase + this.flows - 1;
      this.draw();
    }
  }

  /**
   * Consume the current frame and pre-generate the next one. `sent` false: the sender skipped
   * the slot (TCP window closed), its port stayed idle.
   */
  advance(sent = true): void {
    // the sender's own port is busy for the frame's wire time from when it was ready, whatever a
    // shared link further on did with it
    const portFree = sent ? this.readyT + wireBits(this.nextSize) * this.nsPerWireBit : this.readyT;
    let t = this.schedT;
    if (this.arrival === ARRIVAL_POISSON) t += this.rng.exponential(this.meanIntervalNs);
    else t += this.meanIntervalNs;
    if (this.arrival === ARRIVAL_ON_OFF) {
      const period = this.onNs + this.offNs;
      if (t >= this.phaseStart + this.onNs) {
        // skip the off period: start of the next on phase
        while (t >= this.phaseStart + this.onNs) this.phaseStart += period;
        if (t < this.phaseStart) t = this.phaseStart;
      }
    }
    this.schedT = t;
    const ready = portFree > t + WIRE_EPS_NS ? portFree : t;
    this.readyT = this.nextT = t < this.stopNs ? ready : Infinity;
    if (this.nextT !== Infinity) this.draw();
  }

  private draw(): void {
    this.nextSize = this.fixedSize !== 0 ? this.fixedSize : this.sizes.pick(this.rng.nextFloat());
    // the flows take turns
    const f = this.nextFlow + 1;
    this.nextFlow = f === this.flowBase + this.flows ? this.flowBase : f;
  }
}
