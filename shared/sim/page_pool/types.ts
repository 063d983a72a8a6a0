// Contract of the page_pool model (net/core/page_pool.c, docs/model/page-pool.md).
// Drivers, the stack model and memory providers talk to a pool only through this.
import type { Gfp } from '../mm/gfp';
import type { NetmemRef } from '../netmem/netmemRef';
import type { PagePoolStats, PoolAccounting } from '../../doc/runDocument';
import type { ProviderKind } from '../../doc/names';
import type { PageAllocatorApi } from '../mm/types';
import type { NetmemTables } from '../netmem/netmemTables';
import type { Holder } from '../netmem/places';
import type { HoldMeter } from '../metadata/holdMeter';
import type { FaultPoints } from '../faults/faultAttr';

// include/net/page_pool/types.h
export const PP_FLAG_DMA_MAP = 1 << 0;
export const PP_FLAG_DMA_SYNC_DEV = 1 << 1;
export const PP_FLAG_SYSTEM_POOL = 1 << 2;
export const PP_FLAG_ALLOW_UNREADABLE_NETMEM = 1 << 3;
export const PP_FLAG_ALL = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV | PP_FLAG_SYSTEM_POOL | PP_FLAG_ALLOW_UNREADABLE_NETMEM;

export const PP_ALLOC_CACHE_SIZE = 128;
export const PP_ALLOC_CACHE_REFILL = 64;
/** ptr_ring size when pool_size is 0. */
export const PP_DEFAULT_RING_SIZE = 1024;
/** [6.18] pool_size is silently clamped to this (PAGE_POOL_MAX_RING_SIZE in net-next). */
export const PAGE_POOL_MAX_RING_SIZE = 16384;
/** page_pool_destroy retry period and stall-warning interval. */
export const DEFER_TIME_NS = 1_000_000_000;
export const DEFER_WARN_INTERVAL_NS = 60_000_000_000;
/** Bulk put batch (XDP_BULK_QUEUE_SIZE). */
export const PP_BULK_SIZE = 16;
export const PAGE_SIZE = 4096;
/** LOOPBACK_IFINDEX (include/net/flow.h): orphaned pools move to the netns' lo (docs/model/netdev-lifetime.md). */
export const LOOPBACK_IFINDEX = 1;
/** pool->slow.netdev = NET_PTR_POISON (page_pool_unreg_netdev_wipe): unlisted, invisible for good. */
export const NET_PTR_POISON = -1;
export const NUMA_NO_NODE = -1;

/**
 * Operations the pool reports to the engine, which turns them into cycles (cost table).
 * Integer codes so charging is cheap on the hot path; literals above the module's first
 * non-literal (ERRNO), where the ahead-of-time build folds them into the code that uses them.
 */
export const PP_OP_ALLOC_FAST = 0; // pop from the alloc cache
export const PP_OP_REFILL_CALL = 1; // one page_pool_refill_alloc_cache call (ring consumer setup)
export const PP_OP_REFILL_ENTRY = 2; // one entry consumed from the ptr_ring
export const PP_OP_SLOW_BULK_CALL = 3; // one alloc_pages_bulk_node call
export const PP_OP_SLOW_PAGE = 4; // per order-0 page obtained in the slow path (set pp info, push)
export const PP_OP_HIGH_ORDER_PAGE = 5; // one compound page allocation
export const PP_OP_DMA_MAP = 6; // dma_map_page_attrs of one buffer (IOMMU mode decides the cost)
export const PP_OP_DMA_UNMAP = 7;
export const PP_OP_DMA_SYNC_DEV = 8; // dma_sync_single_range_for_device on alloc-map or recycle
export const PP_OP_RECYCLE_DIRECT = 9; // push into the alloc cache
export const PP_OP_RECYCLE_RING = 10; // ptr_ring produce of one entry (spinlock included)
export const PP_OP_RELEASE = 11; // page_pool_return_netmem bookkeeping
export const PP_OP_PUT_PAGE = 12; // put_page back to the page allocator
export const PP_OP_NETMEM_CHECK = 13; // netmem_is_net_iov test in the recyclable check
export const PP_OP_PP_REF_ATOMIC = 14; // atomic op on pp_ref_count (unref not short-cut, ref, frag drain)
export const PP_OP_PROVIDER_ALLOC = 15; // one mp_ops->alloc_netmems call
export const PP_OP_PROVIDER_RELEASE = 16; // one mp_ops->release_netmem call
export const PP_OP_FRAG_ALLOC = 17; // frag API bookkeeping per fragment
export const PP_OP_BULK_LOCK = 18; // one ptr_ring producer lock for a bulk-put batch
export const PP_OP_ALLOC_ORDER_STEP = 19; // per order above 0 of a compound page allocated
export const PP_OP_FREE_ORDER_STEP = 20; // per order above 0 of a compound page put back
export const PP_OP_COUNT = 21;

export type DmaDir = 'DMA_BIDIRECTIONAL' | 'DMA_TO_DEVICE' | 'DMA_FROM_DEVICE';

export interface PagePoolParams {
  order: number;
  pool_size: number;
  flags: number;
  nid: number; // NUMA_NO_NODE allowed
  /** pp.napi is set: the NAPI instance's core id; -1 when not set. */
  napiCore: number;
  dma_dir: DmaDir;
  max_len: number;
  offset: number;
  /** netdev ifindex-like id; 0 = none (pool invisible to netlink). */
  netdev: number;
  queue_idx: number;
}

/** Kernel errno names, negative values as the kernel returns them. */
export type Errno =
  | 'EINVAL'
  | 'ENOMEM'
  | 'EOPNOTSUPP'
  | 'EFAULT'
  | 'E2BIG'
  | 'ENODEV'
  | 'ERANGE'
  | 'EEXIST'
  | 'EBUSY'
  | 'ENODATA'
  | 'ENOENT'
  | 'EPERM'
  | 'EBADF';
export const ERRNO: Record<Errno, number> = {
  EPERM: 1,
  ENOENT: 2,
  E2BIG: 7,
  EBADF: 9,
  ENOMEM: 12,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  ENODEV: 19,
  EINVAL: 22,
  ERANGE: 34,
  ENODATA: 61,
  EOPNOTSUPP: 95,
};

export interface KernelError {
  errno: Errno;
  message: string;
}
export type CreateResult<T> = { ok: true; value: T } | { ok: false; error: KernelError };

/**
 * Execution context the napi-local rule looks at (page_pool.c page_pool_napi_local):
 * direct recycling needs softirq context on the pool's cpuid or on the core polling pp.napi.
 */
export interface ExecContext {
  inSoftirq: boolean;
  cpu: number;
  /** core whose NAPI is being polled right now, -1 if none */
  napiPollingCore: number;
}

/** memory_provider_ops (include/net/page_pool/memory_provider.h, reference §5.1). */
export interface MemoryProviderOps {
  readonly kind: ProviderKind;
  init(pool: PagePoolApi): KernelError | null;
  /** Returns a netmem attached to the pool (hold_cnt already counted) or 0 on failure. */
  allocNetmems(pool: PagePoolApi): NetmemRef;
  /** Take the buffer back; returns whether the core should put_page (devmem: false). */
  releaseNetmem(pool: PagePoolApi, ref: NetmemRef): boolean;
  destroy(pool: PagePoolApi): void;
  /** nl_fill for page-pool-get (e.g. { dmabuf: binding id }); optional. */
  nlFill?(pool: PagePoolApi): Record<string, number>;
}

/** What the page_pool model exposes. Names follow the kernel functions they model. */
export interface PagePoolApi {
  readonly id: number;
  readonly params: Readonly<PagePoolParams>;
  readonly ringSize: number;
  readonly stats: PagePoolStats;
  readonly holdCnt: number;
  readonly releaseCnt: number;
  /** (s32)(hold - release), clamped at 0 as netlink reports it */
  inflight(): number;
  /** page_pool_alloc_netmems: whole buffer; 0 on failure. gfp defaults to GFP_ATOMIC (page_pool_dev_alloc_*). */
  allocNetmems(gfp?: Gfp): NetmemRef;
  /**
   * allocNetmems() repeated up to `max` times, each ref written to dst[(slot + k) & mask] (RX
   * descriptors), stopping at the first failure; how many were written.
   */
  allocNetmemsToRing(dst: Int32Array, slot: number, mask: number, max: number): number;
  /** page_pool_alloc_frag_netmem: returns ref, offset in `fragOffset`; 0 on failure. */
  allocFragNetmem(size: number, gfp?: Gfp): NetmemRef;
  /** page_pool_alloc_netmem: frag when 2*size <= max size, else whole buffer; size in/out via lastSize. */
  allocNetmem(size: number, gfp?: Gfp): NetmemRef;
  /** offset and truesize of the last frag/alloc_netmem allocation (out-params of the kernel API). */
  readonly fragOffset: number;
  readonly lastSize: number;
  /**
   * page_pool_put_netmem(pool, ref, dma_sync_size, allow_direct). `holder` is the simulator's
   * bookkeeping: whose reference is dropped (default HOLDER_NIC_RING, the driver's).
   * dmaSyncSize -1 means "max_len" (unsigned max in the kernel).
   */
  putNetmem(ref: NetmemRef, dmaSyncSize: number, allowDirect: boolean, holder?: Holder): void;
  /** page_pool_napi_local: whether the running context may recycle into the alloc cache */
  napiLocal(): boolean;
  /** page_pool_put_full_netmem */
  putFullNetmem(ref: NetmemRef, allowDirect: boolean, holder?: Holder): void;
  /**
   * napi_pp_put_page → page_pool_put_full_netmem(allow_direct = false) for an skb's frags from
   * frags[from] while they are this pool's pp buffers (0 entries skipped); returns the index of
   * the first frag that is not, or `end`.
   */
  putSkbFrags(frags: Int32Array, from: number, end: number, holder: Holder): number;
  /** page_pool_recycle_direct_netmem (caller is the pool's NAPI) */
  recycleDirectNetmem(ref: NetmemRef, holder?: Holder): void;
  /** page_pool_put_netmem_bulk (single pool here; the multi-pool grouping lives in the caller) */
  putNetmemBulk(refs: Int32Array, count: number, holder?: Holder): void;
  /** page_pool_fragment_netmem: pp_ref_count = nr, all nr references held by the driver (NIC_RING). */
  fragmentNetmem(ref: NetmemRef, nr: number): void;
  /**
   * page_pool_unref_netmem(netmem, nr): drop `nr` references the driver (`holder`) holds at once;
   * true when that was the last one (pp_ref_count reached 0, reset to 1 for the put path), and
   * the caller then owes page_pool_put_unrefed_netmem (mlx5e_page_release_fragmented).
   */
  unrefNetmem(ref: NetmemRef, nr: number, holder?: Holder): boolean;
  /** page_pool_put_unrefed_netmem: the caller dropped the last reference (unrefNetmem was true). */
  putUnrefedNetmem(ref: NetmemRef, dmaSyncSize: number, allowDirect: boolean): void;
  /**
   * page_pool_ref_netmem: pp_ref_count + 1, the new reference held by `holder`; `heldBy` holds the
   * reference the caller found the buffer under (the driver's slot: NIC_RING, an skb: STACK).
   */
  refNetmem(ref: NetmemRef, holder: Holder, heldBy: Holder): void;
  /** page_pool_destroy: starts deferred release if buffers are in flight. */
  destroy(nowNs: number): void;
  disableDirectRecycling(): void;
  accounting(): PoolAccounting;

  // ---- further entry points ----
  /** PP_ALLOC_CACHE_SIZE-entry cache fill and ptr_ring fill right now. */
  readonly allocCacheCount: number;
  readonly ptrRingCount: number;
  /** pool->dma_sync / pool->dma_sync_for_cpu (a provider's init may clear them, §5.7). */
  dmaSync: boolean;
  dmaSyncForCpu: boolean;
  /** pool->cpuid (-1 unless a per-CPU pool) */
  readonly cpuid: number;
  readonly provider: MemoryProviderOps | null;
  /**
   * pool->slow.netdev now: the creating netdev's ifindex, LOOPBACK_IFINDEX once orphaned by its
   * unregister, NET_PTR_POISON once the netns' lo is gone too, 0 when created without a netdev.
   */
  readonly netdev: number;
  /** 'live' → 'detached' (destroy waiting for in-flight buffers) → 'destroyed' */
  readonly state: PoolState;
  /** inflight * (PAGE_SIZE << order), netlink inflight-mem */
  inflightMem(): number;
  /** highest inflight seen at any alloc */
  readonly peakInflight: number;
  readonly destroyInfo: null | { started_ns: number; finished_ns: number | null; detach_time_ns: number | null };
  /** page_pool_enable_direct_recycling(pool, napi) [6.18]: set pp.napi to the NAPI on `napiCore`. */
  enableDirectRecycling(napiCore: number): void;
  /** page_pool_use_xdp_mem: one more user reference that destroy() must drop. */
  useXdpMem(): void;
  /** page_pool_update_nid: flush the alloc cache (release) and change pool nid. */
  updateNid(nid: number): void;
  /**
   * The pool's NAPI instance is now scheduled on `core` (napi->list_owner follows the CPU the
   * IRQ is delivered to): page_pool_napi_local compares against the new core. No-op without pp.napi.
   */
  napiOwnerMoved(core: number): void;
  // Provider helpers (include/net/page_pool/memory_provider.h, §5.1)
  /** net_mp_niov_set_page_pool: attach a (free) net_iov to this pool: pp info set, hold_cnt++. */
  mpNetIovAttach(ref: NetmemRef): void;
  /** net_mp_niov_clear_page_pool: detach a net_iov being returned to the provider's free list. */
  mpNetIovDetach(ref: NetmemRef): void;
  /** net_mp_netmem_place_in_cache: push an attached buffer into the alloc cache (alloc path only). */
  mpPlaceInCache(ref: NetmemRef): void;
}

export type PoolState = 'live' | 'detached' | 'destroyed';

export type PpOp = number;
export const PP_OP_NAMES: readonly string[] = [
  'alloc_fast',
  'refill_call',
  'refill_entry',
  'slow_bulk_call',
  'slow_page',
  'high_order_page',
  'dma_map',
  'dma_unmap',
  'dma_sync_dev',
  'recycle_direct',
  'recycle_ring',
  'release',
  'put_page',
  'netmem_check',
  'pp_ref_atomic',
  'provider_alloc',
  'provider_release',
  'frag_alloc',
  'bulk_lock',
  'alloc_order_step',
  'free_order_step',
];

/**
 * What the engine gives a pool at creation. One object may be shared by all pools of a run;
 * `exec` is mutated in place by the engine as cores switch context (never reallocated).
 */
export interface PagePoolHooks {
  readonly exec: ExecContext;
  /** simulated time, ns */
  now(): number;
  /** bill `count` operations of kind `op` to the current core */
  charge(op: PpOp, count: number): void;
  /**
   * The sums charge() adds to, for the pool to bill the per-buffer operations in place (no call);
   * absent or null when every call must reach charge() (a cost probe counting operations).
   */
  readonly cycles?: PoolCycleSink | null;
  /** run fn after delayNs of simulated time (destroy retry worker) */
  schedule(delayNs: number, fn: () => void): void;
  /** event log; the kernel's text where it prints one */
  log(level: 'info' | 'warn' | 'error', message: string): void;
  readonly mm: PageAllocatorApi;
  /** both buffer tables; tables.page must be mm.table */
  readonly tables: NetmemTables;
  /** id allocation and id → pool lookup for this run */
  readonly registry: PagePoolRegistryApi;
  /** numa_mem_id() of a cpu: the preferred node of NUMA_NO_NODE pools */
  cpuNode(cpu: number): number;
  /** descriptors held by the NIC the pool serves, moved at every hold and release (metadata/holdMeter.ts) */
  readonly holdMeter: HoldMeter;
  /** fault points armed by the scenario (none: nothing ever fails by injection) */
  readonly faults?: FaultPoints;
}

/**
 * What charge(op, count) does for an operation without a page-allocator surcharge (every op but
 * PP_OP_SLOW_PAGE and PP_OP_HIGH_ORDER_PAGE, docs/model/costs.md): cycles = opCycles[op] * count;
 * unless 0, unit.unitCycles += cycles, then stage[opStage[op]] += cycles.
 */
export interface PoolCycleSink {
  /** the running unit of work (engine/cores.ts unitCycles) */
  readonly unit: { unitCycles: number };
  readonly stage: Float64Array;
  /** cycles of one operation of each kind */
  readonly opCycles: Float64Array;
  /** index in `stage` each operation's cycles go to */
  readonly opStage: Int32Array;
}

/** Pools of one run by id (page_pool ids are cyclic from 1, xa_alloc_cyclic). */
export interface PagePoolRegistryApi {
  /** pool by id, or undefined (an array lookup) */
  get(id: number): PagePoolApi | undefined;
  /** every pool ever created, in creation order */
  all(): readonly PagePoolApi[];
  /** page_pool_list: next cyclic id (used by createPagePool) */
  allocId(): number;
  add(id: number, pool: PagePoolApi): void;
  /** page_pool_unlist at the final destroy */
  remove(id: number): void;
  /**
   * NETDEV_UNREGISTER of `ifindex` (page_pool_unreg_netdev): every pool still listed on it moves
   * to lo; of lo itself (page_pool_unreg_netdev_wipe): every pool on lo becomes NET_PTR_POISON.
   * Returns the pools moved.
   */
  unregNetdev(ifindex: number): PagePoolApi[];
}
