// --measured FILE for run, compare and report: read a measured@1 document (written by `cli
// import`), and the overlay tables printed after a run's summary or a comparison's table.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MeasuredDocumentError, readMeasuredDocument } from '../../shared/measured/readMeasured';
import type { MeasuredDocument } from '../../shared/doc/measuredDocument';
import type { Overlay } from '../../shared/measured/overlay';
import type { CompareOverlay } from '../../shared/measured/compareOverlay';
import type { HistogramOverlay } from '../../shared/measured/histogramOverlay';
import { bucketLabel } from '../../shared/report/model/measuredHistograms';
import { relErrorText } from '../../shared/report/model/measuredSection';
import { InputError } from './command';
import { renderTable } from './table';

export async function readMeasuredFile(file: string, cwd: string): Promise<MeasuredDocument> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(path.resolve(cwd, file), 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : `not valid JSON: ${(e as Error).message}`}`,
    );
  }
  try {
    return readMeasuredDocument(data, file);
  } catch (e) {
    if (e instanceof MeasuredDocumentError) throw new InputError(e.message);
    throw e;
  }
}

function num(v: number, share: boolean): string {
  if (share) return `${(v * 100).toPrecision(4)} %`;
  return Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
}

export function formatOverlay(o: Overlay | null, measuredFile: string): string {
  if (!o) return `measured (${measuredFile}): no page_pool counters or in-flight figures to compare\n`;
  const share = o.basis === 'share_of_allocations';
  const rows = o.rows.map((r) => [
    r.counter,
    num(r.model, share && !r.counter.startsWith('inflight')),
    num(r.measured, share && !r.counter.startsWith('inflight')),
    relErrorText(r.rel_error),
  ]);
  const basis = o.basis === 'per_s' ? 'counters per second; ' : share ? 'counters as a share of allocations; ' : '';
  return `\nmodel beside measured (${basis}in-flight in buffers; ${o.measured_from}; ${measuredFile})\n${renderTable(
    [
      { header: 'counter' },
      { header: 'model', align: 'right' },
      { header: 'measured', align: 'right' },
      { header: 'rel. error', align: 'right' },
    ],
    rows,
    '  ',
  )}\n`;
}

/** The comparison's overlay: the measured figure, then each point's model and its relative error. */
export function formatCompareOverlay(o: CompareOverlay | null, measuredFile: string): string {
  if (!o) return `measured (${measuredFile}): no page_pool counters or in-flight figures to compare\n`;
  const share = o.basis === 'share_of_allocations';
  const fmt = (counter: string, v: number) => num(v, share && !counter.startsWith('inflight'));
  const rows = o.rows.map((r) => [
    r.counter,
    fmt(r.counter, r.measured),
    ...r.points.map((p) => (p ? `${fmt(r.counter, p.model)} (${relErrorText(p.rel_error)})` : '—')),
  ]);
  const mean = (v: number | null) => (v === null ? '—' : String(Number(v.toPrecision(6))));
  for (const h of o.histograms) {
    rows.push([
      `${h.map} mean`,
      mean(h.measured_mean),
      ...h.points.map((p) =>
        p && p.model_mean !== null ? `${mean(p.model_mean)} (${p.mean_rel_error === null ? '—' : relErrorText(p.mean_rel_error)})` : '—',
      ),
    ]);
  }
  const basis = o.basis === 'per_s' ? 'counters per second; ' : share ? 'counters as a share of allocations; ' : '';
  const hist = o.histograms.length ? '; histogram means from bucket midpoints' : '';
  return `\nmodel beside measured (${basis}in-flight in buffers; ${o.measured_from}; ${measuredFile}; each point's model is its repeat 0, relative error in brackets${hist})\n${renderTable(
    [
      { header: 'counter' },
      { header: 'measured', align: 'right' },
      ...o.point_labels.map((l, i) => ({ header: `[${i}] ${l}`, align: 'right' as const })),
    ],
    rows,
    '  ',
  )}\n`;
}

/** Each bpftrace in-flight histogram beside the model's in-flight samples, bucket by bucket. */
export function formatHistogramOverlays(hs: readonly HistogramOverlay[], measuredFile: string): string {
  return hs
    .map((h) => {
      const share = (v: number) => `${(v * 100).toPrecision(4)} %`;
      const rows = h.buckets.map((b) => [
        bucketLabel(b),
        String(b.measured_count),
        share(b.measured_share),
        String(b.model_count),
        share(b.model_share),
        b.rel_error === null ? '—' : relErrorText(b.rel_error),
      ]);
      const mean = (v: number | null) => (v === null ? '—' : String(Number(v.toPrecision(6))));
      rows.push([
        'mean (bucket midpoints)',
        '',
        mean(h.measured_mean),
        '',
        mean(h.model_mean),
        h.mean_rel_error === null ? '—' : relErrorText(h.mean_rel_error),
      ]);
      return `\nin-flight histogram ${h.map} (${measuredFile}; ${h.keys} key${h.keys === 1 ? '' : 's'} pooled, ${h.measured_samples} samples at hold/release events) beside the model's in-flight samples (${h.model_samples}, every pool at every sample tick)\n${renderTable(
        [
          { header: 'in flight' },
          { header: 'measured', align: 'right' },
          { header: 'share', align: 'right' },
          { header: 'model', align: 'right' },
          { header: 'share', align: 'right' },
          { header: 'rel. error', align: 'right' },
        ],
        rows,
        '  ',
      )}\n`;
    })
    .join('');
}
