// Rules that span fields, checked after the schema: references between sections, indices within
// the sizes declared elsewhere, watermark ordering. Each error is located at the offending value.
import type { ScenarioError } from '../api';
import type { Scenario } from './schema';
import { suggest } from './suggest';
import { formatPath, locate, type PathSegment, type YamlSource } from './yamlSource';
import { formatBytes, formatDurationNs } from './units';

export function crossChecks(s: Scenario, source?: YamlSource): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const err = (path: PathSegment[], message: string, atKey = false) => {
    const p = locate(source, path, atKey);
    errors.push({ path: formatPath(path), line: p.line, col: p.col, message });
  };
  const cores = s.host.cpu.cores;
  const nodes = s.host.memory.numa_nodes;
  const nicByName = new Map<string, Scenario['nics'][number]>();

  // Interface names are unique per netns (dev_get_valid_name → -EEXIST).
  s.nics.forEach((nic, i) => {
    if (nicByName.has(nic.name)) err(['nics', i, 'name'], `duplicate NIC name "${nic.name}" (names must be unique)`);
    else nicByName.set(nic.name, nic);
    if (nic.numa_node >= nodes) err(['nics', i, 'numa_node'], `must be below host.memory.numa_nodes (${nodes}), got ${nic.numa_node}`);
    const nid = nic.page_pool.nid;
    if (typeof nid === 'number' && nid >= nodes) err(['nics', i, 'page_pool', 'nid'], `must be below host.memory.numa_nodes (${nodes}) or NUMA_NO_NODE, got ${nid}`);
    nic.irq_cores?.forEach((c, j) => {
      if (c >= cores) err(['nics', i, 'irq_cores', j], `core ${c} does not exist: host.cpu.cores is ${cores} (cores 0-${cores - 1})`);
    });
    if (nic.provider) {
      const seen = new Set<number>();
      nic.provider.queues.forEach((q, j) => {
        if (q >= nic.queues) err(['nics', i, 'provider', 'queues', j], queueMsg(q, nic.name, nic.queues));
        else if (seen.has(q)) err(['nics', i, 'provider', 'queues', j], `queue ${q} listed twice`);
        seen.add(q);
      });
    }
  });
  const names = [...nicByName.keys()];
  const nicRef = (path: PathSegment[], name: string) => {
    const nic = nicByName.get(name);
    if (!nic) {
      const hint = suggest(name, names);
      err(path, `no NIC named "${name}"${hint ? `; did you mean "${hint}"?` : `; NICs: ${names.join(', ')}`}`);
    }
    return nic;
  };

  s.traffic.forEach((t, i) => {
    const nic = nicRef(['traffic', i, 'nic'], t.nic);
    if (nic && t.steer_to) {
      t.steer_to.forEach((q, j) => { if (q >= nic.queues) err(['traffic', i, 'steer_to', j], queueMsg(q, nic.name, nic.queues)); });
    }
    if (t.stop !== undefined && t.stop <= t.start) {
      err(['traffic', i, 'stop'], `must be after start (${formatDurationNs(t.start)}), got ${formatDurationNs(t.stop)}`);
    }
    if (t.start >= s.duration) err(['traffic', i, 'start'], `must be before the end of the run (duration ${formatDurationNs(s.duration)}), got ${formatDurationNs(t.start)}`);
  });

  s.consumer.forEach((c, i) => {
    nicRef(['consumer', i, 'nic'], c.nic);
    c.app_cores?.forEach((core, j) => {
      if (core >= cores) err(['consumer', i, 'app_cores', j], `core ${core} does not exist: host.cpu.cores is ${cores} (cores 0-${cores - 1})`);
    });
    const lat = c.read_latency;
    if (typeof lat === 'object' && 'lognormal' in lat && lat.lognormal.p99 < lat.lognormal.median) {
      err(['consumer', i, 'read_latency', 'lognormal', 'p99'],
        `must not be below the median (${formatDurationNs(lat.lognormal.median)}), got ${formatDurationNs(lat.lognormal.p99)}`);
    }
  });

  const wm = s.host.memory.watermarks;
  if (wm) {
    const w = ['host', 'memory', 'watermarks'];
    if (wm.low < wm.min) err([...w, 'low'], `must be at least min (${formatBytes(wm.min)}), got ${formatBytes(wm.low)}`);
    if (wm.high < wm.low) err([...w, 'high'], `must be at least low (${formatBytes(wm.low)}), got ${formatBytes(wm.high)}`);
    if (wm.high >= s.host.memory.per_node) {
      err([...w, 'high'], `must be below the node's memory (per_node ${formatBytes(s.host.memory.per_node)}), got ${formatBytes(wm.high)}`);
    }
  }

  if (s.sample > s.duration) err(['sample'], `must not exceed duration (${formatDurationNs(s.duration)}), got ${formatDurationNs(s.sample)}`);

  s.events.forEach((e, i) => {
    if (e.at > s.duration) err(['events', i, 'at'], `is after the end of the run (duration ${formatDurationNs(s.duration)}), got ${formatDurationNs(e.at)}`);
    if ('memory_pressure' in e) {
      const mp = e.memory_pressure;
      if (mp.node >= nodes) err(['events', i, 'memory_pressure', 'node'], `must be below host.memory.numa_nodes (${nodes}), got ${mp.node}`);
      if (mp.allocate === undefined && mp.release === undefined) err(['events', i, 'memory_pressure'], 'needs allocate or release (or both)');
      return;
    }
    const kind = Object.keys(e).find((k) => k !== 'at') as Exclude<keyof typeof e, 'at'>;
    const body = (e as Record<string, unknown>)[kind] as { nic: string; queues?: number[] };
    const nic = nicRef(['events', i, kind, 'nic'], body.nic);
    // A `bind` event may name any queue id: bind-rx itself answers an id >= real_num_rx_queues
    // with -EINVAL (the devmem-bind-errors reference scenario relies on it).
    if (nic && body.queues && kind !== 'bind') {
      body.queues.forEach((q, j) => { if (q >= nic.queues) err(['events', i, kind, 'queues', j], queueMsg(q, nic.name, nic.queues)); });
    }
  });
  return errors;
}

function queueMsg(q: number, nic: string, queues: number): string {
  return `queue ${q} does not exist: ${nic} has ${queues} queue${queues === 1 ? '' : 's'} (0-${queues - 1})`;
}
