// struct io_zcrx_ifq (io_uring/zcrx.c, v6.18; docs/model/zcrx.md#interface-queue): one area, one
// refill queue and one RX queue of one netdev, registered with IORING_REGISTER_ZCRX_IFQ. Its
// lifetime: the io_uring holds one reference, every page_pool whose init accepted it another
// (refcount_inc in io_pp_zc_init, io_put_zcrx_ifq in io_pp_zc_destroy). The completion side
// (IORING_OP_RECV_ZC CQEs) is the CQ FIFO here: the net_iov each CQE names, in order.
import type { CostTable } from '../../costs/costTable';
import type { NetIovTable } from '../../netmem/netIovTable';
import type { PagePoolApi, PagePoolRegistryApi } from '../../page_pool/types';
import type { ProviderGauge, ProviderInstance, ProviderNiovPlaces, ProviderReport, ProviderState } from '../provider';
import { ZcrxArea } from './area';
import { RefillQueue } from './refillQueue';
import { ZcrxProviderOps } from './zcrxProvider';
import type { ZcrxCounters } from './zcrxCounters';

export type { ZcrxCounters };

export interface ZcrxHooks {
  now(): number;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** bill cycles to the core running now (NAPI core in the alloc path, app core in recv) */
  charge(cycles: number, stage: number): void;
}

export class ZcrxIfq implements ProviderInstance {
  readonly kind = 'zcrx' as const;
  readonly area: ZcrxArea;
  readonly rq: RefillQueue;
  readonly ops: ZcrxProviderOps;
  readonly pools: PagePoolApi[] = [];
  state: ProviderState = 'bound';
  refs = 1;
  readonly counters: ZcrxCounters = {
    cqes: 0,
    zc_bytes: 0,
    copy_fallback_cqes: 0,
    copy_fallback_bytes: 0,
    enospc: 0,
    enomem: 0,
    lost_bytes: 0,
    refill_entries: 0,
    rqe_invalid: 0,
    rq_full: 0,
    alloc_failures: 0,
    user_passes: 0,
  };
  /** CQEs posted and not yet reaped by the application: the net_iov each names */
  private readonly cq: Int32Array;
  private cqHead = 0;
  private cqTail = 0;
  private dry = false;

  constructor(
    readonly id: number,
    readonly nic: string,
    readonly queue: number,
    areaSize: number,
    rqEntries: number,
    readonly cqEntries: number,
    readonly table: NetIovTable,
    readonly registry: PagePoolRegistryApi,
    readonly costs: CostTable,
    readonly hooks: ZcrxHooks,
  ) {
    this.area = new ZcrxArea(id, areaSize, table);
    this.rq = new RefillQueue(rqEntries);
    this.ops = new ZcrxProviderOps(this);
    this.cq = new Int32Array(cqEntries);
  }

  get numNiovs(): number {
    return this.area.numNiovs;
  }
  get cqPending(): number {
    return this.cqTail - this.cqHead;
  }

  get(): void {
    this.refs++;
  }
  put(): void {
    if (--this.refs === 0) {
      this.state = 'freed';
      this.log('info', `zcrx ifq ${this.id}: last reference dropped, area of ${this.area.numNiovs} net_iovs freed`);
    }
  }

  charge(cycles: number, stage: number): void {
    this.hooks.charge(cycles, stage);
  }
  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.hooks.log(level, `${this.nic}: ${message}`);
  }

  /** the pool a net_iov of this area is attached to now (`pool` when it is that one) */
  poolOf(niov: number, pool: PagePoolApi): PagePoolApi | undefined {
    const id = this.table.ppId[niov];
    return id === pool.id ? pool : this.registry.get(id);
  }

  /** io_zcrx_queue_cqe: false when the CQ is full (the request then ends with -ENOSPC). */
  postCqe(niov: number): boolean {
    if (this.cqPending >= this.cqEntries) return false;
    this.cq[this.cqTail++ % this.cqEntries] = niov;
    this.area.userRefs[niov - this.area.firstNiov]++;
    this.counters.cqes++;
    return true;
  }

  /**
   * One pass of the application loop: reap up to `batch` CQEs and write a refill queue entry for
   * each buffer (liburing examples/zcrx.c process_recvzc). A full refill queue stops the pass:
   * the CQE stays unreaped. Returns the entries written.
   */
  userPass(batch: number): number {
    let n = 0;
    while (n < batch && this.cqPending > 0) {
      const niov = this.cq[this.cqHead % this.cqEntries];
      if (!this.rq.push(niov)) {
        this.counters.rq_full++;
        break;
      }
      this.cqHead++;
      n++;
    }
    if (n > 0) this.counters.user_passes++;
    return n;
  }

  noteDry(): void {
    this.counters.alloc_failures++;
    if (this.dry) return;
    this.dry = true;
    let user = 0;
    for (let k = 0; k < this.area.numNiovs; k++) user += this.area.userRefs[k];
    this.log(
      'warn',
      `zcrx ifq ${this.id} on rx queue ${this.queue}: area and refill queue empty (${user} net_iov reference(s) held by the user, ${this.cqPending} CQE(s) unreaped); the driver cannot post RX buffers and the NIC drops`,
    );
  }

  noteServed(): void {
    if (!this.dry) return;
    this.dry = false;
    this.log('info', `zcrx ifq ${this.id}: buffers came back through the refill queue; the driver posts again`);
  }

  userHeld(): number {
    let user = 0;
    for (let k = 0; k < this.area.numNiovs; k++) user += this.area.userRefs[k];
    return user;
  }

  report(nic: string): ProviderReport {
    return {
      kind: 'zcrx',
      id: this.id,
      nic,
      state: this.state,
      bytes: this.area.size,
      net_iovs: this.area.numNiovs,
      queues: [this.queue],
      alloc_failures: this.counters.alloc_failures,
      places: this.places(),
      counters: {
        ...this.counters,
        rq_entries: this.rq.entries,
        cq_entries: this.cqEntries,
        area_free: this.area.free,
        user_held: this.userHeld(),
        cq_pending: this.cqPending,
        rq_pending: this.rq.count,
      },
    };
  }

  /**
   * On the area's freelist; attached to a page_pool (caches, NIC ring, stack); held by the user:
   * a net_iov with user references (CQEs not yet returned through the refill queue) or holding
   * copy-fallback data.
   */
  places(): ProviderNiovPlaces {
    const area = this.area;
    let user = 0;
    for (let k = 0; k < area.numNiovs; k++) if (area.userRefs[k] > 0 || area.fallback[k] === 1) user++;
    return { free: area.free, in_pool: area.numNiovs - area.free - user, user };
  }

  gauges(): ProviderGauge[] {
    return [
      { name: 'rq_pending', label: 'refill queue entries not yet taken', unit: 'entries', kind: 'gauge', read: () => this.rq.count },
      { name: 'cq_pending', label: 'CQEs not yet reaped', unit: 'entries', kind: 'gauge', read: () => this.cqPending },
      { name: 'enospc', label: 'RECV_ZC ended with -ENOSPC (CQ full)', unit: 'count', kind: 'delta', read: () => this.counters.enospc },
      {
        name: 'alloc_failures',
        label: 'allocations that found area and refill queue empty',
        unit: 'count',
        kind: 'delta',
        read: () => this.counters.alloc_failures,
      },
    ];
  }
}
