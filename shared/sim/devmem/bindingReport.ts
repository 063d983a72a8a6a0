// Where every net_iov of a binding is, for the run document and the series (BindingResult).
// The counts come from the pools that use the binding (their PoolAccounting) and the genpool,
// so they must sum to the binding's net_iov count: `bindingNiovCounts` checks it.
import type { BindingResult, SeriesColumnMeta } from '../result/runDocument';
import type { DmabufBinding } from '../providers/dmabufBinding';

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
    bound_ns: boundNs,
    unbound_ns: b.unboundNs,
    freed_ns: b.freedNs,
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

/** Series columns per binding: `binding/<id>/<name>`. */
export const BINDING_GAUGES = [
  'niov_free', 'niov_alloc_cache', 'niov_ptr_ring', 'niov_nic_ring', 'niov_stack', 'niov_user', 'tokens_outstanding',
] as const;
export const BINDING_DELTAS = ['dontneed_calls', 'dontneed_freed', 'alloc_failures'] as const;

export function bindingSeriesMeta(id: number): SeriesColumnMeta[] {
  const m: SeriesColumnMeta[] = [];
  for (const g of BINDING_GAUGES) {
    m.push({ key: `binding/${id}/${g}`, unit: g === 'tokens_outstanding' ? 'tokens' : 'buffers', kind: 'gauge', label: `binding ${id} ${g.replace(/_/g, ' ')}` });
  }
  for (const d of BINDING_DELTAS) {
    m.push({ key: `binding/${id}/${d}`, unit: d === 'dontneed_calls' ? 'calls' : 'buffers', kind: 'delta', label: `binding ${id} ${d.replace(/_/g, ' ')}` });
  }
  return m;
}

/**
 * Sample one binding into `out` in the order of bindingSeriesMeta; `prev` holds the cumulative
 * counters at the previous sample and is updated (deltas).
 */
export function sampleBinding(b: DmabufBinding, out: Float64Array, prev: Float64Array): void {
  const c = bindingNiovCounts(b);
  out[0] = c.free; out[1] = c.alloc_cache; out[2] = c.ptr_ring; out[3] = c.nic_ring; out[4] = c.stack; out[5] = c.user;
  out[6] = b.tokensOutstanding;
  const cum0 = b.dontneedCalls, cum1 = b.dontneedFreed, cum2 = b.allocFailures;
  out[7] = cum0 - prev[0]; out[8] = cum1 - prev[1]; out[9] = cum2 - prev[2];
  prev[0] = cum0; prev[1] = cum1; prev[2] = cum2;
}
