// Key results per NIC (throughput, drops, CPU) and per NUMA node (memory), from a RunDocument.
import type { RunDocument } from '../../doc/runDocument';
import type { ReportCell, ReportTable } from './types';
import { code, count, percent, quantity, text } from './cells';
import { bitRateText } from './scenarioYaml';

export function nicResultsTable(doc: RunDocument): ReportTable {
  return {
    id: 'nic-results',
    caption: 'Key results per NIC',
    columns: [
      { label: 'NIC' },
      { label: 'driver / variant' },
      { label: 'link' },
      { label: 'throughput', align: 'right' },
      { label: 'packet rate', align: 'right' },
      { label: 'of line rate', align: 'right' },
      { label: 'packets received', align: 'right' },
      { label: 'offered', align: 'right' },
      { label: 'dropped', align: 'right' },
      { label: 'cycles/pkt NAPI', align: 'right' },
      { label: 'cycles/pkt app', align: 'right' },
      { label: 'core util.', align: 'right' },
    ],
    rows: doc.nics.map((n) => {
      const drops = Object.values(n.rx.drops).reduce((a, b) => a + b, 0);
      const k = `nic/${n.name}`;
      return [
        code(n.name),
        text(`${n.driver} / ${n.variant}`),
        text(bitRateText(n.link_bps)),
        quantity(n.rx.gbps, 'Gbit/s', `${k}/gbps`),
        quantity(n.rx.mpps, 'Mpps', `${k}/mpps`),
        percent(n.rx.line_rate_share, `${k}/line_rate_share`),
        count(n.rx.packets, `${k}/packets`),
        count(n.rx.offered_packets, `${k}/offered_packets`),
        count(drops, `${k}/drops_total`, drops > 0 ? { tone: 'warn' } : {}),
        quantity(n.cpu.cycles_per_packet, '', `${k}/cycles_per_packet`),
        n.cpu.app_cycles_per_packet !== undefined
          ? quantity(n.cpu.app_cycles_per_packet, '', `${k}/app_cycles_per_packet`)
          : text('—', { tone: 'muted' }),
        percent(n.cpu.utilization, `${k}/utilization`),
      ];
    }),
    note:
      'Gbit/s and Mpps are averages over the whole run. Share of line rate counts wire bits (frame + preamble + inter-frame gap) against the link rate. ' +
      "Cycles per packet (NAPI): cycles the queues' NAPI polls spent (driver RX, page_pool, skb build, GRO, the stack) per received packet; " +
      "(application): recvmsg, copies and frees on the application cores. Core utilisation: NAPI busy time over run time of the cores serving the NIC's queues.",
  };
}

/** What each drop counter means, in the names the drivers count them under (qstat / ethtool -S). */
const DROP_NOTES: [string, string][] = [
  ['rx_missed', 'the NIC found no posted buffer in the RX ring (the ring ran dry) and dropped the frame.'],
  [
    'rx_alloc_fail',
    'the driver could not get a buffer to refill a descriptor (page_pool or provider allocation failed); the refill stops there, no frame is lost by it.',
  ],
  [
    'rx_buf_alloc_fail',
    'GVE could not get a buffer to post (gve_rx_post_buffers_dqo); reported with rx_skb_alloc_fail as the qstat rx-alloc-fail.',
  ],
  ['rx_xdp_drop', 'the XDP program returned XDP_DROP.'],
  [
    'rcvbuf_errors',
    'a UDP datagram reached a socket whose receive buffer was full (sk_rmem_alloc > sk_rcvbuf, UDP_MIB_RCVBUFERRORS) and was dropped.',
  ],
  [
    'PFMemallocDrop',
    'an skb built on a pfmemalloc page (allocated from the memory reserves with __GFP_MEMALLOC) reached an ordinary socket; sk_filter_trim_cap dropped it (TcpExt PFMemallocDrop, counted per skb, a GRO aggregate once).',
  ],
];

/** What a drop counter means, or null for a counter without a description. */
export function dropNote(reason: string): string | null {
  return DROP_NOTES.find(([r]) => r === reason)?.[1] ?? null;
}

export function dropsTable(doc: RunDocument): ReportTable | null {
  const rows: ReportCell[][] = [];
  for (const n of doc.nics) {
    for (const [reason, v] of Object.entries(n.rx.drops)) {
      rows.push([
        code(n.name),
        code(reason),
        count(v, `nic/${n.name}/drop/${reason}`, v > 0 ? { tone: 'warn' } : {}),
        percent(n.rx.offered_packets > 0 ? v / n.rx.offered_packets : null, `nic/${n.name}/drop_share/${reason}`),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    id: 'drops',
    caption: 'Drops by reason',
    columns: [{ label: 'NIC' }, { label: 'reason' }, { label: 'packets', align: 'right' }, { label: 'share of offered', align: 'right' }],
    rows,
    note: DROP_NOTES.filter(([r]) => doc.nics.some((n) => r in n.rx.drops))
      .map(([r, t]) => `${r}: ${t}`)
      .join(' '),
  };
}

/** Queues per row of the utilisation grid. */
const QUEUES_PER_ROW = 8;

export function queueUtilisationTable(doc: RunDocument): ReportTable | null {
  const rows: ReportCell[][] = [];
  for (const n of doc.nics) {
    const u = n.cpu.per_queue_utilization;
    for (let q0 = 0; q0 < u.length; q0 += QUEUES_PER_ROW) {
      const cells: ReportCell[] = [code(n.name), text(`rx-${q0}…rx-${Math.min(q0 + QUEUES_PER_ROW, u.length) - 1}`)];
      for (let i = 0; i < QUEUES_PER_ROW; i++) {
        const q = q0 + i;
        cells.push(q < u.length ? percent(u[q], `nic/${n.name}/queue/${q}/utilization`, 3) : text(''));
      }
      rows.push(cells);
    }
  }
  if (rows.length === 0) return null;
  return {
    id: 'queue-utilisation',
    caption: "Utilisation of each RX queue's NAPI core",
    compact: true,
    columns: [
      { label: 'NIC' },
      { label: 'queues' },
      ...Array.from({ length: QUEUES_PER_ROW }, (_, i) => ({ label: `+${i}`, align: 'right' as const })),
    ],
    rows,
  };
}

export function memoryTable(doc: RunDocument, pageBytes = doc.scenario.host.page_size ?? 4096): ReportTable {
  const mib = (pages: number) => (pages * pageBytes) / (1024 * 1024);
  return {
    id: 'memory',
    caption: 'System memory per NUMA node (end of run)',
    columns: [
      { label: 'node' },
      { label: 'total', align: 'right' },
      { label: 'free', align: 'right' },
      { label: 'min', align: 'right' },
      { label: 'low', align: 'right' },
      { label: 'high', align: 'right' },
      { label: 'pfmemalloc allocations', align: 'right' },
      { label: 'allocation failures', align: 'right' },
    ],
    rows: doc.memory.map((m) => [
      text(String(m.node)),
      count(m.total_pages, `mem/${m.node}/total_pages`, { title: `${mib(m.total_pages)} MiB` }),
      count(m.free_pages, `mem/${m.node}/free_pages`, { title: `${mib(m.free_pages)} MiB` }),
      count(m.min_pages, `mem/${m.node}/min_pages`),
      count(m.low_pages, `mem/${m.node}/low_pages`),
      count(m.high_pages, `mem/${m.node}/high_pages`),
      count(m.pfmemalloc_allocs, `mem/${m.node}/pfmemalloc_allocs`, m.pfmemalloc_allocs > 0 ? { tone: 'warn' } : {}),
      count(m.alloc_failures, `mem/${m.node}/alloc_failures`, m.alloc_failures > 0 ? { tone: 'warn' } : {}),
    ]),
    note: `All figures in ${pageBytes}-byte pages. A GFP_ATOMIC allocation (page_pool_dev_alloc_*) may dip to 3/8 of min and then fails (allocation failures); only __GFP_MEMALLOC callers (dev_alloc_pages, mlx4's refill) go below that and get a pfmemalloc page, which page_pool must not recycle (released, recycle_released_refcnt) and which an ordinary socket drops (PFMemallocDrop).`,
  };
}
