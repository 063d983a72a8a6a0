// The run's time series as CSV: one row per sample, one column per metric. The header names each
// column with its unit and kind, e.g. `nic/eth0/rx_packets [packets/interval]`, `pool/1/inflight [buffers]`.
import type { Series } from '../../shared/sim/result/runDocument';

function cell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function seriesToCsv(series: Series): string {
  const metaByKey = new Map(series.meta.map((m) => [m.key, m]));
  const keys = [...series.meta.map((m) => m.key).filter((k) => k in series.columns),
    ...Object.keys(series.columns).filter((k) => !metaByKey.has(k))];
  const header = ['t_ns [ns]', ...keys.map((k) => {
    const m = metaByKey.get(k);
    if (!m) return k;
    return `${k} [${m.unit}${m.kind === 'delta' ? '/interval' : ''}]`;
  })];
  const lines = [header.map(cell).join(',')];
  const cols = keys.map((k) => series.columns[k]);
  for (let r = 0; r < series.t_ns.length; r++) {
    let line = String(series.t_ns[r]);
    for (const c of cols) line += `,${c[r] ?? ''}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
