// What a memory provider reports about itself in the run document, reports and CLI summary.
import type { ProviderKind } from './names';

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
