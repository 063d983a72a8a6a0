// The reporting side every provider shares (docs/model/zcrx.md#one-provider-interface): series
// columns `provider/<kind>-<id>/niov_free | niov_in_pool | niov_user` from the instance's
// places(), its own gauges() beside them, and the run document's `providers` list from report().
// Listed after the providers' runtimes (registry.ts PROVIDER_EXTENSIONS), so instances made at
// t = 0 have columns; instances made later (a bind event) appear in `providers` only, as bindings do.
import type { EngineExtension, ExtensionColumn } from '../events/registry';
import type { RunDocument } from '../../doc/runDocument';
import { providerInstance, seriesColumn } from '../../doc/seriesKeys';
import { providerInstancesOf } from './instances';
import type { ProviderInstance } from './provider';

const PLACES: readonly ['free' | 'in_pool' | 'user', string][] = [
  ['free', 'net_iovs free in the provider'],
  ['in_pool', 'net_iovs in page_pools (caches, NIC ring, stack)'],
  ['user', 'net_iovs held by the user'],
];

export function providerColumns(nic: string, inst: ProviderInstance): ExtensionColumn[] {
  const instance = providerInstance(inst.kind, inst.id);
  const who = `${nic} ${inst.kind} ${inst.id}`;
  const cols: ExtensionColumn[] = PLACES.map(([place, label]) => ({
    meta: seriesColumn.provider(instance, nic, `niov_${place}`, { unit: 'buffers', kind: 'gauge', label: `${who} ${label}` }),
    read: () => inst.places()[place],
  }));
  for (const g of inst.gauges()) {
    cols.push({
      meta: seriesColumn.provider(instance, nic, g.name, { unit: g.unit, kind: g.kind, label: `${who} ${g.label}` }),
      read: g.read,
    });
  }
  return cols;
}

export const PROVIDER_SERIES_EXTENSION: EngineExtension = {
  name: 'providers',
  seriesColumns(engine): ExtensionColumn[] {
    return providerInstancesOf(engine).flatMap((p) => providerColumns(p.nic, p.inst));
  },
  finish(engine, doc: RunDocument) {
    const list = providerInstancesOf(engine);
    if (list.length > 0) doc.providers = list.map((p) => p.inst.report(p.nic));
  },
};
