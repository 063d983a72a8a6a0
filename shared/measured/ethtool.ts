// `ethtool -S <dev>` output: the "NIC statistics:" block of `name: value` lines. page_pool counters
// come under two naming schemes: the generic strings of net/core/page_pool.c
// (page_pool_ethtool_stats_get_strings: rx_pp_alloc_fast … rx_pp_alloc_slow_ho …
// rx_pp_recycle_released_ref) and the names drivers print themselves: mlx5 en_stats.c prints
// rx_pp_alloc_slow_high_order for the same counter, per queue rx<N>_pp_*, and the header-split
// pool as rx_pp_hd_*. Other counters are kept by name. Timestamps and device names: see
// docs/model/measured-data.md (a `date +%s.%N` line, a `watch` header, an `ethtool -S dev` line).
import type { PpStatName } from '../doc/runDocument';
import { MeasuredParseError, numberedLines } from './located';
import type { MeasuredDevice, PartialStats, Snapshot } from '../doc/measuredDocument';

/** Counter suffix after `rx_pp_` / `rx<N>_pp_` / `rx_pp_hd_` → model counter. */
const PP_SUFFIX: Record<string, PpStatName> = {
  alloc_fast: 'alloc_fast',
  alloc_slow: 'alloc_slow',
  alloc_slow_ho: 'alloc_slow_high_order', // net/core/page_pool.c pp_stats[]
  alloc_slow_high_order: 'alloc_slow_high_order', // mlx5 en_stats.c
  alloc_empty: 'alloc_empty',
  alloc_refill: 'alloc_refill',
  alloc_waive: 'alloc_waive',
  recycle_cached: 'recycle_cached',
  recycle_cache_full: 'recycle_cache_full',
  recycle_ring: 'recycle_ring',
  recycle_ring_full: 'recycle_ring_full',
  recycle_released_ref: 'recycle_released_refcnt',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The time a `watch` header line states (its ctime date), in seconds; null if it has none. */
export function watchHeaderTime(line: string): number | null {
  const m = /(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/.exec(line);
  if (!m) return null;
  const mon = MONTHS.indexOf(m[1]);
  if (mon < 0) return null;
  return Date.UTC(Number(m[6]), mon, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) / 1000;
}

type Target =
  { kind: 'total'; stat: PpStatName } | { kind: 'header'; stat: PpStatName } | { kind: 'queue'; queue: number; stat: PpStatName } | null;

function classify(name: string): Target {
  let m = /^rx_pp_hd_(\w+)$/.exec(name);
  if (m && PP_SUFFIX[m[1]]) return { kind: 'header', stat: PP_SUFFIX[m[1]] };
  m = /^rx_pp_(\w+)$/.exec(name);
  if (m && PP_SUFFIX[m[1]]) return { kind: 'total', stat: PP_SUFFIX[m[1]] };
  m = /^rx(\d+)_pp_(\w+)$/.exec(name);
  if (m && PP_SUFFIX[m[2]]) return { kind: 'queue', queue: Number(m[1]), stat: PP_SUFFIX[m[2]] };
  return null;
}

function addTo(dev: MeasuredDevice, name: string, value: number): boolean {
  const t = classify(name);
  if (!t) {
    if (name in dev.other) return false;
    dev.other[name] = value;
    return true;
  }
  let stats: PartialStats;
  if (t.kind === 'total') stats = dev.stats;
  else if (t.kind === 'header') stats = dev.header_pool ??= {};
  else {
    const queue = t.queue;
    let q = dev.queues.find((x) => x.queue === queue);
    if (!q) {
      q = { queue, stats: {} };
      dev.queues.push(q);
    }
    stats = q.stats;
  }
  if (stats[t.stat] !== undefined) return false;
  stats[t.stat] = value;
  return true;
}

/**
 * Parse `ethtool -S` output into snapshots. `defaultDevice` names the device when the file does not
 * (no `ethtool -S <dev>` line).
 */
export function parseEthtool(text: string, file: string, defaultDevice: string): Snapshot[] {
  const snaps: Snapshot[] = [];
  let t: number | null = null;
  let tPending = false;
  let device = defaultDevice;
  let cur: MeasuredDevice | null = null;
  let snap: Snapshot | null = null;
  const fail = (n: number, col: number, expected: string, found: string): never => {
    throw new MeasuredParseError(file, { line: n, column: col }, expected, found);
  };

  for (const { n, text: line } of numberedLines(text)) {
    if (/^\s*$/.test(line)) {
      cur = null;
      continue;
    }
    if (/^\s*NIC statistics:\s*$/.test(line)) {
      if (!snap || tPending || snap.devices.some((d) => d.device === device)) {
        snap = { stream: 'ethtool', t, pools: [], devices: [] };
        snaps.push(snap);
        tPending = false;
      }
      cur = { device, stats: {}, queues: [], other: {} };
      snap.devices.push(cur);
      continue;
    }
    const stat = /^(\s*)([^:\s][^:]*?):\s*(\S+)\s*$/.exec(line);
    if (stat && cur) {
      const raw = stat[3];
      if (!/^\d+$/.test(raw))
        fail(
          n,
          line.indexOf(raw, stat[1].length + stat[2].length) + 1,
          `a non-negative integer value for '${stat[2]}'`,
          JSON.stringify(raw),
        );
      const value = Number(raw);
      if (!Number.isSafeInteger(value)) fail(n, line.indexOf(raw) + 1, 'a counter below 2^53', raw);
      if (!addTo(cur, stat[2], value)) fail(n, stat[1].length + 1, `each counter once per 'NIC statistics:' block`, `'${stat[2]}' again`);
      continue;
    }
    const ts = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(line);
    if (ts) {
      t = Number(ts[1]);
      tPending = true;
      cur = null;
      continue;
    }
    if (/^\s*Every\s+[\d.]+s:/.test(line)) {
      const w = watchHeaderTime(line);
      if (w === null)
        fail(n, 1, 'a watch header ending in its date (e.g. "Tue Dec  1 16:16:34 2026")', JSON.stringify(line.trim().slice(0, 40)));
      t = w;
      tPending = true;
      cur = null;
      continue;
    }
    const cmd = /ethtool\s+(?:-S|--statistics)\s+(\S+)/.exec(line);
    if (cmd) {
      device = cmd[1];
      cur = null;
      continue;
    }
    fail(
      n,
      (/\S/.exec(line)?.index ?? 0) + 1,
      cur ? "a 'name: value' counter line" : "'NIC statistics:', a timestamp line or an 'ethtool -S <dev>' line",
      JSON.stringify(line.trim().slice(0, 40)),
    );
  }
  if (snaps.length === 0)
    throw new MeasuredParseError(file, { line: 1, column: 1 }, "an ethtool -S output ('NIC statistics:' block)", 'none');
  for (const s of snaps) for (const d of s.devices) d.queues.sort((a, b) => a.queue - b.queue);
  return snaps;
}
