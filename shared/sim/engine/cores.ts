// CPU cores: each core's work is serialized. A unit of work (one NAPI poll, one application read,
// one softirq free) starts at max(its time, the core's busy-until), accumulates cycles while it
// runs, and pushes the core's busy-until forward by cycles / GHz when it ends.
// The ExecContext page_pool reads for its napi-local rule (page_pool_napi_local, docs/model/page-pool.md#direct-recycling-napi-local)
// is maintained here, mutated in place.
import type { ExecContext } from '../page_pool/types';
import { CYCLE_STAGE_COUNT } from '../../doc/cycleStages';

export class Cores {
  // n and ghz start as a small integer and a double, not undefined, so V8 keeps them as such and
  // reads them without a type check (as in traffic/source.ts).
  readonly n: number = 0;
  readonly ghz: number = NaN;
  /** ns until which each core is busy */
  readonly busyUntil: Float64Array;
  /** busy ns per core, cumulative, split at sample boundaries by the sampler */
  readonly busyNs: Float64Array;
  /** cycles charged per core, cumulative */
  readonly cycles: Float64Array;
  readonly exec: ExecContext = { inSoftirq: false, cpu: 0, napiPollingCore: -1 };
  /**
   * Cycles charged per NIC and stage (row `nic * CYCLE_STAGE_COUNT`, shared/doc/cycleStages.ts),
   * cumulative. Every charge goes through charge(), so the rows add up to `cycles`.
   */
  readonly stageCycles: Float64Array;
  /** row of the NIC the running work bills (set by begin, switched per skb by the socket side) */
  stageRow = 0;

  // The running unit of work. The times and the cycle sum are doubles from the start (NaN, then 0
  // in the constructor): a field that starts as a small integer changes representation at its
  // first fractional add, which deoptimizes every compiled function that read it.
  unitCore = -1;
  unitStart = NaN;
  unitCycles = NaN;
  /** end time of the last unit ended (finish) */
  unitEnd = NaN;

  constructor(n: number, ghz: number, nics = 1) {
    this.n = n;
    this.stageCycles = new Float64Array(Math.max(1, nics) * CYCLE_STAGE_COUNT);
    this.ghz = ghz;
    this.busyUntil = new Float64Array(n);
    this.busyNs = new Float64Array(n);
    this.cycles = new Float64Array(n);
    this.unitStart = 0;
    this.unitCycles = 0;
    this.unitEnd = 0;
  }

  /** Earliest time a unit of work asked for at `t` can start on `core`. */
  startTime(core: number, t: number): number {
    const b = this.busyUntil[core];
    return b > t ? b : t;
  }

  /**
   * Begin a unit on `core` at `start`, in softirq (NAPI / deferred free) or process context,
   * billing NIC `nic`'s stage row.
   */
  begin(core: number, start: number, softirq: boolean, napiPolling: boolean, nic: number): void {
    if (this.unitCore !== -1) nestedUnit(core, this.unitCore);
    this.unitCore = core;
    this.stageRow = nic * CYCLE_STAGE_COUNT;
    this.unitStart = start;
    this.unitCycles = 0;
    const e = this.exec;
    e.inSoftirq = softirq;
    e.cpu = core;
    e.napiPollingCore = napiPolling ? core : -1;
  }

  /** Charge `cycles` to the running unit, in `stage` of the billed NIC. */
  charge(stage: number, cycles: number): void {
    this.unitCycles += cycles;
    this.stageCycles[this.stageRow + stage] += cycles;
  }

  /** Charge `cycles` to the running unit, in `stage` of NIC `nic`. */
  chargeNic(nic: number, stage: number, cycles: number): void {
    this.unitCycles += cycles;
    this.stageCycles[nic * CYCLE_STAGE_COUNT + stage] += cycles;
  }

  /** Simulated time inside the running unit. */
  now(): number {
    return this.unitStart + this.unitCycles / this.ghz;
  }

  /** now() once the running unit has charged `cycles` in all (a caller that sums its charges locally). */
  nowAt(cycles: number): number {
    return this.unitStart + cycles / this.ghz;
  }

  /** End the unit; returns its end time. */
  end(): number {
    this.finish();
    return this.unitEnd;
  }

  /**
   * End the unit, leaving its end time in `unitEnd`: a float returned from a call the compiler
   * does not inline is boxed (one heap allocation per unit of work); a field is not.
   */
  finish(): void {
    const core = this.unitCore;
    const dur = this.unitCycles / this.ghz;
    const endT = this.unitStart + dur;
    if (endT > this.busyUntil[core]) this.busyUntil[core] = endT;
    this.busyNs[core] += dur;
    this.cycles[core] += this.unitCycles;
    this.unitEnd = endT;
    this.unitCore = -1;
    const e = this.exec;
    e.inSoftirq = false;
    e.napiPollingCore = -1;
  }

  get inUnit(): boolean {
    return this.unitCore !== -1;
  }
}

/** begin() inside a running unit: a bug. Apart from begin, whose callers inline it. */
function nestedUnit(core: number, running: number): never {
  throw new Error(`core ${core}: unit of work started inside another (core ${running})`);
}
