// The run view's numbers over a time range (rangeFigures): the same groups and cell keys as the
// whole run's (runNumbers), so a figure is found under one key whichever range it covers.
import { PP_STAT_ETHTOOL, PP_STAT_NAMES, type RunDocument } from '../../doc/runDocument';
import type { ReportCell, ReportTable } from './types';
import type { NumbersGroup } from './runNumbers';
import type { RangeFigures } from './rangeFigures';
import { code, count, percent, quantity, text } from './cells';
import { dropNote } from './resultsSection';
import { netlinkName } from './pagePoolSection';
import { formatValue } from '../charts/format';
import { cyclesByStageTable, rangeStageBars } from './cyclesSection';

const na = (why: string): ReportCell => text('—', { tone: 'muted', title: why });
const maybe = (v: number | null, key: string): ReportCell => (v === null ? na('no series column for it in this run') : count(v, key));

/** "2.000–5.000 ms": the range as the table states it. */
export function rangeText(f: RangeFigures): string {
  return `${(f.range.start_ns / 1e6).toFixed(3)}–${(f.range.end_ns / 1e6).toFixed(3)} ms`;
}

function nicTable(f: RangeFigures): ReportTable {
  return {
    id: 'range-nic-results',
    caption: `Per NIC over ${rangeText(f)}`,
    columns: [
      { label: 'NIC' },
      { label: 'throughput', align: 'right' },
      { label: 'packet rate', align: 'right' },
      { label: 'of line rate', align: 'right' },
      { label: 'packets received', align: 'right' },
      { label: 'offered', align: 'right' },
      { label: 'dropped', align: 'right' },
      { label: 'cycles/pkt NAPI', align: 'right' },
      { label: 'core util.', align: 'right' },
    ],
    rows: f.nics.map((n) => {
      const k = `nic/${n.name}`;
      const drops = Object.values(n.drops).reduce<number>((a, b) => a + (b ?? 0), 0);
      return [
        code(n.name),
        quantity(n.gbps, 'Gbit/s', `${k}/gbps`),
        quantity(n.mpps, 'Mpps', `${k}/mpps`),
        percent(n.line_rate_share, `${k}/line_rate_share`),
        count(n.packets, `${k}/packets`),
        count(n.offered_packets, `${k}/offered_packets`),
        count(
          drops,
          `${k}/drops_total`,
          drops > 0 ? { tone: 'warn', title: 'the drop reasons with a series column' } : { title: 'the drop reasons with a series column' },
        ),
        na(
          n.cycles_by_stage
            ? 'the NAPI / application split is for the whole run; over the range, cycles per packet are given by stage (all stages in the table below)'
            : 'the series holds no cycle counts: cycles per packet are for the whole run',
        ),
        percent(n.utilization, `${k}/utilization`),
      ];
    }),
    note: "The range is taken to the nearest sample edges. Counts are the sums of the samples of its intervals; rates divide them by the range's length. Share of line rate counts wire bits (frame + preamble + inter-frame gap).",
  };
}

function dropsTable(f: RangeFigures): ReportTable | null {
  const rows: ReportCell[][] = [];
  for (const n of f.nics) {
    for (const [reason, v] of Object.entries(n.drops)) {
      rows.push([
        code(n.name),
        code(reason, { title: dropNote(reason) ?? undefined }),
        maybe(v, `nic/${n.name}/drop/${reason}`),
        percent(v !== null && n.offered_packets > 0 ? v / n.offered_packets : null, `nic/${n.name}/drop_share/${reason}`),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    id: 'range-drops',
    caption: `Drops by reason over ${rangeText(f)}`,
    columns: [{ label: 'NIC' }, { label: 'reason' }, { label: 'packets', align: 'right' }, { label: 'share of offered', align: 'right' }],
    rows,
  };
}

function countersTable(doc: RunDocument, f: RangeFigures, nic: string): ReportTable | null {
  const pools = f.pools.filter((p) => doc.pools.find((x) => x.id === p.id)?.nic === nic);
  if (pools.length === 0) return null;
  const sec = (f.range.end_ns - f.range.start_ns) / 1e9;
  return {
    id: `range-pp-${nic}`,
    caption: `page_pool counters of ${nic} over ${rangeText(f)}, summed over its ${pools.length} pool${pools.length === 1 ? '' : 's'}`,
    columns: [
      { label: 'netlink (page-pool-stats-get)', code: true },
      { label: 'ethtool -S', code: true },
      { label: 'count', align: 'right' },
      { label: 'per second', align: 'right' },
    ],
    rows: PP_STAT_NAMES.map((c) => {
      const v = pools.reduce((a, p) => a + p.stats[c], 0);
      return [
        code(netlinkName(c)),
        code(PP_STAT_ETHTOOL[c]),
        count(v, `nic/${nic}/pp/${c}`),
        { text: formatValue(v / sec, 'per_s'), value: v / sec },
      ];
    }),
  };
}

function poolTable(doc: RunDocument, f: RangeFigures): ReportTable {
  return {
    id: 'range-pp-pools',
    caption: `Per pool over ${rangeText(f)}; in flight at its end`,
    compact: true,
    columns: [
      { label: 'id' },
      { label: 'queue / role' },
      ...['alloc-fast', 'alloc-refill', 'alloc-slow', 'recycle-cached', 'recycle-ring'].map((l) => ({
        label: l,
        align: 'right' as const,
        code: true,
      })),
      { label: 'released', align: 'right' },
      { label: 'recycle ratio', align: 'right' },
      { label: 'inflight', align: 'right', code: true },
      { label: 'NIC ring', align: 'right' },
      { label: 'stack', align: 'right' },
      { label: 'user', align: 'right' },
    ],
    rows: f.pools.map((p) => {
      const k = `pool/${p.id}`;
      const d = doc.pools.find((x) => x.id === p.id);
      const s = p.stats;
      return [
        text(String(p.id)),
        text(d ? `${d.nic} rx-${d.queue} ${d.role}` : ''),
        count(s.alloc_fast, `${k}/alloc_fast`),
        count(s.alloc_refill, `${k}/alloc_refill`),
        count(s.alloc_slow, `${k}/alloc_slow`),
        count(s.recycle_cached, `${k}/recycle_cached`),
        count(s.recycle_ring, `${k}/recycle_ring`),
        count(s.recycle_ring_full + s.recycle_released_refcnt, `${k}/released`, { title: 'recycle-ring-full + recycle-released-refcnt' }),
        percent(p.recycle_ratio, `${k}/recycle_ratio`),
        maybe(p.at_end.inflight, `${k}/inflight`),
        maybe(p.at_end.in_nic_ring, `${k}/where/nic_ring`),
        maybe(p.at_end.in_stack, `${k}/where/stack`),
        maybe(p.at_end.in_user, `${k}/where/user`),
      ];
    }),
  };
}

function bindingTable(f: RangeFigures): ReportTable {
  type Row = [string, (b: RangeFigures['bindings'][number]) => ReportCell];
  const rows: Row[] = [
    ['net_iovs free in the genpool (end)', (b) => maybe(b.at_end.niov_free, `binding/${b.id}/niov/free`)],
    ['net_iovs in pool alloc caches (end)', (b) => maybe(b.at_end.niov_alloc_cache, `binding/${b.id}/niov/alloc_cache`)],
    ['net_iovs in pool ptr_rings (end)', (b) => maybe(b.at_end.niov_ptr_ring, `binding/${b.id}/niov/ptr_ring`)],
    ['net_iovs posted to NIC rings (end)', (b) => maybe(b.at_end.niov_nic_ring, `binding/${b.id}/niov/nic_ring`)],
    ['net_iovs in the stack (end)', (b) => maybe(b.at_end.niov_stack, `binding/${b.id}/niov/stack`)],
    ['net_iovs held by the user (end)', (b) => maybe(b.at_end.niov_user, `binding/${b.id}/niov/user`)],
    ['tokens outstanding (end)', (b) => maybe(b.at_end.tokens_outstanding, `binding/${b.id}/tokens_outstanding`)],
    ['SO_DEVMEM_DONTNEED calls', (b) => maybe(b.counts.dontneed_calls, `binding/${b.id}/dontneed_calls`)],
    ['tokens freed by SO_DEVMEM_DONTNEED', (b) => maybe(b.counts.dontneed_freed, `binding/${b.id}/dontneed_freed`)],
    ['allocations that found the genpool empty', (b) => maybe(b.counts.alloc_failures, `binding/${b.id}/alloc_failures`)],
  ];
  return {
    id: 'range-bindings',
    caption: `devmem dma-buf bindings over ${rangeText(f)}`,
    columns: [{ label: 'binding id' }, ...f.bindings.map((b) => ({ label: String(b.id), align: 'right' as const }))],
    rows: rows.map(([label, g]) => [text(label), ...f.bindings.map(g)]),
  };
}

/** Cycles per packet by stage over the range, under the whole run's keys; null without stage columns. */
export function rangeStagesTable(f: RangeFigures): ReportTable | null {
  return cyclesByStageTable(rangeStageBars(f), {
    text: rangeText(f),
    note: "Each stage's cycles charged over the range (the sum of its nic/<nic>/cycles/<stage> samples) divided by the packets the NIC received in it; NICs that received nothing in it are left out.",
  });
}

export function rangeNumbers(doc: RunDocument, f: RangeFigures): NumbersGroup[] {
  const drops = dropsTable(f);
  const stages = rangeStagesTable(f);
  const groups: NumbersGroup[] = [
    {
      id: 'nics',
      title: 'Per NIC',
      blocks: [
        { kind: 'table', table: nicTable(f) },
        ...(stages ? [{ kind: 'table' as const, table: stages }] : []),
        ...(drops ? [{ kind: 'table' as const, table: drops }] : []),
      ],
    },
  ];
  if (f.pools.length > 0) {
    const counters = doc.nics.map((n) => countersTable(doc, f, n.name)).filter((t): t is ReportTable => t !== null);
    groups.push({
      id: 'pools',
      title: 'Per page_pool',
      blocks: [...counters.map((t) => ({ kind: 'table' as const, table: t })), { kind: 'table', table: poolTable(doc, f) }],
    });
  }
  if (f.bindings.length > 0)
    groups.push({ id: 'bindings', title: 'Per devmem binding', blocks: [{ kind: 'table', table: bindingTable(f) }] });
  return groups;
}
