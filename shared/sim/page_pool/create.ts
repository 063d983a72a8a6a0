// page_pool_create / page_pool_create_percpu → page_pool_init checks in the kernel's order
// (§2.3, net/core/page_pool.c 6.18), then page_pool_list (cyclic id from 1).
import {
  NUMA_NO_NODE,
  PAGE_POOL_MAX_RING_SIZE,
  PP_DEFAULT_RING_SIZE,
  PP_FLAG_ALL,
  PP_FLAG_ALLOW_UNREADABLE_NETMEM,
  PP_FLAG_DMA_MAP,
  PP_FLAG_DMA_SYNC_DEV,
  ERRNO,
  type CreateResult,
  type Errno,
  type KernelError,
  type MemoryProviderOps,
  type PagePoolHooks,
  type PagePoolParams,
} from './types';
import { PagePool } from './pagePool';

/** ptr_ring size: pool_size, or 1024 when 0; [6.18] silently clamped to 16384. */
export function pagePoolRingSize(poolSize: number): number {
  return poolSize ? Math.min(poolSize, PAGE_POOL_MAX_RING_SIZE) : PP_DEFAULT_RING_SIZE;
}

function fail(hooks: PagePoolHooks, errno: Errno, message: string): { ok: false; error: KernelError } {
  hooks.log('warn', `page_pool_create_percpu() gave up with errno -${ERRNO[errno]}`);
  return { ok: false, error: { errno, message } };
}

/**
 * page_pool_create(params) (cpuid -1) or page_pool_create_percpu(params, cpuid).
 * `provider` is the memory provider installed on (netdev, queue_idx), if any: it is used only
 * when the pool sets PP_FLAG_ALLOW_UNREADABLE_NETMEM, as page_pool_init reads rxq->mp_params.
 */
export function createPagePool(
  params: PagePoolParams,
  hooks: PagePoolHooks,
  provider: MemoryProviderOps | null = null,
  cpuid = -1,
): CreateResult<PagePool> {
  const flags = params.flags;
  if ((flags & ~PP_FLAG_ALL) !== 0) {
    return fail(
      hooks,
      'EINVAL',
      `page_pool: unknown flags 0x${(flags & ~PP_FLAG_ALL).toString(16)} (PP_FLAG_ALL is 0x${PP_FLAG_ALL.toString(16)})`,
    );
  }
  if (!Number.isInteger(params.pool_size) || params.pool_size < 0) {
    return fail(hooks, 'EINVAL', `page_pool: pool_size must be a non-negative integer, got ${params.pool_size}`);
  }
  const ringSize = pagePoolRingSize(params.pool_size);
  if (flags & PP_FLAG_DMA_MAP) {
    if (params.dma_dir !== 'DMA_FROM_DEVICE' && params.dma_dir !== 'DMA_BIDIRECTIONAL') {
      return fail(hooks, 'EINVAL', `page_pool: PP_FLAG_DMA_MAP needs dma_dir DMA_FROM_DEVICE or DMA_BIDIRECTIONAL, got ${params.dma_dir}`);
    }
  }
  let dmaSync = false;
  if (flags & PP_FLAG_DMA_SYNC_DEV) {
    if (!(flags & PP_FLAG_DMA_MAP)) return fail(hooks, 'EINVAL', 'page_pool: PP_FLAG_DMA_SYNC_DEV requires PP_FLAG_DMA_MAP');
    if (!params.max_len) return fail(hooks, 'EINVAL', 'page_pool: PP_FLAG_DMA_SYNC_DEV requires max_len != 0');
    dmaSync = true;
  }
  if (params.nid !== NUMA_NO_NODE && (params.nid < 0 || params.nid >= hooks.mm.numaNodes)) {
    // kzalloc_node / alloc_pages_node on a node that does not exist: not a kernel errno path,
    // a scenario error
    return fail(hooks, 'EINVAL', `page_pool: nid ${params.nid} is not a NUMA node of this host (0..${hooks.mm.numaNodes - 1})`);
  }
  const pool = new PagePool(params, ringSize, hooks, cpuid);
  pool.dmaSync = dmaSync;
  if (flags & PP_FLAG_ALLOW_UNREADABLE_NETMEM) {
    // the kernel asserts the netdev instance lock here; a pool without a netdev cannot reach a queue
    if (params.netdev === 0) return fail(hooks, 'EINVAL', 'page_pool: PP_FLAG_ALLOW_UNREADABLE_NETMEM needs netdev and queue_idx');
    pool.provider = provider;
  }
  if (pool.provider !== null) {
    if (!pool.dmaMap || !pool.dmaSync) {
      return fail(hooks, 'EOPNOTSUPP', 'page_pool: a memory provider needs PP_FLAG_DMA_MAP and PP_FLAG_DMA_SYNC_DEV');
    }
    const err = pool.provider.init(pool);
    if (err) {
      hooks.log('warn', `page_pool_init() mem-provider init failed -${ERRNO[err.errno]}`);
      return fail(hooks, err.errno, err.message);
    }
  }
  const id = hooks.registry.allocId();
  hooks.tables.counts.ensure(id);
  pool.id = id;
  hooks.registry.add(id, pool);
  return { ok: true, value: pool };
}
