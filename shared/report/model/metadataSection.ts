// Per-buffer metadata of a run: per NIC at the instant it held the most 4 KiB descriptors, and per
// pool at its own peak (peak_inflight), under struct page / netmem_desc / memdesc. Figures from
// doc/derived/metadataFigures.ts, the one source the CLI summary, the run view and the compare views share.
import { METADATA_LAYOUTS, type RunDocument } from '../../doc/runDocument';
import { heldText, nicMetadataFigures, poolMetadataFigures } from '../../doc/derived/metadataFigures';
import { METADATA_ASSUMPTIONS } from '../../doc/derived/metadataLayouts';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, count, quantity, text } from './cells';

const LAYOUT_COLUMNS = [
  { label: 'struct page', align: 'right' as const },
  { label: 'netmem_desc', align: 'right' as const },
  { label: 'memdesc', align: 'right' as const },
];

function nicTable(doc: RunDocument): ReportTable | null {
  const rows: ReportCell[][] = [];
  for (const nic of doc.nics) {
    const f = nicMetadataFigures(nic);
    if (!f) continue;
    rows.push([
      text(nic.name),
      text(`${nic.driver} / ${nic.variant}`),
      text(heldText(f.held)),
      count(f.descriptors, `nic/${nic.name}/metadata/peak_descriptors`),
      ...METADATA_LAYOUTS.map((l) => bytesCell(f.bytes[l], `nic/${nic.name}/metadata/${l}_bytes`)),
      f.perRxBuffer ? quantity(f.perRxBuffer.memdesc, 'B', `nic/${nic.name}/metadata/memdesc_per_buffer`) : text('—', { tone: 'muted' }),
    ]);
  }
  if (rows.length === 0) return null;
  return {
    id: 'metadata-nics',
    caption:
      "Per-buffer metadata at each NIC's peak hold: what the NIC held at the instant it held the most 4 KiB descriptors (all pools and driver pages together)",
    columns: [
      { label: 'NIC' },
      { label: 'driver / variant' },
      { label: 'held at the peak' },
      { label: '4 KiB descriptors', align: 'right' },
      ...LAYOUT_COLUMNS,
      { label: 'memdesc per RX buffer', align: 'right' },
    ],
    rows,
  };
}

function poolTable(doc: RunDocument): ReportTable | null {
  if (doc.pools.length === 0) return null;
  const rows: ReportCell[][] = doc.pools.map((p) => {
    const f = poolMetadataFigures(p);
    return [
      text(`#${p.id}`),
      text(`${p.nic} rx-${p.queue} ${p.role}`),
      text(p.provider !== 'pages' ? 'net_iov' : `order ${p.params.order}`),
      count(p.peak_inflight),
      count(f.descriptors),
      ...METADATA_LAYOUTS.map((l) => bytesCell(f.bytes[l], `pool/${p.id}/metadata/${l}_bytes`)),
    ];
  });
  return {
    id: 'metadata-pools',
    caption:
      "Per-buffer metadata at each pool's own peak (peak_inflight); pools peak at different instants, so the NIC figure is at most their sum",
    columns: [
      { label: 'pool' },
      { label: 'queue' },
      { label: 'buffers' },
      { label: 'peak_inflight', align: 'right' },
      { label: '4 KiB descriptors', align: 'right' },
      ...LAYOUT_COLUMNS,
    ],
    rows,
    compact: true,
  };
}

export function metadataBlocks(doc: RunDocument): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  const nics = nicTable(doc);
  if (!nics)
    return [
      { kind: 'text', tone: 'note', text: 'This run document carries no measured metadata (written before the NIC hold meter existed).' },
    ];
  blocks.push({ kind: 'table', table: nics });
  const pools = poolTable(doc);
  if (pools) blocks.push({ kind: 'table', table: pools });
  blocks.push({ kind: 'definitions', items: METADATA_ASSUMPTIONS.map((a, i) => ({ term: `assumption ${i + 1}`, text: a })) });
  return blocks;
}
