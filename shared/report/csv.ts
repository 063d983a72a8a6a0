// Time series as CSV. A run: one row per sample, one column per series column, the header naming
// each with its unit (`nic/eth0/rx_packets [packets/interval]` for deltas, `pool/1/inflight [buffers]`
// for gauges) — the same header convention as `cli run --csv`. A comparison: one long-format file,
// the columns of every run side by side under a leading `run` column (+ point, repeat, seed).
// Numbers are written with JavaScript's shortest round-trip form, so parsing gives them back exactly.
import type { RunDocument, Series, SeriesColumnMeta } from '../doc/runDocument';
import type { CompareDocument } from '../doc/compareDocument';

export const T_HEADER = 't_ns [ns, end of interval]';

export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function columnHeader(key: string, meta: SeriesColumnMeta | undefined): string {
  return meta ? `${key} [${meta.unit}${meta.kind === 'delta' ? '/interval' : ''}]` : key;
}

/** Column keys in meta order, then any column without meta. */
export function seriesKeys(series: Series): string[] {
  const withMeta = series.meta.map((m) => m.key).filter((k) => k in series.columns);
  const known = new Set(withMeta);
  return [...withMeta, ...Object.keys(series.columns).filter((k) => !known.has(k))];
}

export function runSeriesCsv(doc: RunDocument): string {
  const s = doc.series;
  const keys = seriesKeys(s);
  const meta = new Map(s.meta.map((m) => [m.key, m]));
  const lines = [[T_HEADER, ...keys.map((k) => columnHeader(k, meta.get(k)))].map(csvField).join(',')];
  const cols = keys.map((k) => s.columns[k]);
  for (let r = 0; r < s.t_ns.length; r++) {
    let line = String(s.t_ns[r]);
    for (const c of cols) line += `,${c[r] ?? ''}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

export function compareSeriesCsv(doc: CompareDocument): string {
  const keys: string[] = [];
  const seen = new Set<string>();
  const meta = new Map<string, SeriesColumnMeta>();
  for (const row of doc.runs)
    for (const run of row) {
      for (const m of run.series.meta) if (!meta.has(m.key)) meta.set(m.key, m);
      for (const k of seriesKeys(run.series))
        if (!seen.has(k)) {
          seen.add(k);
          keys.push(k);
        }
    }
  const lines = [['run', 'point', 'repeat', 'seed', T_HEADER, ...keys.map((k) => columnHeader(k, meta.get(k)))].map(csvField).join(',')];
  doc.runs.forEach((row, p) =>
    row.forEach((run, r) => {
      const label = csvField(doc.points[p]?.label ?? `point ${p}`);
      const cols = keys.map((k) => run.series.columns[k]);
      const prefix = `${label},${p},${r},${run.seed}`;
      for (let i = 0; i < run.series.t_ns.length; i++) {
        let line = `${prefix},${run.series.t_ns[i]}`;
        for (const c of cols) line += `,${c ? (c[i] ?? '') : ''}`;
        lines.push(line);
      }
    }),
  );
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Header `key [unit…]` → key. */
export const keyOfHeader = (h: string): string => h.replace(/ \[[^\]]*\]$/, '');
