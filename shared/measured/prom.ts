// Prometheus text (`--as prom`): what node_exporter's ethtool collector serves (or its textfile
// collector holds), and what `report --format prom` writes. node_ethtool_<name>{device} samples
// become devices (the page_pool ones by their rx_pp_* strings, see prom export); the model's
// netmem_workbench_page_pool_* samples become pools. Other families are skipped. One file is one
// snapshot (sample timestamps, if any, are not used).
import { PP_STAT_ETHTOOL, PP_STAT_NAMES, type PpStatName } from '../doc/runDocument';
import { nodeEthtoolName } from '../doc/promNames';
import { MeasuredParseError, numberedLines } from './located';
import type { MeasuredDevice, MeasuredPool, Snapshot } from '../doc/measuredDocument';

const NODE_PP: Map<string, PpStatName> = new Map([
  ...PP_STAT_NAMES.map((n): [string, PpStatName] => [nodeEthtoolName(PP_STAT_ETHTOOL[n]), n]),
  [nodeEthtoolName('rx_pp_alloc_slow_high_order'), 'alloc_slow_high_order'], // mlx5 en_stats.c
]);
const POOL_COUNTER = new Map(PP_STAT_NAMES.map((n): [string, PpStatName] => [`netmem_workbench_page_pool_${n}_total`, n]));

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

function labelsOf(text: string, file: string, n: number, col: number): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < text.length) {
    LABEL.lastIndex = pos;
    const m = LABEL.exec(text);
    if (!m)
      throw new MeasuredParseError(file, { line: n, column: col + pos }, 'a label name="value"', JSON.stringify(text.slice(pos, pos + 20)));
    out[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    pos = LABEL.lastIndex;
  }
  return out;
}

export function parseProm(text: string, file: string): Snapshot[] {
  const devices = new Map<string, MeasuredDevice>();
  const pools = new Map<number, MeasuredPool>();
  let used = 0;
  for (const { n, text: line } of numberedLines(text)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = SAMPLE.exec(line);
    if (!m)
      throw new MeasuredParseError(
        file,
        { line: n, column: 1 },
        'a sample line: name{label="value",…} value',
        JSON.stringify(line.slice(0, 40)),
      );
    const [, name, rawLabels, rawValue] = m;
    const value = rawValue === 'NaN' ? Number.NaN : Number(rawValue.replace(/Inf$/, 'Infinity'));
    if (Number.isNaN(value) && rawValue !== 'NaN')
      throw new MeasuredParseError(file, { line: n, column: line.lastIndexOf(rawValue) + 1 }, 'a number', JSON.stringify(rawValue));
    const labels = rawLabels !== undefined ? labelsOf(rawLabels, file, n, name.length + 2) : {};
    if ('point' in labels)
      throw new MeasuredParseError(
        file,
        { line: n, column: 1 },
        "a run's metrics (a comparison's have a point label: export one run)",
        'point="…"',
      );
    if (name.startsWith('node_ethtool_') && name !== 'node_ethtool_info') {
      const device = labels.device;
      if (device === undefined) throw new MeasuredParseError(file, { line: n, column: 1 }, `a device label on ${name}`, 'none');
      let d = devices.get(device);
      if (!d) {
        d = { device, stats: {}, queues: [], other: {} };
        devices.set(device, d);
      }
      const stat = NODE_PP.get(name);
      if (stat) d.stats[stat] = value;
      else d.other[name.slice('node_ethtool_'.length)] = value;
      used++;
      continue;
    }
    const counter = POOL_COUNTER.get(name);
    const gauge =
      name === 'netmem_workbench_page_pool_inflight'
        ? 'inflight'
        : name === 'netmem_workbench_page_pool_inflight_mem_bytes'
          ? 'inflight_mem'
          : null;
    if (counter || gauge) {
      const id = Number(labels.pool);
      if (!Number.isInteger(id))
        throw new MeasuredParseError(file, { line: n, column: 1 }, `a pool label on ${name}`, JSON.stringify(labels.pool ?? null));
      let p = pools.get(id);
      if (!p) {
        p = { id, ifindex: null };
        pools.set(id, p);
      }
      if (counter) (p.stats ??= {})[counter] = value;
      else if (gauge) p[gauge] = value;
      used++;
    }
  }
  if (!used) throw new MeasuredParseError(file, { line: 1, column: 1 }, 'node_ethtool_* or netmem_workbench_page_pool_* samples', 'none');
  const snaps: Snapshot[] = [];
  if (pools.size) snaps.push({ stream: 'ynl-page-pool-stats-get', t: null, pools: [...pools.values()], devices: [] });
  if (devices.size) snaps.push({ stream: 'ethtool', t: null, pools: [], devices: [...devices.values()] });
  return snaps;
}
