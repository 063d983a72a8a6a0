// Memory providers in the run summary, from the run document's `providers` (each provider's own
// report): one row per provider instance — where its net_iovs are, allocation failures, state —
// then its counters under their kernel names. dma-buf bindings keep their richer table
// (summary.ts bindingTable) and are not repeated here; every other kind (io_uring zcrx areas,
// and any later one) is listed without code of its own.
import type { ProviderReport, RunDocument } from '../../shared/doc/runDocument';
import { formatBytes } from '../../shared/doc/units';
import { providerTitle } from '../../shared/report/model/providersSection';
import { count, renderTable, type Column } from './table';

/** Providers the summary lists in this table: all but the dma-buf bindings it tables on their own. */
export function summaryProviders(doc: RunDocument): ProviderReport[] {
  return (doc.providers ?? []).filter((p) => !(p.kind === 'dmabuf' && doc.bindings.length > 0));
}

const WRAP = 110;

export function providerSummary(doc: RunDocument): string | null {
  const list = summaryProviders(doc);
  if (list.length === 0) return null;
  const cols: Column[] = [
    { header: 'memory provider' },
    { header: 'queues' },
    { header: 'size', align: 'right' },
    { header: 'net_iovs', align: 'right' },
    { header: 'free', align: 'right' },
    { header: 'in pools', align: 'right' },
    { header: 'user', align: 'right' },
    { header: 'alloc failures', align: 'right' },
    { header: 'state' },
  ];
  const rows = list.map((p) => [
    `${providerTitle(p)} on ${p.nic}`,
    p.queues.join(', ') || 'none',
    formatBytes(p.bytes),
    count(p.net_iovs),
    count(p.places.free),
    count(p.places.in_pool),
    count(p.places.user),
    count(p.alloc_failures),
    p.state,
  ]);
  const lines = [renderTable(cols, rows, '  ')];
  for (const p of list) {
    const c = Object.entries(p.counters)
      .filter(([k]) => k !== 'alloc_failures')
      .map(([k, v]) => `${k} ${count(v)}`);
    if (c.length === 0) continue;
    // counters wrapped to lines of about a terminal's width
    let line = `  ${providerTitle(p)}:`;
    for (const item of c) {
      if (line.length + item.length + 3 > WRAP && !line.endsWith(':')) {
        lines.push(line);
        line = '   ';
      }
      line += line.endsWith(':') || line === '   ' ? ` ${item}` : ` · ${item}`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}
