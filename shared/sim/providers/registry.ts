// The memory providers, one entry each (a provider is its folder plus its line here). Importing
// a provider's runtime registers its engine extension and scenario events; the Record makes the
// compiler ask for every `provider.kind` the schema accepts.
import type { ProviderKind } from './provider';
import '../devmem/devmemRuntime';
import './zcrx/zcrxRuntime';
import './providerSeries';

export interface ProviderInfo {
  title: string;
  /** the model page that states its rules */
  doc: string;
}

export const PROVIDERS: Readonly<Record<ProviderKind, ProviderInfo>> = {
  dmabuf: { title: 'dma-buf (devmem TCP, netdev bind-rx)', doc: 'docs/model/devmem.md' },
  zcrx: { title: 'io_uring zero-copy receive (IORING_REGISTER_ZCRX_IFQ)', doc: 'docs/model/zcrx.md' },
};
