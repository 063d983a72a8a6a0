// The run summary's per-buffer metadata table: one row per NIC at its peak hold, figures from
// shared/doc/derived/metadataFigures.ts (the same the reports, run view and compare table show).
import { METADATA_LAYOUTS, type RunDocument } from '../../shared/doc/runDocument';
import { heldText, nicMetadataFigures } from '../../shared/doc/derived/metadataFigures';
import { formatBytes } from '../../shared/doc/units';
import { count, renderTable, type Column } from './table';

const LAYOUT_HEADERS = { struct_page: 'struct page', netmem_desc: 'netmem_desc', memdesc: 'memdesc' } as const;

/** The table, or null when no NIC carries measured metadata. */
export function metadataTable(doc: RunDocument): string | null {
  const rows: string[][] = [];
  for (const nic of doc.nics) {
    const f = nicMetadataFigures(nic);
    if (f) rows.push([nic.name, heldText(f.held), count(f.descriptors), ...METADATA_LAYOUTS.map((l) => formatBytes(f.bytes[l]))]);
  }
  if (!rows.length) return null;
  const cols: Column[] = [
    { header: 'metadata at peak hold' },
    { header: 'held' },
    { header: '4 KiB descriptors', align: 'right' },
    ...METADATA_LAYOUTS.map((l): Column => ({ header: LAYOUT_HEADERS[l], align: 'right' })),
  ];
  return `${renderTable(cols, rows, '  ')}\n  (struct page 64 B per 4 KiB page; netmem_desc overlays it; memdesc 8 B per page + 48 B per pool buffer; net_iov 64 B)`;
}
