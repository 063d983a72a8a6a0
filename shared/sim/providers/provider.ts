// The memory-provider interface every provider implements (docs/model/zcrx.md#one-provider-interface,
// docs/model/devmem.md#the-devmem-provider). Two sides:
// - the page_pool side, struct memory_provider_ops (include/net/page_pool/memory_provider.h):
//   init (its checks), alloc_netmems, release_netmem, destroy, nl_fill — `MemoryProviderOps`;
// - the owner side: the object bound to RX queues (a dma-buf binding, an io_uring interface
//   queue) with its reference-counted lifetime, its net_iovs and what it reports — `ProviderInstance`.
// A provider is one folder under shared/sim/providers/ plus one line in registry.ts.
import type { ProviderConfig } from '../../scenario/schema';
import type { ProviderKind } from '../../doc/names';
import type { ProviderReport, ProviderState } from '../../doc/providerReport';
import type { MemoryProviderOps } from '../page_pool/types';

export type { MemoryProviderOps, ProviderKind, ProviderReport, ProviderState };

/** The owner side of a provider: lifetime (get/put, unbind) and reporting. */
export interface ProviderInstance {
  readonly kind: ProviderKind;
  readonly id: number;
  readonly numNiovs: number;
  readonly state: ProviderState;
  /** the page_pool callbacks pools on its queues call */
  readonly ops: MemoryProviderOps;
  /** a page_pool's init took a reference (percpu_ref_get / refcount_inc) */
  get(): void;
  /** a page_pool's destroy, or the user's unbind, dropped one */
  put(): void;
  report(nic: string): ProviderReport;
}

/** RX queues a NIC's provider config binds. */
export function providerQueues(p: ProviderConfig): number[] {
  return p.kind === 'dmabuf' ? p.queues : [p.queue];
}

/** Bytes of memory a NIC's provider config registers (dma-buf size or zcrx area). */
export function providerBytes(p: ProviderConfig): number {
  return p.kind === 'dmabuf' ? p.size : p.area_size;
}
