// Where every net_iov of a binding is, for the run document and the series (BindingResult).
// The counts come from the pools that use the binding (their PoolAccounting) and the genpool,
// so they must sum to the binding's net_iov count: `bindingNiovCounts` checks it.
import type { BindingResult, SeriesColumnMeta, SeriesKind } from '../../../doc/runDocument';
import { seriesColumn } from '../../../doc/seriesKeys';
import type { DmabufBinding } from './dmabufBinding';

export interface NiovCounts {
  free: number;
  alloc_cache: number;
  ptr_ring: number;
  nic_ring: number;
  stack: number;
  user: number;
}

export function bindingNiovCounts(b: DmabufBinding): NiovCounts {
  const c: NiovCounts = { free: b.genpool.avail(), alloc_cache: 0, ptr_ring: 0, nic_ring: 0, stack: 0, user: 0 };
  for (const p of b.pools) {
    if (p.state === 'destroyed') continue;
    const a = p.accounting();
    c.alloc_cache += a.alloc_cache;
    c.ptr_ring += a.ptr_ring;
    c.nic_ring += a.nic_ring;
    c.stack += a.stack;
    c.user += a.user;
  }
  const sum = c.free + c.alloc_cache + c.ptr_ring + c.nic_ring + c.stack + c.user;
  if (sum !== b.numNiovs) {
    throw new Error(`dma-buf binding ${b.id}: net_iov accounting sums to ${sum}, binding has ${b.numNiovs}`);
  }
  return c;
}

export function bindingResult(b: DmabufBinding, nic: string, queuesAtBind: number[], boundNs: number): BindingResult {
  return {
    id: b.id,
    nic,
    queues: [...b.boundRxqs],
    queues_at_bind: [...queuesAtBind],
    dmabuf_size: b.size,
    chunks: b.chunks.length,
    niovs: b.numNiovs,
    state: b.state,
    bound_ns: Math.round(boundNs),
    unbound_ns: b.unboundNs === null ? null : Math.round(b.unboundNs),
    freed_ns: b.freedNs === null ? null : Math.round(b.freedNs),
    niov: bindingNiovCounts(b),
    tokens_outstanding: b.tokensOutstanding,
    tokens_handed: b.tokensHanded,
    dontneed_calls: b.dontneedCalls,
    dontneed_freed: b.dontneedFreed,
    alloc_failures: b.allocFailures,
    linear_bytes: b.linearBytes,
    pools: b.pools.map((p) => p.id),
  };
}

/** Series columns of one binding: `binding/<id>/<name>`; delta columns read cumulative counts. */
export function bindingColumns(b: DmabufBinding, nic: string): { meta: SeriesColumnMeta; read(): number }[] {
  const id = b.id;
  const column = (kind: SeriesKind, name: string, unit: string, read: () => number) => ({
    meta: seriesColumn.binding(id, nic, name, { unit, kind, label: `binding ${id} ${name.replace(/_/g, ' ')}` }),
    read,
  });
  const gauge = (name: string, unit: string, read: () => number) => column('gauge', name, unit, read);
  const delta = (name: string, unit: string, read: () => number) => column('delta', name, unit, read);
  return [
    gauge('niov_free', 'buffers', () => b.genpool.avail()),
    gauge('niov_alloc_cache', 'buffers', () => bindingNiovCounts(b).alloc_cache),
    gauge('niov_ptr_ring', 'buffers', () => bindingNiovCounts(b).ptr_ring),
    gauge('niov_nic_ring', 'buffers', () => bindingNiovCounts(b).nic_ring),
    gauge('niov_stack', 'buffers', () => bindingNiovCounts(b).stack),
    gauge('niov_user', 'buffers', () => bindingNiovCounts(b).user),
    gauge('tokens_outstanding', 'tokens', () => b.tokensOutstanding),
    gauge('pinned', 'bool', () => (b.pinned() ? 1 : 0)),
    delta('dontneed_calls', 'calls', () => b.dontneedCalls),
    delta('dontneed_freed', 'buffers', () => b.dontneedFreed),
    delta('alloc_failures', 'buffers', () => b.allocFailures),
  ];
}
