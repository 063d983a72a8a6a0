// The scenario as a reader scans it: one summary table, the NIC table, and the YAML appendix.
import type { Scenario, NicConfig, TrafficConfig, ConsumerConfig, ScenarioEvent } from '../../scenario/schema';
import type { ReportCell, ReportSection, ReportTable } from './types';
import { code, text } from './cells';
import { bitRateText, bytesText, durationText, packetRateText } from './scenarioYaml';
import { scenarioToYaml } from './scenarioYaml';

const row = (k: string, v: string, key?: string): ReportCell[] => [text(k), text(v, { key })];

function rangeList(xs: readonly number[]): string {
  const sorted = [...xs].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

export function trafficText(t: TrafficConfig): string {
  const rate = t.rate === 'line' ? 'line rate' : typeof t.rate === 'number' ? bitRateText(t.rate) : packetRateText(t.rate.pps);
  const size =
    typeof t.packet_size === 'number'
      ? `${t.packet_size} B frames`
      : t.packet_size === 'imix'
        ? 'IMIX'
        : `sizes ${t.packet_size.weighted.map((w) => `${w.size}×${w.weight}`).join(' ')}`;
  const arr =
    typeof t.arrival === 'string' ? t.arrival : `on/off ${durationText(t.arrival.on_off.on)}/${durationText(t.arrival.on_off.off)}`;
  const steer = t.steer_to ? ` → queues ${rangeList(t.steer_to)}` : ' (RSS)';
  const window =
    t.start > 0 || t.stop !== undefined ? `, ${durationText(t.start)}–${t.stop !== undefined ? durationText(t.stop) : 'end'}` : '';
  return `${t.nic}: ${rate}, ${size}, ${arr}, ${t.flows} ${t.protocol} flow${t.flows === 1 ? '' : 's'}${steer}${window}`;
}

function latencyText(l: ConsumerConfig['read_latency']): string {
  if (typeof l === 'number') return durationText(l);
  if ('fixed' in l) return durationText(l.fixed);
  if ('exponential' in l) return `exponential, mean ${durationText(l.exponential.mean)}`;
  return `lognormal, median ${durationText(l.lognormal.median)}, p99 ${durationText(l.lognormal.p99)}`;
}

export function consumerText(c: ConsumerConfig): string {
  const dn = c.dontneed ? `; SO_DEVMEM_DONTNEED ${c.dontneed.batch} tokens every ${durationText(c.dontneed.every)}` : '';
  const cores = c.app_cores ? ` on cores ${rangeList(c.app_cores)}` : '';
  return `${c.nic}: read latency ${latencyText(c.read_latency)}, frees on ${c.free_on}${cores}${dn}`;
}

export function eventText(e: ScenarioEvent): string {
  const { at, ...rest } = e;
  const [kind, body] = Object.entries(rest)[0] as [string, Record<string, unknown>];
  const parts = Object.entries(body)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if ((k === 'allocate' || k === 'release') && typeof v === 'number') return `${k} ${bytesText(v)}`;
      if ((k === 'over' || k === 'for') && typeof v === 'number') return `${k} ${durationText(v)}`;
      return `${k} ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`;
    });
  return `at ${durationText(at)}: ${kind} ${parts.join(', ')}`;
}

export function scenarioSummaryTable(s: Scenario, id = 'scenario-summary'): ReportTable {
  const cpu = s.host.cpu;
  const mem = s.host.memory;
  const rows: ReportCell[][] = [
    row('name', s.name),
    ...(s.description ? [row('description', s.description)] : []),
    row('seed', String(s.seed), 'scenario/seed'),
    row('duration', durationText(s.duration)),
    row('sample interval', durationText(s.sample)),
    row('CPU', `${cpu.profile}${cpu.ghz ? ` at ${cpu.ghz} GHz` : ' (profile clock)'}, ${cpu.cores} cores`),
    row(
      'memory',
      `${mem.numa_nodes} NUMA node${mem.numa_nodes > 1 ? 's' : ''} × ${bytesText(mem.per_node)}` +
        (mem.watermarks
          ? `; watermarks min ${bytesText(mem.watermarks.min)}, low ${bytesText(mem.watermarks.low)}, high ${bytesText(mem.watermarks.high)}`
          : '; watermarks derived from node size (min_free_kbytes rule)'),
    ),
    row('IOMMU', s.host.iommu),
    ...s.traffic.map((t, i) => row(i === 0 ? 'traffic' : '', trafficText(t))),
    ...s.consumer.map((c, i) => row(i === 0 ? 'consumer' : '', consumerText(c))),
    ...s.events.map((e, i) => row(i === 0 ? 'timeline' : '', eventText(e))),
    ...(s.compare
      ? [
          row(
            'compare',
            Object.entries(s.compare)
              .map(([k, v]) => `${k}: [${v.join(', ')}]`)
              .join('; '),
          ),
        ]
      : []),
    ...(s.repeat > 1 ? [row('repeat', String(s.repeat))] : []),
  ];
  return { id, caption: 'Scenario', columns: [{ label: 'parameter' }, { label: 'value' }], rows };
}

function poolParamsText(n: NicConfig): string {
  const p = n.page_pool;
  const parts: string[] = [];
  if (p.order !== undefined) parts.push(`order ${p.order}`);
  if (p.pool_size !== undefined) parts.push(`pool_size ${p.pool_size}`);
  if (p.flags !== undefined) parts.push(`flags ${Array.isArray(p.flags) ? p.flags.join('|') : `0x${p.flags.toString(16)}`}`);
  if (p.napi !== undefined) parts.push(`napi ${p.napi ? 'set' : 'unset'}`);
  if (p.nid !== undefined) parts.push(`nid ${p.nid}`);
  return parts.length ? parts.join(', ') : 'driver defaults';
}

export function nicConfigTable(s: Scenario): ReportTable {
  return {
    id: 'nic-config',
    caption: 'NICs',
    compact: true,
    columns: [
      'NIC',
      'driver',
      'variant',
      'mode',
      'link',
      'queues',
      'ring',
      'MTU',
      'header split',
      'XDP',
      'page_pool',
      'memory provider',
    ].map((label) => ({ label })),
    rows: s.nics.map((n) => [
      code(n.name),
      text(n.driver),
      text(n.variant),
      text(n.mode ?? 'default'),
      text(bitRateText(n.link)),
      text(String(n.queues)),
      text(n.ring !== undefined ? String(n.ring) : 'default'),
      text(String(n.mtu)),
      text(n.header_split ? `on${n.hds_thresh ? ` (thresh ${n.hds_thresh})` : ''}` : 'off'),
      text(n.xdp),
      text(poolParamsText(n)),
      text(
        n.provider?.kind === 'dmabuf'
          ? `dma-buf ${bytesText(n.provider.size)}, ${n.provider.chunks} chunk${n.provider.chunks > 1 ? 's' : ''}, queues ${rangeList(n.provider.queues)}`
          : n.provider?.kind === 'zcrx'
            ? `io_uring zcrx area ${bytesText(n.provider.area_size)}, ${n.provider.rq_entries} refill entries, queue ${n.provider.queue}`
            : 'pages',
      ),
    ]),
  };
}

export function yamlAppendix(s: Scenario, yamlText: string | undefined, path: string | undefined): ReportSection {
  return {
    id: 'appendix-yaml',
    title: 'Scenario file',
    blocks: [
      {
        kind: 'text',
        tone: 'note',
        text:
          yamlText !== undefined
            ? `The scenario file as it was run${path ? ` (${path})` : ''}. Save it to a file to reproduce the run.`
            : 'The original file was not available; this is the scenario regenerated from the run document, with defaults filled in. It parses to the scenario that ran.',
      },
      { kind: 'code', language: 'yaml', text: yamlText ?? scenarioToYaml(s) },
    ],
  };
}
