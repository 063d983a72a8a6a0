// io_uring_pp_zc_ops: the io_uring zero-copy receive provider's page_pool callbacks
// (io_uring/zcrx.c v6.18 io_pp_zc_init, io_pp_zc_alloc_netmems, io_pp_zc_release_netmem,
// io_pp_zc_destroy; docs/model/zcrx.md#the-page_pool-side).
import type { KernelError, MemoryProviderOps, PagePoolApi } from '../../page_pool/types';
import { PP_ALLOC_CACHE_REFILL } from '../../page_pool/types';
import { NETMEM_NONE, netIovToNetmem, type NetmemRef, netmemIndex } from '../../netmem/netmemRef';
import { HOLDER_USER } from '../../netmem/places';
import type { CostTable } from '../../costs/costTable';
import type { ProviderState } from '../provider';
import type { ZcrxArea } from './area';
import type { RefillQueue } from './refillQueue';
import type { ZcrxCounters } from './zcrxCounters';
import { STAGE_ALLOC, STAGE_DMA } from '../../../doc/cycleStages';

/** What the page_pool callbacks use of their interface queue; ZcrxIfq (ifq.ts) is it. */
export interface ZcrxIfqRefs {
  readonly state: ProviderState;
  readonly pools: PagePoolApi[];
  readonly area: ZcrxArea;
  readonly rq: RefillQueue;
  readonly counters: ZcrxCounters;
  readonly costs: CostTable;
  get(): void;
  put(): void;
  /** cycles charged to the core running the callback, under a cycle stage (doc/cycleStages.ts) */
  charge(cycles: number, stage: number): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  poolOf(niov: number, pool: PagePoolApi): PagePoolApi | undefined;
  noteDry(): void;
  noteServed(): void;
}

export class ZcrxProviderOps implements MemoryProviderOps {
  readonly kind = 'zcrx' as const;
  /** net_iovs gathered by one alloc call before they are stocked (allocation-free per call) */
  private readonly got = new Int32Array(PP_ALLOC_CACHE_REFILL);

  constructor(readonly ifq: ZcrxIfqRefs) {}

  /**
   * io_pp_zc_init: the ifq must still be registered (-EINVAL); the pool must map DMA (create.ts
   * already refuses a provider without PP_FLAG_DMA_MAP); order + PAGE_SHIFT must equal the area's
   * niov_shift, i.e. an order-0 pool (-EINVAL); dma_dir must be DMA_FROM_DEVICE (-EOPNOTSUPP).
   * Then the pool holds a reference on the ifq. dma_sync stays on: zcrx syncs each net_iov for
   * the device itself when it stocks the cache (io_zcrx_sync_for_device).
   */
  init(pool: PagePoolApi): KernelError | null {
    const ifq = this.ifq;
    if (ifq.state === 'freed') return { errno: 'EINVAL', message: 'zcrx interface queue is gone' };
    if (pool.params.order !== 0)
      return {
        errno: 'EINVAL',
        message: `zcrx needs an order-0 page_pool (order + PAGE_SHIFT == niov_shift), got order ${pool.params.order}`,
      };
    if (pool.params.dma_dir !== 'DMA_FROM_DEVICE')
      return { errno: 'EOPNOTSUPP', message: `zcrx needs dma_dir DMA_FROM_DEVICE, got ${pool.params.dma_dir}` };
    ifq.get();
    ifq.pools.push(pool);
    return null;
  }

  /**
   * io_pp_zc_alloc_netmems: first io_zcrx_ring_refill — up to PP_ALLOC_CACHE_REFILL refill queue
   * entries; each drops the user reference and, when that was the net_iov's last page_pool
   * reference, stocks the cache (a net_iov of another pool goes back through that pool, a
   * copy-fallback one to the freelist). Nothing stocked: io_zcrx_refill_slow takes up to
   * PP_ALLOC_CACHE_REFILL net_iovs from the area freelist. Returns one of them (the kernel
   * returns alloc.cache[--count]), 0 when both are empty.
   */
  allocNetmems(pool: PagePoolApi): NetmemRef {
    const ifq = this.ifq;
    const area = ifq.area;
    const got = this.got;
    let n = 0;
    const rq = ifq.rq;
    while (n < PP_ALLOC_CACHE_REFILL) {
      const niov = rq.pop();
      if (niov < 0) break;
      ifq.counters.refill_entries++;
      ifq.charge(ifq.costs.zcrx_refill_entry, STAGE_ALLOC);
      const k = niov - area.firstNiov;
      if (!area.owns(niov) || area.userRefs[k] === 0) {
        ifq.counters.rqe_invalid++;
        continue;
      }
      area.userRefs[k]--;
      if (area.fallback[k] === 1) {
        if (area.userRefs[k] === 0) {
          area.fallback[k] = 0;
          area.returnFree(niov);
        }
        continue;
      }
      const ref = netIovToNetmem(niov);
      const owner = ifq.poolOf(niov, pool);
      if (!owner || !owner.unrefNetmem(ref, 1, HOLDER_USER)) continue;
      if (owner !== pool) {
        owner.putUnrefedNetmem(ref, -1, false);
        continue;
      }
      if (pool.dmaSync) ifq.charge(ifq.costs.dma_sync, STAGE_DMA);
      got[n++] = ref;
    }
    if (n === 0) {
      while (n < PP_ALLOC_CACHE_REFILL) {
        const niov = area.takeFree();
        if (niov < 0) break;
        const ref = netIovToNetmem(niov);
        pool.mpNetIovAttach(ref);
        if (pool.dmaSync) ifq.charge(ifq.costs.dma_sync, STAGE_DMA);
        got[n++] = ref;
      }
    }
    if (n === 0) {
      ifq.noteDry();
      return NETMEM_NONE;
    }
    ifq.noteServed();
    for (let i = 0; i < n - 1; i++) pool.mpPlaceInCache(got[i]);
    return got[n - 1];
  }

  /** io_pp_zc_release_netmem: clear the pool info, back to the area freelist; never put_page. */
  releaseNetmem(pool: PagePoolApi, ref: NetmemRef): boolean {
    if ((ref & 1) === 0) {
      this.ifq.log('warn', 'WARNING: io_pp_zc_release_netmem: netmem is not a net_iov');
      return false;
    }
    pool.mpNetIovDetach(ref);
    this.ifq.area.returnFree(netmemIndex(ref));
    return false;
  }

  /** io_pp_zc_destroy: the pool's reference on the ifq goes. */
  destroy(_pool: PagePoolApi): void {
    this.ifq.put();
  }
}
