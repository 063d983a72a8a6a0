// Rules that span fields, checked after the schema: references between sections, indices within
// the sizes declared elsewhere, watermark ordering. Each error is located at the offending value.
// They run on a PartialScenario, so a file with schema errors still gets these checks for every
// section that did parse (a check needing a part that failed is skipped, never guessed).
import type { ScenarioError } from '../../scenario/scenarioError';
import type { PartialScenario } from '../../scenario/partial';
import type { NicConfig } from '../../scenario/schema';
import { rxRingFor } from '../drivers/common/ringRules';
import { suggest } from '../../scenario/suggest';
import { formatBitRate, formatBytes, formatDurationNs } from '../../doc/units';
import { wireBits } from '../nic/lineRate';
import { sizeDistributionOf } from '../traffic/packetSizes';
import { formatPath, locate, type PathSegment, type YamlSource } from '../../scenario/yamlSource';

export function crossChecks(s: PartialScenario, source?: YamlSource): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const err = (path: PathSegment[], message: string) => {
    const p = locate(source, path);
    errors.push({ path: formatPath(path), line: p.line, col: p.col, message });
  };
  const cores = s.host?.cpu.cores ?? null;
  const nodes = s.host?.memory.numa_nodes ?? null;
  const coreCheck = (path: PathSegment[], core: number) => {
    if (cores !== null && core >= cores) err(path, `core ${core} does not exist: host.cpu.cores is ${cores} (cores 0-${cores - 1})`);
  };
  const nodeCheck = (path: PathSegment[], node: number, alt = '') => {
    if (nodes !== null && node >= nodes) err(path, `must be below host.memory.numa_nodes (${nodes})${alt}, got ${node}`);
  };

  // Interface names are unique per netns (register_netdevice → dev_get_valid_name: -EEXIST).
  const seen = new Set<string>();
  s.nicNames?.forEach((name, i) => {
    if (name === null) return;
    if (seen.has(name)) err(['nics', i, 'name'], `duplicate NIC name "${name}" (names must be unique)`);
    seen.add(name);
  });
  const pageSize = s.host?.page_size ?? null;
  s.nics.forEach((nic, i) => {
    if (!nic) return;
    nodeCheck(['nics', i, 'numa_node'], nic.numa_node);
    // Parts of the model that still assume 4 KiB pages (docs/model/page-size.md#in-the-model).
    if (pageSize !== null && pageSize !== 4096) {
      if (nic.driver === 'mlx4')
        err(['nics', i, 'driver'], `the mlx4 model's frag layout is for 4KiB pages; host.page_size is ${formatBytes(pageSize)}`);
      if (nic.provider) err(['nics', i, 'provider'], `the devmem model's net_iov size is 4KiB; host.page_size is ${formatBytes(pageSize)}`);
    }
    const nid = nic.page_pool.nid;
    if (typeof nid === 'number') nodeCheck(['nics', i, 'page_pool', 'nid'], nid, ' or NUMA_NO_NODE');
    nic.irq_cores?.forEach((c, j) => coreCheck(['nics', i, 'irq_cores', j], c));
    if (nic.page_pool.nid_changed && nic.driver !== 'generic') {
      err(
        ['nics', i, 'page_pool', 'nid_changed'],
        `the ${nic.driver} model does not call page_pool_nid_changed (only the generic reference driver can, as mlx5 does)`,
      );
    }
    if (nic.provider?.kind === 'zcrx') {
      if (nic.provider.queue >= nic.queues) err(['nics', i, 'provider', 'queue'], queueMsg(nic.provider.queue, nic));
    } else if (nic.provider) {
      const bound = new Set<number>();
      nic.provider.queues.forEach((q, j) => {
        if (q >= nic.queues) err(['nics', i, 'provider', 'queues', j], queueMsg(q, nic));
        else if (bound.has(q)) err(['nics', i, 'provider', 'queues', j], `queue ${q} listed twice`);
        bound.add(q);
      });
    }
  });

  // The driver's own set_ringparam rule (shared/sim/drivers/common/ringRules.ts), also for a NIC
  // that failed on another field; without a valid driver name there is no rule to apply.
  s.nicRings.forEach((nic, i) => {
    if (!nic) return;
    const rr = nic.ring_range;
    if (rr?.min !== undefined && rr.min > rr.max) err(['nics', i, 'ring_range', 'min'], `must not exceed max (${rr.max}), got ${rr.min}`);
    if (rr && nic.driver !== 'gve')
      err(['nics', i, 'ring_range'], `only gve takes its ring range from the device; ${nic.driver} has fixed limits`);
    const ring = rxRingFor(nic.driver, nic, pageSize ?? undefined);
    if (!ring.ok) err(['nics', i, nic.ring === undefined ? 'driver' : 'ring'], `${ring.message} (-${ring.errno})`);
  });

  const nicNames = s.nicNames;
  const names = (nicNames ?? []).filter((n): n is string => n !== null);
  /** The NIC a reference names; null when it is dangling or that NIC did not parse. */
  const nicRef = (path: PathSegment[], name: string): NicConfig | null => {
    if (!nicNames) return null; // `nics` is not a list: its own error says so
    const i = nicNames.indexOf(name);
    if (i < 0) {
      const hint = suggest(name, names);
      err(path, `no NIC named "${name}"${hint ? `; did you mean "${hint}"?` : names.length ? `; NICs: ${names.join(', ')}` : ''}`);
      return null;
    }
    return s.nics[i] ?? null;
  };
  const queueList = (path: PathSegment[], qs: readonly number[] | undefined, nic: NicConfig | null) => {
    if (nic && qs)
      qs.forEach((q, j) => {
        if (q >= nic.queues) err([...path, j], queueMsg(q, nic));
      });
  };

  s.traffic.forEach((t, i) => {
    if (!t) return;
    const nic = nicRef(['traffic', i, 'nic'], t.nic);
    queueList(['traffic', i, 'steer_to'], t.steer_to, nic);
    // One sender cannot put more on the wire than the link carries (docs/model/line-rate.md);
    // several sources may together oversubscribe it, the engine serializes them.
    if (nic && t.rate !== 'line') {
      const bps = typeof t.rate === 'number' ? t.rate : t.rate.pps * wireBits(sizeDistributionOf(t.packet_size).mean);
      if (bps > nic.link * (1 + 1e-9)) {
        const what = typeof t.rate === 'number' ? formatBitRate(bps) : `${t.rate.pps} pps (${formatBitRate(bps)} on the wire)`;
        err(['traffic', i, 'rate'], `${what} exceeds the link of ${nic.name} (${formatBitRate(nic.link)})`);
      }
    }
    if (t.stop !== undefined && t.stop <= t.start) {
      err(['traffic', i, 'stop'], `must be after start (${formatDurationNs(t.start)}), got ${formatDurationNs(t.stop)}`);
    }
    if (s.duration !== null && t.start >= s.duration) {
      err(
        ['traffic', i, 'start'],
        `must be before the end of the run (duration ${formatDurationNs(s.duration)}), got ${formatDurationNs(t.start)}`,
      );
    }
  });

  s.consumer.forEach((c, i) => {
    if (!c) return;
    nicRef(['consumer', i, 'nic'], c.nic);
    c.app_cores?.forEach((core, j) => coreCheck(['consumer', i, 'app_cores', j], core));
    const lat = c.read_latency;
    if (typeof lat === 'object' && 'lognormal' in lat && lat.lognormal.p99 < lat.lognormal.median) {
      err(
        ['consumer', i, 'read_latency', 'lognormal', 'p99'],
        `must not be below the median (${formatDurationNs(lat.lognormal.median)}), got ${formatDurationNs(lat.lognormal.p99)}`,
      );
    }
  });

  const mem = s.host?.memory;
  if (mem?.watermarks) {
    const wm = mem.watermarks;
    const w = ['host', 'memory', 'watermarks'];
    if (wm.low < wm.min) err([...w, 'low'], `must be at least min (${formatBytes(wm.min)}), got ${formatBytes(wm.low)}`);
    if (wm.high < wm.low) err([...w, 'high'], `must be at least low (${formatBytes(wm.low)}), got ${formatBytes(wm.high)}`);
    if (wm.high >= mem.per_node)
      err([...w, 'high'], `must be below the node's memory (per_node ${formatBytes(mem.per_node)}), got ${formatBytes(wm.high)}`);
  }

  if (s.sample !== null && s.duration !== null && s.sample > s.duration) {
    err(['sample'], `must not exceed duration (${formatDurationNs(s.duration)}), got ${formatDurationNs(s.sample)}`);
  }

  // An unregistered NIC (or every NIC, once the netns exits) never comes back: a later event for
  // it cannot happen. Events run in time order, whatever order they are written in.
  const goneAt = new Map<string, { at: number; index: number }>();
  s.events.forEach((e, i) => {
    if (!e) return;
    const gone = 'unregister' in e ? [e.unregister.nic] : 'netns_exit' in e ? (nicNames ?? []).filter((n): n is string => n !== null) : [];
    for (const n of gone) {
      const prev = goneAt.get(n);
      if (!prev || e.at < prev.at) goneAt.set(n, { at: e.at, index: i });
    }
  });
  s.events.forEach((e, i) => {
    if (!e) return;
    if (s.duration !== null && e.at > s.duration) {
      err(['events', i, 'at'], `is after the end of the run (duration ${formatDurationNs(s.duration)}), got ${formatDurationNs(e.at)}`);
    }
    if ('memory_pressure' in e) {
      const mp = e.memory_pressure;
      nodeCheck(['events', i, 'memory_pressure', 'node'], mp.node);
      if (mp.allocate === undefined && mp.release === undefined)
        err(['events', i, 'memory_pressure'], 'needs allocate or release (or both)');
      return;
    }
    // fault points are host-wide (one fail_function list, one DMA API), netns_exit names no NIC
    if ('fail_function' in e || 'dma_map_error' in e || 'netns_exit' in e) return;
    const kind = Object.keys(e).find((k) => k !== 'at') as string;
    const body = (e as unknown as Record<string, { nic: string; queues?: number[] }>)[kind];
    const nic = nicRef(['events', i, kind, 'nic'], body.nic);
    const gone = goneAt.get(body.nic);
    if (gone && gone.index !== i && e.at >= gone.at) {
      err(
        ['events', i, kind, 'nic'],
        `${body.nic} is unregistered at ${formatDurationNs(gone.at)} (events[${gone.index}]) and never comes back`,
      );
    }
    // A `bind` event may name any queue id: bind-rx itself answers an id >= real_num_rx_queues
    // with -EINVAL (the devmem-bind-errors reference scenario relies on it).
    if (kind !== 'bind') queueList(['events', i, kind, 'queues'], body.queues, nic);
    if ('irq_affinity' in e) {
      const a = e.irq_affinity;
      if (nic && a.queue >= nic.queues) err(['events', i, 'irq_affinity', 'queue'], queueMsg(a.queue, nic));
      coreCheck(['events', i, 'irq_affinity', 'core'], a.core);
    }
  });
  return errors;
}

function queueMsg(q: number, nic: NicConfig): string {
  return `queue ${q} does not exist: ${nic.name} has ${nic.queues} queue${nic.queues === 1 ? '' : 's'} (0-${nic.queues - 1})`;
}
