// The memory-provider interface every provider implements (docs/model/zcrx.md#one-provider-interface,
// docs/model/devmem.md#the-devmem-provider). Two sides:
// - the page_pool side, struct memory_provider_ops (include/net/page_pool/memory_provider.h):
//   init (its checks), alloc_netmems, release_netmem, destroy, nl_fill — `MemoryProviderOps`;
// - the owner side: the object bound to RX queues (a dma-buf binding, an io_uring interface
//   queue) with its reference-counted lifetime, its net_iovs and what it reports — `ProviderInstance`.
// A provider is one folder under shared/sim/providers/ plus one line in registry.ts.
import type { ProviderConfig } from '../../scenario/schema';
import type { ProviderKind } from '../../doc/names';
import type { ProviderNiovPlaces, ProviderReport, ProviderState } from '../../doc/providerReport';
import type { MemoryProviderOps } from '../page_pool/types';
import type { EngineApi } from '../engine/engineApi';
import type { EngineExtension, EventHandlers } from '../events/registry';

export type { MemoryProviderOps, ProviderKind, ProviderNiovPlaces, ProviderReport, ProviderState };

/** A provider-specific figure sampled into the series (`provider/<kind>-<id>/<name>`). */
export interface ProviderGauge {
  name: string;
  label: string;
  unit: string;
  /** gauge: the value now; delta: read() is cumulative, the sampler takes differences */
  kind: 'gauge' | 'delta';
  read(): number;
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

/** A provider's part in a running engine: what it adds to the run and the events it owns. */
export interface ProviderRuntime {
  /** start hook, series columns and run-document section of the provider */
  readonly extension: EngineExtension;
  /** scenario events only this provider handles (netdev bind-rx's `bind`, devmem's `token_stall` …) */
  readonly events: EventHandlers;
  /** the `unbind` event on a NIC this provider serves */
  unbind(engine: EngineApi, nic: number): void;
}

/** The scenario config of one provider kind. */
export type ProviderConfigOf<K extends ProviderKind> = Extract<ProviderConfig, { kind: K }>;

/** One provider: a line of providers/registry.ts. */
export interface ProviderEntry<K extends ProviderKind> {
  title: string;
  /** the model page that states its rules */
  doc: string;
  runtime: ProviderRuntime;
  /** RX queues the NIC's provider config binds */
  queues(cfg: ProviderConfigOf<K>): number[];
  /** bytes of memory the config registers, cut into PAGE_SIZE net_iovs */
  bytes(cfg: ProviderConfigOf<K>): number;
}
