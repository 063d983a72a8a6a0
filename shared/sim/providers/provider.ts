// The memory-provider interface every provider implements (docs/model/zcrx.md#one-provider-interface,
// docs/model/devmem.md#the-devmem-provider). Two sides:
// - the page_pool side, struct memory_provider_ops (include/net/page_pool/memory_provider.h):
//   init (its checks), alloc_netmems, release_netmem, destroy, nl_fill — `MemoryProviderOps`;
// - the owner side: the object bound to RX queues (a dma-buf binding, an io_uring interface
//   queue) with its reference-counted lifetime, its net_iovs and what it reports — `ProviderInstance`.
// A provider is one folder under shared/sim/providers/ plus one line in registry.ts.
import type { ProviderConfig } from '../../scenario/schema';
import type { MemoryProviderOps } from '../page_pool/types';

export type { MemoryProviderOps };

/** The scenario's `provider.kind`. */
export type ProviderKind = ProviderConfig['kind'];

/** bound: serving queues; unbound: the user let go, pools still hold references; freed: gone. */
export type ProviderState = 'bound' | 'unbound' | 'freed';

/**
 * Where a provider's net_iovs are, in the three places every provider has: free in the provider
 * (genpool, area freelist), owned by a page_pool using it (caches, ptr_ring, NIC ring, stack),
 * held by the user (devmem tokens, zcrx CQEs not yet returned, copy-fallback buffers). They sum
 * to `net_iovs`.
 */
export interface ProviderNiovPlaces {
  free: number;
  in_pool: number;
  user: number;
}

/** A provider-specific figure sampled into the series (`provider/<kind>-<id>/<name>`). */
export interface ProviderGauge {
  name: string;
  label: string;
  unit: string;
  /** gauge: the value now; delta: read() is cumulative, the sampler takes differences */
  kind: 'gauge' | 'delta';
  read(): number;
}

/** What a provider reports about itself (run document, reports, CLI summary). */
export interface ProviderReport {
  kind: ProviderKind;
  id: number;
  nic: string;
  state: ProviderState;
  /** bytes of memory behind the provider and the net_iovs it is cut into */
  bytes: number;
  net_iovs: number;
  queues: number[];
  /** allocations the provider could not serve (area / genpool empty) */
  alloc_failures: number;
  /** where its net_iovs are at the end of the run */
  places: ProviderNiovPlaces;
  /** provider-specific counters under their kernel names */
  counters: Record<string, number>;
}

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
  /** the reporting hook: where the net_iovs are now (series, reports) */
  places(): ProviderNiovPlaces;
  /** provider-specific series beside the places (refill-queue occupancy, -ENOSPC…) */
  gauges(): ProviderGauge[];
}

/** The series key prefix of a provider instance: `provider/<kind>-<id>/`. */
export function providerSeriesPrefix(kind: ProviderKind, id: number): string {
  return `provider/${kind}-${id}/`;
}

/** RX queues a NIC's provider config binds. */
export function providerQueues(p: ProviderConfig): number[] {
  return p.kind === 'dmabuf' ? p.queues : [p.queue];
}

/** Bytes of memory a NIC's provider config registers (dma-buf size or zcrx area). */
export function providerBytes(p: ProviderConfig): number {
  return p.kind === 'dmabuf' ? p.size : p.area_size;
}
