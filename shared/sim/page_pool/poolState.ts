// What the page_pool's operations (alloc, frag, recycle, release, destroy, provider) work on: the
// pool's state beyond its public API. PagePool (pagePool.ts) implements it; the operations import
// this interface, not the class, so the class can call them without an import cycle.
import type { Gfp } from '../mm/gfp';
import type { PageTable } from '../mm/pageTable';
import type { FaultPoints } from '../faults/faultAttr';
import type { NetIovTable } from '../netmem/netIovTable';
import type { NetmemRef } from '../netmem/netmemRef';
import type { PagePoolStats } from '../../doc/runDocument';
import type { PtrRing } from './ptrRing';
import type { ExecContext, MemoryProviderOps, PagePoolApi, PagePoolHooks, PagePoolParams, PoolState, PpOp } from './types';

export interface PagePoolState extends PagePoolApi {
  id: number;
  readonly params: PagePoolParams;
  readonly stats: PagePoolStats;
  readonly hooks: PagePoolHooks;
  readonly exec: ExecContext;
  readonly pages: PageTable;
  readonly niovs: NetIovTable;
  readonly ring: PtrRing;
  /** the lockless alloc cache (pool->alloc.cache) and its count */
  readonly cache: Int32Array;
  cacheCount: number;
  /** the cache's slots, then the ptr_ring's (one buffer) */
  readonly slots: Int32Array;
  /** scratch for bulk returns (page_pool_put_netmem_bulk) */
  readonly bulkScratch: Int32Array;
  readonly dmaMap: boolean;
  dmaSync: boolean;
  nid: number;
  provider: MemoryProviderOps | null;
  netdev: number;
  readonly faults: FaultPoints | null;
  // page_pool_alloc_frag state
  fragPage: NetmemRef;
  fragOffsetState: number;
  fragUsers: number;
  fragOffset: number;
  lastSize: number;
  // page_pool_destroy state
  userCnt: number;
  destroyCnt: number;
  state: PoolState;
  destroyInfo: null | { started_ns: number; finished_ns: number | null; detach_time_ns: number | null };
  deferStartNs: number;
  deferWarnNs: number;
  // the per-buffer operations' bills (PagePoolStruct): unit null = bill through hooks.charge
  readonly billUnit: { unitCycles: number } | null;
  readonly billStage: Float64Array;
  readonly cycNetmemCheck: number;
  readonly cellNetmemCheck: number;
  readonly cycDmaSync: number;
  readonly cellDmaSync: number;
  readonly cycRecycleDirect: number;
  readonly cellRecycleDirect: number;
  readonly cycRecycleRing: number;
  readonly cellRecycleRing: number;
  allocNetmems(gfp?: Gfp): NetmemRef;
  /** hooks.charge(op, count), billed in place when the engine allows it (PagePoolStruct.chargeOp) */
  chargeOp(op: PpOp, count: number): void;
  canBeRecycled(ref: NetmemRef): boolean;
  disableDirectRecycling(): void;
  inflightStrict(): number;
  napiLocal(): boolean;
  noteHold(ref: NetmemRef): void;
  noteRelease(ref: NetmemRef): void;
  pushCache(ref: NetmemRef): void;
  putPage(ref: NetmemRef, allowDirect: boolean): NetmemRef;
  setPpInfo(ref: NetmemRef): void;
  /** page_pool_unref_netmem on a shared count: true when it dropped the last reference (then no longer OUT) */
  unrefShared(ref: NetmemRef, holder: number, nr?: number): boolean;
}
