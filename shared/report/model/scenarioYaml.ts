// A parsed Scenario (base units: ns, bytes, bit/s) written back as a scenario file with units,
// for reports built from a run.json where the original YAML text is not at hand. The result
// parses back to the same Scenario (tested), so the appendix stays a reproducible input.
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { Scenario } from '../../scenario/schema';

/** Largest unit that divides the value exactly; falls back to the base unit. */
function exact(v: number, units: readonly [string, number][], base: string | null): string | number {
  for (const [u, m] of units) if (v !== 0 && v % m === 0) return `${v / m}${u}`;
  return base === null ? v : `${v}${base}`;
}

export const durationText = (ns: number): string =>
  String(
    exact(
      ns,
      [
        ['s', 1e9],
        ['ms', 1e6],
        ['us', 1e3],
      ],
      'ns',
    ),
  );
export const bytesText = (b: number): string | number =>
  exact(
    b,
    [
      ['TiB', 1024 ** 4],
      ['GiB', 1024 ** 3],
      ['MiB', 1024 ** 2],
      ['KiB', 1024],
    ],
    null,
  );
export const bitRateText = (bps: number): string =>
  String(
    exact(
      bps,
      [
        ['Tbit', 1e12],
        ['Gbit', 1e9],
        ['Mbit', 1e6],
        ['kbit', 1e3],
      ],
      'bit',
    ),
  );
export const packetRateText = (pps: number): string =>
  String(
    exact(
      pps,
      [
        ['Gpps', 1e9],
        ['Mpps', 1e6],
        ['kpps', 1e3],
      ],
      'pps',
    ),
  );

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function latencyText(l: unknown): unknown {
  if (typeof l === 'number') return durationText(l);
  if (!isObj(l)) return l;
  if (typeof l.fixed === 'number') return { fixed: durationText(l.fixed) };
  if (isObj(l.exponential)) return { exponential: { mean: durationText(l.exponential.mean as number) } };
  if (isObj(l.lognormal))
    return { lognormal: { median: durationText(l.lognormal.median as number), p99: durationText(l.lognormal.p99 as number) } };
  return l;
}

function eventWithUnits(e: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'at') {
      out.at = durationText(v as number);
      continue;
    }
    if (!isObj(v)) {
      out[k] = v;
      continue;
    }
    const body: Obj = {};
    for (const [bk, bv] of Object.entries(v)) {
      if (bv === undefined) continue;
      if ((bk === 'allocate' || bk === 'release') && typeof bv === 'number') body[bk] = bytesText(bv);
      else if ((bk === 'over' || bk === 'for') && typeof bv === 'number') body[bk] = durationText(bv);
      else body[bk] = bv;
    }
    out[k] = body;
  }
  return out;
}

/** Scenario (parsed) → plain data with units as a person writes them. */
export function scenarioToInput(s: Scenario): Obj {
  const clone = JSON.parse(JSON.stringify(s)) as Obj;
  clone.duration = durationText(s.duration);
  clone.sample = durationText(s.sample);
  const mem = (clone.host as Obj).memory as Obj;
  mem.per_node = bytesText(s.host.memory.per_node);
  if (s.host.memory.watermarks) {
    const w = s.host.memory.watermarks;
    mem.watermarks = { min: bytesText(w.min), low: bytesText(w.low), high: bytesText(w.high) };
  }
  clone.nics = s.nics.map((n, i) => {
    const o = (clone.nics as Obj[])[i];
    o.link = bitRateText(n.link);
    if (n.provider?.kind === 'dmabuf') (o.provider as Obj).size = bytesText(n.provider.size);
    else if (n.provider?.kind === 'zcrx') (o.provider as Obj).area_size = bytesText(n.provider.area_size);
    (o.napi as Obj).gro_flush_timeout = durationText(n.napi.gro_flush_timeout);
    return o;
  });
  clone.traffic = s.traffic.map((t, i) => {
    const o = (clone.traffic as Obj[])[i];
    o.rate = t.rate === 'line' ? 'line' : typeof t.rate === 'number' ? bitRateText(t.rate) : packetRateText(t.rate.pps);
    o.start = durationText(t.start);
    if (typeof t.arrival === 'object')
      o.arrival = { on_off: { on: durationText(t.arrival.on_off.on), off: durationText(t.arrival.on_off.off) } };
    if (t.stop !== undefined) o.stop = durationText(t.stop);
    return o;
  });
  clone.consumer = s.consumer.map((c, i) => {
    const o = (clone.consumer as Obj[])[i];
    o.read_latency = latencyText(c.read_latency);
    if (c.dontneed) (o.dontneed as Obj).every = durationText(c.dontneed.every);
    if (c.busy_poll) (o.busy_poll as Obj).usecs = durationText(c.busy_poll.usecs);
    return o;
  });
  clone.events = (clone.events as Obj[]).map(eventWithUnits);
  return clone;
}

/** YAML text of a parsed scenario, headed by a comment saying where it came from. */
export function scenarioToYaml(s: Scenario): string {
  const doc = new Document(scenarioToInput(s));
  // Lists of scalars (queues, cores, compare values) read best on one line, as people write them.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  return '# Regenerated from the run document (defaults filled in); parses to the scenario that ran.\n' + doc.toString({ lineWidth: 0 });
}
