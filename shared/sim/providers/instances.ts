// The provider instances of a run (dma-buf bindings, zcrx interface queues…), in creation order,
// with the NIC each serves. Each provider's runtime adds its instances here; the provider series
// and the run document's `providers` list are built from this one list, so a new provider is
// reported like the others without code of its own in the reports.
import type { EngineApi } from '../engine/engineApi';
import type { ProviderInstance } from './provider';

export interface RunProvider {
  nic: string;
  inst: ProviderInstance;
}

const lists = new WeakMap<EngineApi, RunProvider[]>();

export function addProviderInstance(engine: EngineApi, nic: string, inst: ProviderInstance): void {
  let l = lists.get(engine);
  if (!l) {
    l = [];
    lists.set(engine, l);
  }
  l.push({ nic, inst });
}

export function providerInstancesOf(engine: EngineApi): readonly RunProvider[] {
  return lists.get(engine) ?? [];
}
