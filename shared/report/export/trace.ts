// A run or compare document as Chrome trace-event JSON (the "JSON Object Format" that Perfetto UI and
// chrome://tracing load): one counter track ("ph": "C") per time-series column, one instant event
// ("ph": "i") per model event, process names as metadata ("ph": "M"). Timestamps are microseconds of
// simulated time from the start of the run. A measured series, when given, becomes counter tracks of
// its own process.
import type { RunDocument, Series } from '../../doc/runDocument';
import type { CompareDocument } from '../../doc/compareDocument';
import type { MeasuredDocument } from '../../doc/measuredDocument';

export type TraceEvent =
  | { name: string; ph: 'C'; ts: number; pid: number; args: Record<string, number> }
  | { name: string; ph: 'i'; s: 'g' | 'p' | 't'; ts: number; pid: number; tid: number; cat: string; args: Record<string, string> }
  | { name: 'process_name' | 'process_sort_index'; ph: 'M'; pid: number; args: { name?: string; sort_index?: number } };

export interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ns' | 'ms';
  otherData: Record<string, string>;
}

function seriesEvents(series: Series, pid: number, out: TraceEvent[]): void {
  const unit = new Map(series.meta.map((m) => [m.key, m.kind === 'delta' ? `${m.unit}/interval` : m.unit]));
  for (const [key, col] of Object.entries(series.columns)) {
    const arg = unit.get(key) ?? 'value';
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (!Number.isFinite(v)) continue;
      out.push({ name: key, ph: 'C', ts: series.t_ns[i] / 1e3, pid, args: { [arg]: v } });
    }
  }
}

function runEvents(doc: RunDocument, pid: number, label: string, out: TraceEvent[]): void {
  out.push({ name: 'process_name', ph: 'M', pid, args: { name: label } });
  out.push({ name: 'process_sort_index', ph: 'M', pid, args: { sort_index: pid } });
  seriesEvents(doc.series, pid, out);
  for (const e of doc.events) {
    out.push({
      name: e.message,
      ph: 'i',
      s: 'p',
      ts: e.t_ns / 1e3,
      pid,
      tid: 0,
      cat: e.source,
      args: { level: e.level, source: e.source },
    });
  }
}

function measuredEvents(m: MeasuredDocument, pid: number, out: TraceEvent[]): void {
  if (!m.series) return;
  out.push({ name: 'process_name', ph: 'M', pid, args: { name: `measured (${m.sources.map((s) => s.path).join(', ')})` } });
  const t0 = m.series.t_s[0];
  for (const [key, col] of Object.entries(m.series.columns)) {
    col.forEach((v, i) => out.push({ name: `measured ${key}`, ph: 'C', ts: (m.series!.t_s[i] - t0) * 1e6, pid, args: { value: v } }));
  }
}

export function runTrace(doc: RunDocument, measured?: MeasuredDocument): TraceFile {
  const ev: TraceEvent[] = [];
  runEvents(doc, 1, `netmem-workbench: ${doc.scenario.name} (seed ${doc.seed})`, ev);
  if (measured) measuredEvents(measured, 2, ev);
  return {
    traceEvents: ev,
    displayTimeUnit: 'ns',
    otherData: { tool: `${doc.tool.name} ${doc.tool.version}`, scenario: doc.scenario.name, seed: String(doc.seed) },
  };
}

export function compareTrace(doc: CompareDocument): TraceFile {
  const ev: TraceEvent[] = [];
  let pid = 1;
  doc.runs.forEach((reps, i) =>
    reps.forEach((run, r) => {
      runEvents(run, pid++, `${doc.points[i].label || 'baseline'} · repeat ${r + 1} (seed ${run.seed})`, ev);
    }),
  );
  return {
    traceEvents: ev,
    displayTimeUnit: 'ns',
    otherData: { tool: `${doc.tool.name} ${doc.tool.version}`, scenario: doc.scenario_name },
  };
}
