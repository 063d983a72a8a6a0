// A valid scenario can still ask for more than a host can hold: a series of billions of samples, a
// dma-buf of a terabyte (one net_iov per page), millions of posted buffers. The run estimate
// (shared/sim/engine/estimate.ts) is checked against a budget before anything runs, and an excess
// is refused like any other error: located at the key that drives it, with the figure.
import { providerBytes } from '../providers/registry';
import type { ScenarioError } from '../../scenario/scenarioError';
import { BYTES_PER_NET_IOV, BYTES_PER_SAMPLE_VALUE, estimateRun, type RunEstimate } from '../engine/estimate';
import type { Scenario } from '../../scenario/schema';
import { formatBytes, formatDurationNs } from '../../doc/units';
import { formatPath, locate, type PathSegment, type YamlSource } from '../../scenario/yamlSource';

/**
 * Sample values (rows × columns) a full series may hold: 2^24, 136 MiB as numbers, and its JSON
 * (about 20 characters a value) stays below V8's longest string.
 */
export const SERIES_VALUE_LIMIT = 2 ** 24;
/** Estimated memory one run may use (series, posted buffers, net_iovs). */
export const RUN_MEMORY_BUDGET = 1024 ** 3;

/** 3.6e9, 16,384, 2.3e11: exact below ten million, then in powers of ten. */
export function countText(n: number): string {
  return n < 1e7 ? Math.round(n).toLocaleString('en-US') : n.toExponential(1).replace('e+', 'e');
}

/** `60min`, `1.5s`, `1us`: minutes from one minute up. */
function durText(ns: number): string {
  return ns >= 60e9 && ns % 60e9 === 0 ? `${ns / 60e9}min` : formatDurationNs(ns);
}

/** The shortest sample interval that keeps the full series within the limit, rounded up to a round figure. */
function minimumSample(s: Scenario, e: RunEstimate): string {
  const ns = Math.ceil((s.duration * (e.columns + 1)) / SERIES_VALUE_LIMIT);
  const unit = ns >= 1e9 ? 1e9 : ns >= 1e6 ? 1e6 : ns >= 1e3 ? 1e3 : 1;
  const lead = 10 ** Math.floor(Math.log10(ns / unit));
  return durText(Math.ceil(ns / unit / lead) * lead * unit);
}

export interface BudgetProblem {
  path: PathSegment[];
  message: string;
}

export function budgetProblems(s: Scenario, e: RunEstimate = estimateRun(s)): BudgetProblem[] {
  const out: BudgetProblem[] = [];
  const values = e.rows * (e.columns + 1);
  if (s.series !== 'decimated' && values > SERIES_VALUE_LIMIT) {
    out.push({
      path: ['sample'],
      message:
        `sample: ${durText(s.sample)} over ${durText(s.duration)} = ${countText(e.samples)} samples × ${countText(e.columns)} columns ` +
        `= ${countText(values)} values (${formatBytes(values * BYTES_PER_SAMPLE_VALUE)}); a run keeps at most ${countText(SERIES_VALUE_LIMIT)} ` +
        `(${formatBytes(SERIES_VALUE_LIMIT * BYTES_PER_SAMPLE_VALUE)}): use a sample of at least ${minimumSample(s, e)}, a shorter duration, ` +
        'or series: decimated (each bucket of samples kept as its min and max; counters stay exact)',
    });
    return out;
  }
  if (e.bytes.total <= RUN_MEMORY_BUDGET) return out;
  const over = `the run would need about ${formatBytes(e.bytes.total)}, over the ${formatBytes(RUN_MEMORY_BUDGET)} a run may use`;
  if (e.bytes.netIovs >= e.bytes.buffers && e.bytes.netIovs >= e.bytes.series) {
    const i = e.perNic.reduce((best, n, k) => (n.netIovs > e.perNic[best].netIovs ? k : best), 0);
    const prov = s.nics[i].provider;
    const size = prov ? providerBytes(prov) : 0;
    const room = RUN_MEMORY_BUDGET - (e.bytes.total - e.perNic[i].netIovs * BYTES_PER_NET_IOV);
    const maxSize = Math.max(0, Math.floor(room / BYTES_PER_NET_IOV)) * 4096;
    out.push({
      path: ['nics', i, 'provider', 'size'],
      message:
        `a ${formatBytes(size)} dma-buf is ${countText(e.perNic[i].netIovs)} net_iovs (one per 4 KiB page) × ${BYTES_PER_NET_IOV} bytes; ${over}. ` +
        `The model needs net_iovs only for buffers in flight: at most ${formatBytes(maxSize)} here`,
    });
  } else if (e.bytes.buffers >= e.bytes.series) {
    const i = e.perNic.reduce((best, n, k) => (n.buffers > e.perNic[best].buffers ? k : best), 0);
    const nics = s.nics.length;
    const shape =
      nics > 1
        ? `${nics} NICs, up to ${s.nics[i].queues} queues × ${e.perNic[i].ring} descriptors`
        : `${s.nics[i].queues} queues × ${e.perNic[i].ring} descriptors`;
    out.push({
      path: ['nics', i, s.nics[i].ring !== undefined ? 'ring' : 'queues'],
      message: `${shape} = ${countText(e.buffers)} posted buffers; ${over}`,
    });
  } else {
    out.push({ path: ['sample'], message: `the time series (${countText(values)} values) and the rest of the run: ${over}` });
  }
  return out;
}

export function budgetErrors(s: Scenario, source?: YamlSource): ScenarioError[] {
  return budgetProblems(s).map((p) => {
    const pos = locate(source, p.path);
    return { path: formatPath(p.path), line: pos.line, col: pos.col, message: p.message };
  });
}
