// CPU cores: each core's work is serialized. A unit of work (one NAPI poll, one application read,
// one softirq free) starts at max(its time, the core's busy-until), accumulates cycles while it
// runs, and pushes the core's busy-until forward by cycles / GHz when it ends.
// The ExecContext page_pool reads for its napi-local rule (page_pool_napi_local, docs/model/page-pool.md#direct-recycling-napi-local)
// is maintained here, mutated in place.
import type { ExecContext } from '../page_pool/types';

export class Cores {
  readonly n: number;
  readonly ghz: number;
  /** ns until which each core is busy */
  readonly busyUntil: Float64Array;
  /** busy ns per core, cumulative, split at sample boundaries by the sampler */
  readonly busyNs: Float64Array;
  /** cycles charged per core, cumulative */
  readonly cycles: Float64Array;
  readonly exec: ExecContext = { inSoftirq: false, cpu: 0, napiPollingCore: -1 };

  // The running unit of work.
  unitCore = -1;
  unitStart = 0;
  unitCycles = 0;

  constructor(n: number, ghz: number) {
    this.n = n;
    this.ghz = ghz;
    this.busyUntil = new Float64Array(n);
    this.busyNs = new Float64Array(n);
    this.cycles = new Float64Array(n);
  }

  /** Earliest time a unit of work asked for at `t` can start on `core`. */
  startTime(core: number, t: number): number {
    const b = this.busyUntil[core];
    return b > t ? b : t;
  }

  /** Begin a unit on `core` at `start`, in softirq (NAPI / deferred free) or process context. */
  begin(core: number, start: number, softirq: boolean, napiPolling: boolean): void {
    if (this.unitCore !== -1) throw new Error(`core ${core}: unit of work started inside another (core ${this.unitCore})`);
    this.unitCore = core;
    this.unitStart = start;
    this.unitCycles = 0;
    const e = this.exec;
    e.inSoftirq = softirq;
    e.cpu = core;
    e.napiPollingCore = napiPolling ? core : -1;
  }

  /** Simulated time inside the running unit. */
  now(): number {
    return this.unitStart + this.unitCycles / this.ghz;
  }

  /** End the unit; returns its end time. */
  end(): number {
    const core = this.unitCore;
    const dur = this.unitCycles / this.ghz;
    const endT = this.unitStart + dur;
    if (endT > this.busyUntil[core]) this.busyUntil[core] = endT;
    this.busyNs[core] += dur;
    this.cycles[core] += this.unitCycles;
    this.unitCore = -1;
    const e = this.exec;
    e.inSoftirq = false;
    e.napiPollingCore = -1;
    return endT;
  }

  get inUnit(): boolean { return this.unitCore !== -1; }
}
