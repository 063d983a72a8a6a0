// dmabuf_devmem_ops: the devmem memory provider's page_pool callbacks
// (docs/model/devmem.md#the-devmem-provider; net/core/devmem.c [6.18] mp_dmabuf_devmem_*).
// One ops object per binding: it plays the role of the queue's mp_params {mp_priv, mp_ops}.
import type { KernelError, MemoryProviderOps, PagePoolApi } from '../../page_pool/types';
import { NET_IOV, NETMEM_NONE, netIovToNetmem, type NetmemRef, netmemIndex } from '../../netmem/netmemRef';
import type { NetIovTable } from '../../netmem/netIovTable';
import type { ProviderState } from '../provider';

/** What the page_pool callbacks use of their binding; DmabufBinding (dmabufBinding.ts) is it. */
export interface DmabufBindingRefs {
  readonly state: ProviderState;
  readonly pools: PagePoolApi[];
  readonly table: NetIovTable;
  readonly hooks: { log(level: 'info' | 'warn' | 'error', message: string): void };
  get(): void;
  put(): void;
  allocNiov(): number;
  freeNiov(niov: number): boolean;
}

export class DmabufProviderOps implements MemoryProviderOps {
  readonly kind = 'dmabuf' as const;

  constructor(readonly binding: DmabufBindingRefs) {}

  /**
   * mp_dmabuf_devmem_init: dma-buf DMA addresses "do not need and should not be used with
   * dma_sync", so both sync flags are forced off; only order-0 pools (one PAGE_SIZE net_iov
   * per buffer) are accepted, else -E2BIG; the pool takes a binding reference.
   */
  init(pool: PagePoolApi): KernelError | null {
    if (this.binding.state === 'freed') return { errno: 'EINVAL', message: 'memory provider has no binding' };
    pool.dmaSync = false;
    pool.dmaSyncForCpu = false;
    if (pool.params.order !== 0) {
      return { errno: 'E2BIG', message: `devmem provider needs an order-0 page_pool, got order ${pool.params.order}` };
    }
    this.binding.get();
    this.binding.pools.push(pool);
    return null;
  }

  /**
   * mp_dmabuf_devmem_alloc_netmems [6.18]: one net_iov per call from the genpool, attached to
   * the pool (page_pool_set_pp_info, pp_ref_count 1, hold_cnt++). Genpool empty → 0: the
   * driver cannot post that RX buffer.
   */
  allocNetmems(pool: PagePoolApi): NetmemRef {
    const i = this.binding.allocNiov();
    if (i < 0) return NETMEM_NONE;
    const ref = netIovToNetmem(i);
    pool.mpNetIovAttach(ref);
    return ref;
  }

  /**
   * mp_dmabuf_devmem_release_page: only an idle net_iov (pp_ref_count 1) goes back to the
   * genpool; anything else WARNs and is kept. Returns false: the core must not put_page it.
   */
  releaseNetmem(pool: PagePoolApi, ref: NetmemRef): boolean {
    if ((ref & NET_IOV) === 0) {
      this.binding.hooks.log('warn', 'WARNING: mp_dmabuf_devmem_release_page: netmem is not a net_iov');
      return false;
    }
    const i = netmemIndex(ref);
    if (!this.binding.table.ppRefEquals(i, 1)) {
      this.binding.hooks.log('warn', `WARNING: mp_dmabuf_devmem_release_page: net_iov ${i} refcount != 1`);
      return false;
    }
    pool.mpNetIovDetach(ref);
    this.binding.freeNiov(i);
    return false;
  }

  /** mp_dmabuf_devmem_destroy: the pool's final destroy drops its binding reference. */
  destroy(_pool: PagePoolApi): void {
    this.binding.put();
  }
}
