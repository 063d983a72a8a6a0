// What a page → netmem conversion changes, per driver: cost (cycles per packet, throughput),
// capability for unreadable net_iov with its reason, and metadata bytes per buffer under the
// struct page / netmem_desc / memdesc layouts. Read from each point's NIC results: the driver
// model states these facts in `driver_info` (capabilities.unreadable_netmem, metadata).
import type { CompareDocument } from '../../sim/result/compareDocument';
import type { NicResult } from '../../sim/result/runDocument';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, quantity, text } from './cells';
import { roundSig } from '../charts/format';

interface Capability { ok: boolean; reasons: string[]; explanation: string }
interface LayoutBytes { total_bytes: number; per_pool_buffer: number; per_rx_buffer: number }
type Layouts = Record<'struct_page' | 'netmem_desc' | 'memdesc', LayoutBytes>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCapability = (v: unknown): v is Capability => isObj(v) && typeof v.ok === 'boolean' && Array.isArray(v.reasons) && typeof v.explanation === 'string';
const isLayouts = (v: unknown): v is Layouts => isObj(v) && ['struct_page', 'netmem_desc', 'memdesc'].every((k) => isObj(v[k]) && typeof (v[k] as Record<string, unknown>).total_bytes === 'number');

/** First value under `obj` (breadth-first, a few levels) that passes the guard. */
function findShaped<T>(obj: unknown, guard: (v: unknown) => v is T, depth = 3): T | undefined {
  let level: unknown[] = [obj];
  for (let d = 0; d <= depth && level.length; d++) {
    const next: unknown[] = [];
    for (const v of level) {
      if (guard(v)) return v;
      if (isObj(v)) next.push(...Object.values(v));
    }
    level = next;
  }
  return undefined;
}

export function nicCapability(n: NicResult): Capability | undefined {
  const caps = isObj(n.driver_info.capabilities) ? n.driver_info.capabilities.unreadable_netmem : undefined;
  return isCapability(caps) ? caps : findShaped(n.driver_info, isCapability);
}

export function nicMetadataLayouts(n: NicResult): Layouts | undefined {
  return findShaped(n.driver_info, isLayouts);
}

interface Entry { point: number; label: string; nic: NicResult }

export function conversionTable(driver: string, entries: Entry[]): ReportTable {
  // Cost deltas are against the driver's first point (the baseline of the comparison).
  const base = entries[0]?.nic.cpu.cycles_per_packet;
  const rows: ReportCell[][] = entries.map(({ point, label, nic }, i) => {
    const cap = nicCapability(nic);
    const meta = nicMetadataLayouts(nic);
    const k = `conversion/${point}/${nic.name}`;
    const mode = typeof nic.driver_info.mode === 'string' ? ` (${nic.driver_info.mode})` : '';
    const d = base !== undefined && i > 0 ? nic.cpu.cycles_per_packet - base : null;
    return [
      text(`${point}: ${label}`), text(`${nic.variant}${mode}`),
      quantity(nic.cpu.cycles_per_packet, '', `${k}/cycles_per_packet`),
      d === null ? text('—', { tone: 'muted' }) : quantity(d, '', `${k}/cycles_per_packet_delta`, 4, { text: `${d > 0 ? '+' : ''}${roundSig(d, 4)}` }),
      quantity(nic.rx.gbps, 'Gbit/s', `${k}/gbps`),
      cap ? text(cap.ok ? 'yes' : `no: ${cap.reasons.join(', ')}`, { tone: cap.ok ? 'better' : 'muted', code: !cap.ok }) : text('not stated', { tone: 'muted' }),
      ...(['struct_page', 'netmem_desc', 'memdesc'] as const).map((l) => (meta ? bytesCell(meta[l].total_bytes, `${k}/metadata/${l}`) : text('—', { tone: 'muted' }))),
      meta ? quantity(meta.memdesc.per_rx_buffer, 'B', `${k}/metadata/memdesc_per_rx_buffer`) : text('—', { tone: 'muted' }),
    ];
  });
  return {
    id: `conversion-${driver}`, caption: `${driver}`, compact: true,
    columns: [{ label: 'point' }, { label: 'variant' }, { label: 'cycles / packet', align: 'right' }, { label: 'Δ cycles', align: 'right' },
      { label: 'received', align: 'right' }, { label: 'unreadable net_iov' }, { label: 'metadata, struct page', align: 'right' },
      { label: 'netmem_desc', align: 'right' }, { label: 'memdesc', align: 'right' }, { label: 'memdesc per RX buffer', align: 'right' }],
    rows,
    note: 'Metadata: peak buffers held × bytes of per-buffer metadata. struct page is 64 B per 4 KiB page; netmem_desc overlays struct page (same bytes, different types); '
      + 'memdesc is the planned 8 B pointer per page plus one separately allocated descriptor per pool buffer. net_iovs (devmem) are 64 B each under every layout.',
  };
}

/** The capability explanations, one per distinct text, said in full under the table. */
function capabilityReasons(driver: string, entries: Entry[]): ReportBlock | null {
  const items = new Map<string, string[]>();
  for (const e of entries) {
    const cap = nicCapability(e.nic);
    if (!cap) continue;
    items.set(cap.explanation, [...(items.get(cap.explanation) ?? []), `${e.nic.variant}`]);
  }
  if (items.size === 0) return null;
  return { kind: 'definitions', items: [...items.entries()].map(([t, vs]) => ({ term: `${driver} ${[...new Set(vs)].join(', ')}`, text: t })) };
}

export function conversionBlocks(doc: CompareDocument): ReportBlock[] {
  const byDriver = new Map<string, Entry[]>();
  doc.runs.forEach((row, p) => {
    const run = row[0];
    if (!run) return;
    for (const nic of run.nics) {
      const list = byDriver.get(nic.driver) ?? [];
      list.push({ point: p, label: doc.points[p]?.label || 'baseline', nic });
      byDriver.set(nic.driver, list);
    }
  });
  const blocks: ReportBlock[] = [...byDriver.entries()].flatMap(([d, entries]): ReportBlock[] => {
    const why = capabilityReasons(d, entries);
    return [{ kind: 'table', table: conversionTable(d, entries) }, ...(why ? [why] : [])];
  });
  const variants = new Set(doc.runs.flatMap((r) => r[0]?.nics.map((n) => n.variant) ?? []));
  if (variants.size < 2) {
    blocks.unshift({ kind: 'text', tone: 'note', text: 'This comparison does not vary the page/netmem variant; add `variant: [page, netmem]` to the compare matrix to see what the conversion changes.' });
  }
  return blocks;
}
