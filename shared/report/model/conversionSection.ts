// What a page → netmem conversion changes, per driver: cost (cycles per packet, throughput),
// capability for unreadable net_iov with its reason, and metadata bytes per buffer under the
// struct page / netmem_desc / memdesc layouts. Static facts (variant, mode, capability) come from
// the driver's `driver_info`; every number is the compare table's mean for that point, so this
// table and the compare table show one figure per variant (metadata from doc/derived/metadataFigures.ts).
import { compareCellsShow } from './compareCells';
import type { CompareDocument } from '../../doc/compareDocument';
import { METADATA_LAYOUTS, type NicResult } from '../../doc/runDocument';
import { metadataMetricKey } from '../../doc/derived/metrics';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, quantity, text } from './cells';
import { roundSig } from '../charts/format';

interface Capability {
  ok: boolean;
  reasons: string[];
  explanation: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCapability = (v: unknown): v is Capability =>
  isObj(v) && typeof v.ok === 'boolean' && Array.isArray(v.reasons) && typeof v.explanation === 'string';

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

interface Entry {
  point: number;
  label: string;
  nic: NicResult;
}

/** Mean over the point's repeats of the compare-table metric `key`; null where the point has none. */
export function pointMean(doc: CompareDocument, key: string, point: number): number | null {
  const row = doc.table.find((r) => r.metric.key === key);
  return row?.cells[point]?.stat?.mean ?? null;
}

const muted = (): ReportCell => text('—', { tone: 'muted' });

export function conversionTable(doc: CompareDocument, driver: string, entries: Entry[]): ReportTable {
  const mean = (e: Entry, key: string): number | null => pointMean(doc, key, e.point);
  // Cost deltas are against the driver's first point (the baseline of the comparison).
  const base = entries[0] ? mean(entries[0], `nic/${entries[0].nic.name}/cycles_per_packet`) : null;
  const rows: ReportCell[][] = entries.map((e, i) => {
    const { point, label, nic } = e;
    const cap = nicCapability(nic);
    const k = `conversion/${point}/${nic.name}`;
    const mode = typeof nic.driver_info.mode === 'string' ? ` (${nic.driver_info.mode})` : '';
    const cpp = mean(e, `nic/${nic.name}/cycles_per_packet`);
    const gbps = mean(e, `nic/${nic.name}/gbps`);
    const d = base !== null && cpp !== null && i > 0 ? cpp - base : null;
    const perRx = mean(e, `nic/${nic.name}/metadata/memdesc_per_buffer`);
    return [
      text(`${point}: ${label}`),
      text(`${nic.variant}${mode}`),
      cpp === null ? muted() : quantity(cpp, '', `${k}/cycles_per_packet`),
      d === null ? muted() : quantity(d, '', `${k}/cycles_per_packet_delta`, 4, { text: `${d > 0 ? '+' : ''}${roundSig(d, 4)}` }),
      gbps === null ? muted() : quantity(gbps, 'Gbit/s', `${k}/gbps`),
      cap
        ? text(cap.ok ? 'yes' : `no: ${cap.reasons.join(', ')}`, { tone: cap.ok ? 'better' : 'muted', code: !cap.ok })
        : text('not stated', { tone: 'muted' }),
      ...METADATA_LAYOUTS.map((l) => {
        const b = mean(e, metadataMetricKey(nic.name, l));
        return b === null ? muted() : bytesCell(b, `${k}/metadata/${l}`);
      }),
      perRx === null ? muted() : quantity(perRx, 'B', `${k}/metadata/memdesc_per_rx_buffer`),
    ];
  });
  return {
    id: `conversion-${driver}`,
    caption: `${driver}`,
    compact: true,
    columns: [
      { label: 'point' },
      { label: 'variant' },
      { label: 'cycles / packet', align: 'right' },
      { label: 'Δ cycles', align: 'right' },
      { label: 'received', align: 'right' },
      { label: 'unreadable net_iov' },
      { label: 'metadata, struct page', align: 'right' },
      { label: 'netmem_desc', align: 'right' },
      { label: 'memdesc', align: 'right' },
      { label: 'memdesc per RX buffer', align: 'right' },
    ],
    rows,
    note:
      `Numbers: ${compareCellsShow(doc.repeat)}, as in the compare table. ` +
      'Metadata: buffers the NIC held at its peak instant (page_pool pages and net_iovs from hold to release, driver pages from alloc to free) × bytes of per-buffer metadata. ' +
      'struct page is 64 B per 4 KiB page; netmem_desc overlays struct page (same bytes, different types); ' +
      'memdesc is the planned 8 B pointer per page plus one separately allocated 48 B descriptor per pool buffer. net_iovs (devmem) are 64 B each under every layout.',
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
  return {
    kind: 'definitions',
    items: [...items.entries()].map(([t, vs]) => ({ term: `${driver} ${[...new Set(vs)].join(', ')}`, text: t })),
  };
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
    return [{ kind: 'table', table: conversionTable(doc, d, entries) }, ...(why ? [why] : [])];
  });
  const variants = new Set(doc.runs.flatMap((r) => r[0]?.nics.map((n) => n.variant) ?? []));
  if (variants.size < 2) {
    blocks.unshift({
      kind: 'text',
      tone: 'note',
      text: 'This comparison does not vary the page/netmem variant; add `variant: [page, netmem]` to the compare matrix to see what the conversion changes.',
    });
  }
  return blocks;
}
