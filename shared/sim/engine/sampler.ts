// Samples counters and gauges into columns at every sample tick (columns built by doc/seriesKeys.ts).
// Columns of pools created after the start (ifup) are added when they appear, padded with zeros
// before; the live stream carries only the columns announced at start.
import { engineExtensions } from '../events/dispatch';
import { PP_STAT_NAMES, type SampleBatch, type Series, type SeriesColumnMeta, type SeriesKind } from '../../doc/runDocument';
import { seriesColumn, stageCounter, type PoolOwner } from '../../doc/seriesKeys';
import type { Simulation } from './simulation';
import type { PoolInfo } from './engineApi';
import { QSTAT_ALLOC_FAIL } from '../drivers/common/qstats';
import type { RxRing } from '../nic/rxRing';
import { CYCLE_STAGES, CYCLE_STAGE_COUNT } from '../../doc/cycleStages';

interface Column {
  meta: SeriesColumnMeta;
  read: () => number;
  prev: number;
  /** a delta column's per-sample change is rounded to 12 significant digits (cycle counts) */
  round: boolean;
  values: number[];
  /** decimation: smallest and largest value of the current bucket */
  lo: number;
  hi: number;
}

export interface SamplerOptions {
  /**
   * Keep each run of this many samples as two rows, the bucket's minimum (at its first time) and
   * maximum (at its last time): memory stays bounded and spikes stay visible. 1: every sample.
   */
  samplesPerBucket?: number;
  /** time of the last sample: the last, partial bucket is written then */
  endNs?: number;
}

/** Driver counters given a column from the start even before they first move. */
const KNOWN_DROPS = ['rx_missed', 'rx_alloc_fail', 'rx_xdp_drop'];

export class Sampler {
  readonly t: number[] = [];
  private readonly cols: Column[] = [];
  private readonly streamCount: number;
  private poolsSeen = 0;
  private lastT = 0;
  private pendingFrom = 0;
  private readonly perBucket: number;
  private readonly endNs: number;
  /** decimation: samples in the current bucket and its first and last time */
  private inBucket = 0;
  private bucketT0 = 0;
  private bucketT1 = 0;

  constructor(
    private readonly sim: Simulation,
    opts: SamplerOptions = {},
  ) {
    this.perBucket = Math.max(1, Math.floor(opts.samplesPerBucket ?? 1));
    this.endNs = opts.endNs ?? Infinity;
    for (const nic of sim.nics) {
      const name = nic.cfg.name;
      const gqs = Array.from({ length: nic.cfg.queues }, (_, q) => nic.gqBase + q);
      const col = (counter: string, unit: string, kind: SeriesKind, label: string) =>
        seriesColumn.nic(name, counter, { unit, kind, label });
      this.add(col('rx_packets', 'packets', 'delta', `${name} rx packets`), () => ringSum(sim.qRing, gqs, 'rxPackets'));
      this.add(col('rx_bytes', 'bytes', 'delta', `${name} rx bytes`), () => ringSum(sim.qRing, gqs, 'rxBytes'));
      this.add(col('offered_packets', 'packets', 'delta', `${name} offered packets`), () => nic.offered);
      for (const d of KNOWN_DROPS) {
        const read = d === 'rx_missed' ? () => sum(sim.qMissed, gqs) : () => nic.counts.get(d) ?? 0;
        this.add(col(`drop/${d}`, 'packets', 'delta', `${name} ${d}`), read);
      }
      // the qstat rx-alloc-fail of drivers that report it (drivers/common/qstats.ts)
      const allocFail = QSTAT_ALLOC_FAIL[nic.cfg.driver];
      if (allocFail !== null && allocFail.length > 0) {
        this.add(col('qstat/rx-alloc-fail', 'buffers', 'delta', `${name} qstat rx-alloc-fail`), () =>
          allocFail.reduce((a, k) => a + (nic.counts.get(k) ?? 0), 0),
        );
      }
      this.add(col('napi/hard_irqs', 'events', 'delta', `${name} NAPI polls scheduled by the device IRQ`), () =>
        sum(sim.napi.hardIrqs, gqs),
      );
      this.add(col('napi/timer_polls', 'events', 'delta', `${name} NAPI polls scheduled by napi_watchdog (gro_flush_timeout)`), () =>
        sum(sim.napi.timerPolls, gqs),
      );
      const nCores = new Set(gqs.map((g) => sim.qCore[g])).size;
      const busy = () => sum(sim.qPollNs, gqs);
      this.addRatio(seriesColumn.nic(name, 'cpu_busy', { unit: 'fraction', kind: 'gauge', label: `${name} NAPI CPU busy` }), busy, nCores);
      this.add(col('sock_queued', 'packets', 'gauge', `${name} packets queued to sockets`), () => sim.consumer.queued[nic.idx]);
      // socket receive buffers (stack/socketBuffer.ts)
      const sb = sim.sockets;
      this.add(
        col('sock_queued_bytes', 'bytes', 'gauge', `${name} bytes charged to sockets (queued, not yet read)`),
        () => sb.queuedBytes[nic.idx],
      );
      this.add(
        col('window_limited', 'packets', 'delta', `${name} TCP send slots skipped (receive window closed)`),
        () => sb.windowLimited[nic.idx],
      );
      this.add(
        col('wire_dropped', 'packets', 'delta', `${name} frames the oversubscribed link dropped before the NIC`),
        () => nic.wire.dropped,
      );
      this.add(col('drop/rcvbuf_errors', 'packets', 'delta', `${name} rcvbuf_errors (UDP socket full)`), () => sb.rcvbufErrors[nic.idx]);
      // cycles charged to the cores for this NIC, by stage (engine/cores.ts stageCycles rows); they
      // start from zero, not from the value after start-up, so that each column sums over the run to
      // the document's nics[].cycles_by_stage
      const row = nic.idx * CYCLE_STAGE_COUNT;
      const stages = sim.cores.stageCycles;
      CYCLE_STAGES.forEach((stage, i) => {
        this.add(col(stageCounter(stage), 'cycles', 'delta', `${name} cycles charged in stage ${stage}`), () => stages[row + i], {
          fromZero: true,
          round: true,
        });
      });
      for (const g of gqs) {
        const q = sim.qIdx[g];
        this.add(
          seriesColumn.queue(name, q, 'rx_packets', { unit: 'packets', kind: 'delta', label: `${name} q${q} rx packets` }),
          () => sim.qRing[g].rxPackets,
        );
        this.add(
          seriesColumn.queue(name, q, 'posted', { unit: 'buffers', kind: 'gauge', label: `${name} q${q} posted buffers` }),
          () => sim.qRing[g].posted,
        );
        this.addRatio(
          seriesColumn.queue(name, q, 'cpu_busy', { unit: 'fraction', kind: 'gauge', label: `${name} q${q} NAPI CPU busy` }),
          () => sim.qPollNs[g],
          1,
        );
      }
    }
    for (let node = 0; node < sim.mm.numaNodes; node++) {
      const col = (counter: string, kind: SeriesKind, label: string) => seriesColumn.mem(node, counter, { unit: 'pages', kind, label });
      this.add(col('free_pages', 'gauge', `node ${node} free pages`), () => sim.mm.freePagesOf(node));
      this.add(col('pfmemalloc', 'delta', `node ${node} pfmemalloc allocations`), () => sim.mm.nodeStats(node).pfmemalloc_allocs);
      this.add(col('alloc_fail', 'delta', `node ${node} allocation failures`), () => sim.mm.nodeStats(node).alloc_failures);
    }
    // extension columns (memory providers: binding/<id>/…, zcrx/<nic>/…), fixed after start
    for (const x of engineExtensions()) {
      for (const c of x.seriesColumns?.(sim) ?? []) this.add(c.meta, c.read);
    }
    this.addNewPools();
    this.streamCount = this.cols.length;
  }

  private add(meta: SeriesColumnMeta, read: () => number, o: { fromZero?: boolean; round?: boolean } = {}): void {
    const prev = meta.kind === 'delta' && !o.fromZero ? read() : 0;
    this.cols.push({ meta, read, prev, round: o.round ?? false, values: [], lo: Infinity, hi: -Infinity });
  }

  /** A gauge of busy ns accumulated over the interval ÷ (interval × cores), capped at 1. */
  private addRatio(meta: SeriesColumnMeta, busyNs: () => number, cores: number): void {
    let prevBusy = busyNs();
    let prevT = 0;
    this.add(meta, () => {
      const b = busyNs();
      const dt = this.lastT - prevT;
      const v = dt > 0 ? Math.min(1, (b - prevBusy) / (dt * cores)) : 0;
      prevBusy = b;
      prevT = this.lastT;
      return v;
    });
  }

  private addNewPools(): void {
    const pools = this.sim.pools;
    for (; this.poolsSeen < pools.length; this.poolsSeen++) this.addPool(pools[this.poolsSeen]);
  }

  private addPool(info: PoolInfo): void {
    const p = info.pool;
    const pad = this.t.length;
    const owner: PoolOwner = { id: p.id, nic: this.sim.nics[info.nic].cfg.name, queue: info.queue, role: info.role };
    const who = `pool ${p.id} (${owner.nic} q${owner.queue} ${owner.role})`;
    const col = (counter: string, kind: SeriesKind, label: string) =>
      seriesColumn.pool(owner, counter, { unit: 'buffers', kind, label: `${who} ${label}` });
    const start = this.cols.length;
    for (const s of PP_STAT_NAMES) this.add(col(s, 'delta', s), () => p.stats[s]);
    this.add(col('inflight', 'gauge', 'inflight'), () => p.inflight());
    this.add(col('in_stack', 'gauge', 'held by the stack and sockets'), () => p.accounting().stack);
    this.add(col('in_user', 'gauge', 'held by the user (tokens)'), () => p.accounting().user);
    this.add(col('in_nic_ring', 'gauge', 'posted to the NIC / held by the driver'), () => p.accounting().nic_ring);
    for (let i = start; i < this.cols.length; i++) {
      const c = this.cols[i];
      // a pool created mid-run starts its delta columns from zero
      c.prev = 0;
      for (let k = 0; k < pad; k++) c.values.push(0);
    }
  }

  streamMeta(): SeriesColumnMeta[] {
    return this.cols.slice(0, this.streamCount).map((c) => c.meta);
  }

  /** Take one sample at time t. */
  sample(t: number): void {
    this.addNewPools();
    this.lastT = t;
    if (this.perBucket === 1) {
      this.t.push(t);
      for (const c of this.cols) c.values.push(this.readValue(c));
      return;
    }
    if (this.inBucket === 0) this.bucketT0 = t;
    this.bucketT1 = t;
    this.inBucket++;
    for (const c of this.cols) {
      const v = this.readValue(c);
      if (v < c.lo) c.lo = v;
      if (v > c.hi) c.hi = v;
    }
    if (this.inBucket >= this.perBucket || t >= this.endNs) this.closeBucket();
  }

  /** The column's value for this sample: the change since the last one for a delta column. */
  private readValue(c: Column): number {
    const v = c.read();
    if (c.meta.kind !== 'delta') return v;
    const d = v - c.prev;
    c.prev = v;
    return c.round ? round12(d) : d;
  }

  /** Write the bucket as its minimum then its maximum (one row when it holds one sample). */
  private closeBucket(): void {
    const one = this.inBucket === 1;
    this.t.push(this.bucketT0);
    if (!one) this.t.push(this.bucketT1);
    for (const c of this.cols) {
      // A column that appeared after the bucket's first row (a pool created mid-bucket) has its own range.
      c.values.push(c.lo);
      if (!one) c.values.push(c.hi);
      c.lo = Infinity;
      c.hi = -Infinity;
    }
    this.inBucket = 0;
  }

  /** Samples taken since the last call, as a stream batch (announced columns only); null if none. */
  takeBatch(): SampleBatch | null {
    const from = this.pendingFrom;
    const to = this.t.length;
    if (to <= from) return null;
    this.pendingFrom = to;
    const columns: Float64Array[] = [];
    for (let i = 0; i < this.streamCount; i++) columns.push(Float64Array.from(this.cols[i].values.slice(from, to)));
    return { t_ns: Float64Array.from(this.t.slice(from, to)), columns };
  }

  series(): Series {
    if (this.inBucket > 0) this.closeBucket();
    const columns: Record<string, number[]> = {};
    for (const c of this.cols) columns[c.meta.key] = c.values;
    return {
      t_ns: this.t,
      columns,
      meta: this.cols.map((c) => c.meta),
      ...(this.perBucket > 1 ? { decimated: { samples_per_bucket: this.perBucket } } : {}),
    };
  }
}

/** Like the document's cycle figures (engine/cycleStagesResult.ts): a difference of two large sums keeps no more. */
function round12(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

function sum(a: Float64Array, idx: number[]): number {
  let s = 0;
  for (const i of idx) s += a[i];
  return s;
}

function ringSum(rings: readonly RxRing[], idx: number[], field: 'rxPackets' | 'rxBytes'): number {
  let s = 0;
  for (const i of idx) s += rings[i][field];
  return s;
}
