// The memory providers, one entry each: a provider is its folder plus its line here. The mapped
// type makes the compiler ask for every `provider.kind` the schema accepts (doc/names.ts).
import type { ProviderConfig } from '../../scenario/schema';
import type { EngineApi } from '../engine/engineApi';
import type { EngineExtension, EventHandler, EventHandlers } from '../events/registry';
import { PROVIDER_KINDS } from '../../doc/names';
import type { ProviderConfigOf, ProviderEntry, ProviderKind } from './provider';
import { DMABUF_EVENTS, DMABUF_RUNTIME } from './dmabuf/devmemRuntime';
import { ZCRX_RUNTIME } from './zcrx/zcrxRuntime';
import { PROVIDER_SERIES_EXTENSION } from './providerSeries';

export const PROVIDERS: { readonly [K in ProviderKind]: ProviderEntry<K> } = {
  dmabuf: {
    title: 'dma-buf (devmem TCP, netdev bind-rx)',
    doc: 'docs/model/devmem.md',
    runtime: DMABUF_RUNTIME,
    queues: (c) => c.queues,
    bytes: (c) => c.size,
  },
  zcrx: {
    title: 'io_uring zero-copy receive (IORING_REGISTER_ZCRX_IFQ)',
    doc: 'docs/model/zcrx.md',
    runtime: ZCRX_RUNTIME,
    queues: (c) => [c.queue],
    bytes: (c) => c.area_size,
  },
};

/**
 * The provider a scenario `bind` event binds: netdev bind-rx (net/core/netdev-genl.c
 * netdev_nl_bind_rx_doit) binds dma-bufs. An `unbind` on a NIC configured without a provider is its.
 */
export const BIND_RX_PROVIDER: ProviderKind = 'dmabuf';

function queuesOf<K extends ProviderKind>(kind: K, cfg: ProviderConfigOf<K>): number[] {
  return PROVIDERS[kind].queues(cfg);
}

function bytesOf<K extends ProviderKind>(kind: K, cfg: ProviderConfigOf<K>): number {
  return PROVIDERS[kind].bytes(cfg);
}

/** RX queues a NIC's provider config binds. */
export function providerQueues(p: ProviderConfig): number[] {
  return queuesOf(p.kind, p);
}

/** Bytes of memory a NIC's provider config registers (dma-buf size or zcrx area). */
export function providerBytes(p: ProviderConfig): number {
  return bytesOf(p.kind, p);
}

/**
 * Engine extensions of every provider, in PROVIDER_KINDS order (their series columns come in this
 * order), then the reporting every provider shares (providerSeries.ts), after the runtimes so that
 * instances made at t = 0 have their columns.
 */
export const PROVIDER_EXTENSIONS: readonly EngineExtension[] = [
  ...PROVIDER_KINDS.map((k) => PROVIDERS[k].runtime.extension),
  PROVIDER_SERIES_EXTENSION,
];

/** `unbind` goes to the provider of the NIC: its configured kind, else the one bind-rx binds. */
const unbind: EventHandler = (engine: EngineApi, ev) => {
  if (!('unbind' in ev)) return;
  const nic = engine.nicIndex(ev.unbind.nic);
  PROVIDERS[engine.nicConfig(nic).provider?.kind ?? BIND_RX_PROVIDER].runtime.unbind(engine, nic);
};

/** The scenario events the providers handle. */
export const PROVIDER_EVENTS = { ...DMABUF_EVENTS, unbind } satisfies EventHandlers;
