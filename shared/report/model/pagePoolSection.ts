// page_pool counters per NIC (under netlink and ethtool -S names), per pool, and in-flight accounting.
import { PP_STAT_ETHTOOL, PP_STAT_NAMES, type PagePoolStats, type PoolResult, type RunDocument } from '../../doc/runDocument';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { bytesCell, code, count, percent, quantity, text } from './cells';
import { recycleRatio, RECYCLE_RATIO_DEFINITION } from '../../doc/derived/recycleRatio';
import { formatValue } from '../charts/format';

/** `alloc_fast` → `alloc-fast`: the attribute name in the netdev netlink spec (page-pool-stats-get). */
export const netlinkName = (c: string): string => c.replace(/_/g, '-');

export function sumStats(pools: readonly PoolResult[]): PagePoolStats {
  const out = Object.fromEntries(PP_STAT_NAMES.map((n) => [n, 0])) as PagePoolStats;
  for (const p of pools) for (const n of PP_STAT_NAMES) out[n] += p.stats[n];
  return out;
}

function nicCountersTable(doc: RunDocument, nic: string, pools: readonly PoolResult[]): ReportTable {
  const s = sumStats(pools);
  const n = doc.nics.find((x) => x.name === nic);
  const seconds = doc.duration_ns / 1e9;
  const rows: ReportCell[][] = PP_STAT_NAMES.map((c) => [
    code(netlinkName(c)),
    code(PP_STAT_ETHTOOL[c]),
    count(s[c], `nic/${nic}/pp/${c}`),
    { text: formatValue(s[c] / seconds, 'per_s'), value: s[c] / seconds },
    n && n.rx.packets > 0 ? quantity(s[c] / n.rx.packets, '', undefined, 4) : text('—', { tone: 'muted' }),
  ]);
  rows.push([text('recycle ratio'), text(''), percent(recycleRatio(s), `nic/${nic}/pp/recycle_ratio`), text(''), text('')]);
  return {
    id: `pp-${nic}`,
    caption: `page_pool counters of ${nic}, summed over its ${pools.length} pool${pools.length === 1 ? '' : 's'}`,
    columns: [
      { label: 'netlink (page-pool-stats-get)', code: true },
      { label: 'ethtool -S', code: true },
      { label: 'count', align: 'right' },
      { label: 'per second', align: 'right' },
      { label: 'per received packet', align: 'right' },
    ],
    rows,
  };
}

function poolLabel(p: PoolResult): string {
  return `${p.nic} rx-${p.queue} ${p.role}`;
}

function perPoolTable(pools: readonly PoolResult[]): ReportTable {
  return {
    id: 'pp-pools',
    caption: 'Per pool: allocation and recycling',
    compact: true,
    columns: [
      { label: 'id' },
      { label: 'queue / role' },
      { label: 'provider' },
      { label: 'order', align: 'right' },
      { label: 'pool_size', align: 'right' },
      { label: 'alloc-fast', align: 'right', code: true },
      { label: 'alloc-refill', align: 'right', code: true },
      { label: 'alloc-slow', align: 'right', code: true },
      { label: 'alloc-empty', align: 'right', code: true },
      { label: 'recycle-cached', align: 'right', code: true },
      { label: 'recycle-ring', align: 'right', code: true },
      { label: 'released', align: 'right' },
      { label: 'recycle ratio', align: 'right' },
    ],
    rows: pools.map((p) => {
      const k = `pool/${p.id}`;
      const released = p.stats.recycle_ring_full + p.stats.recycle_released_refcnt;
      return [
        text(String(p.id)),
        text(poolLabel(p)),
        text(p.provider),
        count(p.params.order),
        count(p.params.pool_size),
        count(p.stats.alloc_fast, `${k}/alloc_fast`),
        count(p.stats.alloc_refill, `${k}/alloc_refill`),
        count(p.stats.alloc_slow, `${k}/alloc_slow`),
        count(p.stats.alloc_empty, `${k}/alloc_empty`),
        count(p.stats.recycle_cached, `${k}/recycle_cached`),
        count(p.stats.recycle_ring, `${k}/recycle_ring`),
        count(
          released,
          `${k}/released`,
          released > 0
            ? { tone: 'warn', title: 'recycle-ring-full + recycle-released-refcnt' }
            : { title: 'recycle-ring-full + recycle-released-refcnt' },
        ),
        percent(recycleRatio(p.stats), `${k}/recycle_ratio`),
      ];
    }),
    note: 'released = recycle-ring-full + recycle-released-refcnt. Every counter of every pool is listed in the appendix.',
  };
}

function inflightTable(pools: readonly PoolResult[]): ReportTable {
  return {
    id: 'pp-inflight',
    caption: 'Per pool: buffers in flight (end of run)',
    compact: true,
    columns: [
      { label: 'id' },
      { label: 'queue / role' },
      { label: 'hold_cnt', align: 'right', code: true },
      { label: 'release_cnt', align: 'right', code: true },
      { label: 'inflight', align: 'right', code: true },
      { label: 'inflight-mem', align: 'right', code: true },
      { label: 'peak inflight', align: 'right' },
      { label: 'alloc cache', align: 'right' },
      { label: 'ptr_ring', align: 'right' },
      { label: 'NIC ring', align: 'right' },
      { label: 'stack', align: 'right' },
      { label: 'user', align: 'right' },
      { label: 'destroy' },
    ],
    rows: pools.map((p) => {
      const k = `pool/${p.id}`;
      const a = p.accounting;
      const destroy =
        p.destroy === null
          ? 'live'
          : p.destroy.finished_ns !== null
            ? `destroyed at ${(p.destroy.finished_ns / 1e6).toFixed(3)} ms`
            : `destroy pending since ${(p.destroy.started_ns / 1e6).toFixed(3)} ms`;
      return [
        text(String(p.id)),
        text(poolLabel(p)),
        count(p.hold_cnt, `${k}/hold_cnt`),
        count(p.release_cnt, `${k}/release_cnt`),
        count(p.inflight, `${k}/inflight`),
        bytesCell(p.inflight_mem, `${k}/inflight_mem`),
        count(p.peak_inflight, `${k}/peak_inflight`),
        count(a.alloc_cache, `${k}/where/alloc_cache`),
        count(a.ptr_ring, `${k}/where/ptr_ring`),
        count(a.nic_ring, `${k}/where/nic_ring`),
        count(a.stack, `${k}/where/stack`),
        count(a.user, `${k}/where/user`),
        text(destroy, p.destroy !== null && p.destroy.finished_ns === null ? { tone: 'warn' } : {}),
      ];
    }),
    note:
      'inflight = hold_cnt − release_cnt (page_pool_inflight); inflight-mem = inflight × (PAGE_SIZE << order), as page-pool-get reports them. ' +
      'The place columns say where the in-flight buffers are and sum to inflight.',
  };
}

/** Pools per appendix table: keeps the tables within an A4 page width. */
export const POOLS_PER_TABLE = 6;

/** Every counter of every pool (the appendix): rows = counters under both names, columns = pools. */
export function allCountersTables(pools: readonly PoolResult[]): ReportTable[] {
  const tables: ReportTable[] = [];
  for (let i = 0; i < pools.length; i += POOLS_PER_TABLE) {
    const chunk = pools.slice(i, i + POOLS_PER_TABLE);
    tables.push({
      id: `pp-all-${i / POOLS_PER_TABLE}`,
      caption: `All page_pool counters, pools ${chunk[0].id}–${chunk[chunk.length - 1].id}`,
      compact: true,
      columns: [
        { label: 'netlink', code: true },
        { label: 'ethtool -S', code: true },
        ...chunk.map((p) => ({ label: `#${p.id} ${p.nic} rx-${p.queue} ${p.role}`, align: 'right' as const })),
      ],
      rows: [
        ...PP_STAT_NAMES.map((c) => [
          code(netlinkName(c)),
          code(PP_STAT_ETHTOOL[c]),
          ...chunk.map((p) => count(p.stats[c], `pool/${p.id}/${c}`)),
        ]),
        [text('hold_cnt'), text(''), ...chunk.map((p) => count(p.hold_cnt, `pool/${p.id}/hold_cnt`))],
        [text('release_cnt'), text(''), ...chunk.map((p) => count(p.release_cnt, `pool/${p.id}/release_cnt`))],
        [code('inflight'), text(''), ...chunk.map((p) => count(p.inflight, `pool/${p.id}/inflight`))],
        [code('inflight-mem'), text(''), ...chunk.map((p) => bytesCell(p.inflight_mem, `pool/${p.id}/inflight_mem`))],
      ],
    });
  }
  return tables;
}

export function pagePoolBlocks(doc: RunDocument): ReportBlock[] {
  if (doc.pools.length === 0) return [{ kind: 'text', text: 'This run created no page_pool (the driver mode manages its own pages).' }];
  const blocks: ReportBlock[] = [];
  for (const nic of doc.nics) {
    const pools = doc.pools.filter((p) => p.nic === nic.name);
    if (pools.length > 0) blocks.push({ kind: 'table', table: nicCountersTable(doc, nic.name, pools) });
  }
  blocks.push({ kind: 'definitions', items: [{ term: 'recycle ratio', text: RECYCLE_RATIO_DEFINITION }] });
  blocks.push({ kind: 'table', table: perPoolTable(doc.pools) });
  blocks.push({ kind: 'table', table: inflightTable(doc.pools) });
  return blocks;
}
