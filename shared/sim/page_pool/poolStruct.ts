// struct page_pool (include/net/page_pool/types.h, 6.18; docs/model/page-pool.md): the pool's
// fields, its hold/release counters and NAPI binding. The operations on it are PagePool
// (pagePool.ts) and the files it names.
import type { NetmemRef } from '../netmem/netmemRef';
import type { PageTable } from '../mm/pageTable';
import type { NetIovTable } from '../netmem/netIovTable';
import type { PagePoolStats, PoolAccounting } from '../../doc/runDocument';
import {
  PP_ALLOC_CACHE_SIZE as CACHE_SIZE,
  PP_FLAG_DMA_MAP,
  PP_OP_ALLOC_FAST,
  PP_OP_DMA_SYNC_DEV,
  PP_OP_NETMEM_CHECK,
  PP_OP_RECYCLE_DIRECT,
  PP_OP_RECYCLE_RING,
  PP_OP_HIGH_ORDER_PAGE as OP_HIGH_ORDER_PAGE,
  PP_OP_SLOW_PAGE as OP_SLOW_PAGE,
  type ExecContext,
  type MemoryProviderOps,
  type PagePoolHooks,
  type PagePoolParams,
  type PoolCycleSink,
  type PoolState,
  type PpOp,
} from './types';
import { PtrRing } from './ptrRing';
import { HOLD_POOL, type HoldMeter } from '../metadata/holdMeter';
import type { FaultPoints } from '../faults/faultAttr';
import { newStats, poolAccounting } from './poolStats';

export abstract class PagePoolStruct {
  id = 0;
  readonly params: PagePoolParams;
  readonly ringSize: number = 0;
  readonly stats: PagePoolStats = newStats();
  readonly hooks: PagePoolHooks;
  readonly exec: ExecContext;
  /** hooks.cycles: where chargeOp bills in place, null to call hooks.charge */
  readonly cycles: PoolCycleSink | null;
  // The per-buffer operations' bills, read once from hooks.cycles (fixed for the run): cycles of
  // one operation and its cell in the stage sums; billUnit null = bill through hooks.charge.
  readonly billUnit: { unitCycles: number } | null;
  readonly billStage: Float64Array;
  // Numeric fields start as a double (NaN) or a small integer (0), not undefined, so V8 keeps them
  // as such and reads them without a type check (as in traffic/source.ts).
  readonly cycAllocFast: number = NaN;
  readonly cellAllocFast: number = 0;
  readonly cycNetmemCheck: number = NaN;
  readonly cellNetmemCheck: number = 0;
  readonly cycDmaSync: number = NaN;
  readonly cellDmaSync: number = 0;
  readonly cycRecycleDirect: number = NaN;
  readonly cellRecycleDirect: number = 0;
  readonly cycRecycleRing: number = NaN;
  readonly cellRecycleRing: number = 0;
  readonly pages: PageTable;
  readonly niovs: NetIovTable;
  readonly ring: PtrRing;
  /**
   * The alloc cache's CACHE_SIZE slots, then the ptr_ring's: one buffer, so a refill moves a run
   * from the ring to the cache with one copyWithin (page_pool/alloc.ts refillAllocCache).
   */
  readonly slots: Int32Array;
  readonly cache: Int32Array;
  cacheCount = 0;
  /** scratch for alloc_pages_bulk (never reallocated) */
  readonly bulkScratch = new Int32Array(CACHE_SIZE);
  /** u32 counters kept as JS numbers; inflight uses (s32) wrap-around arithmetic */
  holdCnt = 0;
  releaseCnt = 0;
  peakInflight = 0;
  /** the NIC's descriptor meter (metadata/holdMeter.ts), moved with hold_cnt and release_cnt */
  readonly meter: HoldMeter;
  /** meter class of this pool's pages (order) */
  protected readonly pageClass: number = 0;
  readonly dmaMap: boolean;
  dmaSync: boolean;
  dmaSyncForCpu = true;
  cpuid: number = 0;
  /** pp.napi: core of the NAPI instance, -1 when unset */
  napiCore: number = 0;
  nid: number = 0;
  provider: MemoryProviderOps | null = null;
  /** pool->slow.netdev (PagePoolApi.netdev) */
  netdev: number = 0;
  /** fault points of the run (fail_function on page_pool_alloc_netmems, DMA map errors) */
  readonly faults: FaultPoints | null;
  // frag state (pool->frag_page, frag_offset, frag_users) and the out-params of the frag API
  fragPage: NetmemRef = 0;
  fragOffsetState = 0;
  fragUsers = 0;
  fragOffset = 0;
  lastSize = 0;
  // lifecycle
  userCnt = 1;
  destroyCnt = 0;
  state: PoolState = 'live';
  destroyInfo: null | { started_ns: number; finished_ns: number | null; detach_time_ns: number | null } = null;
  deferStartNs = 0;
  deferWarnNs = 0;

  constructor(params: PagePoolParams, ringSize: number, hooks: PagePoolHooks, cpuid: number) {
    this.params = { ...params };
    this.ringSize = ringSize;
    this.hooks = hooks;
    this.exec = hooks.exec;
    const sink = hooks.cycles ?? null;
    this.cycles = sink;
    this.billUnit = sink === null ? null : sink.unit;
    this.billStage = sink === null ? new Float64Array(0) : sink.stage;
    const cyc = (op: PpOp): number => (sink === null ? 0 : sink.opCycles[op]);
    const cell = (op: PpOp): number => (sink === null ? 0 : sink.opStage[op]);
    this.cycAllocFast = cyc(PP_OP_ALLOC_FAST);
    this.cellAllocFast = cell(PP_OP_ALLOC_FAST);
    this.cycNetmemCheck = cyc(PP_OP_NETMEM_CHECK);
    this.cellNetmemCheck = cell(PP_OP_NETMEM_CHECK);
    this.cycDmaSync = cyc(PP_OP_DMA_SYNC_DEV);
    this.cellDmaSync = cell(PP_OP_DMA_SYNC_DEV);
    this.cycRecycleDirect = cyc(PP_OP_RECYCLE_DIRECT);
    this.cellRecycleDirect = cell(PP_OP_RECYCLE_DIRECT);
    this.cycRecycleRing = cyc(PP_OP_RECYCLE_RING);
    this.cellRecycleRing = cell(PP_OP_RECYCLE_RING);
    this.meter = hooks.holdMeter;
    this.pageClass = HOLD_POOL + params.order;
    this.pages = hooks.tables.page;
    this.niovs = hooks.tables.niov;
    this.slots = new Int32Array(CACHE_SIZE + ringSize);
    this.cache = this.slots.subarray(0, CACHE_SIZE);
    this.ring = new PtrRing(ringSize, this.slots.subarray(CACHE_SIZE));
    this.cpuid = cpuid;
    this.napiCore = params.napiCore;
    this.nid = params.nid;
    this.dmaMap = (params.flags & PP_FLAG_DMA_MAP) !== 0;
    this.dmaSync = false; // set by createPagePool after the SYNC_DEV checks
    this.faults = hooks.faults ?? null;
    this.netdev = params.netdev;
  }

  /**
   * hooks.charge(op, count), in place through the engine's sums when it offers them (PoolCycleSink:
   * the same additions in the same order). The page-allocator ops always go through the hook,
   * which adds the below-low surcharge.
   */
  chargeOp(op: PpOp, count: number): void {
    const s = this.cycles;
    if (s === null || op === OP_SLOW_PAGE || op === OP_HIGH_ORDER_PAGE) {
      this.hooks.charge(op, count);
      return;
    }
    const cyc = s.opCycles[op] * count;
    if (cyc !== 0) {
      s.unit.unitCycles += cyc;
      s.stage[s.opStage[op]] += cyc;
    }
  }

  /** chargeOp(op, 1) with the op's bill read at creation (one of the per-buffer operations above). */
  protected bill(op: PpOp, cyc: number, cell: number): void {
    const u = this.billUnit;
    if (u === null) {
      this.hooks.charge(op, 1);
      return;
    }
    if (cyc !== 0) {
      u.unitCycles += cyc;
      this.billStage[cell] += cyc;
    }
  }

  get allocCacheCount(): number {
    return this.cacheCount;
  }
  get ptrRingCount(): number {
    return this.ring.count;
  }

  /** (s32)(hold - release), the strict value (may be negative on a driver bug). */
  inflightStrict(): number {
    return (this.holdCnt - this.releaseCnt) | 0;
  }
  inflight(): number {
    const v = (this.holdCnt - this.releaseCnt) | 0;
    return v > 0 ? v : 0;
  }
  inflightMem(): number {
    return this.inflight() * (this.hooks.mm.pageSize * 2 ** this.params.order);
  }

  /** page_pool_disable_direct_recycling: cpuid = -1, pp.napi = NULL. */
  disableDirectRecycling(): void {
    this.cpuid = -1;
    this.napiCore = -1;
  }

  enableDirectRecycling(napiCore: number): void {
    if (this.napiCore === napiCore) return;
    if (napiCore < 0 || this.napiCore >= 0)
      this.hooks.log('warn', `WARNING: page_pool_enable_direct_recycling: pool ${this.id} already has a NAPI`);
    this.napiCore = napiCore;
  }

  napiOwnerMoved(core: number): void {
    if (this.napiCore >= 0) this.napiCore = core;
  }

  useXdpMem(): void {
    this.userCnt++;
  }

  accounting(): PoolAccounting {
    return poolAccounting(this);
  }
}
