// devmem dma-buf bindings (BindingResult): one column per binding, one row per figure.
import type { BindingResult, RunDocument } from '../../sim/result/runDocument';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, count, text } from './cells';

const ms = (ns: number | null): ReportCell => (ns === null ? text('—', { tone: 'muted' }) : { text: `${(ns / 1e6).toFixed(3)} ms`, value: ns });

type Row = [string, (b: BindingResult) => ReportCell];

const ROWS: Row[] = [
  ['NIC', (b) => text(b.nic)],
  ['state', (b) => text(b.state)],
  ['RX queues bound at bind', (b) => text(b.queues_at_bind.join(', '))],
  ['RX queues bound at end', (b) => text(b.queues.length ? b.queues.join(', ') : 'none')],
  ['bound at', (b) => ms(b.bound_ns)],
  ['unbound at', (b) => ms(b.unbound_ns)],
  ['freed at (dma-buf unpinned)', (b) => ms(b.freed_ns)],
  ['dma-buf size', (b) => bytesCell(b.dmabuf_size, `binding/${b.id}/dmabuf_size`)],
  ['scatterlist chunks', (b) => count(b.chunks, `binding/${b.id}/chunks`)],
  ['net_iovs (4 KiB each)', (b) => count(b.niovs, `binding/${b.id}/niovs`)],
  ['net_iovs free in the genpool', (b) => count(b.niov.free, `binding/${b.id}/niov/free`)],
  ['net_iovs in pool alloc caches', (b) => count(b.niov.alloc_cache, `binding/${b.id}/niov/alloc_cache`)],
  ['net_iovs in pool ptr_rings', (b) => count(b.niov.ptr_ring, `binding/${b.id}/niov/ptr_ring`)],
  ['net_iovs posted to NIC rings', (b) => count(b.niov.nic_ring, `binding/${b.id}/niov/nic_ring`)],
  ['net_iovs in the stack', (b) => count(b.niov.stack, `binding/${b.id}/niov/stack`)],
  ['net_iovs held by the user (tokens)', (b) => count(b.niov.user, `binding/${b.id}/niov/user`)],
  ['tokens handed to the user', (b) => count(b.tokens_handed, `binding/${b.id}/tokens_handed`)],
  ['tokens outstanding at end', (b) => count(b.tokens_outstanding, `binding/${b.id}/tokens_outstanding`)],
  ['SO_DEVMEM_DONTNEED calls', (b) => count(b.dontneed_calls, `binding/${b.id}/dontneed_calls`)],
  ['tokens freed by SO_DEVMEM_DONTNEED', (b) => count(b.dontneed_freed, `binding/${b.id}/dontneed_freed`)],
  ['allocations that found the genpool empty', (b) => count(b.alloc_failures, `binding/${b.id}/alloc_failures`, b.alloc_failures > 0 ? { tone: 'warn' } : {})],
  ['payload bytes through the linear area', (b) => bytesCell(b.linear_bytes, `binding/${b.id}/linear_bytes`)],
  ['page_pools using it', (b) => text(b.pools.join(', '))],
];

export function bindingTable(bindings: readonly BindingResult[]): ReportTable {
  return {
    id: 'bindings',
    caption: 'devmem dma-buf bindings (net_devmem_dmabuf_binding) at the end of the run',
    columns: [{ label: 'binding id' }, ...bindings.map((b) => ({ label: String(b.id), align: 'right' as const }))],
    rows: ROWS.map(([label, f]) => [text(label), ...bindings.map(f)]),
    note: 'The net_iov places sum to the binding\'s net_iov count. Allocations that found the genpool empty left an RX descriptor unposted (the driver could not refill).',
  };
}

export function bindingBlocks(doc: RunDocument): ReportBlock[] {
  return doc.bindings.length > 0 ? [{ kind: 'table', table: bindingTable(doc.bindings) }] : [];
}
