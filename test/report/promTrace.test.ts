// `report --format prom` and `--format trace`. The Prometheus output passes a validator of the text
// exposition format written here (the rules `promtool check metrics` applies to names, HELP/TYPE
// lines, label escaping and series); the trace passes a check of the trace-event JSON Object Format
// that Perfetto UI documents for its JSON importer.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../electron/host/report/exporter';
import { nodeEthtoolName } from '../../shared/report/export/prom';
import { PromWriter } from '../../shared/report/export/promText';
import { PP_STAT_ETHTOOL } from '../../shared/doc/runDocument';
import { pressureCompare, pressureRun } from './fixtures';

interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parse and check Prometheus text format 0.0.4; throws on the first violation with its line. */
function validateProm(text: string): PromSample[] {
  const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const closed = new Set<string>();
  const seen = new Set<string>();
  const samples: PromSample[] = [];
  let current = '';
  if (!text.endsWith('\n')) throw new Error('the file must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    const at = `line ${i + 1}`;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) throw new Error(`${at}: comment is neither HELP nor TYPE`);
      if (!NAME.test(m[2])) throw new Error(`${at}: bad metric name ${m[2]}`);
      if (m[1] === 'TYPE') {
        if (types.has(m[2])) throw new Error(`${at}: second TYPE for ${m[2]}`);
        if (!['counter', 'gauge', 'untyped', 'histogram', 'summary'].includes(m[3])) throw new Error(`${at}: bad type ${m[3]}`);
        if (seen.has(m[2])) throw new Error(`${at}: TYPE after samples of ${m[2]}`);
        types.set(m[2], m[3]);
      } else {
        if (helps.has(m[2])) throw new Error(`${at}: second HELP for ${m[2]}`);
        if (/\\[^\\n]/.test(m[3].replace(/\\\\/g, ''))) throw new Error(`${at}: bad escape in HELP`);
        helps.add(m[2]);
      }
      if (current && current !== m[2]) closed.add(current);
      if (closed.has(m[2])) throw new Error(`${at}: family ${m[2]} continued after another family`);
      current = m[2];
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`${at}: not a sample line: ${line}`);
    const name = m[1];
    if (!types.has(name)) throw new Error(`${at}: sample of ${name} before its TYPE`);
    if (name !== current) throw new Error(`${at}: sample of ${name} inside family ${current}`);
    const labels: Record<string, string> = {};
    if (m[3] !== undefined && m[3] !== '') {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
      let pos = 0;
      while (pos < m[3].length) {
        re.lastIndex = pos;
        const l = re.exec(m[3]);
        if (!l) throw new Error(`${at}: bad label syntax at ${m[3].slice(pos)}`);
        if (l[1] in labels) throw new Error(`${at}: label ${l[1]} twice`);
        if (l[1].startsWith('__')) throw new Error(`${at}: reserved label ${l[1]}`);
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
        pos = re.lastIndex;
      }
    }
    if (!/^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|[+-]Inf)$/.test(m[4])) throw new Error(`${at}: bad value ${m[4]}`);
    const id = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(id)) throw new Error(`${at}: duplicate series ${id}`);
    seen.add(id);
    seen.add(name);
    samples.push({ name, labels, value: m[4] === 'NaN' ? Number.NaN : Number(m[4].replace('Inf', 'Infinity')) });
  });
  return samples;
}

describe('Prometheus export', () => {
  it('a run passes the text-format rules, with node_ethtool_* page_pool counters per device', async () => {
    const doc = pressureRun();
    const text = (await renderReport(doc, 'prom')) as string;
    const samples = validateProm(text);
    const fast = samples.find((s) => s.name === 'node_ethtool_received_pp_alloc_fast');
    expect(fast?.labels).toEqual({ device: 'eth0' });
    expect(fast?.value).toBe(doc.pools.filter((p) => p.nic === 'eth0').reduce((a, p) => a + p.stats.alloc_fast, 0));
    expect(text).toContain('# TYPE node_ethtool_received_pp_alloc_fast untyped\n');
    expect(text).toContain('# HELP node_ethtool_received_pp_alloc_fast Network interface rx_pp_alloc_fast\n');
    const inflight = samples.filter((s) => s.name === 'netmem_workbench_page_pool_inflight');
    expect(inflight.map((s) => Number(s.labels.pool))).toEqual(doc.pools.map((p) => p.id));
  });

  it('a comparison labels every run by point and repeat, still valid', async () => {
    const samples = validateProm((await renderReport(pressureCompare(), 'prom')) as string);
    const info = samples.filter((s) => s.name === 'netmem_workbench_run_info');
    const cmp = pressureCompare();
    expect(info.map((s) => [s.labels.point, s.labels.repeat])).toEqual(
      cmp.points.flatMap((p) => p.seeds.map((_, r) => [p.label, String(r)])),
    );
  });

  it('names follow node_exporter buildEthtoolFQName', () => {
    expect(Object.values(PP_STAT_ETHTOOL).map(nodeEthtoolName)).toContain('node_ethtool_received_pp_alloc_slow_ho');
    expect(nodeEthtoolName('tx-0.packets')).toBe('node_ethtool_transmitted_0_packets');
    expect(nodeEthtoolName('rx0_pp_alloc_fast')).toBe('node_ethtool_rx0_pp_alloc_fast');
  });

  it('label values are escaped, and the validator catches what the writer must never emit', () => {
    const w = new PromWriter();
    w.add('a_total', 'counter', 'help with \\ and\nnewline', { device: 'we"ird\\dev\nx' }, 1);
    const text = w.render();
    expect(text).toBe('# HELP a_total help with \\\\ and\\nnewline\n# TYPE a_total counter\na_total{device="we\\"ird\\\\dev\\nx"} 1\n');
    expect(validateProm(text)[0].labels.device).toBe('we"ird\\dev\nx');
    expect(() => w.add('a_total', 'counter', 'h', { device: 'we"ird\\dev\nx' }, 2)).toThrow(/duplicate Prometheus series/);
    expect(() => w.add('1bad', 'gauge', 'h', {}, 1)).toThrow(/invalid Prometheus metric name/);
    expect(() => validateProm('x 1\n')).toThrow(/before its TYPE/);
    expect(() => validateProm('# TYPE x gauge\nx{a="b} 1\n')).toThrow(/bad label syntax/);
    expect(() => validateProm('# TYPE x gauge\n# TYPE y gauge\ny 1\nx 1\n')).toThrow(/inside family y/);
    expect(() => validateProm('# TYPE x gauge\nx 1\nx 2\n')).toThrow(/duplicate series/);
  });
});

/** The trace-event JSON Object Format as Perfetto's importer reads it. */
function validateTrace(text: string): { counters: number; instants: number; names: Set<string> } {
  const t = JSON.parse(text) as { traceEvents?: unknown };
  if (!Array.isArray(t.traceEvents)) throw new Error('traceEvents must be an array');
  let counters = 0;
  let instants = 0;
  const names = new Set<string>();
  for (const [i, e] of (t.traceEvents as Record<string, unknown>[]).entries()) {
    const at = `traceEvents[${i}]`;
    if (typeof e.ph !== 'string' || typeof e.name !== 'string' || typeof e.pid !== 'number')
      throw new Error(`${at}: ph, name and pid are required`);
    if (e.ph === 'M') {
      if (typeof e.args !== 'object') throw new Error(`${at}: metadata needs args`);
      continue;
    }
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0)
      throw new Error(`${at}: ts must be a finite number of microseconds`);
    if (e.ph === 'C') {
      const args = e.args as Record<string, unknown> | undefined;
      if (!args || !Object.keys(args).length || !Object.values(args).every((v) => typeof v === 'number' && Number.isFinite(v)))
        throw new Error(`${at}: a counter's args are numbers`);
      counters++;
      names.add(e.name);
    } else if (e.ph === 'i' || e.ph === 'I') {
      if (!['g', 'p', 't'].includes(e.s as string)) throw new Error(`${at}: instant scope s must be g, p or t`);
      if (e.s === 't' && typeof e.tid !== 'number') throw new Error(`${at}: thread-scoped instant needs tid`);
      instants++;
    } else throw new Error(`${at}: unexpected phase ${String(e.ph)}`);
  }
  return { counters, instants, names };
}

describe('trace export', () => {
  it('a run: one counter track per series column, one instant per event', async () => {
    const doc = pressureRun();
    const r = validateTrace((await renderReport(doc, 'trace')) as string);
    expect([...r.names].sort()).toEqual(Object.keys(doc.series.columns).sort());
    expect(r.instants).toBe(doc.events.length);
    expect(r.counters).toBe(Object.values(doc.series.columns).reduce((a, c) => a + c.filter(Number.isFinite).length, 0));
  });

  it('a comparison: one process per run', async () => {
    const cmp = pressureCompare();
    const t = JSON.parse((await renderReport(cmp, 'trace')) as string) as { traceEvents: { ph: string; name: string; pid: number }[] };
    validateTrace(JSON.stringify(t));
    expect(t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').length).toBe(cmp.runs.flat().length);
  });

  it('the checker refuses what Perfetto would not load', () => {
    expect(() => validateTrace('{"traceEvents": [{"ph": "C", "name": "x", "pid": 1, "ts": 1, "args": {"v": "a"}}]}')).toThrow(
      /counter's args are numbers/,
    );
    expect(() => validateTrace('{"traceEvents": [{"ph": "i", "name": "x", "pid": 1, "ts": 1}]}')).toThrow(/scope/);
  });
});
