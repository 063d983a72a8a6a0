// Contract of the page_pool model (net/core/page_pool.c, reference kernel.md §2–4).
// Drivers, the stack model and memory providers talk to a pool only through this.
import type { NetmemRef } from '../netmem/netmemRef';
import type { PagePoolStats, PoolAccounting } from '../result/runDocument';

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
export const NUMA_NO_NODE = -1;

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
export type Errno = 'EINVAL' | 'ENOMEM' | 'EOPNOTSUPP' | 'EFAULT' | 'E2BIG' | 'ENODEV' | 'ERANGE' | 'EEXIST' | 'EBUSY' | 'ENODATA' | 'ENOENT' | 'EPERM' | 'EBADF';
export const ERRNO: Record<Errno, number> = {
  EPERM: 1, ENOENT: 2, E2BIG: 7, EBADF: 9, ENOMEM: 12, EFAULT: 14, EBUSY: 16, EEXIST: 17, ENODEV: 19,
  EINVAL: 22, ERANGE: 34, ENODATA: 61, EOPNOTSUPP: 95,
};

export interface KernelError { errno: Errno; message: string }
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
  readonly kind: 'dmabuf';
  init(pool: PagePoolApi): KernelError | null;
  /** Returns a netmem attached to the pool (hold_cnt already counted) or 0 on failure. */
  allocNetmems(pool: PagePoolApi): NetmemRef;
  /** Take the buffer back; returns whether the core should put_page (devmem: false). */
  releaseNetmem(pool: PagePoolApi, ref: NetmemRef): boolean;
  destroy(pool: PagePoolApi): void;
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
  /** page_pool_alloc_netmems: whole buffer; 0 on failure. */
  allocNetmems(): NetmemRef;
  /** page_pool_alloc_frag_netmem: returns ref, offset in `fragOffset`; 0 on failure. */
  allocFragNetmem(size: number): NetmemRef;
  /** page_pool_alloc_netmem: frag when 2*size <= max size, else whole buffer; size in/out via lastSize. */
  allocNetmem(size: number): NetmemRef;
  /** offset and truesize of the last frag/alloc_netmem allocation (out-params of the kernel API). */
  readonly fragOffset: number;
  readonly lastSize: number;
  /** page_pool_put_netmem(pool, ref, dma_sync_size, allow_direct) */
  putNetmem(ref: NetmemRef, dmaSyncSize: number, allowDirect: boolean): void;
  /** page_pool_put_full_netmem */
  putFullNetmem(ref: NetmemRef, allowDirect: boolean): void;
  /** page_pool_recycle_direct_netmem (caller is the pool's NAPI) */
  recycleDirectNetmem(ref: NetmemRef): void;
  /** page_pool_put_netmem_bulk (single pool here; the multi-pool grouping lives in the caller) */
  putNetmemBulk(refs: Int32Array, count: number): void;
  /** page_pool_fragment_netmem / ref / unref */
  fragmentNetmem(ref: NetmemRef, nr: number): void;
  refNetmem(ref: NetmemRef): void;
  /** page_pool_destroy: starts deferred release if buffers are in flight. */
  destroy(nowNs: number): void;
  disableDirectRecycling(): void;
  accounting(): PoolAccounting;
}
