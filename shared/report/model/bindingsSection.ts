// devmem dma-buf bindings (BindingResult): one column per binding, one row per figure.
import type { BindingResult, NicResult, RunDocument } from '../../doc/runDocument';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, count, quantity, text } from './cells';

const ms = (ns: number | null): ReportCell =>
  ns === null ? text('—', { tone: 'muted' }) : { text: `${(ns / 1e6).toFixed(3)} ms`, value: ns };

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
  [
    'allocations that found the genpool empty',
    (b) => count(b.alloc_failures, `binding/${b.id}/alloc_failures`, b.alloc_failures > 0 ? { tone: 'warn' } : {}),
  ],
  ['payload bytes through the linear area', (b) => bytesCell(b.linear_bytes, `binding/${b.id}/linear_bytes`)],
  ['page_pools using it', (b) => text(b.pools.join(', '))],
];

export function bindingTable(bindings: readonly BindingResult[]): ReportTable {
  return {
    id: 'bindings',
    caption: 'devmem dma-buf bindings (net_devmem_dmabuf_binding) at the end of the run',
    columns: [{ label: 'binding id' }, ...bindings.map((b) => ({ label: String(b.id), align: 'right' as const }))],
    rows: ROWS.map(([label, f]) => [text(label), ...bindings.map(f)]),
    note: "The net_iov places sum to the binding's net_iov count. Allocations that found the genpool empty left an RX descriptor unposted (the driver could not refill).",
  };
}

/** Ethernet FCS bytes counted in frame sizes (schema: frame bytes incl. FCS) but not in TCP payload. */
const ETH_FCS_LEN = 4;

/** TCP payload the application received as devmem tokens, in Gbit/s over the run (frame − headers − FCS). */
export function devmemPayloadGbps(devmem: NonNullable<NicResult['devmem']>, durationNs: number): { gbps: number; bytes: number } {
  const bytes = devmem.devmem_bytes - devmem.devmem_header_bytes - ETH_FCS_LEN * devmem.devmem_packets;
  return { gbps: durationNs > 0 ? (bytes * 8) / (durationNs / 1e9) / 1e9 : NaN, bytes };
}

/** The devmem data path of each NIC (NicResult.devmem). */
export function devmemNicTable(doc: RunDocument): ReportTable | null {
  const nics = doc.nics.filter((n): n is NicResult & { devmem: NonNullable<NicResult['devmem']> } => !!n.devmem);
  if (nics.length === 0) return null;
  type R = [string, (n: (typeof nics)[number]) => ReportCell];
  const rows: R[] = [
    ['RX queues bound', (n) => text(n.devmem.bound_queues.join(', ') || 'none')],
    [
      'bind-rx failures',
      (n) => count(n.devmem.bind_failures, `nic/${n.name}/devmem/bind_failures`, n.devmem.bind_failures > 0 ? { tone: 'warn' } : {}),
    ],
    ['packets read as devmem (unreadable skbs)', (n) => count(n.devmem.devmem_packets, `nic/${n.name}/devmem/devmem_packets`)],
    [
      'TCP payload delivered as tokens',
      (n) => {
        const p = devmemPayloadGbps(n.devmem, doc.duration_ns);
        return quantity(p.gbps, 'Gbit/s', `nic/${n.name}/devmem/payload_gbps`, 4, { title: `${p.bytes} bytes` });
      },
    ],
    ['frame bytes of devmem packets', (n) => bytesCell(n.devmem.devmem_bytes, `nic/${n.name}/devmem/devmem_bytes`)],
    ['header bytes (in host memory)', (n) => bytesCell(n.devmem.devmem_header_bytes, `nic/${n.name}/devmem/devmem_header_bytes`)],
    [
      'unreadable skbs at non-devmem sockets (-EFAULT)',
      (n) => count(n.devmem.efault_skbs, `nic/${n.name}/devmem/efault_skbs`, n.devmem.efault_skbs > 0 ? { tone: 'warn' } : {}),
    ],
    ['tokens handed / outstanding at end', (n) => text(`${n.devmem.tokens_handed} / ${n.devmem.tokens_outstanding}`)],
    ['SO_DEVMEM_DONTNEED calls', (n) => count(n.devmem.dontneed_calls, `nic/${n.name}/devmem/dontneed_calls`)],
    ['readable bytes copied to user', (n) => bytesCell(n.devmem.readable_bytes, `nic/${n.name}/devmem/readable_bytes`)],
    ['host memory traffic', (n) => quantity(n.devmem.host_memory_gbytes_per_s, 'GB/s', `nic/${n.name}/devmem/host_memory_gbytes_per_s`)],
    [
      'host memory traffic without devmem',
      (n) =>
        quantity(n.devmem.host_memory_gbytes_per_s_without_devmem, 'GB/s', `nic/${n.name}/devmem/host_memory_gbytes_per_s_without_devmem`),
    ],
  ];
  return {
    id: 'devmem-nics',
    caption: 'devmem TCP data path per NIC',
    columns: [{ label: 'figure' }, ...nics.map((n) => ({ label: n.name, align: 'right' as const }))],
    rows: rows.map(([label, f]) => [text(label), ...nics.map(f)]),
    note:
      `TCP payload = frame bytes − header bytes − the ${ETH_FCS_LEN}-byte FCS per frame, over the run. Host memory traffic counts bytes crossing host DRAM (DDIO off): ` +
      'a NIC write is 1, a copy to user 2 (read + write); devmem payload lands in the dma-buf (device memory) and never crosses it. "Without devmem" is the same traffic copied to user.',
  };
}

export function bindingBlocks(doc: RunDocument): ReportBlock[] {
  const nicTable = devmemNicTable(doc);
  return [
    ...(nicTable ? [{ kind: 'table' as const, table: nicTable }] : []),
    ...(doc.bindings.length > 0 ? [{ kind: 'table' as const, table: bindingTable(doc.bindings) }] : []),
  ];
}
