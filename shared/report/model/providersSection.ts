// Memory providers (ProviderReport): one column per provider instance — dma-buf bindings and
// io_uring zcrx areas alike — one row per figure: where its net_iovs are (free / in page_pools /
// held by the user), allocation failures, then every counter the provider reports under its own
// name. Built only from the report, so a new provider kind is tabled without code here.
import type { ProviderReport, RunDocument } from '../../doc/runDocument';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, count, text } from './cells';

/** What each provider kind is, in the kernel's terms (unknown kinds are shown by their name). */
const KIND_TITLE: Record<string, string> = {
  dmabuf: 'dma-buf binding (devmem TCP)',
  zcrx: 'io_uring zcrx area',
};

export function providerTitle(p: ProviderReport): string {
  return `${KIND_TITLE[p.kind] ?? p.kind} ${p.id}`;
}

const key = (p: ProviderReport, name: string): string => `provider/${p.kind}-${p.id}/${name}`;

type Row = [string, (p: ProviderReport) => ReportCell];

const FIXED: Row[] = [
  ['NIC', (p) => text(p.nic)],
  ['state', (p) => text(p.state)],
  ['RX queues', (p) => text(p.queues.join(', ') || 'none')],
  ['memory', (p) => bytesCell(p.bytes, key(p, 'bytes'))],
  ['net_iovs (4 KiB each)', (p) => count(p.net_iovs, key(p, 'net_iovs'))],
  ['net_iovs free in the provider', (p) => count(p.places.free, key(p, 'niov_free'))],
  ['net_iovs in page_pools (caches, NIC ring, stack)', (p) => count(p.places.in_pool, key(p, 'niov_in_pool'))],
  ['net_iovs held by the user', (p) => count(p.places.user, key(p, 'niov_user'))],
  [
    'allocations the provider could not serve',
    (p) => count(p.alloc_failures, key(p, 'alloc_failures'), p.alloc_failures > 0 ? { tone: 'warn' } : {}),
  ],
];

export function providerTable(providers: readonly ProviderReport[]): ReportTable {
  const counterNames = [...new Set(providers.flatMap((p) => Object.keys(p.counters)))].filter((n) => n !== 'alloc_failures');
  const counterRows: Row[] = counterNames.map((n) => [
    n,
    (p) =>
      n in p.counters
        ? count(p.counters[n], key(p, n), n === 'enospc' && p.counters[n] > 0 ? { tone: 'warn' } : {})
        : text('—', { tone: 'muted' }),
  ]);
  const rows = [...FIXED, ...counterRows];
  return {
    id: 'providers',
    caption: 'Memory providers (dma-buf bindings, io_uring zcrx areas) at the end of the run',
    columns: [{ label: 'provider' }, ...providers.map((p) => ({ label: providerTitle(p), align: 'right' as const }))],
    rows: rows.map(([label, f]) => [counterNames.includes(label) ? { text: label, code: true } : text(label), ...providers.map(f)]),
    note: "The three net_iov places sum to the provider's net_iov count. Counters below them are each provider's own, under their kernel names (— where a provider has no such counter).",
  };
}

export function providerBlocks(doc: RunDocument): ReportBlock[] {
  const providers = doc.providers ?? [];
  return providers.length > 0 ? [{ kind: 'table', table: providerTable(providers) }] : [];
}
