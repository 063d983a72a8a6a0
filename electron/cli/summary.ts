// The end-of-run summary a netdev engineer reads at a glance: one row per NIC (rate, share of
// line rate, drops, cycles per packet, CPU), then per NIC a page_pool block laid out like
// `ethtool -S`: one counter per row, one pool per column, with the NIC total first.
import { recycleRatio } from '../../shared/doc/derived/recycleRatio';
import {
  PP_STAT_ETHTOOL,
  PP_STAT_NAMES,
  type EventRecord,
  type NicResult,
  type PoolResult,
  type RunDocument,
} from '../../shared/doc/runDocument';
import { formatBitRate, formatBytes, formatDurationNs } from '../../shared/doc/units';
import { count, fixed, percent, realTimeText, renderTable, type Column } from './table';
import { metadataTable } from './metadataSummary';
import { providerSummary } from './providerSummary';
import { devmemPayloadGbps } from '../../shared/report/model/bindingsSection';
import { notableActiveWindow } from '../../shared/report/model/activeWindow';
import { stageLines } from './stageSummary';

export interface SummaryOptions {
  /** counter names as `ethtool -S` prints them instead of the netlink (ynl) names */
  ethtool?: boolean;
  /** every pool, wrapped to the width; otherwise as many as fit beside the total */
  allPools?: boolean;
  /** every event; otherwise a log longer than 10 shows its warnings and errors, at most MAX_EVENTS */
  allEvents?: boolean;
  /** terminal width */
  width?: number;
}

const MAX_EVENTS = 20;

export function formatRunSummary(doc: RunDocument, opts: SummaryOptions = {}): string {
  const out: string[] = [];
  const m = doc.meta;
  const simPackets = doc.nics.reduce((a, n) => a + n.rx.offered_packets, 0);
  out.push(`${doc.scenario.name}`);
  out.push(
    `  seed ${doc.seed} · ${formatDurationNs(doc.duration_ns)} simulated in ${fixed(m.wall_ms / 1000, 2)} s wall` +
      ` (${realTimeText(m.realtime_factor)}) · ${count(simPackets)} packets offered`,
  );
  out.push('');
  out.push(nicTable(doc.nics, doc.duration_ns));
  out.push(NIC_TABLE_LEGEND);
  out.push(...stageLines(doc.nics));
  for (const nic of doc.nics) {
    if (!nic.devmem || nic.devmem.devmem_packets === 0) continue;
    const p = devmemPayloadGbps(nic.devmem, doc.duration_ns);
    out.push(`  ${nic.name} goodput: ${fixed(p.gbps, 2)} Gbit/s of TCP payload received as devmem tokens (frames less headers and FCS)`);
  }
  for (const nic of doc.nics) {
    const w = notableActiveWindow(doc, nic.name);
    if (!w) continue;
    out.push(
      `  ${nic.name} active ${formatDurationNs(w.start_ns)} to ${formatDurationNs(w.end_ns)} of ${formatDurationNs(doc.duration_ns)}: ` +
        `${fixed(w.gbps, 2)} Gbit/s, ${fixed(w.mpps, 3)} Mpps${w.cycles_per_packet === null ? '' : `, ${fixed(w.cycles_per_packet, 1)} cycles/pkt (all stages)`}` +
        ' over that window (the table averages over the whole run)',
    );
  }
  for (const nic of doc.nics) out.push(`  ${nic.name} drops: ${dropsLine(nic)}`);
  for (const nic of doc.nics) {
    const q = nic.qstats;
    if (q === undefined) continue;
    out.push(
      `  ${nic.name} qstats: ${
        q === null
          ? 'none (the driver has no netdev_stat_ops: qstats-get answers EOPNOTSUPP)'
          : `rx-packets ${count(q['rx-packets'])}, rx-bytes ${count(q['rx-bytes'])}, rx-alloc-fail ${q['rx-alloc-fail'] === undefined ? 'not reported by the driver' : count(q['rx-alloc-fail'])}`
      }`,
    );
  }
  for (const nic of doc.nics) {
    const n = nic.napi;
    const cfg = doc.scenario.nics.find((c) => c.name === nic.name)?.napi;
    if (!n || !cfg || (!cfg.threaded && cfg.defer_hard_irqs === 0 && n.busy_polls === 0)) continue;
    const busy =
      n.busy_polls > 0 ? `; ${count(n.busy_polls)} busy polls on the application core received ${count(n.busy_poll_packets)} frames` : '';
    out.push(
      `  ${nic.name} NAPI${cfg.threaded ? ' (threaded)' : ''}: ${count(n.polls)} polls, ${count(n.hard_irqs)} by the device IRQ, ` +
        `${count(n.timer_polls)} by napi_watchdog (defer_hard_irqs ${cfg.defer_hard_irqs}, gro_flush_timeout ${formatDurationNs(cfg.gro_flush_timeout)})${busy}`,
    );
  }
  if (doc.faults) {
    out.push(
      `  faults injected: fail_function (page_pool_alloc_netmems) ${count(doc.faults.fail_function)}, dma_map_error ${count(doc.faults.dma_map_error)}`,
    );
  }
  for (const nic of doc.nics) {
    const wl = nic.rx.window_limited_frames ?? 0;
    if (wl > 0)
      out.push(`  ${nic.name} TCP window-limited: ${count(wl)} send slots skipped (socket receive buffer full; not offered, not dropped)`);
    const wd = nic.rx.wire_dropped_frames ?? 0;
    if (wd > 0) out.push(`  ${nic.name} link oversubscribed: ${count(wd)} frames dropped before the wire (wire_dropped; not offered)`);
  }
  for (const nic of doc.nics) {
    const pools = doc.pools.filter((p) => p.nic === nic.name);
    if (!pools.length) {
      // e.g. hns3 page_pool_enabled=0 or GVE QPL: the driver keeps its own buffers.
      const mode = typeof nic.driver_info.mode === 'string' ? ` (${nic.driver} mode ${nic.driver_info.mode})` : '';
      out.push('', `  page_pool on ${nic.name}: none — the driver${mode} does not use page_pool`);
      continue;
    }
    out.push('');
    out.push(poolBlock(nic, pools, opts));
  }
  const meta = metadataTable(doc);
  if (meta) out.push('', meta);
  if (doc.bindings.length) {
    out.push('');
    out.push(bindingTable(doc));
  }
  const providers = providerSummary(doc);
  if (providers) out.push('', providers);
  if (doc.memory.length) {
    out.push('');
    out.push(memoryTable(doc));
  }
  out.push('');
  out.push(eventsBlock(doc.events, opts.allEvents ?? false));
  return `${out.join('\n')}\n`;
}

/** What the NIC table's less obvious columns count, said once under it. */
export const NIC_TABLE_LEGEND =
  '  lost: frames dropped, every reason below except XDP verdicts and refills cut short\n' +
  '  cycles/pkt: NAPI cycles per received frame; -: does not apply (the NIC received no frame)';

function nicTable(nics: NicResult[], durationNs: number): string {
  const cols: Column[] = [
    { header: 'NIC' },
    { header: 'driver' },
    { header: 'variant' },
    { header: 'link', align: 'right' },
    { header: 'rx Gbit/s', align: 'right' },
    { header: 'rx Mpps', align: 'right' },
    { header: 'of line', align: 'right' },
    { header: 'offered Mpps', align: 'right' },
    { header: 'lost', align: 'right' },
    { header: 'cycles/pkt', align: 'right' },
    { header: 'CPU busy', align: 'right' },
    { header: 'busiest queue', align: 'right' },
  ];
  const rows = nics.map((n) => {
    const dropped = Object.entries(n.rx.drops).reduce((a, [k, v]) => a + (isXdpVerdict(k) || isAllocFail(k) ? 0 : v), 0);
    const offeredMpps = durationNs > 0 ? n.rx.offered_packets / (durationNs / 1e9) / 1e6 : NaN;
    const busiest = n.cpu.per_queue_utilization.length ? Math.max(...n.cpu.per_queue_utilization) : NaN;
    return [
      n.name,
      n.driver,
      n.variant,
      formatBitRate(n.link_bps),
      fixed(n.rx.gbps, 2),
      fixed(n.rx.mpps, 3),
      percent(n.rx.line_rate_share),
      Number.isFinite(offeredMpps) ? fixed(offeredMpps, 3) : '-',
      count(dropped),
      n.rx.packets > 0 ? fixed(n.cpu.cycles_per_packet, 1) : '-',
      percent(n.cpu.utilization),
      percent(busiest),
    ];
  });
  return renderTable(cols, rows, '  ');
}

/** An XDP_DROP verdict is the program's choice, not a loss: counted apart from `lost`. */
function isXdpVerdict(reason: string): boolean {
  return /^(rx_)?xdp_/.test(reason);
}

/**
 * A failed buffer allocation is a refill that stopped early, not a frame lost (the qstat
 * `rx-alloc-fail` "may, or may not result in a packet drop", netdev.yaml): counted apart from `lost`.
 */
function isAllocFail(reason: string): boolean {
  return /alloc_fail$/.test(reason);
}

function dropsLine(nic: NicResult): string {
  const entries = Object.entries(nic.rx.drops)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  if (!entries.length) return 'none';
  const offered = nic.rx.offered_packets;
  return entries
    .map(
      ([k, v]) =>
        `${k} ${count(v)} (${isXdpVerdict(k) ? 'XDP verdict, ' : isAllocFail(k) ? 'refills cut short, not frames, ' : ''}` +
        `${offered > 0 ? `${percent(v / offered, 2)} of offered` : 'none offered'})`,
    )
    .join(', ');
}

function poolHeader(p: PoolResult): string {
  return `#${p.id} q${p.queue}${p.role === 'header' ? ' hdr' : ''}${p.destroy ? ' †' : ''}`;
}

/** `8-15`, `0, 2, 4-6`: queue lists as ranges. */
export function queueRanges(qs: readonly number[]): string {
  const sorted = [...qs].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ') || 'none';
}

function groupOf(p: PoolResult): string {
  return p.role === 'header' ? 'hdr' : p.provider;
}

type RowDef = [label: string, value: (p: PoolResult) => number, render: (v: number) => string];

function rowDefs(ethtool: boolean): RowDef[] {
  const counters: RowDef[] = PP_STAT_NAMES.map((k) => [ethtool ? PP_STAT_ETHTOOL[k] : k, (p) => p.stats[k], count]);
  return [
    ...counters,
    ['recycled of returned', (p) => recycleRatio(p.stats) ?? NaN, (v) => percent(v)],
    ['hold_cnt', (p) => p.hold_cnt, count],
    ['release_cnt', (p) => p.release_cnt, count],
    ['inflight', (p) => p.inflight, count],
    ['inflight_mem', (p) => p.inflight_mem, (v) => formatBytes(v)],
    ['peak_inflight', (p) => p.peak_inflight, count],
    ['  in alloc cache', (p) => p.accounting.alloc_cache, count],
    ['  in ptr_ring', (p) => p.accounting.ptr_ring, count],
    ['  posted to NIC ring', (p) => p.accounting.nic_ring, count],
    ['  in stack/socket', (p) => p.accounting.stack, count],
    ['  held by user', (p) => p.accounting.user, count],
  ];
}

/** Sum of the pools; the ratio is recomputed from summed counters, not averaged. */
function totalPool(pools: PoolResult[]): PoolResult {
  const t = structuredClone(pools[0]);
  for (const k of PP_STAT_NAMES) t.stats[k] = pools.reduce((a, p) => a + p.stats[k], 0);
  for (const k of ['hold_cnt', 'release_cnt', 'inflight', 'inflight_mem', 'peak_inflight'] as const)
    t[k] = pools.reduce((a, p) => a + p[k], 0);
  for (const k of Object.keys(t.accounting) as (keyof PoolResult['accounting'])[])
    t.accounting[k] = pools.reduce((a, p) => a + p.accounting[k], 0);
  return t;
}

function poolBlock(nic: NicResult, pools: PoolResult[], opts: SummaryOptions): string {
  const defs = rowDefs(opts.ethtool ?? false);
  const width = opts.width ?? 120;
  const provider = [...new Set(pools.map((p) => p.provider))].join('+');
  const names = opts.ethtool ? 'ethtool -S names' : 'ynl names; --ethtool for ethtool -S';
  const title = `  page_pool on ${nic.name}: ${pools.length} pool${pools.length === 1 ? '' : 's'}, ${provider} (${names})`;
  const columns = pools.length > 1 ? [{ label: 'total', pool: totalPool(pools) }] : [];
  // Mixed pools (devmem queues beside page queues, header pools): a subtotal per kind.
  const groups = [...new Set(pools.map(groupOf))];
  if (groups.length > 1) {
    for (const g of groups) columns.push({ label: `Σ ${g}`, pool: totalPool(pools.filter((p) => groupOf(p) === g)) });
  }
  // Live pools first: destroyed ones (queue restarts, ifdown) matter less at the end of a run;
  // among them the pools a memory provider feeds (dma-buf, zcrx), which carry the run's zero-copy traffic.
  const rank = (p: PoolResult): number => (p.destroy ? 2 : p.provider !== 'pages' ? 0 : 1);
  const ordered = [...pools].sort((a, b) => rank(a) - rank(b));
  for (const p of ordered) columns.push({ label: poolHeader(p), pool: p });
  const labelW = Math.max(...defs.map((d) => d[0].length));
  const cells = columns.map((c) => defs.map((d) => d[2](d[1](c.pool))));
  const colW = Math.max(10, ...columns.map((c, i) => Math.max(c.label.length, ...cells[i].map((s) => s.length))));
  const perBlock = Math.max(1, Math.floor((width - 2 - labelW) / (colW + 2)));
  const blocks: number[][] = [];
  for (let i = 0; i < columns.length; i += perBlock)
    blocks.push(Array.from({ length: Math.min(perBlock, columns.length - i) }, (_, k) => i + k));
  const shown = opts.allPools ? blocks : blocks.slice(0, 1);
  const parts = [title];
  for (const b of shown) {
    const cols: Column[] = [{ header: '' }, ...b.map((i) => ({ header: columns[i].label, align: 'right' as const }))];
    const rows = defs.map((d, r) => [d[0], ...b.map((i) => cells[i][r])]);
    parts.push(renderTable(cols, rows, '  '));
  }
  const hidden = columns.length - shown.reduce((a, b) => a + b.length, 0);
  if (hidden > 0) parts.push(`  … ${hidden} more pool${hidden === 1 ? '' : 's'} not shown (--pools shows every pool)`);
  const destroyed = pools.filter((p) => p.destroy);
  const released = destroyed.filter((p) => p.destroy!.finished_ns !== null);
  if (released.length) {
    const starts = released.map((p) => p.destroy!.started_ns);
    parts.push(
      `  † destroyed: ${released.length === 1 ? 'pool' : 'pools'} ${released.map((p) => `#${p.id}`).join(' ')} ` +
        `(page_pool_destroy ${released.length === 1 ? 'at' : 'from'} ${formatDurationNs(Math.min(...starts))}` +
        `${released.length > 1 ? ` to ${formatDurationNs(Math.max(...starts))}` : ''}), every buffer returned`,
    );
  }
  for (const p of destroyed.filter((x) => x.destroy!.finished_ns === null)) {
    parts.push(
      `  † pool #${p.id}: page_pool_destroy at ${formatDurationNs(p.destroy!.started_ns)}, still ${p.inflight} inflight at the end of the run` +
        `${VISIBILITY_NOTE[p.visibility ?? 'normal']}`,
    );
  }
  return parts.join('\n');
}

/** Who can still see a pool that waits for its buffers (docs/model/netdev-lifetime.md). */
const VISIBILITY_NOTE: Record<NonNullable<PoolResult['visibility']>, string> = {
  normal: '',
  orphaned: '; its netdev is unregistered: owned by lo, page-pool-get lists it without ifindex',
  invisible: '; invisible to page-pool-get (no netdev, or NET_PTR_POISON): the kernel warns every 60 s',
  gone: '',
};

function bindingTable(doc: RunDocument): string {
  const cols: Column[] = [
    { header: 'dma-buf binding' },
    { header: 'queues' },
    { header: 'size', align: 'right' },
    { header: 'net_iovs', align: 'right' },
    { header: 'free', align: 'right' },
    { header: 'in pools', align: 'right' },
    { header: 'NIC ring', align: 'right' },
    { header: 'stack', align: 'right' },
    { header: 'user', align: 'right' },
    { header: 'tokens out', align: 'right' },
    { header: 'DONTNEED freed', align: 'right' },
    { header: 'alloc failures', align: 'right' },
    { header: 'state' },
  ];
  const rows = doc.bindings.map((b) => [
    `id ${b.id} on ${b.nic}`,
    queueRanges(b.queues.length ? b.queues : b.queues_at_bind),
    formatBytes(b.dmabuf_size),
    count(b.niovs),
    count(b.niov.free),
    count(b.niov.alloc_cache + b.niov.ptr_ring),
    count(b.niov.nic_ring),
    count(b.niov.stack),
    count(b.niov.user),
    count(b.tokens_outstanding),
    `${count(b.dontneed_freed)} in ${count(b.dontneed_calls)} calls`,
    count(b.alloc_failures),
    b.state,
  ]);
  return renderTable(cols, rows, '  ');
}

function memoryTable(doc: RunDocument): string {
  const cols: Column[] = [
    { header: 'memory' },
    { header: 'free pages', align: 'right' },
    { header: 'min', align: 'right' },
    { header: 'low', align: 'right' },
    { header: 'high', align: 'right' },
    { header: 'pfmemalloc allocs', align: 'right' },
    { header: 'alloc failures', align: 'right' },
  ];
  const rows = doc.memory.map((n) => [
    `node ${n.node}`,
    `${count(n.free_pages)} of ${count(n.total_pages)}`,
    count(n.min_pages),
    count(n.low_pages),
    count(n.high_pages),
    count(n.pfmemalloc_allocs),
    count(n.alloc_failures),
  ]);
  return renderTable(cols, rows, '  ');
}

/** A short log is shown whole; a long one only its warnings and errors. */
const SHOW_ALL_EVENTS_UP_TO = 10;

function eventsBlock(events: EventRecord[], allRequested: boolean): string {
  const all = allRequested || events.length <= SHOW_ALL_EVENTS_UP_TO;
  const notable = all ? events : events.filter((e) => e.level !== 'info');
  const infos = events.length - events.filter((e) => e.level !== 'info').length;
  if (!notable.length) return `  events: ${events.length ? `${infos} info (--events to list them)` : 'none'}`;
  const shown = notable.slice(0, all ? notable.length : MAX_EVENTS);
  const lines = [`  events (${all ? 'all' : 'warnings and errors'}):`];
  for (const e of shown) lines.push(`  ${formatDurationNs(e.t_ns).padStart(9)}  ${e.level.padEnd(5)}  ${e.source}: ${e.message}`);
  if (notable.length > shown.length) lines.push(`  … ${notable.length - shown.length} more (--events lists all; --json has them too)`);
  if (!all && infos) lines.push(`  ${infos} info event${infos === 1 ? '' : 's'} not shown (--events)`);
  return lines.join('\n');
}
